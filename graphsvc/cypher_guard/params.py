"""Check a Cypher request's text and parameters before any store sees them.

JSON allows what Bolt cannot carry: integers past 64 bits, strings holding a lone
UTF-16 surrogate (`"\\ud800"`). The driver fails on them while packing, which would be
a 500; they are the client's mistake, so they are a 422 naming the parameter.
"""

from __future__ import annotations

from typing import Any

from graphsvc.errors import InvalidInput

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def _problem(value: Any, path: str) -> str | None:
    """What makes `value` (at `path`, e.g. `$ids[3]`) unsendable, or None."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return None
        return f"{path} is an integer outside the 64-bit range Neo4j stores"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{path} holds a lone UTF-16 surrogate, which is not text"
        return None
    if isinstance(value, list):
        items = [(item, f"{path}[{index}]") for index, item in enumerate(value)]
    elif isinstance(value, dict):
        items = [(key, f"{path} key {key!r}") for key in value]
        items += [(item, f"{path}.{key}") for key, item in value.items()]
    else:
        return f"{path} is a {type(value).__name__}, not a JSON value"
    for item, where in items:
        if found := _problem(item, where):
            return found
    return None


def check_request(query: str, params: dict[str, Any]) -> None:
    """422 naming the first parameter (or the query) Neo4j could not be sent."""
    errors = []
    if found := _problem(query, "the query"):
        errors.append({"field": "query", "message": found})
    for name, value in params.items():
        if found := _problem(name, "a parameter name") or _problem(value, f"${name}"):
            errors.append({"field": f"params.{name}", "message": found})
    if errors:
        raise InvalidInput(errors[0]["message"], errors=errors)
