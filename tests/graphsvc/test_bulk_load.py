"""`graphsvc load --workers N`: the same graph as one process, each article whole or not
at all, failures counted per file. Real CLI processes, real spaCy pipeline."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graphsvc.service.bulk_load import expand
from tests.e2e.server import ROOT, graphsvc, server_env

ARTICLES = 6


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = server_env(GRAPHSVC_DATA_DIR=str(data_dir))
    return subprocess.run(graphsvc(*args), env=env, cwd=ROOT, capture_output=True, text=True)


@pytest.fixture
def articles(shared_fixtures: Path, tmp_path: Path) -> Path:
    """A folder of a handful of MEANTIME articles and their metadata file."""
    source = shared_fixtures / "meantime-stock" / "articles"
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(source.glob("*.txt"))[:ARTICLES]:
        shutil.copy(path, folder)
    shutil.copy(source / "articles.jsonl", folder)
    return folder


def _graph(data_dir: Path, tmp_path: Path) -> tuple[str, str, dict[str, int]]:
    exports = []
    for format in ("graphml", "json"):
        output = tmp_path / f"{data_dir.name}.{format}"
        done = _cli(
            "export", "--format", format, "--undated", "--output", str(output), data_dir=data_dir
        )
        assert done.returncode == 0, done.stderr
        exports.append(output.read_text(encoding="utf-8"))
    stats = _cli("stats", data_dir=data_dir)
    return exports[0], exports[1], json.loads(stats.stdout)


@pytest.mark.e2e
def test_two_workers_give_the_same_graph_as_one(articles: Path, tmp_path: Path) -> None:
    graphs = []
    for workers in ("1", "2"):
        data_dir = tmp_path / f"data-{workers}"
        done = _cli("load", str(articles), "--workers", workers, data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        assert done.stdout.count("1 documents") == ARTICLES  # the sidecar is not loaded
        graphs.append(_graph(data_dir, tmp_path))
    one, two = graphs
    assert one[2]["documents"] == ARTICLES and one[2]["events"] > 0
    assert one == two


@pytest.mark.e2e
def test_a_bad_article_fails_alone_and_is_counted_against_its_file(tmp_path: Path) -> None:
    story = (ROOT / "examples" / "putin-assad-step-down.md").read_text(encoding="utf-8")
    good = {"id": "a-1", "published": "2016-01-22", "text": story}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"id": "a-2", "text": story}),  # no publication date
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    done = _cli("load", str(path), "--workers", "2", data_dir=data_dir)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{path} line 2" in done.stderr and f"{path} line 3" in done.stderr
    assert "Failures" in done.stderr
    stats = json.loads(_cli("stats", data_dir=data_dir).stdout)
    assert stats["documents"] == 1


def test_a_folder_is_its_loadable_files_less_the_articles_metadata(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    for name in ("news/b.txt", "news/a.html", "news/articles.jsonl", "records.jsonl", "x.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert expand([tmp_path]) == [
        tmp_path / "news" / "a.html",
        tmp_path / "news" / "b.txt",
        tmp_path / "records.jsonl",
    ]


def test_a_folder_load_skips_hidden_and_package_folders(tmp_path: Path) -> None:
    """`graphsvc load examples/` must not read a web page's node_modules or `.git`."""
    for name in (
        "node_modules/pkg/package.json",
        ".git/config.json",
        ".notes.txt",
        "site/node_modules/x/readme.html",
        "keep/records.jsonl",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert expand([tmp_path]) == [tmp_path / "keep" / "records.jsonl"]
    hidden = tmp_path / ".notes.txt"
    assert expand([hidden]) == [hidden]  # named on the command line: loaded


@pytest.mark.e2e
def test_a_file_of_another_kind_is_named_and_refused_alone(tmp_path: Path) -> None:
    """`graphsvc load README.md records.jsonl`: the Markdown file is refused by its kind
    (not parsed as records and reported as bad JSON), the records still load."""
    notes = tmp_path / "notes.md"
    notes.write_text("# Not something graphsvc reads\n", encoding="utf-8")
    records = ROOT / "examples" / "putin-assad-step-down.jsonl"
    data_dir = tmp_path / "data"
    done = _cli("load", str(notes), str(records), data_dir=data_dir)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert "does not load .md files" in message and ".jsonl" in message, done.stderr
    assert json.loads(_cli("stats", data_dir=data_dir).stdout)["events"] > 0
