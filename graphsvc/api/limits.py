"""Request limits beyond size: JSON nesting depth of a body, and the length of every
query and path parameter (the rule: `graphsvc.service.params.check_text_lengths`).

Depth is measured on the raw bytes (strings removed, brackets counted), so a hostile
body is refused with a message naming the setting before any model sees it.
"""

from __future__ import annotations

import re

from fastapi import Request

from graphsvc.errors import InvalidInput
from graphsvc.service.params import check_text_lengths
from graphsvc.settings import Settings

#: A JSON string, its loop unrolled: a run of plain bytes is one step of the regex
#: engine, not one saved position a byte (`(?:[^"\\]|\\.)*` kept about 110 bytes of
#: backtracking state per byte: 220 MB for one 2 MB string).
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON (or JSON Lines) body."""
    depth = deepest = 0
    for byte in _STRINGS.sub(b"", body).translate(None, _NOT_BRACKETS):
        if byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


async def check_json_depth(request: Request) -> None:
    """Dependency of the routes that take a body: 422 when it nests too deep."""
    settings: Settings = request.app.state.settings
    depth = json_depth(await request.body())
    if depth > settings.max_json_depth:
        raise InvalidInput(
            f"the body nests {depth} levels deep; at most {settings.max_json_depth} "
            "(setting GRAPHSVC_MAX_JSON_DEPTH)"
        )


async def check_text_params(request: Request) -> None:
    """Dependency of every data route: 422 when a query or path parameter is longer than
    GRAPHSVC_MAX_TEXT_PARAM_CHARS, before a date parser or a store spends time on it."""
    ceiling = request.app.state.settings.max_text_param_chars
    check_text_lengths([*request.query_params.multi_items(), *request.path_params.items()], ceiling)
