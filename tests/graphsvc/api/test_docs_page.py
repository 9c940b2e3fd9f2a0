"""`/docs` is Swagger UI from files the server serves itself: it renders every
operation in a browser that cannot reach the internet, and says how to install the
files when they are missing."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.settings import Settings
from tests.e2e.server import running_server, server_env

CHROMIUM_TIMEOUT = 60.0
#: No network but loopback: every name but 127.0.0.1 fails to resolve.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


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
def test_swagger_ui_renders_the_operations_offline(tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("needs the `chromium` binary (Debian: apt-get install chromium)")
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"))
    with running_server(env, tmp_path / "server.log") as (base, _):
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-dev-shm-usage",
            OFFLINE,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            f"{base}/docs",
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            dom, _ = process.communicate(timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"chromium took more than {CHROMIUM_TIMEOUT:.0f} s")
    paths = set(re.findall(r'data-path="([^"]+)"', dom))
    for expected in ("/timeline", "/actors/{actor_id}/relations", "/paths", "/cypher"):
        assert expected in paths, sorted(paths)
    assert "graphsvc" in dom
