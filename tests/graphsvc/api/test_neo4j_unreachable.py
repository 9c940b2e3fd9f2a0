"""With Neo4j away, the service still starts: /health answers, /ready and data routes say
503 naming the URI, and start-up logs one line about it, not a traceback."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from graphsvc.api import create_app
from graphsvc.cli import app as cli_app
from graphsvc.settings import Settings
from tests.ports import free_port


@pytest.fixture
def closed_uri() -> str:
    return f"bolt://127.0.0.1:{free_port()}"


def test_api_without_neo4j(closed_uri: str, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(backend="neo4j", neo4j_uri=closed_uri, neo4j_password="x" * 8)
    with caplog.at_level(logging.WARNING), TestClient(create_app(settings)) as client:
        startup = [r for r in caplog.records if r.name == "graphsvc"]
        # One line about Neo4j (the access-model line, a warning with no key, is another).
        about_neo4j = [r for r in startup if closed_uri in r.getMessage()]
        assert len(about_neo4j) == 1
        assert all(r.exc_info is None for r in startup)
        assert client.get("/health").json() == {"status": "ok"}
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert ready.headers["content-type"] == "application/problem+json"
        assert closed_uri in ready.json()["detail"]
        stats = client.get("/stats")
        assert stats.status_code == 503 and closed_uri in stats.json()["detail"]


def test_cli_without_neo4j(closed_uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHSVC_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", closed_uri)
    result = CliRunner().invoke(cli_app, ["stats"])
    assert result.exit_code == 2
    assert closed_uri in result.stderr
    assert "Traceback" not in result.output


def test_neo4j_backend_needs_a_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("GRAPHSVC_NEO4J_URI", raising=False)
    with pytest.raises(ValueError, match="NEO4J_URI"):
        Settings(backend="neo4j")
