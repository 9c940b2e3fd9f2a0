"""The app `graphsvc serve` serves. `graphsvc.main` names this factory for
`graphsvc.http.server.serve` to import (no module outside the API imports it), which
calls it in this process or has uvicorn call it in each `--workers` process."""

from __future__ import annotations

from fastapi import FastAPI

from graphsvc.api.app import create_app
from graphsvc.http.server import WorkerH11Protocol
from graphsvc.settings import Settings


def serving_app(settings: Settings | None = None) -> FastAPI:
    """The API with the command line's `settings` (one process), or, called with none by
    uvicorn in a `--workers` process, with settings read from the environment. Workers
    are spawned, not forked: each sets up its own JSON logging and header timeout and
    opens its own store connection."""
    if settings is None:
        from graphsvc.logs import configure as configure_logging

        settings = Settings()
        configure_logging(settings.log_level)
        WorkerH11Protocol.header_timeout = settings.header_timeout_seconds
    return create_app(settings)
