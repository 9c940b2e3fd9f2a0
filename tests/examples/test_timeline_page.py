"""examples/timeline.html shows a real `graphsvc export --format timelinejs` in a browser.

Headless Chromium opens the page, served over loopback with the exported JSON and
TimelineJS3 from examples/timelinejs/node_modules (`npm ci` on first use), so what is
checked is what a user sees: one slide per exported event with its headline, the title
slide, the first event shown, nothing fetched from the internet, and a screenshot
(written to $GRAPHSVC_SCREENSHOT when set:
`GRAPHSVC_SCREENSHOT=/tmp/timeline.png .venv/bin/pytest tests/examples/test_timeline_page.py`).
"""

from __future__ import annotations

import functools
import html
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "examples" / "timeline.html"
TIMELINEJS = ROOT / "examples" / "timelinejs"
PACKAGE = "@knight-lab/timelinejs"
ACTOR = "person:vladimir-putin"
WIDTH, HEIGHT = 1280, 900
NPM_CI_TIMEOUT = 300.0
CHROMIUM_TIMEOUT = 60.0
#: Virtual milliseconds the page runs before the DOM is dumped or the screenshot taken;
#: enough for TimelineJS's fetch and its 1 s slide and navigation animations.
VIRTUAL_TIME_MS = 10_000
#: Without these Chromium tries to reach Google's services and may hang offline.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def _installed_version() -> str | None:
    package_json = TIMELINEJS / "node_modules" / PACKAGE / "package.json"
    if not package_json.is_file():
        return None
    return json.loads(package_json.read_text(encoding="utf-8"))["version"]


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("needs the `chromium` binary (Debian: apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def node_modules(chromium: str) -> Path:
    """TimelineJS3 as package-lock.json pins it; `npm ci` if missing or another version."""
    lock = json.loads((TIMELINEJS / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"][f"node_modules/{PACKAGE}"]["version"]
    if _installed_version() != pinned:
        npm = shutil.which("npm")
        assert npm, "npm is needed to install TimelineJS3 in examples/timelinejs"
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=TIMELINEJS,
            check=True,
            timeout=NPM_CI_TIMEOUT,
        )
        assert _installed_version() == pinned
    return TIMELINEJS / "node_modules"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Putin's timeline as the real CLI exports it, from the example records."""
    tmp = tmp_path_factory.mktemp("timelinejs-export")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    graphsvc = [sys.executable, "-m", "graphsvc"]
    data_dir = ["--data-dir", str(tmp / "data")]
    subprocess.run([*graphsvc, "load", str(EXAMPLES), *data_dir], env=env, cwd=ROOT, check=True)
    output = tmp / "putin-timeline.json"
    export = ["export", "--format", "timelinejs", "--actor", ACTOR, "--output", str(output)]
    subprocess.run(
        [*graphsvc, *export, *data_dir],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return json.loads(output.read_text(encoding="utf-8"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def page_url(
    tmp_path_factory: pytest.TempPathFactory, node_modules: Path, exported: dict
) -> Iterator[str]:
    """The page, its default JSON and TimelineJS, laid out as in examples/, on loopback."""
    site = tmp_path_factory.mktemp("timelinejs-site")
    shutil.copy(PAGE, site / PAGE.name)
    (site / "putin-timeline.json").write_text(json.dumps(exported), encoding="utf-8")
    (site / "timelinejs").mkdir()
    (site / "timelinejs" / "node_modules").symlink_to(node_modules, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{PAGE.name}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _run_chromium(chromium: str, profile: Path, url: str, *args: str) -> str:
    """Chromium's stdout; a fresh profile each run, killed with its children on timeout."""
    command = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--virtual-time-budget={VIRTUAL_TIME_MS}",
        *args,
        url,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=CHROMIUM_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium took more than {CHROMIUM_TIMEOUT:.0f} s on {url}")
    assert process.returncode == 0, f"chromium exited {process.returncode}: {stderr[-3000:]}"
    return stdout


class _Rendered(HTMLParser):
    """Per TimelineJS slide (by id) its headline, the classes of every element with an
    id, and every URL the page loads a script, stylesheet or image from."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, set[str], str | None]] = []
        self.headlines: dict[str, str] = {}
        self.classes: dict[str, set[str]] = {}
        self.resources: list[str] = []
        self.inputs: dict[str, str] = {}  # input id -> its value attribute

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        element_id = attributes.get("id")
        if element_id:
            self.classes[element_id] = classes
        if tag == "input" and element_id:
            self.inputs[element_id] = attributes.get("value") or ""
        for name in ("src", "href"):
            if tag in {"script", "link", "img", "iframe"} and attributes.get(name):
                self.resources.append(attributes[name] or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, classes, element_id))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(tag == "h2" and "tl-headline" in classes for tag, classes, _ in self.stack):
            return
        slide = next(
            (
                element_id
                for _, classes, element_id in reversed(self.stack)
                if "tl-slide" in classes
            ),
            None,
        )
        if slide is not None:
            self.headlines[slide] = self.headlines.get(slide, "") + data


def test_page_shows_every_exported_event(
    chromium: str, page_url: str, exported: dict, tmp_path: Path
) -> None:
    dom = _run_chromium(chromium, tmp_path / "profile", page_url, "--dump-dom")
    rendered = _Rendered()
    rendered.feed(dom)

    events = exported["events"]
    assert len(events) >= 2, "the example gives Putin at least two dated events"
    for event in events:
        # Headlines are exported HTML-escaped; the page shows them as the stored text.
        headline = html.unescape(event["text"]["headline"])
        assert rendered.headlines.get(event["unique_id"]) == headline, (
            f"no slide for {event['unique_id']}; slides: {rendered.headlines}"
        )
    title_slides = [i for i, c in rendered.classes.items() if "tl-slide-titleslide" in c]
    assert len(title_slides) == 1, title_slides
    title = html.unescape(exported["title"]["text"]["headline"])
    assert rendered.headlines.get(title_slides[0]) == title
    # The picker shows which export this is (and takes another).
    assert "picker" in rendered.classes and rendered.inputs.get("data") == "putin-timeline.json"
    # The page opens on the first event, not on the title slide.
    assert "tl-timemarker-active" in rendered.classes[f"{events[0]['unique_id']}-marker"]
    # Offline: everything comes from the loopback server.
    external = [r for r in rendered.resources if "://" in r and "//127.0.0.1:" not in r]
    assert not external, f"the page loads from the internet: {external}"


def _png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (still filtered) pixel rows of a PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, width, height, idat = 8, 0, 0, b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, body = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return width, height, zlib.decompress(idat)


def test_screenshot(chromium: str, page_url: str, tmp_path: Path) -> None:
    """A PNG of the page as a user sees it, kept at $GRAPHSVC_SCREENSHOT if set."""
    target = Path(os.environ.get("GRAPHSVC_SCREENSHOT") or tmp_path / "timeline.png").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    _run_chromium(chromium, tmp_path / "profile", page_url, f"--screenshot={target}")

    png = target.read_bytes()
    width, height, pixels = _png_pixels(png)
    assert (width, height) == (WIDTH, HEIGHT)
    # A blank or nearly blank page compresses to a few kB and has few distinct bytes;
    # rendered text (anti-aliased) gives many.
    assert len(png) > 20_000, f"{target} is only {len(png)} bytes"
    assert len(set(pixels)) > 64, f"{target} looks blank"
