"""Exports land in files whole or not at all, under a name the client chooses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphsvc.client.download import filename, target, write_chunks


def test_the_suggested_name_never_picks_the_directory(tmp_path: Path) -> None:
    assert filename('attachment; filename="timeline-x-2015.ics"') == "timeline-x-2015.ics"
    assert filename('attachment; filename="../../etc/passwd"') == "passwd"
    assert filename(None) is None and filename('attachment; filename=".."') is None
    assert target(tmp_path, "a.ics", "timeline.ics") == tmp_path / "a.ics"
    assert target(tmp_path, None, "timeline.ics") == tmp_path / "timeline.ics"
    assert target(tmp_path / "mine.ics", "a.ics", "timeline.ics") == tmp_path / "mine.ics"


def test_a_failed_download_leaves_no_file(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"BEGIN:VCALENDAR\r\n"
        raise ConnectionError("cut")

    with pytest.raises(ConnectionError):
        write_chunks(broken(), tmp_path / "out.ics")
    assert list(tmp_path.iterdir()) == []
    old = tmp_path / "kept.ics"
    old.write_bytes(b"old")
    with pytest.raises(ConnectionError):
        write_chunks(broken(), old)
    assert old.read_bytes() == b"old"  # the earlier export is not clobbered
    assert write_chunks(iter([b"a", b"b"]), tmp_path / "sub" / "new.ics").read_bytes() == b"ab"
