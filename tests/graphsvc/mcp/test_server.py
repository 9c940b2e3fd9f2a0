"""`graphsvc mcp` in a subprocess, over stdio and streamable HTTP, on both stores, spoken
to with the MCP SDK's own client, on the example records.

Each transport and store gets one server and one session (a module fixture) that makes
every call; the tests then read the answers, so the suite starts few processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client
from mcp_types import CallToolResult

from tests.async_runner import run_async
from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT
from tests.graphsvc.mcp.servers import http_server, http_session, mcp_env, stdio_session
from tests.ports import taken_port

#: Every test talks to `graphsvc mcp` run as a subprocess (stdio or HTTP).
pytestmark = pytest.mark.e2e

PUTIN = "person:vladimir-putin"
ASSAD = "person:bashar-al-assad"
SERGUN = "person:igor-sergun"
MEETING = "event:putin-assad-kremlin-meeting"
READ_KEY = "mcp-read-key-0123456789"
API_KEY = "mcp-api-key-0123456789"
READ_TOOLS = {
    "search_actors",
    "timeline",
    "relations",
    "paths",
    "event",
    "cypher",
    "documents",
    "document",
    "search",
}

#: name: (tool, arguments); made in this order in one session.
CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "timeline": ("timeline", {"actor": PUTIN}),
    "timeline_undated": ("timeline", {"actor": PUTIN, "undated": True}),
    "timeline_window": ("timeline", {"since": "2015-09", "until": "Q4 2015", "limit": 2}),
    "search": ("search_actors", {"q": "Assad"}),
    "fulltext": ("search", {"q": "Assad step down", "limit": 3}),
    "fulltext_no_words": ("search", {"q": "*"}),
    "paths": ("paths", {"source": SERGUN, "target": ASSAD}),
    "event": ("event", {"id": MEETING}),
    "relations": ("relations", {"actor": ASSAD}),
    "cypher": (
        "cypher",
        {"query": "MATCH (a:Actor {id: $id}) RETURN a.name AS name", "params": {"id": PUTIN}},
    ),
    "documents": ("documents", {"q": "step down", "since": "2016"}),
    "document": ("document", {"id": "newsweek-putin-assad-step-down"}),
    "unknown_document": ("document", {"id": "no-such-document"}),
    "delete": ("cypher", {"query": "MATCH (n) DETACH DELETE n"}),
    "count": ("cypher", {"query": "MATCH (a:Actor) RETURN count(a) AS actors"}),
    "unknown_actor": ("timeline", {"actor": "person:nobody"}),
    "bad_date": ("timeline", {"actor": PUTIN, "since": "the 35th of Nevember"}),
    "bad_event_id": ("event", {"id": "Not an id"}),
    "over_limit": ("paths", {"source": SERGUN, "target": ASSAD, "max_hops": 7}),
}


@dataclass
class Session:
    tools: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, CallToolResult] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)
    schema: dict[str, Any] = field(default_factory=dict)
    explore: str = ""


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if block.type == "text")


async def _ask_everything(client: Client) -> Session:
    session = Session()
    session.tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    for name, (tool, arguments) in CALLS.items():
        session.answers[name] = await client.call_tool(tool, arguments)
    listed = await client.list_resources()
    session.resources = [str(r.uri) for r in listed.resources]
    schema = await client.read_resource("graphsvc://schema")
    session.schema = json.loads(schema.contents[0].text)
    explore = await client.read_resource("graphsvc://explore/actor_timeline")
    session.explore = explore.contents[0].text
    return session


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store_env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The settings of a store holding the example records, loaded by `graphsvc load`."""
    if request.param == "embedded":
        env = mcp_env(GRAPHSVC_DATA_DIR=str(tmp_path_factory.mktemp("mcp-data")))
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
    return request.param, env


@pytest.fixture(scope="module")
def stdio(store_env: tuple[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory):
    """Every call, over stdio, with no keys set."""
    _, env = store_env
    log_path = tmp_path_factory.mktemp("mcp-stdio") / "stderr.log"

    async def run() -> Session:
        with log_path.open("w", encoding="utf-8") as log:
            async with stdio_session(env, log) as client:
                return await _ask_everything(client)

    session = run_async(run)
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
    return session


@dataclass
class HttpAnswers:
    without_key: httpx2.Response
    wrong_key: httpx2.Response
    read: Session
    read_ingest: CallToolResult
    read_cypher: CallToolResult
    api_cypher: CallToolResult


@pytest.fixture(scope="module")
def http(store_env: tuple[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory):
    """Over streamable HTTP with both keys set: raw requests without and with a wrong
    key, a session with the read key (every call), one with the API key."""
    _, env = store_env
    env = {**env, "GRAPHSVC_READ_KEY": READ_KEY, "GRAPHSVC_API_KEY": API_KEY}
    log = tmp_path_factory.mktemp("mcp-http") / "server.log"
    with http_server(env, log) as url:
        hello = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
        without_key = httpx2.post(url, json=hello)
        wrong_key = httpx2.post(url, json=hello, headers={"X-API-Key": "not-the-key"})

        async def run() -> HttpAnswers:
            async with http_session(url, READ_KEY) as client:
                read = await _ask_everything(client)
                ingest = await client.call_tool(
                    "ingest_document", {"text": "Putin met Assad.", "published": "2016-01-22"}
                )
                cypher = await client.call_tool("cypher", {"query": "RETURN 1 AS one"})
            async with http_session(url, API_KEY) as client:
                api_cypher = await client.call_tool("cypher", CALLS["count"][1])
            return HttpAnswers(without_key, wrong_key, read, ingest, cypher, api_cypher)

        answers = run_async(run)
    assert "Traceback" not in log.read_text(encoding="utf-8")
    return answers


# --- stdio, no keys ----------------------------------------------------------------


def test_tools_without_the_api_key_leave_out_ingest(stdio: Session) -> None:
    assert set(stdio.tools) == READ_TOOLS
    timeline = stdio.tools["timeline"]
    for parameter in ("actor", "since", "until", "type", "q", "basis", "factuality"):
        assert timeline.input_schema["properties"][parameter].get("description"), parameter
    assert {"undated", "document", "limit", "cursor"} <= set(timeline.input_schema["properties"])
    assert timeline.output_schema and "items" in timeline.output_schema["properties"]
    assert all(tool.description for tool in stdio.tools.values())


def test_putins_timeline_in_date_order_with_dates_and_sources(stdio: Session) -> None:
    answer = stdio.answers["timeline"]
    assert not answer.is_error, text_of(answer)
    items = answer.structured_content["items"]
    assert [i["id"] for i in items] == [
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    ]
    words = text_of(answer)
    lines = words.splitlines()
    first = next(i for i, line in enumerate(lines) if "event:putin-asks-assad-to-step-down" in line)
    second = next(i for i, line in enumerate(lines) if MEETING in line)
    assert first < second
    assert '2015-Q4 (quarter, approximate, stated as "toward the end of 2015")' in lines[first]
    assert '2015-10-20 (day, stated as "October 20, 2015")' in lines[second]
    assert "Vladimir Putin (agent, person:vladimir-putin)" in words
    assert (
        'source: "Syrian President Bashar al-Assad meeting with Russian President Vladimir '
        'Putin at the Kremlin in Moscow, October 20, 2015." - "Putin Asked Assad to Step Down '
        'as Syrian President" (newsweek-putin-assad-step-down, published 2016-01-22)'
    ) in words
    assert "1 undated event(s) not listed (pass undated=true)" in words


def test_undated_events_come_last_when_asked(stdio: Session) -> None:
    answer = stdio.answers["timeline_undated"]
    items = answer.structured_content["items"]
    assert items[-1]["id"] == "event:ft-reports-step-down-request"
    assert items[-1]["start"] is None
    assert "undated - statement: The Financial Times reports" in text_of(answer)


def test_timeline_window_is_parsed_as_the_api_parses_it(stdio: Session) -> None:
    answer = stdio.answers["timeline_window"]
    assert not answer.is_error, text_of(answer)
    page = answer.structured_content
    assert len(page["items"]) == 2 and page["next_cursor"]
    assert all(i["start"] <= "2015-12-31" and i["end"] >= "2015-09-01" for i in page["items"])
    assert "pass cursor=" in text_of(answer)


def test_search_finds_assad(stdio: Session) -> None:
    answer = stdio.answers["search"]
    assert answer.structured_content["items"][0]["id"] == ASSAD
    assert "Bashar al-Assad (person, person:bashar-al-assad)" in text_of(answer)


def test_full_text_search_ranks_and_marks_matches(stdio: Session) -> None:
    answer = stdio.answers["fulltext"]
    assert not answer.is_error, text_of(answer)
    found = answer.structured_content
    assert found["events"][0]["id"] == "event:putin-asks-assad-to-step-down"
    assert found["actors"][0]["id"] == ASSAD
    assert "Putin asks **Assad** to **step** **down**" in text_of(answer)
    refused = stdio.answers["fulltext_no_words"]
    assert refused.is_error and "no letters or digits" in text_of(refused)


def test_path_from_sergun_to_assad(stdio: Session) -> None:
    answer = stdio.answers["paths"]
    result = answer.structured_content
    assert result["paths"] and all(p["hops"] == 2 for p in result["paths"])
    words = text_of(answer)
    assert "Igor Sergun -[participant]- [event:putin-asks-assad-to-step-down]" in words
    assert "-[target]- Bashar al-Assad" in words
    assert 'source: "Sergun was received in Damascus' in words


def test_event_detail_with_sources_and_documents(stdio: Session) -> None:
    answer = stdio.answers["event"]
    detail = answer.structured_content
    assert detail["id"] == MEETING
    assert detail["documents"][0]["title"] == "Putin Asked Assad to Step Down as Syrian President"
    lines = text_of(answer).splitlines()
    assert lines[0].startswith('2015-10-20 (day, stated as "October 20, 2015") - consult: Assad')
    assert lines[1].startswith("  participants: Bashar al-Assad (participant")
    assert lines[2].startswith('  source: "Syrian President Bashar al-Assad meeting')


def test_documents_and_one_document_with_what_was_extracted(stdio: Session) -> None:
    listed = stdio.answers["documents"]
    assert not listed.is_error, text_of(listed)
    assert [d["id"] for d in listed.structured_content["items"]] == [
        "newsweek-putin-assad-step-down"
    ]
    assert '- "Putin Asked Assad to Step Down as Syrian President" (newsweek' in text_of(listed)
    answer = stdio.answers["document"]
    detail = answer.structured_content
    assert MEETING in [e["id"] for e in detail["events"]]
    assert PUTIN in [a["id"] for a in detail["actors"]]
    words = text_of(answer)
    assert '2015-10-20 (day, stated as "October 20, 2015") - consult: Assad' in words
    assert 'sentence: "Syrian President Bashar al-Assad meeting with Russian' in words
    missing = stdio.answers["unknown_document"]
    assert missing.is_error and "no document with id 'no-such-document'" in text_of(missing)


def test_relations_of_assad(stdio: Session) -> None:
    answer = stdio.answers["relations"]
    page = answer.structured_content
    assert page["items"][0]["actor"]["id"] == PUTIN
    words = text_of(answer)
    assert "Vladimir Putin ally of Bashar al-Assad [ALLY_OF]" in words
    assert "shared event (Bashar al-Assad: participant, Vladimir Putin: participant)" in words


def test_cypher_reads_and_refuses_a_write(stdio: Session) -> None:
    read = stdio.answers["cypher"]
    assert read.structured_content["rows"] == [["Vladimir Putin"]]
    refused = stdio.answers["delete"]
    assert refused.is_error
    assert "Cypher refused: read-only (400)" in text_of(refused)
    assert "Traceback" not in text_of(refused)
    assert stdio.answers["count"].structured_content["rows"] == [[14]]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unknown_actor", "Not found (404): no actor with id 'person:nobody'"),
        ("bad_date", "Invalid input (422): argument since:"),
        ("bad_event_id", "Error executing tool event:"),
        ("over_limit", "max_hops"),
    ],
)
def test_errors_are_tool_errors_with_the_apis_message(
    stdio: Session, name: str, message: str
) -> None:
    answer = stdio.answers[name]
    assert answer.is_error
    assert message in text_of(answer)
    assert "Traceback" not in text_of(answer)
    # An agent calls tools: the message names the tool that helps, not an HTTP route.
    assert "GET /" not in text_of(answer) and "query parameter" not in text_of(answer)
    if name == "unknown_actor":
        assert "search with the search_actors tool" in text_of(answer)


def test_resources_schema_and_explore_queries(stdio: Session) -> None:
    from graphsvc.service.schema import SCHEMA

    assert stdio.schema == SCHEMA.model_dump(mode="json")
    explore = sorted(p.stem for p in (ROOT / "cypher" / "explore").glob("*.cypher"))
    assert stdio.resources == ["graphsvc://schema"] + [f"graphsvc://explore/{n}" for n in explore]
    assert stdio.explore == (ROOT / "cypher/explore/actor_timeline.cypher").read_text("utf-8")


# --- streamable HTTP, read key and API key set ---------------------------------------


def test_http_needs_a_key(http: HttpAnswers) -> None:
    assert http.without_key.status_code == 401
    assert http.without_key.headers["www-authenticate"].startswith("Bearer")
    assert http.without_key.headers["content-type"] == "application/problem+json"
    assert http.wrong_key.status_code == 403


def test_http_with_the_read_key_answers_like_stdio(http: HttpAnswers) -> None:
    read = http.read
    assert set(read.tools) == READ_TOOLS | {"ingest_document"}
    assert [i["id"] for i in read.answers["timeline"].structured_content["items"]] == [
        "event:putin-asks-assad-to-step-down",
        MEETING,
    ]
    assert read.answers["paths"].structured_content["paths"]
    assert read.schema["event_types"]


def test_http_writes_and_cypher_need_the_api_key_itself(http: HttpAnswers) -> None:
    """The read key opens the endpoint but not ingest_document (nor cypher, which the API
    keeps for the API key too); nothing is written."""
    assert http.read_ingest.is_error
    assert "Forbidden (403)" in text_of(http.read_ingest)
    assert http.read.answers["cypher"].is_error and http.read_cypher.is_error
    assert http.api_cypher.structured_content["rows"] == [[14]]


def test_http_ingest_with_the_api_key(tmp_path: Path) -> None:
    """ingest_document runs the POST /documents path: the article's events are written
    and cited back (embedded store; the text loader's spaCy model is installed)."""
    env = mcp_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"), GRAPHSVC_API_KEY=API_KEY)
    article = {
        "text": "Russian President Vladimir Putin met Syrian President Bashar al-Assad in "
        "Moscow on Tuesday.",
        "published": "2015-10-22",
        "title": "Assad visits Moscow",
        "id": "assad-visits-moscow",
    }

    async def run() -> tuple[CallToolResult, CallToolResult]:
        async with http_session(url, API_KEY) as client:
            ingested = await client.call_tool("ingest_document", article)
            again = await client.call_tool("timeline", {"document": "assad-visits-moscow"})
            return ingested, again

    with http_server(env, tmp_path / "server.log") as url:
        ingested, timeline = run_async(run)
    assert not ingested.is_error, text_of(ingested)
    assert ingested.structured_content["document"] == "assad-visits-moscow"
    assert "Document assad-visits-moscow ingested" in text_of(ingested)
    items = timeline.structured_content["items"]
    assert items and items[0]["start"] == "2015-10-20"
    assert '"Assad visits Moscow" (assad-visits-moscow, published 2015-10-22)' in text_of(timeline)


def test_http_port_in_use_is_one_line(tmp_path: Path) -> None:
    with taken_port() as port:
        done = subprocess.run(
            [sys.executable, "-m", "graphsvc", "mcp", "--transport", "http", "--port", str(port)],
            env=mcp_env(GRAPHSVC_DATA_DIR=str(tmp_path)),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert "Traceback" not in done.stderr
