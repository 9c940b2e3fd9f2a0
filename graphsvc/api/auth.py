"""API keys: who may write, and (optionally) who may read.

With `GRAPHSVC_API_KEY` set, every write route and POST /cypher needs that key; with
`GRAPHSVC_READ_KEY` set too, reads need either key. A key comes as `Authorization:
Bearer <key>` or `X-API-Key: <key>` and is compared in constant time. No key: 401;
a wrong key: 403. Keys are never logged or echoed back.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from graphsvc.api.deps import SettingsDep
from graphsvc.errors import Forbidden, Unauthorized

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")
HOW = "send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`"


async def _presented(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> str | None:
    if bearer is not None and bearer.credentials:
        return bearer.credentials
    return header or None


PresentedKey = Annotated[str | None, Depends(_presented)]


def _matches(presented: str, *keys: SecretStr | None) -> bool:
    """Constant-time comparison against every configured key (no early exit)."""
    given = presented.encode()
    results = [hmac.compare_digest(given, k.get_secret_value().encode()) for k in keys if k]
    return any(results)


async def require_write_key(settings: SettingsDep, presented: PresentedKey) -> None:
    if settings.api_key is None:
        return
    if presented is None:
        raise Unauthorized(f"writing needs the API key (GRAPHSVC_API_KEY): {HOW}")
    if not _matches(presented, settings.api_key):
        raise Forbidden("the key given is not the API key; writing needs GRAPHSVC_API_KEY")


async def require_read_key(settings: SettingsDep, presented: PresentedKey) -> None:
    if settings.read_key is None:
        return
    if presented is None:
        raise Unauthorized(f"reading needs the read key or the API key: {HOW}")
    if not _matches(presented, settings.read_key, settings.api_key):
        raise Forbidden("the key given is neither the read key nor the API key")


WriteAccess = Depends(require_write_key)
ReadAccess = Depends(require_read_key)
