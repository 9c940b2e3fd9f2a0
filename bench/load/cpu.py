"""CPU time of the processes a phase runs on, from psutil."""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from typing import Any


class CpuMeter:
    """CPU time of the server, the database and this client over a phase (psutil)."""

    def __init__(
        self, pids: dict[str, int | None], with_children: Collection[str] = ("server",)
    ) -> None:
        """`with_children`: the roles whose child processes count too (a server's
        workers). Not the client's: the servers and Neo4j are its children, and their
        CPU would be counted twice, once as the client's."""
        self._processes: dict[str, Any] = {}
        self._with_children = frozenset(with_children)
        self._before: dict[str, float | None] = {}
        try:
            import psutil
        except ImportError:  # a dev dependency; without it CPU columns show "-"
            return
        for role, pid in pids.items():
            with contextlib.suppress(psutil.Error, TypeError, ValueError):
                self._processes[role] = psutil.Process(pid) if pid else None

    def _times(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for role, process in self._processes.items():
            try:
                # A server with several workers: the master and every worker process.
                tree = [process] if process else []
                if process and role in self._with_children:
                    tree += process.children(recursive=True)
                out[role] = sum(t.user + t.system for t in (p.cpu_times() for p in tree))
            except Exception:  # the process is gone
                out[role] = None
        return out

    def start(self) -> None:
        self._before = self._times()

    def stop(self, seconds: float) -> dict[str, float | None]:
        after = self._times()
        usage: dict[str, float | None] = {}
        for role, before in self._before.items():
            now = after.get(role)
            usage[role] = (
                100 * (now - before) / seconds
                if before is not None and now is not None and seconds > 0
                else None
            )
        return usage


def neo4j_pid() -> int | None:
    """The Java process of the test Neo4j, if this process started it."""
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            if "java" in child.name().lower():
                return child.pid
    except Exception:
        return None
    return None
