# The graphsvc API image (see docker-compose.yml for the Neo4j setup).

# Swagger UI for /docs, from the pinned npm package (served by graphsvc, no CDN).
FROM node:20-slim AS web
WORKDIR /web
COPY graphsvc/web/package.json graphsvc/web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY graphsvc ./graphsvc
COPY loaders ./loaders
COPY cypher ./cypher
COPY examples ./examples
COPY --from=web /web/node_modules ./web/node_modules
ENV GRAPHSVC_ASSETS_DIR=/app/web/node_modules
RUN pip install --no-compile . && useradd --create-home graphsvc && mkdir -p /app/data \
    && chown graphsvc /app/data
USER graphsvc

EXPOSE 8000
CMD ["graphsvc", "serve", "--host", "0.0.0.0", "--port", "8000"]
