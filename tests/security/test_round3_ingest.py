"""Ingest holds against a red team's third round: HTML bombs, long extractions, loads.

- `<p a0=1 ... a199999=1>` + one sentence (2.2 MB, under every size limit) ran 532 s of
  CPU and grew the server to 3.7 GB: lxml's HTML parse costs about n^2.5 in a tag's
  attributes. `graphsvc load` of such an .html had it too.
- Nothing bounded one POST /documents: 1 MB of ordinary text took 93 s, and a request's
  thread could not be stopped.
- `graphsvc load DIR` followed a file symlink out of DIR (a linked secret was loaded).
- `graphsvc load --workers 2` ended with a traceback when a file vanished or a worker
  died, and loaded none of the files after it.

The bomb and the deadline are measured on a real `graphsvc serve` (its process and the
children it starts); the loads run the real CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.service.bulk_load import count_units, expand, units, write_all
from graphsvc.settings import Settings
from graphsvc.store import open_store
from loaders.text import parallel
from tests.e2e.server import ROOT, graphsvc, running_server, server_env

SENTENCE = "Vladimir Putin met Bashar al-Assad in Moscow on Tuesday, officials said."
STORY = (ROOT / "examples" / "putin-assad-step-down.md").read_text(encoding="utf-8")
MB = 2**20


def attribute_bomb(attributes: int) -> str:
    names = " ".join(f"a{i}=1" for i in range(attributes))
    return f"<html><body><p {names}>{SENTENCE}</p></body></html>"


def ordinary_text(characters: int) -> str:
    """News text with no line repeated (a repeated line is dropped as page chrome)."""
    lines = [line for line in STORY.splitlines() if len(line.split()) >= 8]
    out, total, number = [], 0, 0
    while total < characters:
        line = f"Report {number}: {lines[number % len(lines)]}"
        out.append(line)
        total += len(line) + 1
        number += 1
    return "\n".join(out)


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    pids, index = [pid], 0
    while index < len(pids):
        try:
            children = Path(f"/proc/{pids[index]}/task/{pids[index]}/children").read_text()
        except OSError:
            children = ""
        pids += [int(child) for child in children.split()]
        index += 1
    return pids


def _memory(pid: int) -> int:
    """Memory `pid` and its children hold, in bytes: the sum of their proportional set
    sizes (a forked child's pages shared with the server count once, not twice)."""
    total = 0
    for one in _tree(pid):
        try:
            rollup = Path(f"/proc/{one}/smaps_rollup").read_text()
        except OSError:
            continue  # ended meanwhile
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    return total


class PeakMemory:
    """The most memory a process tree held while the `with` block ran, sampled (see
    `_memory`)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _memory(self.pid))
            self._stop.wait(0.02)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _post(base: str, body: dict[str, str], timeout: float = 30) -> tuple[httpx2.Response, float]:
    start = time.perf_counter()
    response = httpx2.post(f"{base}/documents", json=body, timeout=timeout)
    return response, time.perf_counter() - start


def _article(id: str, **content: str) -> dict[str, str]:
    return {"id": id, "published": "2016-01-22", **content}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """`graphsvc serve` with its default ingest bounds, the spaCy model loaded."""
    data = tmp_path_factory.mktemp("round3-serve")
    env = server_env(GRAPHSVC_DATA_DIR=str(data / "store"))
    with running_server(env, data / "serve.log") as (base, process):
        response, _ = _post(base, _article("warm-up", text=SENTENCE), timeout=120)
        assert response.status_code == 200, response.text
        yield base, process.pid


@pytest.mark.e2e
@pytest.mark.parametrize("attributes", [60_000, 200_000])
def test_an_html_attribute_bomb_is_read_within_5_seconds_and_500_mb(
    server: tuple[str, int], attributes: int
) -> None:
    base, pid = server
    html = attribute_bomb(attributes)
    assert len(html) < 5_000_000  # under the `html` field's limit: the parse must hold
    with PeakMemory(pid) as memory:
        try:
            response, elapsed = _post(base, _article(f"bomb-{attributes}", html=html), 10)
        except httpx2.TimeoutException:
            pytest.fail(f"the {attributes}-attribute bomb had no answer in 10 s")
    assert elapsed < 5, f"{attributes} attributes took {elapsed:.1f} s"
    assert memory.peak < 500 * MB, f"the server grew to {memory.peak / MB:.0f} MB"
    assert response.status_code == 200, response.text
    assert response.json()["events"], "the page's sentence was read"

    after, after_elapsed = _post(base, _article(f"after-{attributes}", text=STORY))
    assert after.status_code == 200, after.text
    assert after_elapsed < 5, f"the next ingest waited {after_elapsed:.1f} s"


@pytest.mark.e2e
def test_a_long_extraction_is_stopped_at_its_deadline_and_frees_the_server(
    tmp_path: Path,
) -> None:
    """GRAPHSVC_INGEST_TIMEOUT_SECONDS: 408 naming it, nothing written, no process left
    burning CPU, and the next article is served at once."""
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "store"), GRAPHSVC_INGEST_TIMEOUT_SECONDS="2")
    with running_server(env, tmp_path / "serve.log") as (base, process):
        warm, _ = _post(base, _article("warm-up", text=SENTENCE), timeout=120)
        assert warm.status_code == 200, warm.text
        try:
            response, elapsed = _post(base, _article("long", text=ordinary_text(200_000)), 15)
        except httpx2.TimeoutException:
            pytest.fail("a long extraction ran past 15 s with a 2 s ingest deadline")
        assert response.status_code == 408, response.text
        assert "GRAPHSVC_INGEST_TIMEOUT_SECONDS" in response.json()["detail"]
        assert elapsed < 4, f"answered after {elapsed:.1f} s"

        deadline = time.monotonic() + 3
        while len(_tree(process.pid)) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _tree(process.pid) == [process.pid], "the extraction's process still runs"
        cpu = _cpu_seconds(process.pid)
        time.sleep(1)
        assert _cpu_seconds(process.pid) - cpu < 0.5, "the server still burns CPU"

        stats = httpx2.get(f"{base}/stats", timeout=10).json()
        assert stats["documents"] == 1, "nothing of the stopped article was written"
        after, after_elapsed = _post(base, _article("after", text=STORY))
        assert after.status_code == 200, after.text
        assert after_elapsed < 5, f"the next ingest waited {after_elapsed:.1f} s"


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.e2e
def test_an_extraction_past_its_memory_cap_is_413_and_writes_nothing(tmp_path: Path) -> None:
    """GRAPHSVC_INGEST_MEMORY_MB bounds how far the child's address space may grow, so
    it is measured on a fresh server (memory a long-running process freed but still
    maps is not growth). The article is sized to need about twice the cap (900,000
    characters grew a child by more than 128 MB here; 200,000 by 32 to 64 MB, a margin
    too thin to fail the same way on every machine state)."""
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "store"), GRAPHSVC_INGEST_MEMORY_MB="64")
    with running_server(env, tmp_path / "serve.log") as (base, _):
        warm, _ = _post(base, _article("warm-up", text=SENTENCE), timeout=120)
        assert warm.status_code == 200, warm.text
        response, _ = _post(base, _article("big", text=ordinary_text(900_000)), 120)
        assert response.status_code == 413, response.text[:500]
        assert "GRAPHSVC_INGEST_MEMORY_MB" in response.json()["detail"]
        assert httpx2.get(f"{base}/stats", timeout=10).json()["documents"] == 1


def test_a_page_of_too_many_elements_is_refused_naming_the_cap(tmp_path: Path) -> None:
    from loaders.text.html_bounds import MAX_ELEMENTS

    html = "<html><body>" + "<p>x</p>" * (MAX_ELEMENTS + 1) + f"<p>{SENTENCE}</p></body></html>"
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        response = client.post("/documents", json=_article("many", html=html))
    assert response.status_code == 422, response.text
    assert "MAX_ELEMENTS" in response.json()["detail"]


@pytest.mark.parametrize("stray", ['"', "'", "=", "/", ""])
def test_the_html_scan_is_linear_and_cuts_every_disguise_of_a_bomb(stray: str) -> None:
    """The parser skips stray characters between attributes and reads on; so does the
    scan, so `<p "a0=1 "a1=1 ...>` is cut like the plain bomb."""
    from loaders.text.html_bounds import MAX_ATTRIBUTES, bounded_html

    names = " ".join(f"{stray}a{i}=1" for i in range(200_000))
    start = time.perf_counter()
    bounded = bounded_html(f"<p {names}>{SENTENCE}</p>")
    assert time.perf_counter() - start < 2
    assert bounded.count("=1") == MAX_ATTRIBUTES
    assert bounded.endswith(f">{SENTENCE}</p>")


def test_an_ordinary_page_passes_the_scan_unchanged() -> None:
    from loaders.text.html_bounds import bounded_html

    page = (
        '<!doctype html><html><head><title>T</title><script>var s = "<p q=1>";</script>'
        "</head><body><a title=\"a>b\" href=/x class='c d' data-x>Link</a><!-- <p a=1> -->"
        f"<br/><p id=main>{SENTENCE}</p></body></html>"
    )
    assert bounded_html(page) == page


def _cli(*args: str, data_dir: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = server_env(GRAPHSVC_DATA_DIR=str(data_dir))
    return subprocess.run(
        graphsvc(*args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def _documents(data_dir: Path) -> int:
    return int(json.loads(_cli("stats", data_dir=data_dir).stdout)["documents"])


@pytest.mark.e2e
def test_loading_an_html_attribute_bomb_takes_seconds(tmp_path: Path) -> None:
    page = tmp_path / "bomb.html"
    page.write_text(attribute_bomb(200_000), encoding="utf-8")
    start = time.perf_counter()
    try:
        done = _cli(
            "load", str(page), "--published", "2016-01-22", data_dir=tmp_path / "d", timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail("loading a 200,000-attribute page ran past 60 s")
    assert done.returncode == 0, done.stderr
    assert time.perf_counter() - start < 30
    assert _documents(tmp_path / "d") == 1


@pytest.mark.e2e
def test_a_folder_load_skips_a_symlink_that_leads_out_of_it(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "news", tmp_path / "private"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    secret = elsewhere / "secret.txt"
    secret.write_text(f"{SENTENCE} The password is hunter2, officials said.", encoding="utf-8")
    (folder / "linked.txt").symlink_to(secret)

    data_dir = tmp_path / "data"
    done = _cli("load", str(folder), "--published", "2016-01-22", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    message = " ".join(done.stderr.split())
    assert f"skipped {folder / 'linked.txt'}" in message and str(secret) in message
    assert "--follow-symlinks" in message
    assert _documents(data_dir) == 1

    followed = tmp_path / "followed"
    flags = ("--published", "2016-01-22", "--follow-symlinks")
    done = _cli("load", str(folder), *flags, data_dir=followed)
    assert done.returncode == 0, done.stderr
    assert _documents(followed) == 2


def test_a_file_that_vanishes_mid_load_is_its_own_failure(tmp_path: Path) -> None:
    """Between listing a folder and reading it (what `graphsvc load` does, in order)."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_text(STORY + "\nMore.", encoding="utf-8")
    shutil.copy(ROOT / "examples" / "putin-assad-step-down.jsonl", folder / "c.jsonl")
    (folder / "d.txt").write_text(f"{SENTENCE}\n{STORY}", encoding="utf-8")
    files = expand([folder])
    (folder / "b.txt").unlink()
    (folder / "c.jsonl").unlink()

    store = open_store(Settings(data_dir=tmp_path / "data"))
    store.start()
    parser = parallel.parser(Settings().spacy_model, 1)
    heard: list[str] = []
    try:
        assert count_units(files) == 4
        reports = write_all(
            units(files, {"published": "2016-01-22"}),
            store,
            parser,
            ahead=2,
            on_unit=lambda unit, result, exc: heard.append(unit.where),
        )
        documents = store.stats().documents
    finally:
        parser.close()
        store.close()
    assert reports[folder / "a.txt"].written == 1 and reports[folder / "d.txt"].written == 1
    for gone in ("b.txt", "c.jsonl"):
        report = reports[folder / gone]
        assert report.written == 0 and len(report.failed) == 1
        assert "cannot read it" in report.failed[0][1].detail
    assert len(heard) == 4 and documents == 2


@pytest.mark.e2e
def test_a_worker_that_dies_mid_load_costs_no_other_article(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    source = shared_fixtures / "meantime-stock" / "articles"
    folder = tmp_path / "articles"
    folder.mkdir()
    articles = sorted(source.glob("*.txt"))[:12]
    for path in articles:
        shutil.copy(path, folder)
    shutil.copy(source / "articles.jsonl", folder)
    data_dir = tmp_path / "data"
    env = server_env(GRAPHSVC_DATA_DIR=str(data_dir))
    command = graphsvc("load", str(folder), "--workers", "2")
    load = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    killed = _kill_a_worker(load)
    stdout, stderr = load.communicate(timeout=300)
    assert killed, "no parse worker was seen to kill"
    assert "Traceback" not in stderr, stderr
    assert load.returncode == 0, stderr
    assert stdout.count("1 documents") == len(articles)
    assert _documents(data_dir) == len(articles)


def _kill_a_worker(load: subprocess.Popen[str]) -> bool:
    """SIGKILL one of the load's parse workers (forked: the same command line) once one
    runs; False if the load ended first."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and load.poll() is None:
        try:
            own = Path(f"/proc/{load.pid}/cmdline").read_bytes()
            for child in _tree(load.pid)[1:]:
                if Path(f"/proc/{child}/cmdline").read_bytes() == own:
                    os.kill(child, signal.SIGKILL)
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def test_the_json_depth_check_holds_a_long_string_in_constant_memory() -> None:
    """It removes strings with a regex before counting brackets; a 2 MB string (the
    attribute bomb's page) took 220 MB of the regex engine's backtracking state."""
    import tracemalloc

    from graphsvc.api.limits import json_depth

    body = json.dumps({"html": "<p " + "a=1 " * 1_000_000 + ">", "x": [[1]]}).encode()
    tracemalloc.start()
    try:
        depth = json_depth(body)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert depth == 3
    assert peak < 3 * len(body), f"{peak / MB:.0f} MB for a {len(body) / MB:.0f} MB body"
