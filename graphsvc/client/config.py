"""Where the client connects and with which key: the argument, else the environment.

The same variables configure the server (`GRAPHSVC_API_KEY`, `GRAPHSVC_READ_KEY`), so a
shell that runs both needs no extra setup; `GRAPHSVC_URL` is the client's own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

DEFAULT_URL = "http://127.0.0.1:8000"  # what `graphsvc serve` binds by default
URL_VARIABLE = "GRAPHSVC_URL"
#: Tried in order: the API key may read and write, the read key only read.
KEY_VARIABLES = ("GRAPHSVC_API_KEY", "GRAPHSVC_READ_KEY")


def base_url(given: str | None, env: Mapping[str, str] | None = None) -> str:
    """The URL given, else `GRAPHSVC_URL`, else the local default; no trailing slash, so
    paths join the same way whatever was typed."""
    env = os.environ if env is None else env
    url = given or env.get(URL_VARIABLE) or DEFAULT_URL
    return url.rstrip("/")


def api_key(given: str | None, env: Mapping[str, str] | None = None) -> str | None:
    """The key given, else `GRAPHSVC_API_KEY`, else `GRAPHSVC_READ_KEY`; None: send none
    (a server without keys wants none). An empty variable counts as unset."""
    if given:
        return given
    env = os.environ if env is None else env
    for name in KEY_VARIABLES:
        if env.get(name):
            return env[name]
    return None
