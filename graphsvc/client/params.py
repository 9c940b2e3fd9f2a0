"""Query strings as the API reads them: dates as ISO text, repeatable filters repeated,
booleans as `true`/`false`, unset parameters left out (the server's defaults apply)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum

#: A bound of a date window: a `date`, or any text the API takes (`2015`, `2015-09`,
#: `2015-09-30`, `September 2015`, `Q3 2015`, `last week`).
DateLike = str | date
#: A repeatable filter: one value or several (`type`, `basis`, `factuality`).
Many = str | Iterable[str] | None
Params = list[tuple[str, str | int | float | bool | None]]


def text(value: object) -> str:
    """One value as the query string carries it."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def query(**values: object) -> Params:
    """Pairs for httpx: None dropped, a list or tuple repeated under one name (a bare
    string is one value, not its characters)."""
    pairs: Params = []
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, Iterable) and not isinstance(value, str | bytes | Enum):
            pairs.extend((name, text(item)) for item in value)
        else:
            pairs.append((name, text(value)))
    return pairs
