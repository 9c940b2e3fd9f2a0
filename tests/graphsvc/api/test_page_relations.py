"""The page's relations table shows a relation as a reader says it, with its interval:
"chief financial officer of Intel (as of 2016-01-22)", "works for Siemens (1961 to
1975)", after POST /documents on a real server, in a real browser."""

from __future__ import annotations

import httpx2

from tests.graphsvc.api.pages import OfflinePage, PageServer, Screenshot, open_actor

TEXT = (
    "Maria Lopez, the chief financial officer of Intel Corp., said sales rose. "
    "Lopez joined Siemens AG in 1961. Lopez left Siemens AG in 1975."
)


def test_relations_table_says_role_and_interval(
    page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    with page_server() as base:
        posted = httpx2.post(
            f"{base}/documents", json={"text": TEXT, "published": "2016-01-22"}, timeout=60
        )
        assert posted.status_code == 200, posted.text
        open_actor(page, base, "Maria Lopez")
        page.wait_for_selector("#relations tbody tr [data-type]", timeout=10_000)
        rows = page.locator("#relations tbody tr").all_inner_texts()
        screenshot(page, "page-relations")
    text = "\n".join(rows)
    assert "chief financial officer of Intel (as of 2016-01-22)" in text, text
    assert "works for Siemens (1961 to 1975)" in text, text
    assert refused == []
