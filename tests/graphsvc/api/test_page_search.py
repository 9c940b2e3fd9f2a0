"""The page's search box: actors, events and documents from GET /search (and names
from GET /actors?q=), matched words marked as <mark> elements built from the snippet's
offsets, stored text shown as text (never as HTML), and an event's sources opened in the
panel beside the results; in a browser that cannot reach the internet."""

from __future__ import annotations

import json
from pathlib import Path

from tests.graphsvc.api.pages import EXAMPLE, OfflinePage, PageServer, Screenshot

#: A document and an event whose stored text looks like markup, and a link that is a
#: script: the page must show the first as text and never make the second a link.
HOSTILE = [
    {
        "record": "document",
        "id": "markup-doc",
        "title": "<img src=x onerror=window.__pwned=1> Ceasefire monitors arrive",
        "url": "javascript:window.__pwned=2",
        "published": "2016-02-01",
    },
    {
        "record": "event",
        "id": "event:monitors-arrive",
        "type": "other",
        "summary": "Ceasefire monitors arrive in <b>Damascus</b>",
        "participants": [{"actor": "place:damascus", "role": "location"}],
        "sources": [
            {
                "document": "markup-doc",
                "sentence": "Monitors of the ceasefire arrived in Damascus <script>window."
                "__pwned=3</script> on Monday.",
                "extractor": "hand",
            }
        ],
    },
]


def test_search_box_finds_events_actors_and_documents(
    tmp_path: Path, page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    records = tmp_path / "records.jsonl"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines() + [json.dumps(r) for r in HOSTILE]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page, refused = offline_page
    with page_server(records=records) as base:
        page.goto(f"{base}/")
        page.fill("#search-q", "Assad step down")
        page.click("#search-form button")
        page.wait_for_selector("#event-hits li", timeout=10_000)
        first = page.locator("#event-hits li").first
        assert first.get_attribute("data-event") == "event:putin-asks-assad-to-step-down"
        marks = first.locator("mark.hit").all_inner_texts()
        assert [m.lower() for m in marks] == ["assad", "step", "down"]
        assert page.locator("#actor-list a", has_text="Bashar al-Assad").count() == 1
        titles = page.locator("#document-hits li").all_inner_texts()
        assert any("Putin Asked Assad to Step Down" in t for t in titles)
        first.locator("button.hit-event").click()
        page.wait_for_selector("#search-side #event-panel:not([hidden])", timeout=10_000)
        panel = page.locator("#event-body").inner_text()
        assert "sources (" in panel.lower() and "event:putin-asks-assad-to-step-down" in panel
        page.evaluate("window.scrollTo(0, 0)")  # the search box in the picture too
        screenshot(page, "page-search-results")

        page.fill("#search-q", "ceasefire Monday")
        page.click("#search-form button")
        page.wait_for_selector("#event-hits li[data-event='event:monitors-arrive']", timeout=10_000)
        hit = page.locator("#event-hits li[data-event='event:monitors-arrive']")
        assert "<b>Damascus</b>" in hit.inner_text()  # shown as the text it is
        assert "<script>" in hit.inner_text()
        document = page.locator("#document-hits li", has_text="markup-doc")
        assert "<img src=x" in document.inner_text()
        assert document.locator("a").count() == 0  # a javascript: URL is never a link
        assert (
            page.locator("#search-results img, #search-results script, #search-results b").count()
            == 0
        )
        assert page.evaluate("window.__pwned") is None

        page.fill("#search-q", "Put")  # a partly typed name: found by /actors?q=
        page.click("#search-form button")
        page.locator("#actor-list a", has_text="Vladimir Putin").wait_for(timeout=10_000)
    assert refused == []
