"""The page's relations table shows a relation as a reader says it, with its interval:
"chief financial officer of Intel (as of 2016-01-22)", "works for Siemens (1961 to
1975)", after POST /documents on a real server, in a real browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2

from tests.e2e.server import running_server, server_env

TEXT = (
    "Maria Lopez, the chief financial officer of Intel Corp., said sales rose. "
    "Lopez joined Siemens AG in 1961. Lopez left Siemens AG in 1975."
)


def test_relations_table_says_role_and_interval(
    tmp_path: Path, offline_page: tuple[Any, list[str]], screenshot: Callable[[Any, str], Path]
) -> None:
    page, refused = offline_page
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"))
    with running_server(env, tmp_path / "server.log") as (base, _):
        posted = httpx2.post(
            f"{base}/documents", json={"text": TEXT, "published": "2016-01-22"}, timeout=60
        )
        assert posted.status_code == 200, posted.text
        page.goto(f"{base}/")
        page.fill("#search-q", "Maria Lopez")
        page.click("#search-form button")
        link = page.locator("#actor-list a", has_text="Maria Lopez")
        link.wait_for(timeout=10_000)
        link.click()
        page.wait_for_selector("#relations tbody tr [data-type]", timeout=10_000)
        rows = page.locator("#relations tbody tr").all_inner_texts()
        screenshot(page, "page-relations")
    text = "\n".join(rows)
    assert "chief financial officer of Intel (as of 2016-01-22)" in text, text
    assert "works for Siemens (1961 to 1975)" in text, text
    assert refused == []
