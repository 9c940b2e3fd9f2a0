"""`/docs` is Swagger UI from files the server serves itself: it renders every
operation in a browser that cannot reach the internet, and says how to install the
files when they are missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.settings import Settings
from tests.graphsvc.api.pages import OfflinePage, PageServer, Screenshot


def test_the_page_loads_nothing_from_elsewhere(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        loaded = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert loaded and all(url.startswith("/assets/swagger-ui/") for url in loaded), loaded
        for url in loaded:
            assert client.get(url).status_code == 200, url
        assert client.get("/redoc").status_code == 404  # ReDoc would load from a CDN


def test_missing_assets_are_a_503_that_says_how_to_install_them(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, assets_dir=tmp_path / "nothing-here")
    with TestClient(create_app(settings)) as client:
        answer = client.get("/docs")
        assert answer.status_code == 503
        assert "make install" in answer.json()["detail"]
        assert client.get("/openapi.json").status_code == 200


@pytest.mark.e2e
def test_swagger_ui_renders_the_operations_offline(
    page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    with page_server() as base:
        page.goto(f"{base}/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=30_000)
        paths = set(
            page.locator(".opblock-summary-path").evaluate_all(
                "nodes => nodes.map(n => n.getAttribute('data-path'))"
            )
        )
        title = page.locator(".info .title").first.inner_text()
        screenshot(page, "api-docs")
    for expected in ("/timeline", "/actors/{actor_id}/relations", "/paths", "/cypher"):
        assert expected in paths, sorted(paths)
    assert title.startswith("graphsvc")
    assert refused == [], f"the page reached beyond loopback: {refused}"
