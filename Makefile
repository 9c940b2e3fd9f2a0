# graphsvc: `make install`, `make run`, `make test`, `make lint`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := examples/putin-assad-step-down.jsonl
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install graphsvc with its pinned dependencies.

run: $(STAMP) ## Load the example records and serve the API on the embedded store.
	$(BIN)/graphsvc load $(EXAMPLES)
	$(BIN)/graphsvc serve --host $(HOST) --port $(PORT)

test: $(STAMP) ## Run the whole test suite.
	$(BIN)/pytest

lint: $(STAMP) ## ruff lint and format check.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean: ## Remove the virtual environment and the local data directory.
	rm -rf $(VENV) data
