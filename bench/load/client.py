"""The load client's HTTP: one keep-alive connection a task, on asyncio streams (the
default) or through httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable

import httpx

from bench.load.config import REQUEST_TIMEOUT
from bench.load.measures import Tally, exception_text, http_error

#: How long a task waits after a transport error, so a refusing server is not spun on.
TRANSPORT_PAUSE = 0.05
#: What a failed request raises, whichever client sends it.
TRANSPORT_ERRORS = (
    httpx.HTTPError,
    OSError,  # ConnectionError, TimeoutError
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
    ValueError,  # a response this client cannot parse
)


class RawSession:
    """One keep-alive HTTP/1.1 connection on asyncio streams, used by one task at a time.

    The default client: it spends well under a tenth of a millisecond of CPU a request,
    where httpx.AsyncClient spends about one (more with many tasks on one pool), which on
    a 2-core machine shared with the server would make the client the bottleneck.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._host_header = f"Host: {host}:{port}\r\n"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                if self._writer is None or self._reader is None:
                    self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
                head = f"{method} {target} HTTP/1.1\r\n{self._host_header}"
                for name, value in (headers or {}).items():
                    head += f"{name}: {value}\r\n"
                if body is not None:
                    head += f"Content-Length: {len(body)}\r\n"
                self._writer.write(head.encode("latin-1") + b"\r\n" + (body or b""))
                status, close, payload = await self._response(self._reader)
        except BaseException:
            await self.aclose()  # the connection's state is unknown: start afresh
            raise
        if close:
            await self.aclose()
        return status, payload

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, bool, bytes]:
        lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        if chunked:
            parts = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await reader.readexactly(size + 2))
            await reader.readuntil(b"\r\n")  # no trailers from uvicorn
            return status, close, b"".join(part[:-2] for part in parts)
        if length is None:
            return status, True, await reader.read()
        return status, close, await reader.readexactly(length)

    async def aclose(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


class HttpxSession:
    """A task's view of one shared httpx.AsyncClient (its pool has a connection a task)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        response = await self._client.request(method, target, content=body, headers=headers)
        return response.status_code, response.content

    async def aclose(self) -> None:
        pass


Session = RawSession | HttpxSession
CLIENTS = ("raw", "httpx")


@contextlib.asynccontextmanager
async def sessions(
    kind: str, base_url: str, connections: int
) -> AsyncIterator[Callable[[], Session]]:
    """A factory of sessions, one a task; every connection is closed on the way out."""
    made: list[Session] = []
    if kind == "httpx":
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(
            base_url=base_url, limits=limits, timeout=REQUEST_TIMEOUT, trust_env=False
        ) as client:
            yield lambda: HttpxSession(client)
        return
    if kind != "raw":
        raise ValueError(f"unknown client {kind!r}")
    address = httpx.URL(base_url)
    if address.host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError(f"loopback only, not {base_url}")
    port = address.port or 80

    def new() -> Session:
        session = RawSession(address.host, port)
        made.append(session)
        return session

    try:
        yield new
    finally:
        for session in made:
            await session.aclose()


async def timed(
    session: Session,
    tally: Tally,
    method: str,
    target: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> bool | None:
    """One request counted in `tally`: its latency when the answer is 2xx, its error
    otherwise. True for 2xx, False for another status, None when it failed in transport
    (the caller pauses for TRANSPORT_PAUSE then)."""
    started = time.perf_counter()
    try:
        status, answer = await session.request(method, target, body, headers)
    except TRANSPORT_ERRORS as exc:
        tally.errors[exception_text(exc)] += 1
        return None
    elapsed = time.perf_counter() - started
    if 200 <= status < 300:
        tally.latencies.append(elapsed)
        return True
    tally.errors[http_error(status, method, target, answer)] += 1
    return False
