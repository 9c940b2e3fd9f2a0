"""The ceiling of bench/load.py: a hello-world FastAPI app, served by uvicorn as graphsvc is.

    .venv/bin/python -m uvicorn bench.hello_app:app --host 127.0.0.1 --port 8001

No store, no middleware, no logging: what one uvicorn worker and FastAPI's routing and
JSON response cost on this machine, measured by the same client as the real routes.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI(title="hello", openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/hello")
async def hello() -> dict[str, bool]:
    return {"ok": True}
