"""Neo4j Browser plays graphsvc's guide and draws its graph, as it does for a user.

The real test Neo4j (tests/neo4j_fixture.py, with a password) holds the example; graphsvc
serves on it (GRAPHSVC_BACKEND=neo4j) and hands out /neo4j/guide.html and the graph style,
allowing Browser's origin (GRAPHSVC_NEO4J_BROWSER_ORIGINS). Headless Chromium opens Neo4j
Browser from Neo4j's own HTTP server, connects with the password, runs
`:play http://127.0.0.1:PORT/neo4j/guide.html`, and steps the guide: its parameters, its
`:style` block, and an actor's timeline, whose drawn graph it waits for. No request is
routed through Playwright (`unrouted_page`): Chromium sends the CORS preflight Browser's
fetch calls for, and blocks the guide unless graphsvc answers it (Playwright's routing
skips preflights, which hid a 405). Screenshots: neo4j-browser-guide and
neo4j-browser-graph (`GRAPHSVC_SCREENSHOTS=docs/screenshots` keeps them).

Browser tries to load Google fonts, Segment and Canny from the internet, and may send a
crash report to Sentry; no host name resolves but localhost, and Browser works without
them. Nothing else may be asked for beyond loopback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from graphsvc.model import GraphBatch
from graphsvc.store.neo4j import Neo4jStore
from tests.e2e.server import running_server, server_env
from tests.neo4j_fixture import Neo4jTarget, wipe

#: Where Neo4j Browser 5.24 fetches from by itself (domains and their subdomains): fonts,
#: product analytics, feedback and crash reports (Sentry: an error of Browser's own, such
#: as the analytics script it could not load).
BROWSER_OWN_REMOTES = (
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "segment.com",
    "segment.io",
    "canny.io",
    "sentry.io",
)


def _browser_own(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == domain or host.endswith(f".{domain}") for domain in BROWSER_OWN_REMOTES)


TIMEOUT = 30_000


def _load_example(target: Neo4jTarget, batch: GraphBatch) -> None:
    wipe(target)
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    store.start()
    store.write_batch(batch)
    store.close()


def _run(page: Any, command: str, until: Callable[[], Any]) -> None:
    """Type a command into Browser's main editor, run it, and wait for `until` (a
    locator's wait). Browser re-renders its editor while it settles after connecting,
    which can swallow keystrokes: on a miss the editor is cleared (Escape closes any
    completion list) and the command typed and run again, up to three times."""
    editor = page.locator("[data-testid=activeEditor]").first
    for attempt in range(3):
        editor.click()
        page.keyboard.press("Escape")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.type(command)
        page.keyboard.press("Escape")
        page.locator("[data-testid=editor-Run]").first.click()
        try:
            until()
            return
        except Exception:
            if attempt == 2:
                raise


def _run_block(page: Any, guide: Any, starts_with: str) -> str:
    """Click the guide's runnable block that starts so (it fills the editor), run it."""
    block = guide.locator("pre.runnable", has_text=starts_with).first
    text = block.inner_text().strip()
    block.click()
    page.locator("[data-testid=editor-Run]").first.click()
    return text


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.e2e
def test_browser_plays_the_guide_and_draws_the_timeline(
    tmp_path: Path,
    neo4j_target: Neo4jTarget,
    example_batch: GraphBatch,
    unrouted_page: tuple[Any, list[str]],
    screenshot: Callable[[Any, str], Path],
) -> None:
    if not neo4j_target.http_url:
        pytest.skip("Neo4j's HTTP address is unknown: set NEO4J_HTTP_URL beside NEO4J_URI")
    if not neo4j_target.password:
        pytest.skip("this test fills Browser's login form: the test Neo4j needs a password")
    _load_example(neo4j_target, example_batch)
    page, remote = unrouted_page
    env = server_env(
        GRAPHSVC_DATA_DIR=str(tmp_path / "data"),
        GRAPHSVC_BACKEND="neo4j",
        GRAPHSVC_NEO4J_BROWSER_ORIGINS=_origin(neo4j_target.http_url),
        NEO4J_URI=neo4j_target.uri,
        NEO4J_USER=neo4j_target.user,
        NEO4J_PASSWORD=neo4j_target.password,
        NEO4J_DATABASE=neo4j_target.database,
    )
    log = tmp_path / "server.log"
    with running_server(env, log) as (base, _):
        page.goto(f"{neo4j_target.http_url}/browser/")
        page.locator("[data-testid=boltaddress]").wait_for(timeout=TIMEOUT)
        bolt = urlsplit(neo4j_target.uri)
        page.fill("[data-testid=boltaddress]", f"{bolt.hostname}:{bolt.port}")
        page.fill("[data-testid=username]", neo4j_target.user)
        page.fill("[data-testid=password]", neo4j_target.password)
        page.click("[data-testid=connect]")
        page.get_by_text("You are connected as user").wait_for(timeout=TIMEOUT)

        guide = page.locator("[data-testid=carousel]").first
        _run(page, f":play {base}/neo4j/guide.html", lambda: guide.wait_for(timeout=TIMEOUT // 2))
        title = guide.locator("h3").first.inner_text()
        guide.locator("[data-testid=nextSlide]").click()  # 1. Parameters
        params = _run_block(page, guide, ":params {")
        page.get_by_text("Successfully set your parameters.").first.wait_for(timeout=TIMEOUT)
        guide.locator("[data-testid=nextSlide]").click()  # 2. The graph style
        style = _run_block(page, guide, ":style ")
        styled = page.locator("[data-testid=frame]", has_text="node.Event").first
        styled.wait_for(timeout=TIMEOUT)
        guide.locator("[data-testid=nextSlide]").click()  # 3. An actor's timeline
        guide.get_by_text("An actor's timeline").wait_for(timeout=TIMEOUT)
        guide.locator("pre.runnable", has_text="MATCH (a:Actor").first.scroll_into_view_if_needed()
        screenshot(page, "neo4j-browser-guide")

        query = _run_block(page, guide, "MATCH (a:Actor")
        graph = page.locator("[data-testid=frame]").first
        graph.locator("svg g.node").first.wait_for(timeout=TIMEOUT)
        page.wait_for_timeout(2_000)  # the force layout settles
        text = "texts => texts.map(t => t.textContent)"  # SVG text has no innerText
        captions = graph.locator("svg g.node text").evaluate_all(text)
        roles = graph.locator("svg g.relationship text").evaluate_all(text)
        nodes = graph.locator("svg g.node").count()
        screenshot(page, "neo4j-browser-graph")
    served = log.read_text(encoding="utf-8")

    assert title == "graphsvc: explore the event timeline graph"
    assert "actor_id: 'person:vladimir-putin'" in params
    assert style == f":style {base}/neo4j/graphsvc.grass"
    # Chromium asked before fetching the guide, and was answered: the path a user's
    # browser takes (the style's fetch needs no preflight, only the allowed origin).
    assert "OPTIONS /neo4j/guide.html 200" in served
    assert "GET /neo4j/graphsvc.grass 200" in served
    assert query.startswith("MATCH (a:Actor {id: $actor_id})-[took_part:PARTICIPATED_IN]")
    # Putin, his 3 events and their other actors; names and roles from graphsvc.grass.
    words = " ".join(captions)
    assert nodes >= 8, captions
    assert "Vladimir" in words and "Bashar" in words and "Igor Sergun" in words, captions
    assert "2015-10-20" in words, captions  # an event's start date
    assert {"agent", "target", "participant"} <= set(roles), roles
    unexpected = [url for url in remote if not _browser_own(url)]
    assert unexpected == [], f"Browser reached beyond loopback: {unexpected}"
