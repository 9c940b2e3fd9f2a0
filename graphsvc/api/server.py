"""`graphsvc serve`: the API on uvicorn (`graphsvc.http.server`), in this process or in
`--workers` processes that share one socket (Neo4j store only)."""

from __future__ import annotations

import os
from typing import Any

from graphsvc.api.app import create_app
from graphsvc.http.server import WorkerH11Protocol, run, run_workers
from graphsvc.settings import Settings


def worker_app() -> Any:
    """The app of one `graphsvc serve --workers N` process (uvicorn calls this factory
    in each worker). Workers are spawned, not forked: each reads the settings from the
    environment, sets up its own JSON logging and opens its own store connection."""
    from graphsvc.logs import configure as configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    WorkerH11Protocol.header_timeout = settings.header_timeout_seconds
    return create_app(settings)


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Serve the API on host:port until SIGTERM or Ctrl-C, with the limits of `settings`
    (per worker when there are several)."""
    if workers == 1:
        run(create_app(settings), settings, host, port)
        return
    # Each worker reads the same settings from the environment (`worker_app`), so the
    # address given on the command line goes there.
    os.environ.update(GRAPHSVC_HOST=host, GRAPHSVC_PORT=str(port))
    run_workers(f"{__name__}:worker_app", settings, host, port, workers)
