"""Logging for `graphsvc serve`: one JSON object a line, so log collectors parse fields
(request id, status, timing) without regexes.

A request must not pay for its log line: the request path only queues the access
record (`QueueHandler`, no formatting); a writer thread formats the lines with orjson
and writes what has queued up in one system call. Every other line (start-up,
warnings, shutdown) waits until it and all before it are written: those are rare, and
must not be lost when uvicorn ends the process by re-raising SIGTERM, which skips
`atexit`. The lines keep the fields and layout of python-json-logger's (`time`,
`level`, `logger`, `message`, then the extra fields).
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import sys
import threading
import time
from logging.handlers import QueueHandler
from typing import IO

import orjson

#: LogRecord attributes that are not extra fields (uvicorn's `color_message` is the
#: message again, with ANSI colours: JSON readers want it once).
_RESERVED = frozenset(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "color_message",
    "taskName",
}
#: Loggers whose lines are only queued (one a request); the others wait to be written.
QUEUED_ONLY = frozenset({"graphsvc.access"})
#: How long the writer lets lines gather before one write: fewer system calls and
#: thread wake-ups under load, still well under a second behind.
_GATHER_SECONDS = 0.02
#: Longest a non-access line waits for the writer (a stuck stream must not hang us).
_WAIT_SECONDS = 2.0


class JsonLineFormatter(logging.Formatter):
    """A record as one JSON object: the fixed fields, then the record's extra ones."""

    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._stamp = ""

    def _time(self, created: float) -> str:
        """`2026-11-30 18:31:50,123` (logging's default), strftime once a second."""
        second = int(created)
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        return f"{self._stamp},{int((created - second) * 1000):03d}"

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": self._time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED:
                line[key] = value
        if record.exc_text:
            line["exc_info"] = record.exc_text
        elif record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        return orjson.dumps(line, default=str).decode()


class _PlainQueueHandler(QueueHandler):
    """Queue the record as it is: formatting happens on the writer thread, and the
    fields of a log call are plain values (the caller's message arguments are merged
    here, so a later change to a mutable argument cannot alter the line). A record of
    any logger but the access log then waits until the writer has written it."""

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        if record.name not in QUEUED_ONLY:
            written = threading.Event()
            self.queue.put_nowait(written)
            written.wait(_WAIT_SECONDS)

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        if record.args:
            record.msg, record.args = record.getMessage(), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        return record


class LineWriter:
    """The thread that formats queued records and writes them in batches."""

    def __init__(self, stream: IO[str], formatter: logging.Formatter) -> None:
        self.queue: queue.SimpleQueue[logging.LogRecord | threading.Event | None] = (
            queue.SimpleQueue()
        )
        self.stream = stream
        self.formatter = formatter
        self._thread = threading.Thread(target=self._run, name="graphsvc-log", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            first = self.queue.get()
            if isinstance(first, logging.LogRecord) and first.name in QUEUED_ONLY:
                time.sleep(_GATHER_SECONDS)
            items = [first]
            while True:
                try:
                    items.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            lines = [
                self.formatter.format(r) + "\n" for r in items if isinstance(r, logging.LogRecord)
            ]
            if lines:
                try:
                    self.stream.write("".join(lines))
                    self.stream.flush()
                except (OSError, ValueError):
                    pass  # the stream is gone (closed pipe): nowhere left to log
            for item in items:
                if isinstance(item, threading.Event):
                    item.set()
            if None in items:
                return

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued, then stop (at exit: the last lines are not lost)."""
        if self._thread.is_alive():
            self.queue.put(None)
            self._thread.join(timeout)


_writer: LineWriter | None = None


def _direct_in_child() -> None:
    """In a forked child (the embedded store's Cypher queries run in one) there is no
    writer thread: a queued line would never be written, and a waiting one would wait
    for nothing. The child writes its lines itself, to the same stderr."""
    global _writer
    if _writer is None:
        return
    _writer = None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    logging.getLogger().handlers[:] = [handler]


os.register_at_fork(after_in_child=_direct_in_child)


def configure(level: str, stream: IO[str] | None = None) -> None:
    """JSON lines on stderr for graphsvc's and uvicorn's loggers, written off the
    request path. Safe to call again (each uvicorn worker process calls it)."""
    global _writer
    if _writer is not None:
        _writer.close()
    _writer = LineWriter(stream or sys.stderr, JsonLineFormatter())
    atexit.register(_writer.close)
    # Fields the JSON line never shows: not worth looking up on every call.
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    root = logging.getLogger()
    root.handlers[:] = [_PlainQueueHandler(_writer.queue)]  # type: ignore[arg-type]
    root.setLevel(level.upper())
