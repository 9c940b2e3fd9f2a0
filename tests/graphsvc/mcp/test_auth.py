"""The HTTP transport's key check: the API's rules, headers and answers."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from graphsvc.errors import Forbidden, Unauthorized
from graphsvc.mcp.auth import check_any_key
from graphsvc.settings import Settings


def _headers(**given: str) -> Headers:
    return Headers(headers={k.replace("_", "-"): v for k, v in given.items()})


def test_no_keys_set_lets_everyone_in() -> None:
    check_any_key(Settings(), _headers())


@pytest.mark.parametrize(
    "settings",
    [Settings(api_key="api-key-1"), Settings(read_key="read-key-1", api_key="api-key-1")],
)
def test_either_key_is_needed_when_one_is_set(settings: Settings) -> None:
    with pytest.raises(Unauthorized):
        check_any_key(settings, _headers())
    with pytest.raises(Forbidden):
        check_any_key(settings, _headers(x_api_key="guess"))
    check_any_key(settings, _headers(authorization="Bearer api-key-1"))
    check_any_key(settings, _headers(x_api_key="api-key-1"))


def test_the_read_key_opens_the_endpoint() -> None:
    settings = Settings(read_key="read-key-1", api_key="api-key-1")
    check_any_key(settings, _headers(authorization="Bearer read-key-1"))
    with pytest.raises(Unauthorized):
        check_any_key(settings, _headers(authorization="Basic read-key-1"))
