"""The `store` fixture: every contract test runs once per backend, on an empty graph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphsvc.model import GraphBatch
from graphsvc.store.base import GraphStore
from tests.contract.backends import BACKENDS, open_backend


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def reopen(backend: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Open another store on the same data: the embedded folder or the same Neo4j."""
    target = request.getfixturevalue("neo4j_target") if backend == "neo4j" else None
    return lambda: open_backend(backend, tmp_path, target)


@pytest.fixture
def store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    target = None
    if backend == "neo4j":
        from tests.neo4j_fixture import wipe

        target = request.getfixturevalue("neo4j_target")
        wipe(target)
    opened = open_backend(backend, tmp_path, target)
    yield opened
    opened.close()


@pytest.fixture
def loaded(store: GraphStore, example_batch: GraphBatch) -> GraphStore:
    store.write_batch(example_batch)
    return store
