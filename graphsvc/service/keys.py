"""API keys: who may write, and (optionally) who may read.

Any key set means no anonymous writes. With `GRAPHSVC_API_KEY` set, every write and
read-only Cypher needs that key; with `GRAPHSVC_READ_KEY` set, reads need either key.
A read key alone makes a read-only service: writes and Cypher are refused (403) naming
GRAPHSVC_API_KEY (refusing them, rather than refusing to start, keeps a read-only
deployment possible). No key set: everything is open, and start-up says so
(`access_model`). No key presented: 401; a wrong key: 403. Keys are compared in
constant time and never logged or echoed back.

The checks take the key a caller presented (None: none); reading it from a request
is the transport's job (`graphsvc.http.keys`).
"""

from __future__ import annotations

import hmac
import logging
from typing import Literal

from pydantic import SecretStr

from graphsvc.errors import Forbidden, Unauthorized
from graphsvc.settings import Settings

#: How to present a key, for the messages that ask for one.
HOW = "send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`"

#: The answer to a write when only the read key is set: no key the caller could send helps.
WRITES_OFF = (
    "writing is off: GRAPHSVC_READ_KEY is set and GRAPHSVC_API_KEY is not, so the service is "
    "read-only; set GRAPHSVC_API_KEY to allow writes and POST /cypher"
)

#: Who a caller is: the holder of the API key, of the read key, or anyone (no key set).
Principal = Literal["api", "read", "anonymous"]


def matches(presented: str, *keys: SecretStr | None) -> bool:
    """Constant-time comparison against every configured key (no early exit)."""
    given = presented.encode()
    results = [hmac.compare_digest(given, k.get_secret_value().encode()) for k in keys if k]
    return any(results)


def check_write_key(settings: Settings, presented: str | None) -> None:
    """Writes and Cypher: open only when no key at all is set; else the API key."""
    if settings.api_key is None:
        if settings.read_key is None:
            return
        raise Forbidden(WRITES_OFF)
    if presented is None:
        raise Unauthorized(f"writing needs the API key (GRAPHSVC_API_KEY): {HOW}")
    if not matches(presented, settings.api_key):
        raise Forbidden("the key given is not the API key; writing needs GRAPHSVC_API_KEY")


def check_read_key(settings: Settings, presented: str | None) -> None:
    """Reads: open unless the read key is set; then the read key or the API key."""
    if settings.read_key is None:
        return
    if presented is None:
        raise Unauthorized(f"reading needs the read key or the API key: {HOW}")
    if not matches(presented, settings.read_key, settings.api_key):
        raise Forbidden("the key given is neither the read key nor the API key")


def principal_of(settings: Settings, presented: str | None, needs: str) -> Principal:
    """ "anonymous" when no key is set; else which key was presented (the API key wins
    when both are the same), or 401/403 as the reads answer. `needs` names the service
    in the 401 message."""
    if settings.read_key is None and settings.api_key is None:
        return "anonymous"
    if presented is None:
        raise Unauthorized(f"{needs} needs the read key or the API key: {HOW}")
    # Both comparisons run, whatever the first answers (constant time).
    is_api = matches(presented, settings.api_key)
    is_read = matches(presented, settings.read_key)
    if is_api:
        return "api"
    if is_read:
        return "read"
    raise Forbidden("the key given is neither the read key nor the API key")


def principals(settings: Settings) -> tuple[Principal, ...]:
    """The principals this configuration can meet."""
    if settings.read_key is None and settings.api_key is None:
        return ("anonymous",)
    found: list[Principal] = []
    if settings.api_key is not None:
        found.append("api")
    if settings.read_key is not None:
        found.append("read")
    return tuple(found)


def access_model(settings: Settings, *, mcp: bool = False) -> str:
    """One line for the start-up log: who may read, write and run Cypher with the keys
    this configuration sets (`mcp`: the MCP HTTP transport, where any key set closes the
    endpoint to callers without one)."""
    read, api = settings.read_key is not None, settings.api_key is not None
    if not read and not api and mcp:
        return (
            "access: no key is set, anyone who reaches the server may read and run Cypher "
            "(no ingest_document without GRAPHSVC_API_KEY); set GRAPHSVC_READ_KEY or "
            "GRAPHSVC_API_KEY"
        )
    if not read and not api:
        return (
            "access: no key is set, anyone who reaches the server may read, write and run "
            "Cypher; set GRAPHSVC_API_KEY (writes) and GRAPHSVC_READ_KEY (reads)"
        )
    if read and not api:
        return (
            "access: reads need GRAPHSVC_READ_KEY; writes and Cypher are refused (read-only) "
            "until GRAPHSVC_API_KEY is set"
        )
    if api and not read:
        reads = "reads need GRAPHSVC_API_KEY" if mcp else "reads are open"
        return f"access: {reads}; writes and Cypher need GRAPHSVC_API_KEY"
    return (
        "access: reads need GRAPHSVC_READ_KEY or GRAPHSVC_API_KEY; writes and Cypher need "
        "GRAPHSVC_API_KEY"
    )


def log_access_model(logger: logging.Logger, settings: Settings, *, mcp: bool = False) -> None:
    """Say the access model at start-up: a warning when nothing is closed."""
    open_to_all = settings.read_key is None and settings.api_key is None
    logger.log(logging.WARNING if open_to_all else logging.INFO, access_model(settings, mcp=mcp))
