"""bench/snapshot.py: what it keeps of a bench's output, and how it compares two."""

from __future__ import annotations

import pytest

from bench.snapshot import WRITTEN_AT, compare, table_lines

#: A rich table as the temporal bench prints it, seconds last, then an error line.
OUTPUT = """\
                 meantime-stock (news mode)
┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━┓
┃ system             ┃ strict ┃ seconds ┃
┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━┩
│ graphsvc           │ 85.1   │ 12.34   │
│ dateparser (plain) │ 40.0   │ 1.5     │
└────────────────────┴────────┴─────────┘
doc-1  «on Monday»  | gold DATE 2008-09-01  | ours DATE 2008-09-08
"""


def test_table_rows_keep_their_cells_and_lose_the_seconds() -> None:
    assert table_lines(OUTPUT, drop_last=True) == [
        "meantime-stock (news mode)",
        "system | strict",
        "graphsvc | 85.1",
        "dateparser (plain) | 40.0",
        "doc-1  «on Monday»  | gold DATE 2008-09-01  | ours DATE 2008-09-08",
    ]


def test_a_slower_run_gives_the_same_lines() -> None:
    slower = OUTPUT.replace("12.34  ", "123.45 ").replace("━━━━━━━━━┓", "━━━━━━━━━━┓")
    assert table_lines(slower, drop_last=True) == table_lines(OUTPUT, drop_last=True)


def test_the_moment_an_ics_was_written_is_not_kept() -> None:
    assert WRITTEN_AT.sub(r"\1<when written>", "DTSTAMP:20261207T084416Z") == (
        "DTSTAMP:<when written>"
    )
    assert WRITTEN_AT.sub(r"\1<when written>", "DTSTART;VALUE=DATE:20150901") == (
        "DTSTART;VALUE=DATE:20150901"
    )


def test_compare_says_identical_or_shows_the_difference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = {"temporal": ["a", "b"], "text": ["x"]}
    assert compare(old, {"temporal": ["a", "b"], "text": ["x"]}) is True
    assert "temporal: identical (2 lines)" in capsys.readouterr().out
    assert compare(old, {"temporal": ["a", "c"], "text": ["x"]}) is False
    out = capsys.readouterr().out
    assert "temporal: DIFFERENT (2 lines added or removed)" in out
    assert "-b" in out and "+c" in out
    assert "text: identical" in out
