"""Screenshots of the page at `/` on the 30 MEANTIME stock-market articles.

    PYTHONPATH=. .venv/bin/python scripts/page_screenshots.py [--articles DIR] [--out DIR]

Loads the articles (`graphsvc load`, the text loader) into a temporary data directory,
starts `graphsvc serve` on a free loopback port, asks the API which actor has the most
events, which of its events has a source to show, and which two of its related actors
a path joins (nothing is chosen by name), then drives Debian's `chromium` through
Playwright, offline (every request beyond loopback is refused), and writes
meantime-{search,actor,event,path}.png to --out (default docs/screenshots).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "fixtures" / "meantime-stock" / "articles"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def graphsvc(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphsvc", *args]


def get(base: str, path: str, **params: Any) -> Any:
    query = f"?{urlencode(params, doseq=True)}" if params else ""
    with urlopen(f"{base}{path}{query}", timeout=30) as answer:
        return json.load(answer)


@contextmanager
def server(env: dict[str, str], log: Path) -> Iterator[str]:
    port = free_port()
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            graphsvc("serve", "--port", str(port)), env=env, cwd=ROOT, stdout=sink, stderr=sink
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    get(base, "/health")
                    break
                except (URLError, OSError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"the server did not start; see {log}") from None
                    time.sleep(0.2)
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def choose(base: str) -> dict[str, Any]:
    """The actor with the most events (dated and undated; ties: more dated, then id), an
    event of it whose source shows its date expression (else any with a source), and
    two of its related actors that a path joins; when it has no two, those of the next
    actor in that order that has (`path_of` says whose)."""
    actors = get(base, "/actors", q="", limit=1000)["items"]
    ranked = []
    for actor in actors:
        page = get(base, "/timeline", actor=actor["id"], limit=1)
        ranked.append((-(page["count"] + page["undated_count"]), -page["count"], actor["id"]))
    ranked.sort()
    actor = next(a for a in actors if a["id"] == ranked[0][2])
    events = get(base, "/timeline", actor=actor["id"], limit=500)["items"]

    def shows_date(event: dict[str, Any]) -> bool:
        text = (event.get("date_text") or "").lower()
        return bool(text) and any(text in s["sentence"].lower() for s in event["sources"])

    event = next((e for e in events if shows_date(e)), None) or next(
        e for e in events if e["sources"]
    )
    path = path_of = None
    for _, _, actor_id in ranked:
        path = related_pair(base, actor_id)
        if path:
            path_of = actor_id
            break
    return {
        "actor": actor,
        "events": -ranked[0][0],
        "event": event,
        "path": path,
        "path_of": path_of,
    }


def related_pair(base: str, actor_id: str) -> tuple[dict, dict] | None:
    """Two of the actor's related actors that a path of at most 4 hops joins."""
    related = [item["actor"] for item in get(base, f"/actors/{actor_id}/relations")["items"]]
    for i, source in enumerate(related):
        for target in related[i + 1 :]:
            found = get(base, "/paths", source=source["id"], target=target["id"], max_hops=4)
            if found["paths"]:
                return source, target
    return None


def screenshots(base: str, chosen: dict[str, Any], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("needs the `chromium` binary (Debian: apt-get install chromium)")
    refused: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    out.mkdir(parents=True, exist_ok=True)
    actor, event = chosen["actor"], chosen["event"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", guard)
        page = context.new_page()
        page.goto(f"{base}/")
        page.fill("#search-q", actor["name"])
        page.click("#search-form button")
        page.wait_for_selector("#actor-list .counts:has-text('dated event')", timeout=20_000)
        page.screenshot(path=str(out / "meantime-search.png"))

        page.locator(f"#actor-list a[title='{actor['id']}']").click()
        page.wait_for_selector("#vis .vis-item", timeout=20_000)
        page.wait_for_selector("#graph canvas", timeout=20_000)
        page.wait_for_timeout(500)  # the graph's first frame
        page.screenshot(path=str(out / "meantime-actor.png"))

        page.locator(f"#timeline li[data-event='{event['id']}'] button").click()
        page.wait_for_selector("#event-panel:not([hidden]) blockquote.sentence", timeout=20_000)
        page.locator("#timeline-side").evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(out / "meantime-event.png"))

        if chosen["path"]:
            source, target = chosen["path"]
            page.fill("#path-form [name=source]", source["id"])
            page.fill("#path-form [name=target]", target["id"])
            page.click("#path-form button")
            page.wait_for_selector("#path-results .path", timeout=20_000)
            chip = page.locator("#path-results button.chip.ev").first
            if chip.count():
                chip.click()
                page.wait_for_selector("#path-side #event-panel blockquote", timeout=20_000)
            page.locator("#paths").evaluate("el => el.scrollIntoView({block: 'start'})")
            page.screenshot(path=str(out / "meantime-path.png"))
        browser.close()
    if refused:
        raise SystemExit(f"the page reached beyond loopback: {refused}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="folder to load")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--workers", default="2", help="`graphsvc load --workers`")
    args = parser.parse_args()
    if not args.articles.is_dir():
        raise SystemExit(f"no articles at {args.articles} (the shared fixtures)")
    with tempfile.TemporaryDirectory(prefix="graphsvc-screenshots-") as tmp:
        data = Path(tmp) / "data"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "GRAPHSVC_DATA_DIR": str(data)}
        env.pop("GRAPHSVC_BACKEND", None)  # the embedded store, in the temporary folder
        load = graphsvc("load", str(args.articles), "--data-dir", str(data))
        subprocess.run([*load, "--workers", args.workers], env=env, cwd=ROOT, check=True)
        with server(env, Path(tmp) / "server.log") as base:
            chosen = choose(base)
            source, target = chosen["path"] or ({"id": "-"}, {"id": "-"})
            print(
                f"actor {chosen['actor']['id']} ({chosen['events']} events), "
                f"event {chosen['event']['id']}, path {source['id']} .. {target['id']} "
                f"(related actors of {chosen['path_of']})"
            )
            screenshots(base, chosen, args.out)
    print(f"wrote meantime-{{search,actor,event,path}}.png to {args.out}")


if __name__ == "__main__":
    main()
