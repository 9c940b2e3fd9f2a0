"""The page shows a date open at its start by its bound ("before 8 Jan 1998"), in the
actor's list, the event panel and the time axis tooltip, never as the day it is
ordered by."""

from __future__ import annotations

import json
from pathlib import Path

from tests.graphsvc.api.pages import OfflinePage, PageServer, open_actor

RECORDS = [
    {"record": "document", "id": "doc-open", "published": "1998-01-08"},
    {"record": "actor", "id": "org:acme", "name": "Acme Holdings", "kind": "organization"},
    {
        "record": "event",
        "id": "event:acme-had-signed",
        "type": "agree",
        "summary": "Acme Holdings had signed the supply deal",
        "participants": [{"actor": "org:acme", "role": "agent"}],
        "sources": [
            {
                "document": "doc-open",
                "sentence": "Acme Holdings said it had signed the supply deal.",
                "extractor": "hand",
            }
        ],
        "when": {
            "start": "1998-01-07",
            "end": "1998-01-07",
            "precision": "day",
            "open_start": True,
            "basis": "publication",
        },
    },
]


def test_an_open_start_reads_before_its_bound(
    tmp_path: Path, page_server: PageServer, offline_page: OfflinePage
) -> None:
    records = tmp_path / "open.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    page, _ = offline_page
    with page_server(records=records) as base:
        open_actor(page, base, "Acme Holdings")
        page.wait_for_selector("#timeline li", timeout=10_000)
        listed = page.locator("#timeline li .date").inner_text()
        page.wait_for_selector("#vis .vis-item.open-start", timeout=10_000)
        page.locator("#timeline li button").first.click()
        page.wait_for_selector("#event-panel:not([hidden]) .event-summary", timeout=10_000)
        panel = page.locator("#event-panel").inner_text()
    assert listed == "before 8 Jan 1998"
    assert "before 8 Jan 1998" in panel and "1998-01-07" not in panel
