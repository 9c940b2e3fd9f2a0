"""The CLI calls what the API calls: load, timeline and stats on the same store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from graphsvc.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _stats(data_dir: Path) -> dict:
    result = _run("stats", "--data-dir", str(data_dir))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_load_twice_changes_nothing(tmp_path: Path) -> None:
    first = _run("load", str(EXAMPLES), "--data-dir", str(tmp_path))
    assert first.exit_code == 0, first.output
    assert "14 actors" in first.stdout
    before = _stats(tmp_path)
    assert _run("load", str(EXAMPLES), "--data-dir", str(tmp_path)).exit_code == 0
    assert _stats(tmp_path) == before


def test_a_bad_file_is_refused_whole(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"record": "actor", "name": "Good", "kind": "person"}\n'
        '{"record": "actor", "name": "Bad", "kind": "planet"}\n'
    )
    result = _run("load", str(bad), "--data-dir", str(tmp_path / "data"))
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "kind" in result.stderr
    assert _stats(tmp_path / "data")["actors"] == 0


def test_timeline_table_and_json(tmp_path: Path) -> None:
    _run("load", str(EXAMPLES), "--data-dir", str(tmp_path))
    table = _run("timeline", "--actor", "person:vladimir-putin", "--data-dir", str(tmp_path))
    assert table.exit_code == 0
    assert "2015-10-20" in table.stdout and "2 of 2 events" in table.stdout
    as_json = _run(
        "timeline", "--since", "2016", "--until", "2016-01", "--json", "--data-dir", str(tmp_path)
    )
    ids = [e["id"] for e in json.loads(as_json.stdout)["items"]]
    assert "event:sergun-dies" in ids and len(ids) == 3


def test_timeline_reports_bad_input(tmp_path: Path) -> None:
    result = _run("timeline", "--since", "2016", "--until", "2015", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "after until" in result.stderr
    unknown = _run("timeline", "--actor", "person:nobody", "--data-dir", str(tmp_path))
    assert unknown.exit_code == 1 and "person:nobody" in unknown.stderr
