"""Garbage-collector settings of a long-lived server process (`graphsvc serve`, the MCP
server): process-wide, so called by those entry points only, never by a library.

The graph the embedded store loads at start-up lives as long as the process; keep the
cyclic garbage collector from walking its millions of objects on every full pass
(seconds at 10^5 events, felt as p99 latency). Refcounting still frees them. Done in a
store's constructor, it froze whatever the caller had (a test or a CLI command opening
many stores froze all their garbage too), so the server does it once its store started.
"""

from __future__ import annotations

import gc


def freeze_loaded_heap() -> None:
    """Collect once, then move every object alive now out of the collector's passes."""
    gc.collect()
    gc.freeze()
