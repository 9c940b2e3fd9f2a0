"""Running a system on a set, timing only its own calls, and summing its TempEval-3
counts (the scoring itself: `bench/timeml.py`)."""

from __future__ import annotations

import contextlib
import time
import traceback
from dataclasses import dataclass, field

from bench.temporal_eval.systems import System, mode_of_document
from bench.timeml import Alignment, Counts, TimemlDocument, Timex, align, counts_of


@dataclass
class Run:
    """One system on one set: summed counts, time, and what is needed to list errors."""

    system: str
    counts: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    documents: int = 0
    alignments: list[tuple[TimemlDocument, Alignment]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (document, traceback)
    bad_spans: list[tuple[str, Timex]] = field(default_factory=list)


def _check_spans(document: TimemlDocument, found: list[Timex], run: Run) -> None:
    """Note expressions whose offsets do not give back their text: scoring trusts offsets."""
    for timex in found:
        if not (0 <= timex.start < timex.end <= len(document.text)) or (
            document.text[timex.start : timex.end] != timex.text
        ):
            run.bad_spans.append((document.name, timex))


def evaluate(system: System, documents: list[TimemlDocument], mode: str) -> Run:
    """Run `system` on every document; only its own calls are timed, not the scoring.

    A document the system raises on counts as no output (zero found), so one bug in a
    rule does not hide the other systems' figures; the traceback is kept for the report.
    """
    run = Run(system.name, documents=len(documents))
    if system.warm_up and documents:
        with contextlib.suppress(Exception):  # the timed call below records a failure
            if system.prepare is not None:
                system.prepare(documents[0])
            system.run(documents[0], mode_of_document(documents[0], mode))
    for document in documents:
        if system.prepare is not None:
            system.prepare(document)
        document_mode = mode_of_document(document, mode)
        started = time.perf_counter()
        try:
            found = system.run(document, document_mode)
        except Exception:
            found = []
            run.failures.append((document.name, traceback.format_exc()))
        run.seconds += time.perf_counter() - started
        _check_spans(document, found, run)
        alignment = align(document.gold, found)
        run.counts = run.counts + counts_of(alignment)
        run.alignments.append((document, alignment))
    return run
