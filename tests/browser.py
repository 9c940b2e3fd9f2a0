"""A real browser for the tests of pages: Playwright driving Debian's `chromium` (no
browser download), with every request that leaves loopback refused and recorded, so a
page that would fetch from the internet fails its test instead of hanging offline.

Chromium also resolves no host name but `localhost` (`--host-resolver-rules`), so a
page stays offline even where no route guards it: `unrouted_page` leaves every request to
the browser itself, as a user's browser handles it (CORS preflights included, which
Playwright's routing skips), and only records what the page asked for.

Screenshots go to $GRAPHSVC_SCREENSHOTS when set (else the test's tmp_path), and their
paths are attached to the test's report (`record_property`, shown in JUnit XML)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}
#: Every host name fails to resolve but loopback's: nothing leaves the machine.
OFFLINE_RESOLVER = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("needs the `chromium` binary (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-dev-shm-usage", OFFLINE_RESOLVER],
        )
        yield launched
        launched.close()


@pytest.fixture
def offline_page(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A page whose requests beyond loopback are aborted; the list names them."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    refused: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if not beyond_loopback(url):
            route.continue_()  # type: ignore[attr-defined]
        else:
            refused.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    page = context.new_page()
    try:
        yield page, refused
    finally:
        context.close()


def beyond_loopback(url: str) -> bool:
    """A request meant for another machine (data: and blob: URLs stay in the page)."""
    host = urlsplit(url).hostname or ""
    local = host in LOOPBACK or f"[{host}]" in LOOPBACK
    return not (url.startswith(("data:", "blob:")) or local)


@pytest.fixture
def unrouted_page(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A page with no request routing: the browser sends, preflights and blocks every
    request as it would for a user (only loopback resolves). The list names the
    requests that were meant to leave loopback, which all failed to resolve."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    remote: list[str] = []

    def seen(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if beyond_loopback(url):
            remote.append(url)

    context.on("request", seen)  # type: ignore[attr-defined]
    page = context.new_page()  # type: ignore[attr-defined]
    try:
        yield page, remote
    finally:
        context.close()  # type: ignore[attr-defined]


@pytest.fixture
def screenshot(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> Callable[[object, str], Path]:
    """`screenshot(page, "name")`: a full-page PNG, kept and attached to the report."""
    folder = Path(os.environ.get("GRAPHSVC_SCREENSHOTS") or tmp_path)

    def take(page: object, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name}.png"
        page.screenshot(path=str(target), full_page=False)  # type: ignore[attr-defined]
        record_property(f"screenshot {name}", str(target))
        return target

    return take
