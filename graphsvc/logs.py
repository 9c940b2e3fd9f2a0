"""Logging for `graphsvc serve`: one JSON object a line (python-json-logger), so log
collectors parse fields (request id, status, timing) without regexes."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter


def _plain(record: logging.LogRecord) -> bool:
    """Drop uvicorn's ANSI-coloured copy of the message: JSON readers want it once."""
    record.__dict__.pop("color_message", None)
    return True


def configure(level: str) -> None:
    """JSON lines on stderr for graphsvc's and uvicorn's loggers."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(_plain)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
