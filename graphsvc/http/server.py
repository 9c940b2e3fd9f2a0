"""uvicorn with bounds on slow clients, concurrency and shutdown: how `graphsvc serve`
and `graphsvc mcp --transport http` serve their ASGI apps.

uvicorn closes idle keep-alive connections but waits forever for a request's headers:
a client that connects and trickles a byte now and then holds a connection (and a
file descriptor) for as long as it likes. `HeaderDeadlineH11Protocol` gives every
request `header_timeout` seconds from its first byte (or from the connection, for the
first request) to finish its headers, then closes the connection. Bodies are bounded
by the API (`graphsvc.api.body_limit`) and the MCP SDK; connections in flight by
`limit_concurrency` (503 above); the shutdown after SIGTERM by
`timeout_graceful_shutdown`.
"""

from __future__ import annotations

import asyncio
import os
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.importer import import_from_string
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.supervisors import Multiprocess

from graphsvc.settings import Settings


class HeaderDeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose headers take too long."""

    header_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()  # a request has begun arriving, or the next one may
        else:
            self._disarm()  # the headers are in: the request is the app's now

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm()  # idle now: the keep-alive timeout takes over
        super().on_response_complete()

    def _arm(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _expire(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.logger.info("closing a connection whose request headers took too long")
            self.transport.close()


def protocol_for(settings: Settings) -> type[HeaderDeadlineH11Protocol]:
    """The protocol class with this server's header timeout (uvicorn takes a class)."""
    return type(
        "ConfiguredH11Protocol",
        (HeaderDeadlineH11Protocol,),
        {"header_timeout": settings.header_timeout_seconds},
    )


class WorkerH11Protocol(HeaderDeadlineH11Protocol):
    """The protocol of `--workers` processes: uvicorn imports it by name in each
    worker (a class made at run time cannot cross into a spawned process), and the
    worker's app factory sets its header timeout from the worker's settings."""


def serve(factory: str, settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Serve the app that `factory` ("module:function") builds, on host:port until SIGTERM
    or Ctrl-C, with the limits of `settings` (per worker when there are several).

    The factory is named, not imported, by whoever starts the server, so the command
    line does not depend on the adapter it serves. One process calls it here with
    `settings`; with several workers, uvicorn imports it in each spawned worker and calls
    it with no argument: it reads the settings from the environment, where the address
    given on the command line is put.
    """
    if workers == 1:
        run(import_from_string(factory)(settings), settings, host, port)
        return
    os.environ.update(GRAPHSVC_HOST=host, GRAPHSVC_PORT=str(port))
    run_workers(factory, settings, host, port, workers)


def run(app: Any, settings: Settings, host: str, port: int) -> None:
    """Serve `app` in this process until SIGTERM or Ctrl-C, with the limits of `settings`."""
    uvicorn.run(app, http=protocol_for(settings), **_options(settings, host, port))


def run_workers(factory: str, settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve `workers` processes on one socket until SIGTERM or Ctrl-C, each building its
    app with `factory` ("module:function", imported in each spawned worker); the limits
    apply per worker."""
    options = _options(settings, host, port)
    http = f"{__name__}:WorkerH11Protocol"
    config = uvicorn.Config(factory, factory=True, workers=workers, http=http, **options)
    Multiprocess(config, sockets=[shared_socket(config)]).run()


def _options(settings: Settings, host: str, port: int) -> dict[str, Any]:
    return {
        "host": host,
        "port": port,
        "timeout_keep_alive": settings.keep_alive_seconds,
        "limit_concurrency": settings.max_connections,
        "timeout_graceful_shutdown": settings.shutdown_seconds,
        "log_config": None,  # keep the JSON handler configure_logging installed
        "access_log": False,  # one line a request comes from graphsvc.access, with its id
    }


def shared_socket(config: uvicorn.Config) -> socket.socket:
    """The listening socket the worker processes share, with TCP_NODELAY set.

    uvicorn binds it itself with protocol number 0, so asyncio does not set TCP_NODELAY
    on the connections it accepts (it checks for IPPROTO_TCP): a response written in two
    parts then waits for the client's delayed ACK, about 40 ms a request. Linux hands
    the listening socket's TCP_NODELAY down to accepted connections.
    """
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock
