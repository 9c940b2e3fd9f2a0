"""The manifest of `graphsvc load` and `--resume`: a line only after a commit, a line
cut short by a crash ignored, units named by their content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.cli.load_manifest import FILE_NAME, Manifest
from graphsvc.service.bulk_load import units
from tests.conftest import EXAMPLES

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _stats(data_dir: Path) -> dict:
    result = _run("stats", "--data-dir", str(data_dir))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_line_cut_short_is_ignored_and_a_plain_load_starts_afresh(tmp_path: Path) -> None:
    unit = next(units([EXAMPLES], {}))
    manifest = Manifest(tmp_path, resume=False)
    manifest.record(unit)
    manifest.close()
    with (tmp_path / FILE_NAME).open("ab") as file:
        file.write(b'{"key": "document cut-sh')  # the crash came mid-line
    resumed = Manifest(tmp_path, resume=True)
    assert len(resumed.committed) == 1
    resumed.close()
    fresh = Manifest(tmp_path, resume=False)
    assert fresh.committed == set()
    fresh.close()
    assert (tmp_path / FILE_NAME).read_bytes() == b""


def test_resume_skips_a_committed_records_file_but_not_a_changed_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    records = tmp_path / "records.jsonl"
    shutil.copy(EXAMPLES, records)
    first = _run("load", str(records), "--data-dir", str(data))
    assert first.exit_code == 0, first.output
    before = _stats(data)
    again = _run("load", str(records), "--resume", "--data-dir", str(data))
    assert again.exit_code == 0, again.output
    assert "1 already loaded (skipped)" in again.stdout
    assert _stats(data) == before
    extra = '{"record": "actor", "name": "Jane Roe", "kind": "person"}\n'
    records.write_text(records.read_text(encoding="utf-8") + extra, encoding="utf-8")
    changed = _run("load", str(records), "--resume", "--data-dir", str(data))
    assert changed.exit_code == 0, changed.output
    assert "already loaded" not in changed.stdout
    assert _stats(data)["actors"] == before["actors"] + 1


def test_a_failed_unit_is_not_recorded(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"record": "actor", "name": "Bad", "kind": "planet"}\n', encoding="utf-8")
    data = tmp_path / "data"
    done = _run("load", str(bad), "--data-dir", str(data))
    assert done.exit_code == 1
    assert (data / FILE_NAME).read_bytes() == b""
