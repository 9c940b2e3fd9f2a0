"""The CLI calls what the API calls: load, timeline and stats on the same store."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphsvc.cli import app
from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT, graphsvc, server_env
from tests.ports import free_port, taken_port

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


@pytest.mark.e2e
def test_serve_on_a_taken_port_says_so_in_one_line(tmp_path: Path) -> None:
    with taken_port() as port:
        done = subprocess.run(
            graphsvc("serve", "--port", str(port), "--data-dir", str(tmp_path)),
            env=server_env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in lines[0]
    assert "--port" in lines[0]


@pytest.mark.e2e
def test_serve_prints_where_to_open_it(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        graphsvc("serve", "--port", str(port), "--data-dir", str(tmp_path)),
        env=server_env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # printed before the store is opened
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert f"http://127.0.0.1:{port}/ " in first
    assert f"http://127.0.0.1:{port}/docs" in first


@pytest.mark.parametrize("columns", ["80", "120"])
def test_help_shows_no_type_tags_and_breaks_no_word(columns: str) -> None:
    """`--help` used typer's rich panels: `<bool>` beside every flag (even `--help`),
    and the event types cut mid-word ("co" / "nsult") to fit the type column."""
    from graphsvc.main import app as program
    from graphsvc.model import EventType

    commands = ["load", "timeline", "export", "stats", "serve", "mcp"]
    for command in commands:
        shown = runner.invoke(program, [command, "--help"], env={"COLUMNS": columns}).output
        assert "--help" in shown, shown
        assert "<bool>" not in shown, (command, shown)
    for command in ("timeline", "export"):
        shown = runner.invoke(program, [command, "--help"], env={"COLUMNS": columns}).output
        words = set(re.findall(r"[\w-]+", shown))
        missing = [t.value for t in EventType if t.value not in words]
        assert missing == [], (command, missing, shown)


def test_actors_are_searched_by_name_from_the_command_line(tmp_path: Path) -> None:
    """`graphsvc actors NAME`: what GET /actors?q= answers, ids whole, so the id can be
    given to `timeline --actor`."""
    _run("load", str(EXAMPLES), "--data-dir", str(tmp_path))
    found = _run("actors", "Assad", "--data-dir", str(tmp_path))
    assert found.exit_code == 0, found.output
    assert "person:bashar-al-assad" in found.stdout and "Bashar al-Assad" in found.stdout
    as_json = _run("actors", "Putin", "--json", "--data-dir", str(tmp_path))
    ids = [a["id"] for a in json.loads(as_json.stdout)["items"]]
    assert ids[0] == "person:vladimir-putin"
    everyone = _run("actors", "--limit", "100", "--json", "--data-dir", str(tmp_path))
    assert json.loads(everyone.stdout)["count"] == 14
    nothing = _run("actors", "Nobody At All", "--data-dir", str(tmp_path))
    assert nothing.exit_code == 0 and "0 actors matching 'Nobody At All'" in nothing.stdout


def test_documents_list_show_delete(tmp_path: Path) -> None:
    assert _run("load", str(EXAMPLES), "--data-dir", str(tmp_path)).exit_code == 0
    listed = _run("documents", "list", "--json", "--data-dir", str(tmp_path))
    assert listed.exit_code == 0, listed.output
    (document,) = json.loads(listed.stdout)["items"]
    assert document["id"] == "newsweek-putin-assad-step-down" and document["events"] == 12
    table = _run("documents", "list", "--q", "step down", "--data-dir", str(tmp_path))
    # The id column (the last) is folded, never cut: its lines join to the whole id.
    id_cells = [line.split("│")[-2].strip() for line in table.stdout.splitlines() if "│" in line]
    assert "".join(id_cells) == "newsweek-putin-assad-step-down"
    shown = _run("documents", "show", document["id"], "--json", "--data-dir", str(tmp_path))
    assert len(json.loads(shown.stdout)["events"]) == 12
    declined = runner.invoke(
        app, ["documents", "delete", document["id"], "--data-dir", str(tmp_path)], input="n\n"
    )
    assert declined.exit_code == 1 and _stats(tmp_path)["documents"] == 1
    deleted = _run("documents", "delete", document["id"], "--yes", "--data-dir", str(tmp_path))
    assert deleted.exit_code == 0, deleted.output
    assert "12 events" in deleted.stdout
    assert _stats(tmp_path)["events"] == 0 and _stats(tmp_path)["documents"] == 0
    again = _run("documents", "show", document["id"], "--data-dir", str(tmp_path))
    assert again.exit_code == 1 and "no document with id" in again.stderr


def test_documents_is_a_command_of_the_graphsvc_program() -> None:
    from graphsvc.main import app as program

    result = runner.invoke(program, ["documents", "--help"])
    assert result.exit_code == 0 and "delete" in result.stdout and "show" in result.stdout
