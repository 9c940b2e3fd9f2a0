"""Request bodies of the write routes: records as JSON Lines, from bytes, a file or
Python objects."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import orjson

JSONL = "application/x-ndjson"
JSON = "application/json"

#: What `Client.post_records` takes: JSON Lines (or a JSON array) as bytes, the path of
#: a `.jsonl` or `.json` file, or records as dicts (`{"record": "actor", ...}`).
Records = bytes | str | os.PathLike[str] | Iterable[Mapping[str, Any]]


def jsonl(records: Iterable[Mapping[str, Any]]) -> bytes:
    """One record a line: the server then reports a bad record by its line number, which
    is its position in `records` counting from 1. Dates and enums are written as JSON
    text (orjson)."""
    return b"".join(orjson.dumps(dict(r)) + b"\n" for r in records)


def records_body(records: Records) -> tuple[bytes | IO[bytes], str]:
    """The body and its content type. A path is opened, not read: the file streams
    with its length, so a large file never sits in memory whole (the caller closes it)."""
    if isinstance(records, bytes | bytearray | memoryview):
        data = bytes(records)
        return data, JSON if data.lstrip()[:1] == b"[" else JSONL
    if isinstance(records, str | os.PathLike):
        path = Path(records)
        return path.open("rb"), JSON if path.suffix.lower() == ".json" else JSONL
    if isinstance(records, Mapping):
        raise TypeError("post_records takes an iterable of records; wrap one record in a list")
    return jsonl(records), JSONL
