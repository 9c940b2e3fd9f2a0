"""An app on a fresh embedded store per test, exercised through Starlette's TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.settings import Settings
from tests.conftest import EXAMPLES

MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    clients: list[TestClient] = []

    def make(**settings: object) -> TestClient:
        app = create_app(Settings(data_dir=tmp_path, **settings))
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


@pytest.fixture
def loaded_client(client: TestClient) -> TestClient:
    response = client.post(
        "/records",
        content=EXAMPLES.read_bytes(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    return client
