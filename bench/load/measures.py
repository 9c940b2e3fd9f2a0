"""What a phase measured: latencies and errors by kind, the checker's verdicts, and
the runs that hold them."""

from __future__ import annotations

import contextlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import orjson


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of `values` (any order); nan when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Tally:
    """Requests of one kind in one phase: latencies of the 2xx ones, the others counted."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0  # from the phase's start until the last task of the kind ended

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies, q)


@dataclass
class Checks:
    """What the half-batch checker saw: each answer is empty, whole, or a violation."""

    empty: int = 0
    whole: int = 0
    violations: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return self.empty + self.whole + len(self.violations)


@dataclass
class Phase:
    store: str
    scenario: str
    label: str
    writers: int
    reads: Tally
    writes: Tally | None = None
    checks: Checks | None = None
    cpu: dict[str, float | None] = field(default_factory=dict)  # % of one core
    load: float | None = None  # the machine's 1-minute load average as the phase ended


@dataclass
class StoreRun:
    store: str
    events: int
    prepare_seconds: float
    startup_seconds: float
    events_at_end: int | None
    events_written: int  # by the writers, acknowledged
    phases: list[Phase]
    busy_actors: list[str]

    @property
    def hello_rate(self) -> float:
        rates = [p.reads.rate for p in self.phases if p.scenario == "hello"]
        return sum(rates) / len(rates) if rates else math.nan


def http_error(status: int, method: str, target: str, body: bytes) -> str:
    detail = body.decode("utf-8", "replace")
    with contextlib.suppress(ValueError, AttributeError):
        problem = orjson.loads(body)
        detail = f"{problem.get('title', '')}: {problem.get('detail', '')}"
    path = target.split("?", 1)[0]
    return f"HTTP {status} {method} {path}: " + " ".join(detail.split())[:300]


def exception_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
