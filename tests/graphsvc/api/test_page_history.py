"""An actor whose history is told with pronouns and descriptions: after one POST
/documents on a real server, in a real browser, the actor's timeline holds the events
told of "she", each marked as a resolved link, and the relations table says "chief
executive of ..." with the interval the text gives."""

from __future__ import annotations

import httpx2
import pytest

from tests.graphsvc.api.pages import OfflinePage, PageServer, Screenshot, open_actor

#: Written for this test: a history told once by name, then by "she" and "the company".
STORY = (
    "Astrid Holm founded Norvik Data in Bergen in 2004. She was named chief executive of "
    "the company in 2009. In March 2014 the company listed its shares in Oslo. She "
    "stepped down as chief executive in June 2018."
)


@pytest.mark.e2e
def test_a_history_told_with_pronouns_is_on_the_actors_timeline(
    page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    with page_server() as base:
        posted = httpx2.post(
            f"{base}/documents",
            json={"text": STORY, "published": "2020-05-04", "title": "Norvik Data's founder"},
            timeout=60,
        )
        assert posted.status_code == 200, posted.text
        open_actor(page, base, "Astrid Holm")
        page.wait_for_selector("#timeline li", timeout=10_000)
        page.wait_for_selector("#relations tbody tr [data-type]", timeout=10_000)
        items = {
            li.locator(".summary").inner_text(): li.locator(".link-basis").all_inner_texts()
            for li in page.locator("#timeline li").all()
        }
        relations = "\n".join(page.locator("#relations tbody tr").all_inner_texts())
        page.wait_for_selector("#graph canvas", timeout=10_000)
        page.wait_for_timeout(500)  # cytoscape draws on its next frame
        page.set_viewport_size({"width": 1280, "height": 1100})
        screenshot(page, "page-history")
    resolved = {summary: marks for summary, marks in items.items() if marks}
    assert any("founded Norvik Data" in s for s in items), items
    assert len(resolved) >= 2, items
    assert all(marks == ["via “She” (resolved)"] for marks in resolved.values()), items
    assert any("stepped down" in s for s in resolved), items
    assert "chief executive of Norvik Data (2009 to 2018" in relations, relations
    assert refused == [], f"the page reached beyond loopback: {refused}"
