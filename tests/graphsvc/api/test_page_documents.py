"""The page's documents: the list, and one document with what was taken from it,
reached from an event's source in the event panel, on a real server in a real browser
(two articles posted that report one meeting)."""

from __future__ import annotations

import httpx2
import pytest

from tests.graphsvc.api.pages import OfflinePage, PageServer, Screenshot, open_actor

FIRST = (
    "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow on "
    "October 20, 2015. Russia began hitting targets in Syria in the last week of "
    "September 2015. Igor Sergun, the head of the GRU, travelled to Damascus."
)
SECOND = "Vladimir Putin met Bashar al-Assad in Moscow on October 20, 2015."


@pytest.mark.e2e
def test_document_view_from_an_event_source_and_the_list(
    page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    with page_server() as base:
        for doc_id, title, published, text in (
            ("putin-assad", "Putin and Assad in Moscow", "2016-01-22", FIRST),
            ("moscow-meeting", "The Moscow meeting", "2015-10-21", SECOND),
        ):
            body = {"id": doc_id, "title": title, "published": published, "text": text}
            posted = httpx2.post(f"{base}/documents", json=body, timeout=60)
            assert posted.status_code == 200, posted.text

        open_actor(page, base, "Bashar al-Assad")
        page.locator("#timeline li button").first.click()
        page.wait_for_selector("#event-panel:not([hidden]) .sources li", timeout=10_000)
        sources = page.locator("#event-panel .sources li")
        links = page.locator("#event-panel .sources li a.document-link")
        assert sources.count() == links.count() == 2  # every source leads to its document
        page.locator("#event-panel a.document-link", has_text="putin-assad").click()

        page.wait_for_selector("#document:not([hidden]) #document-events li", timeout=10_000)
        assert page.locator("#actor").is_hidden()
        title = page.locator("#document-title").inner_text()
        meta = page.locator("#document-meta").inner_text()
        events = page.locator("#document-events li.doc-event").all_inner_texts()
        actors = page.locator("#document-actors li").all_inner_texts()
        also = page.locator("#document-events li", has_text="also reported in").count()
        screenshot(page, "page-document")

        page.click("header nav a[href='#documents']")
        page.wait_for_selector("#documents-table tbody tr", timeout=10_000)
        listed = page.locator("#documents-table tbody tr td.doc-id").all_inner_texts()
        page.fill("#documents-filter [name=q]", "moscow meeting")
        page.click("#documents-filter button")
        page.wait_for_function(
            "document.querySelectorAll('#documents-table tbody tr').length === 1"
        )
        page.locator("#documents-table a", has_text="The Moscow meeting").click()
        page.wait_for_function(
            "document.getElementById('document-title').textContent === 'The Moscow meeting'"
        )
        second = page.locator("#document-events li.doc-event").all_inner_texts()

    assert title == "Putin and Assad in Moscow"
    assert "published 2016-01-22" in meta and "putin-assad" in meta
    assert any("Moscow on October 20, 2015" in e and "2015-10-20" in e for e in events), events
    assert any("stated in the text" in e for e in events), events
    assert also == 1  # the meeting, which the other article reports too
    assert any(a.startswith("Bashar al-Assad") for a in actors), actors
    assert listed == ["putin-assad", "moscow-meeting"]  # newest first
    assert len(second) == 1 and "also reported in" in second[0]
    assert refused == []
