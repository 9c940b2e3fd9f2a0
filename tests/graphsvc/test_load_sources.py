"""`graphsvc load URL`: inputs fsspec reads (`memory://` in this process, `file://`),
loaded as the same files on disk would be, and named by their URL in the output."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.cli.load_sources import is_url, sources
from tests.conftest import EXAMPLES

runner = CliRunner()

ARTICLE = (
    "Acme Corp. said on Tuesday that it had bought Widget Ltd. for $2 billion. "
    "Jane Doe, the chief executive of Acme, met the board of Widget in London."
)


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _stats(data_dir: Path) -> dict:
    result = _run("stats", "--data-dir", str(data_dir))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A records file, an article and the article's metadata file, in a subfolder."""
    root = tmp_path / "corpus"
    (root / "news").mkdir(parents=True)
    shutil.copy(EXAMPLES, root / "records.jsonl")
    (root / "news" / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    sidecar = {"id": "acme", "published": "2016-01-19", "title": "Acme buys Widget"}
    (root / "news" / "articles.jsonl").write_text(json.dumps(sidecar) + "\n", encoding="utf-8")
    (root / "news" / "notes.bin").write_bytes(b"\x00\x01")  # not loadable: not copied
    return root


@pytest.fixture
def in_memory(folder: Path) -> Iterator[str]:
    """The same folder in fsspec's in-memory file system."""
    fs = fsspec.filesystem("memory")
    url = "memory://graphsvc-test/corpus"
    fs.put(str(folder), "/graphsvc-test/corpus", recursive=True)
    yield url
    fs.rm("/graphsvc-test", recursive=True)


def test_a_memory_folder_loads_as_the_same_folder_on_disk(
    folder: Path, in_memory: str, tmp_path: Path
) -> None:
    local = _run("load", str(folder), "--data-dir", str(tmp_path / "local"))
    assert local.exit_code == 0, local.output
    remote = _run("load", in_memory, "--data-dir", str(tmp_path / "memory"))
    assert remote.exit_code == 0, remote.output
    assert "new document acme" in remote.stdout  # the metadata file was read beside it
    assert f"{in_memory}/news/acme.txt: new document acme" in remote.stdout
    assert f"{in_memory}/records.jsonl:" in remote.stdout
    assert "graphsvc-load-" not in remote.output  # the local copy is never named
    assert _stats(tmp_path / "memory") == _stats(tmp_path / "local")
    assert _stats(tmp_path / "local")["documents"] >= 1


def test_a_file_url_is_the_path(folder: Path, tmp_path: Path) -> None:
    url = f"file://{folder / 'records.jsonl'}"
    done = _run("load", url, "--data-dir", str(tmp_path / "data"))
    assert done.exit_code == 0, done.output
    assert "14 actors" in done.stdout


def test_missing_and_unreadable_inputs_are_named(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    for given, says in (
        (str(tmp_path / "absent.jsonl"), "no such file or folder"),
        ("memory://graphsvc-test/absent", "no such file or folder"),
        ("nosuchscheme://bucket/key", "fsspec cannot read it"),
    ):
        done = _run("load", given, "--data-dir", data)
        assert done.exit_code == 2, (given, done.output)
        assert given in done.stderr and says in done.stderr


def test_copies_are_removed_after_the_load(in_memory: str) -> None:
    found = sources([in_memory], on_skip=lambda url, why: None)
    assert found.folder is not None
    copied = sorted(p.relative_to(found.paths[0]).as_posix() for p in found.paths[0].rglob("*"))
    assert copied == ["news", "news/acme.txt", "news/articles.jsonl", "records.jsonl"]
    found.close()
    assert not found.folder.exists()


def test_urls_are_told_from_paths() -> None:
    assert is_url("s3://bucket/key") and is_url("simplecache::s3://bucket/key")
    assert not is_url("folder/file.jsonl") and not is_url("C:/data") and not is_url("a:b")


def test_a_key_that_climbs_out_of_its_folder_is_not_copied(tmp_path: Path) -> None:
    """An object store's key may hold `..`: its copy must not land outside the copy
    (here it would be written beside the copy's folder, in the system's temp folder)."""
    name = f"escaped-{uuid.uuid4().hex}.jsonl"
    fs = fsspec.filesystem("memory")
    fs.pipe("/graphsvc-climb/corpus/records.jsonl", EXAMPLES.read_bytes())
    fs.pipe(f"/graphsvc-climb/corpus/a/../../../{name}", EXAMPLES.read_bytes())
    skipped: list[tuple[str, str]] = []
    try:
        found = sources(["memory://graphsvc-climb/corpus"], on_skip=lambda *w: skipped.append(w))
        assert found.folder is not None
        escaped = found.folder.parent / name
        landed = escaped.exists()
        escaped.unlink(missing_ok=True)
        found.close()
        done = _run("load", "memory://graphsvc-climb/corpus", "--data-dir", str(tmp_path))
    finally:
        fs.rm("/graphsvc-climb", recursive=True)
    assert not landed
    assert [url for url, _ in skipped] == [f"memory://graphsvc-climb/corpus/a/../../../{name}"]
    assert done.exit_code == 0, done.output
    assert "climbs out of the folder" in done.stderr
    assert done.stdout.count("memory://graphsvc-climb/corpus/records.jsonl:") == 1
