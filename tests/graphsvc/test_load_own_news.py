"""`graphsvc load` on a folder of one's own news, as the README's "Load your own news"
tells it: docs/examples/own-news (three .txt, one .html, an articles.jsonl describing two
of the .txt). A missing date names the flag and the file that fix it, failures show
whole paths, one `--published` dates only the files that give no date, and a reload says
what changed. Real spaCy, real SQLite, the real CLI in-process."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.model import Document
from graphsvc.service.load_changes import Change, delta, document_status
from graphsvc.settings import Settings
from graphsvc.store import open_store
from graphsvc.views import Stats

OWN_NEWS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "own-news"


def _load(*args: str):
    return CliRunner().invoke(app, ["load", *args], catch_exceptions=False)


def _documents(data_dir: Path) -> dict[str, Document]:
    store = open_store(Settings(data_dir=data_dir))
    store.start()
    try:
        ids = ["courier-harbour-strike", "courier-rail-merger"]
        found = store.get_documents(ids)
        stats = store.stats()
    finally:
        store.close()
    assert stats.documents >= len(found)
    return {d.id: d for d in found}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The example folder under a path longer than a terminal is wide."""
    target = tmp_path / ("a-folder-with-a-long-name-" * 4) / "own-news"
    shutil.copytree(OWN_NEWS, target)
    return target


def test_the_example_folder_is_three_texts_an_html_page_and_their_metadata() -> None:
    names = sorted(p.name for p in OWN_NEWS.iterdir())
    assert names == [
        "articles.jsonl",
        "council-budget.txt",
        "flood-warning.html",
        "harbour-strike.txt",
        "rail-merger.txt",
    ]


def test_an_undated_text_names_the_flag_and_the_sidecar_with_its_whole_path(
    folder: Path, tmp_path: Path
) -> None:
    done = _load(str(folder), "--data-dir", str(tmp_path / "data"))
    assert done.exit_code == 1
    undated = folder / "council-budget.txt"
    lines = done.stderr.splitlines()
    # Whole paths, each on one line, however narrow the terminal (80 columns here).
    assert f"- {undated} (0 written, 1 failed)" in lines, done.stderr
    assert len(str(undated)) > 80
    message = " ".join(done.stderr.split())
    assert "--published YYYY-MM-DD" in message
    assert str(folder / "articles.jsonl") in message
    assert '{"id": "council-budget", "published": "YYYY-MM-DD"}' in message
    # The others were written, each saying it is new, and the summary counts them.
    assert done.stdout.count(": new document ") == 3
    assert "loaded: 3 new; 1 failed" in done.stdout


def test_one_published_flag_dates_only_the_files_without_a_date(
    folder: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    done = _load(str(folder), "--published", "2024-11-20", "--data-dir", str(data_dir))
    assert done.exit_code == 0, done.stderr
    documents = _documents(data_dir)
    # articles.jsonl's dates stand; the flag dated the one file that had none.
    assert documents["courier-harbour-strike"].published == date(2024, 3, 12)
    assert documents["courier-rail-merger"].published == date(2024, 4, 18)
    export = CliRunner().invoke(
        app, ["export", "--format", "json", "--undated", "--data-dir", str(data_dir)]
    )
    titles = {d["published"] for d in json.loads(export.stdout)["documents"].values()}
    # The page's own date (its metadata) and the flag's, beside the sidecar's two.
    assert {"2024-11-14", "2024-11-20", "2024-03-12", "2024-04-18"} <= titles


def test_a_bad_flag_is_refused_before_any_file_is_read(folder: Path, tmp_path: Path) -> None:
    """The flag fills only the undated file, but a date it cannot read is refused
    up front, naming it, and nothing is loaded."""
    done = _load(str(folder), "--published", "03-02-2009", "--data-dir", str(tmp_path / "d"))
    assert done.exit_code == 2
    assert "the command line: published" in " ".join(done.stderr.split()), done.stderr
    assert done.stdout == ""


def test_a_reload_says_what_is_new_replaced_or_unchanged(folder: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    flags = ("--published", "2024-11-20", "--data-dir", str(data_dir))
    assert _load(str(folder), *flags).exit_code == 0
    merger = folder / "rail-merger.txt"
    merger.write_text(
        merger.read_text(encoding="utf-8").replace("$2.4 billion", "$2.6 billion"),
        encoding="utf-8",
    )
    (folder / "port-reopens.txt").write_text(
        "The Port of Valmora reopened on Monday after the flood warning was lifted, "
        "Meridian Terminals said.\n",
        encoding="utf-8",
    )
    again = _load(str(folder), *flags)
    assert again.exit_code == 0, again.stderr
    lines = {line.split(": ", 1)[0]: line for line in again.stdout.splitlines()}
    assert "replaced document courier-rail-merger (text changed)" in lines[str(merger)]
    assert "new document" in lines[str(folder / "port-reopens.txt")]
    assert "+1 documents" in lines[str(folder / "port-reopens.txt")]
    for name in ("harbour-strike.txt", "council-budget.txt", "flood-warning.html"):
        line = lines[str(folder / name)]
        assert "unchanged document" in line and "graph counts unchanged" in line, line
    assert "loaded: 1 new, 1 replaced, 3 unchanged; 0 failed" in again.stdout


def test_document_status_compares_text_and_metadata() -> None:
    stored = Document(id="d", title="T", published=date(2024, 1, 2), text_sha256="a" * 64)
    assert document_status(None, stored) == ("new", None)
    assert document_status(stored, stored)[0] == "unchanged"
    retitled = stored.model_copy(update={"title": "T2", "text_sha256": "b" * 64})
    assert document_status(stored, retitled) == ("replaced", "text, title changed")
    before = Stats(
        documents=1, actors=2, events=3, undated_events=0, relations=0, participations=1, sources=3
    )
    after = before.model_copy(update={"events": 5, "sources": 2})
    assert delta(before, after) == {"events": 2, "sources": -1}
    assert Change("records", delta={}).describe() == "graph counts unchanged"
