"""The `store` fixture: every contract test runs once per backend."""

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
def store(backend: str, tmp_path: Path) -> Iterator[GraphStore]:
    opened = open_backend(backend, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def loaded(store: GraphStore, example_batch: GraphBatch) -> GraphStore:
    store.write_batch(example_batch)
    return store
