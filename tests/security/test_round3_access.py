"""Third red-team round, access: keys, MCP sessions and the Neo4j guide's address.

- Any key set means no anonymous writes: with only GRAPHSVC_READ_KEY set, writes and
  Cypher answered 200 to anyone and wrote. Every combination of keys (none, read only,
  API only, both) is checked against every route class (read, write, cypher) and every
  key a caller may present, on both stores, over the API and over MCP HTTP.
- One key could fill the MCP HTTP server's single session table (10,000 sessions, 30
  minutes idle) and lock every other caller out, the API key included.
- `/neo4j/guide.html` named whatever server the request's Host header said.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from mcp_types import CallToolResult

from graphsvc.api import create_app
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from tests.async_runner import run_async
from tests.conftest import EXAMPLES
from tests.contract.backends import BACKENDS, open_backend
from tests.e2e.server import ROOT
from tests.graphsvc.mcp.servers import http_server, http_session, mcp_env

READ_KEY = "round3-read-key-0123456789"
API_KEY = "round3-api-key-0123456789"
WRONG_KEY = "round3-not-a-key-012345"

#: The key combinations a deployment may set.
COMBINATIONS: dict[str, dict[str, str]] = {
    "none": {},
    "read_only": {"read_key": READ_KEY},
    "api_only": {"api_key": API_KEY},
    "both": {"read_key": READ_KEY, "api_key": API_KEY},
}
#: What a caller may present.
PRESENTED: dict[str, str | None] = {
    "nothing": None,
    "read_key": READ_KEY,
    "api_key": API_KEY,
    "wrong_key": WRONG_KEY,
}
ROUTE_CLASSES = ("read", "write", "cypher")


def _expected(combination: str, route_class: str, presented: str) -> int:
    """The API's status for one cell of the access model (docs/security.md)."""
    keys = COMBINATIONS[combination]
    if not keys:
        return 200  # no key set: open (and start-up warns)
    if route_class == "read":
        if "read_key" not in keys:
            return 200  # reads open with only the API key
        if presented == "nothing":
            return 401
        return 200 if PRESENTED[presented] in keys.values() else 403
    # writes and Cypher: the API key itself, and no one when it is not set
    if "api_key" not in keys:
        return 403
    if presented == "nothing":
        return 401
    return 200 if presented == "api_key" else 403


def _headers(presented: str) -> dict[str, str]:
    key = PRESENTED[presented]
    return {"Authorization": f"Bearer {key}"} if key else {}


def _count(store: GraphStore) -> dict[str, Any]:
    return store.stats().model_dump()


@pytest.fixture(scope="module", params=BACKENDS)
def api_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """A store of each backend holding the example records, shared by the module."""
    target = None
    if request.param == "neo4j":
        from tests.neo4j_fixture import wipe

        target = request.getfixturevalue("neo4j_target")
        wipe(target)
    store = open_backend(request.param, tmp_path_factory.mktemp("round3-api"), target)
    with TestClient(create_app(Settings(data_dir=tmp_path_factory.mktemp("x")), store)) as open_:
        loaded = open_.post(
            "/records",
            content=EXAMPLES.read_bytes(),
            headers={"content-type": "application/x-ndjson"},
        )
        assert loaded.status_code == 200, loaded.text
    yield store
    store.close()


def _request(client: TestClient, route_class: str, presented: str) -> httpx2.Response | Any:
    headers = _headers(presented)
    if route_class == "read":
        return client.get("/stats", headers=headers)
    if route_class == "write":
        # The example records again: a write that, when allowed, changes no count.
        return client.post(
            "/records",
            content=EXAMPLES.read_bytes(),
            headers={**headers, "content-type": "application/x-ndjson"},
        )
    return client.post(
        "/cypher", json={"query": "MATCH (a:Actor) RETURN count(a) AS n"}, headers=headers
    )


@pytest.mark.parametrize("route_class", ROUTE_CLASSES)
@pytest.mark.parametrize("combination", list(COMBINATIONS))
def test_api_access_per_key_combination_and_route_class(
    api_store: GraphStore, combination: str, route_class: str, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, **COMBINATIONS[combination])
    before = _count(api_store)
    with TestClient(create_app(settings, api_store)) as client:
        for presented in PRESENTED:
            answer = _request(client, route_class, presented)
            want = _expected(combination, route_class, presented)
            assert answer.status_code == want, (presented, answer.text)
            if want == 403 and route_class != "read" and "api_key" not in COMBINATIONS[combination]:
                assert "GRAPHSVC_API_KEY" in answer.json()["detail"]
    assert _count(api_store) == before


@pytest.mark.parametrize("path", ["/records", "/documents", "/cypher", "/actors/person:a/merge"])
def test_a_read_key_alone_refuses_every_write_naming_the_variable(
    api_store: GraphStore, path: str, tmp_path: Path
) -> None:
    """The finding itself: with only the read key, writes without a key answered 200."""
    before = _count(api_store)
    settings = Settings(data_dir=tmp_path, read_key=READ_KEY)
    body = {
        "/records": {"records": []},
        "/documents": {"text": "Putin met Assad in Moscow.", "published": "2016-01-22"},
        "/cypher": {"query": "RETURN 1 AS one"},
        "/actors/person:a/merge": {"into": "person:b"},
    }[path]
    with TestClient(create_app(settings, api_store)) as client:
        for presented in ("nothing", "read_key"):
            answer = client.post(path, json=body, headers=_headers(presented))
            assert answer.status_code == 403, answer.text
            assert "set GRAPHSVC_API_KEY" in answer.json()["detail"]
    assert _count(api_store) == before


@pytest.mark.parametrize(
    ("combination", "level", "says"),
    [
        ("none", logging.WARNING, "no key is set"),
        ("read_only", logging.INFO, "writes and Cypher are refused (read-only) until"),
        ("api_only", logging.INFO, "reads are open; writes and Cypher need GRAPHSVC_API_KEY"),
        ("both", logging.INFO, "reads need GRAPHSVC_READ_KEY or GRAPHSVC_API_KEY"),
    ],
)
def test_serve_logs_the_access_model_in_one_line_at_start_up(
    combination: str, level: int, says: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(data_dir=tmp_path, **COMBINATIONS[combination])
    with caplog.at_level(logging.INFO, logger="graphsvc"), TestClient(create_app(settings)):
        pass
    lines = [r for r in caplog.records if r.getMessage().startswith("access: ")]
    assert len(lines) == 1 and says in lines[0].getMessage(), [r.getMessage() for r in lines]
    assert lines[0].levelno == level
    assert READ_KEY not in lines[0].getMessage() and API_KEY not in lines[0].getMessage()


# --- the same over MCP HTTP -----------------------------------------------------------

#: MCP over HTTP: with any key set, the endpoint itself needs one (stricter than the
#: API's open reads with only the API key); the cypher tool needs the API key as
#: POST /cypher does; ingest_document exists only with the API key.
MCP_PRESENTED = ("nothing", "read_key", "api_key", "wrong_key")
ARTICLE = {
    "text": "Russian President Vladimir Putin met Syrian President Bashar al-Assad in "
    "Moscow on Tuesday.",
    "published": "2015-10-22",
    "title": "Assad visits Moscow",
}


def _mcp_connects(combination: str, presented: str) -> int:
    keys = COMBINATIONS[combination]
    if not keys:
        return 200
    if presented == "nothing":
        return 401
    return 200 if PRESENTED[presented] in keys.values() else 403


@dataclass
class McpAnswers:
    log: str = ""
    status: dict[str, int] = field(default_factory=dict)
    read: dict[str, CallToolResult] = field(default_factory=dict)
    cypher: dict[str, CallToolResult] = field(default_factory=dict)
    write: dict[str, CallToolResult | None] = field(default_factory=dict)


def _text(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if block.type == "text")


@pytest.fixture(
    scope="module",
    params=[(b, c) for b in BACKENDS for c in COMBINATIONS],
    ids=[f"{b}-{c}" for b in BACKENDS for c in COMBINATIONS],
)
def mcp_answers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> McpAnswers:
    """One `graphsvc mcp --transport http` per store and key combination; every key a
    caller may present, against a read tool, the cypher tool and ingest_document."""
    backend, combination = request.param
    if backend == "embedded":
        env = mcp_env(GRAPHSVC_DATA_DIR=str(tmp_path_factory.mktemp("round3-mcp")))
    else:
        from tests.neo4j_fixture import wipe

        target = request.getfixturevalue("neo4j_target")
        wipe(target)
        env = mcp_env(
            GRAPHSVC_BACKEND="neo4j",
            NEO4J_URI=target.uri,
            NEO4J_USER=target.user,
            NEO4J_PASSWORD=target.password or "",
            NEO4J_DATABASE=target.database,
        )
    load = [sys.executable, "-m", "graphsvc", "load", str(EXAMPLES)]
    subprocess.run(load, env=env, cwd=ROOT, check=True, capture_output=True)
    keys = {f"GRAPHSVC_{k.upper()}": v for k, v in COMBINATIONS[combination].items()}
    log = tmp_path_factory.mktemp("round3-mcp-log") / "server.log"
    answers = McpAnswers()
    with http_server({**env, **keys}, log) as url:
        for presented in MCP_PRESENTED:
            answers.status[presented] = _open_session(url, PRESENTED[presented]).status_code

        async def run() -> None:
            for presented in MCP_PRESENTED:
                if _mcp_connects(combination, presented) != 200:
                    continue
                async with http_session(url, PRESENTED[presented]) as client:
                    tools = {t.name for t in (await client.list_tools()).tools}
                    answers.read[presented] = await client.call_tool(
                        "search_actors", {"q": "Assad"}
                    )
                    answers.cypher[presented] = await client.call_tool(
                        "cypher", {"query": "MATCH (a:Actor) RETURN count(a) AS n"}
                    )
                    answers.write[presented] = (
                        await client.call_tool(
                            "ingest_document",
                            ARTICLE,
                        )
                        if "ingest_document" in tools
                        else None
                    )

        run_async(run)
    answers.log = log.read_text(encoding="utf-8")
    assert "Traceback" not in answers.log
    return answers


def _combination(request: pytest.FixtureRequest) -> str:
    return request.node.callspec.params["mcp_answers"][1]


@pytest.mark.e2e
def test_mcp_http_read_tools_per_key_combination(
    mcp_answers: McpAnswers, request: pytest.FixtureRequest
) -> None:
    combination = _combination(request)
    for presented in MCP_PRESENTED:
        assert mcp_answers.status[presented] == _mcp_connects(combination, presented), presented
        if _mcp_connects(combination, presented) == 200:
            result = mcp_answers.read[presented]
            assert not result.is_error and "Assad" in _text(result), presented


@pytest.mark.e2e
def test_mcp_http_cypher_per_key_combination(
    mcp_answers: McpAnswers, request: pytest.FixtureRequest
) -> None:
    combination = _combination(request)
    keys = COMBINATIONS[combination]
    assert mcp_answers.cypher, "no session was opened"
    for presented, result in mcp_answers.cypher.items():
        allowed = not keys or presented == "api_key"
        assert result.is_error is not allowed, (presented, _text(result))
        if not allowed and "api_key" not in keys:
            assert "set GRAPHSVC_API_KEY" in _text(result)


@pytest.mark.e2e
def test_mcp_http_writes_per_key_combination(
    mcp_answers: McpAnswers, request: pytest.FixtureRequest
) -> None:
    """ingest_document exists only with the API key set (an MCP server hands its tools to
    a model: writes are opt-in), and then answers only to the API key."""
    combination = _combination(request)
    keys = COMBINATIONS[combination]
    for presented, result in mcp_answers.write.items():
        if "api_key" not in keys:
            assert result is None, presented
        elif presented == "api_key":
            assert result is not None and not result.is_error, _text(result)
        else:
            assert result is not None and result.is_error, presented


@pytest.mark.e2e
def test_mcp_http_logs_the_access_model_in_one_line(
    mcp_answers: McpAnswers, request: pytest.FixtureRequest
) -> None:
    combination = _combination(request)
    lines = [line for line in mcp_answers.log.splitlines() if '"access: ' in line]
    assert len(lines) == 1, lines
    if combination == "api_only":
        assert "reads need GRAPHSVC_API_KEY" in lines[0]  # stricter than the API
    if combination == "read_only":
        assert "refused (read-only) until GRAPHSVC_API_KEY is set" in lines[0]
    if combination == "none":
        assert '"level":"WARNING"' in lines[0] and "no ingest_document" in lines[0]


# --- MCP HTTP sessions ----------------------------------------------------------------

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "round3", "version": "1"},
    },
}


def _open_session(url: str, key: str | None) -> httpx2.Response:
    headers = {"Accept": "application/json, text/event-stream", **_key_header(key)}
    return httpx2.post(url, json=INITIALIZE, headers=headers, timeout=10)


def _key_header(key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"} if key else {}


@pytest.mark.e2e
def test_one_key_filling_its_sessions_does_not_lock_out_the_api_key(tmp_path: Path) -> None:
    """The finding: 10,000 initialize calls with the read key and every new session, the
    API key's included, got 503 for 30 minutes."""
    env = mcp_env(
        GRAPHSVC_DATA_DIR=str(tmp_path / "data"),
        GRAPHSVC_READ_KEY=READ_KEY,
        GRAPHSVC_API_KEY=API_KEY,
        GRAPHSVC_MCP_MAX_SESSIONS_PER_KEY="3",
    )
    with http_server(env, tmp_path / "server.log") as url:
        opened = [_open_session(url, READ_KEY) for _ in range(3)]
        assert [r.status_code for r in opened] == [200, 200, 200]
        refused = _open_session(url, READ_KEY)
        assert refused.status_code == 503, refused.text
        assert "GRAPHSVC_MCP_MAX_SESSIONS_PER_KEY" in refused.json()["error"]["message"]
        assert refused.headers["retry-after"] == "300"
        # The API key has sessions of its own.
        api = [_open_session(url, API_KEY) for _ in range(3)]
        assert [r.status_code for r in api] == [200, 200, 200]
        # A session opened with one key is not usable with the other.
        session = {"mcp-session-id": api[0].headers["mcp-session-id"]}
        ping = {"jsonrpc": "2.0", "id": 2, "method": "ping"}
        headers = {"Accept": "application/json, text/event-stream", **session}
        borrowed = httpx2.post(url, json=ping, headers={**headers, **_key_header(READ_KEY)})
        assert borrowed.status_code == 404
        own = httpx2.post(url, json=ping, headers={**headers, **_key_header(API_KEY)})
        assert own.status_code == 200, own.text


@pytest.mark.e2e
def test_anonymous_sessions_are_capped_and_idle_ones_close(tmp_path: Path) -> None:
    env = mcp_env(
        GRAPHSVC_DATA_DIR=str(tmp_path / "data"),
        GRAPHSVC_MCP_MAX_SESSIONS_PER_KEY="2",
        GRAPHSVC_MCP_SESSION_IDLE_SECONDS="1",
    )
    with http_server(env, tmp_path / "server.log") as url:
        assert [_open_session(url, None).status_code for _ in range(2)] == [200, 200]
        refused = _open_session(url, None)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
        deadline = time.monotonic() + 10
        while (again := _open_session(url, None)).status_code == 503:
            assert time.monotonic() < deadline, "idle sessions were never closed"
            time.sleep(0.2)
        assert again.status_code == 200, again.text


# --- the Neo4j guide ----------------------------------------------------------------------


def test_the_guide_never_names_the_host_header(tmp_path: Path) -> None:
    hostile = {"Host": "attacker.example:666"}
    plain = Settings(data_dir=tmp_path, port=8123)
    with TestClient(create_app(plain)) as client:
        guide = client.get("/neo4j/guide.html", headers=hostile)
        assert guide.status_code == 200
        assert "attacker.example" not in guide.text
        assert ":style http://127.0.0.1:8123/neo4j/graphsvc.grass" in guide.text
    public = Settings(data_dir=tmp_path, public_url="https://graph.example.org/kg/")
    with TestClient(create_app(public)) as client:
        guide = client.get("/neo4j/guide.html", headers=hostile)
        assert "attacker.example" not in guide.text
        assert ":style https://graph.example.org/kg/neo4j/graphsvc.grass" in guide.text
