"""Opaque, stable timeline cursors.

A cursor is the sort key (start, end, id) of the last event served, so the next page
starts strictly after it: inserts elsewhere never shift or repeat items, unlike offsets.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date

from graphsvc.errors import InvalidInput

#: Undated events sort after every dated one.
UNDATED = date.max

SortKey = tuple[date, date, str]


def sort_key(start: date | None, end: date | None, event_id: str) -> SortKey:
    return (start or UNDATED, end or UNDATED, event_id)


def encode_cursor(key: SortKey) -> str:
    raw = json.dumps([key[0].isoformat(), key[1].isoformat(), key[2]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> SortKey:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        start, end, event_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return (date.fromisoformat(start), date.fromisoformat(end), str(event_id))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "cursor is not valid: pass the next_cursor of a previous page unchanged",
            errors=[{"field": "cursor", "message": "not a cursor issued by this service"}],
        ) from exc
