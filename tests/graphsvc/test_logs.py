"""The JSON log lines of `graphsvc serve`: every field, and no line lost at shutdown."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from graphsvc import logs


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    out = io.StringIO()
    logs.configure("info", out)
    yield out
    assert logs._writer is not None
    logs._writer.close()
    root.handlers[:], root.level = handlers, level


def test_a_line_is_written_before_the_call_returns_except_access_lines(stream: io.StringIO):
    logging.getLogger("graphsvc.access").info(
        "%s %s %s", "GET", "/health", 200, extra={"request_id": "r-1", "duration_ms": 0.5}
    )
    logging.getLogger("uvicorn.error").info("Application shutdown complete.")
    # The second line waited for the writer, which wrote the queued access line first.
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["logger"] == "graphsvc.access"
    assert (first["message"], first["request_id"], first["duration_ms"]) == (
        "GET /health 200",
        "r-1",
        0.5,
    )
    assert set(first) >= {"time", "level", "logger", "message"}
    assert second == {
        "time": second["time"],
        "level": "INFO",
        "logger": "uvicorn.error",
        "message": "Application shutdown complete.",
    }


def test_exceptions_and_colour_copies(stream: io.StringIO) -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("graphsvc").exception("failed", extra={"color_message": "\x1b[31m"})
    (line,) = (json.loads(text) for text in stream.getvalue().splitlines())
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["exc_info"]
    assert "color_message" not in line


def test_a_forked_child_writes_its_own_lines(tmp_path) -> None:
    """The embedded store's Cypher child is forked from the server: no writer thread
    there, so its lines are written directly, and logging never blocks it."""
    import multiprocessing
    import subprocess
    import sys

    code = (
        "import logging, multiprocessing, sys\n"
        "from graphsvc import logs\n"
        "logs.configure('info')\n"
        "def child():\n"
        "    logging.getLogger('graphsvc.store.embedded.adhoc').info('from the child')\n"
        "p = multiprocessing.get_context('fork').Process(target=child)\n"
        "p.start(); p.join(10); sys.exit(p.exitcode)\n"
    )
    assert "fork" in multiprocessing.get_all_start_methods()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    (line,) = (json.loads(text) for text in done.stderr.splitlines())
    assert line["message"] == "from the child"
