"""What the browser tests of the pages share: a real server on a test's own data
directory (the `page_server` fixture of this folder's conftest), records loaded into
it first, and opening an actor from the page's search."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from tests.e2e.server import ROOT, graphsvc, running_server, server_env

EXAMPLE = ROOT / "examples" / "putin-assad-step-down.jsonl"

#: The fixtures' types, as the tests name them: `page_server` (conftest), and
#: `offline_page` and `screenshot` (tests/browser.py).
PageServer = Callable[..., AbstractContextManager[str]]
OfflinePage = tuple[Any, list[str]]
Screenshot = Callable[[Any, str], Path]


def load_records(env: dict[str, str], data_dir: Path, path: Path = EXAMPLE) -> None:
    """`graphsvc load` of a records file, before the server opens the store."""
    command = graphsvc("load", str(path), "--data-dir", str(data_dir))
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)


@contextmanager
def serving_pages(folder: Path, records: Path | None = None, **settings: str) -> Iterator[str]:
    """`graphsvc serve` on `folder`/data (loaded with `records` first, if given) with
    these settings; yields its base URL and stops it afterwards."""
    env = server_env(GRAPHSVC_DATA_DIR=str(folder / "data"), **settings)
    if records is not None:
        load_records(env, folder / "data", records)
    with running_server(env, folder / "server.log") as (base, _):
        yield base


def open_actor(page: Any, base: str, name: str) -> None:
    """Search the page for `name` and open the actor the list shows by that name."""
    page.goto(f"{base}/")
    page.fill("#search-q", name)
    page.click("#search-form button")
    link = page.locator("#actor-list a", has_text=name)
    link.wait_for(timeout=10_000)
    link.click()
