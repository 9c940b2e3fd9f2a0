"""The bytes bound of a POST /cypher answer, counted as rows arrive.

A row limit alone lets a few huge rows through (12 rows of 16 M characters made a 201 MB
answer and took the API from 244 MB to 1 GB), so each row's JSON size is added up while
the rows stream in, and the query stops at the first row past the bound: no more than
the bound (plus one row) is ever held, and none of it is encoded into an answer.
"""

from __future__ import annotations

import json
from typing import Any

from graphsvc.errors import PayloadTooLarge

SETTING = "GRAPHSVC_CYPHER_MAX_ANSWER_BYTES"


def row_bytes(row: list[Any]) -> int:
    """The UTF-8 size of a row as the answer's JSON carries it (compact, not ASCII-escaped)."""
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str)
    return len(text.encode("utf-8", "surrogatepass"))


def too_large_message(limit: int) -> str:
    return (
        f"the answer grew past {limit} bytes ({SETTING}) and the query was stopped; "
        "return fewer or smaller values (add a LIMIT, or project properties, not whole "
        "values)"
    )


class AnswerBudget:
    """Counts the bytes of the rows taken so far; `add` raises past `limit` (None: none)."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.used = 0

    def add(self, row: list[Any]) -> None:
        if self.limit is None:
            return
        self.used += row_bytes(row)
        if self.used > self.limit:
            raise PayloadTooLarge(too_large_message(self.limit))
