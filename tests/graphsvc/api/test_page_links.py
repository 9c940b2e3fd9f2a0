"""The page marks a participation the text does not make by name: on the actor's
timeline, an event that reaches them through a pronoun says so ("via “she”
(resolved)"), and the event's panel shows the words, the actor and how ("“she” → Jane
Roe (resolved)"); a stated link shows no mark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.graphsvc.api.pages import OfflinePage, PageServer, Screenshot

DOC = "roe-profile"
ROE = "person:jane-roe"


def _event(event_id: str, summary: str, day: str, participant: dict[str, str]) -> dict:
    return {
        "record": "event",
        "id": event_id,
        "type": "other",
        "summary": summary,
        "participants": [participant, {"actor": "organization:acme", "role": "target"}],
        "sources": [{"document": DOC, "sentence": f"{summary}.", "extractor": "hand"}],
        "when": {"start": day, "end": day, "precision": "day"},
    }


RECORDS = [
    {"record": "document", "id": DOC, "title": "Jane Roe, founder"},
    {"record": "actor", "id": ROE, "name": "Jane Roe", "kind": "person"},
    {"record": "actor", "id": "organization:acme", "name": "Acme", "kind": "organization"},
    _event(
        "event:roe-joins-acme",
        "Jane Roe joined Acme",
        "1990-04-02",
        {"actor": ROE, "role": "agent"},
    ),
    _event(
        "event:roe-founds-acme",
        "She founded Acme",
        "1998-03-02",
        {"actor": ROE, "role": "agent", "basis": "resolved", "mention": "she"},
    ),
]


@pytest.mark.e2e
def test_a_resolved_link_is_marked_on_the_timeline_and_in_the_panel(
    tmp_path: Path, page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    records = tmp_path / "roe.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    with page_server(records=records) as base:
        page.goto(f"{base}/#actor={ROE}")
        page.wait_for_selector("#timeline li", timeout=10_000)
        items = {
            li.locator(".summary").inner_text(): li.locator(".link-basis").all_inner_texts()
            for li in page.locator("#timeline li").all()
        }
        page.locator("#timeline li", has_text="She founded Acme").locator("button").click()
        page.wait_for_selector("#event-panel:not([hidden]) .participants li", timeout=10_000)
        linked = page.locator("#event-panel .participants li").all_inner_texts()
        screenshot(page, "page-resolved-link")
    assert items == {
        "Jane Roe joined Acme": [],
        "She founded Acme": ["via “she” (resolved)"],
    }, items
    assert linked[0].startswith("“she” → Jane Roe (resolved) agent"), linked
    assert linked[1].startswith("Acme target"), linked
    assert refused == [], f"the page reached beyond loopback: {refused}"
