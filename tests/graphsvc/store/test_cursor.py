"""Cursors round-trip and refuse anything the service did not issue."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.errors import InvalidInput
from graphsvc.store.cursor import UNDATED, decode_cursor, encode_cursor, sort_key


def test_cursor_round_trips() -> None:
    key = sort_key(date(2015, 9, 24), date(2015, 9, 30), "event:x")
    assert decode_cursor(encode_cursor(key)) == key


def test_undated_sorts_last() -> None:
    assert sort_key(None, None, "a") > sort_key(date(9000, 1, 1), date(9000, 1, 1), "z")
    assert decode_cursor(encode_cursor(sort_key(None, None, "e")))[0] == UNDATED


@pytest.mark.parametrize("bad", ["", "abc", "!!!", encode_cursor.__name__, "WzEsMl0"])
def test_foreign_cursors_are_invalid_input(bad: str) -> None:
    with pytest.raises(InvalidInput, match="cursor"):
        decode_cursor(bad)
