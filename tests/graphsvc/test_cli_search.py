"""`graphsvc search`: what GET /search answers, as tables with the matches bracketed,
or as the API's JSON; bad input ends with a message and status 1."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from graphsvc.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_search_prints_ranked_tables_with_matches_marked(tmp_path: Path) -> None:
    assert _run("load", str(EXAMPLES), "--data-dir", str(tmp_path)).exit_code == 0
    result = _run("search", "Assad step down", "--limit", "2", "--data-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Putin asks [Assad] to [step] [down]" in result.stdout
    assert "Bashar al-[Assad]" in result.stdout
    assert "2 event(s), 1 actor(s), 1 document(s)" in result.stdout
    as_json = _run("search", "Assad", "--type", "reject", "--json", "--data-dir", str(tmp_path))
    found = json.loads(as_json.stdout)
    assert [e["id"] for e in found["events"]] == ["event:assad-refuses-to-step-down"]
    assert found["actors"] == [] and found["documents"] == []


def test_search_reports_bad_input(tmp_path: Path) -> None:
    no_words = _run("search", "*", "--data-dir", str(tmp_path))
    assert no_words.exit_code == 1 and "no letters or digits" in no_words.stderr
    unknown = _run("search", "Assad", "--actor", "person:nobody", "--data-dir", str(tmp_path))
    assert unknown.exit_code == 1 and "person:nobody" in unknown.stderr
    kind = _run("search", "Assad", "--kind", "people", "--data-dir", str(tmp_path))
    assert kind.exit_code == 1 and "kind 'people'" in kind.stderr
