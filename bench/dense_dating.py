"""Event dating scored on the dense hand annotation (`bench/dense_gold.py`).

Every anchorable gold event (day, window or range; `none` events are left out of every
denominator, as they have no time to be right about) is looked up among the loader's
events: the loader's events whose trigger span overlaps the gold EVENT span are *found*;
of those, the narrowest dated one is the loader's answer (*dated*). The answer is
*right* when its days lie within the gold window:

* day: it is that day; the day-before-or-of-publication interval the loader gives an
  undated newswire report also counts when the gold day is one of its two days (the
  *strict* figure does not count it);
* window: inside [after + 1, before - 1];
* range: inside [earliest begin, latest end]: the event was under way on those days.

Figures are given over the events whose gold window is *bounded* on both sides (the main
figure: an open window such as "before 1998-08-07" is easy to fall within) and over all
anchorable events. Precision of dated events: right / dated.

Baseline, in the same run, on every gold event: the date expression nearest to it in
its spaCy sentence (`graphsvc.temporal.find_dates`), else the publication day; it is
placed on the gold span, so it is always found and dated.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.dating_system import (
    SystemEvent,
    nearest_date,
    run_loader,
    sentence_of,
    sentence_spans,
    system_events,
)
from bench.dense_gold import (
    GOLD_DIR,
    TML_DIR,
    GoldFile,
    UnanchoredEvent,
    Window,
    load_all,
)
from bench.report import markdown_table, update_section
from bench.timeml import TimemlDocument
from graphsvc.model import When

SECTION = "Event dating on a dense hand annotation"


@dataclass(frozen=True)
class Anchor:
    """A gold event to score: its span in the document text, kind and window."""

    eid: str
    start: int
    end: int
    kind: str
    window: Window
    event_class: str = ""  # the TimeML EVENT class (OCCURRENCE, STATE, REPORTING, ...)


@dataclass(frozen=True)
class Outcome:
    """How one system did on one anchorable gold event."""

    kind: str
    bounded: bool
    found: bool
    dated: bool
    right: bool
    strict: bool
    open: bool = False  # the answer is open at its start ("before 1998-01-08")
    consistent: bool = False  # an open answer some day of the gold window is within
    event_class: str = ""


def _open(when: When) -> bool:
    # getattr: the model in use may predate `open_start`.
    return bool(getattr(when, "open_start", False))


def within(window: Window, when: When) -> bool:
    """`when`'s days lie inside the window (an open end of `when` lies inside nothing
    but an open end of the window: "before 1998-01-08" is right for a gold window open
    at its start whose last day is 1998-01-07 or later)."""
    first, last = getattr(when, "start", None), getattr(when, "end", None)
    if _open(when):
        first = None
    if window.first is not None and (first is None or first < window.first):
        return False
    return window.last is None or (last is not None and last <= window.last)


def publication_window_holds(anchor: Anchor, when: When, dct: date) -> bool:
    """The loader's [DCT - 1, DCT] for an undated report, holding a one-day gold."""
    before = dct - timedelta(days=1)
    return (
        anchor.kind == "day"
        and (getattr(when, "start", None), getattr(when, "end", None)) == (before, dct)
        and anchor.window.first in (before, dct)
    )


def consistent(window: Window, when: When) -> bool:
    """An open-start answer does not contradict the gold: some day of the window is on
    or before its end (it is right only if the window is open at its start, too)."""
    return window.first is None or window.first <= when.end


def _width(when: When) -> int:
    """How wide an answer is; an open start is wider than any closed interval, so a
    closed date of the same event is its answer."""
    start, end = getattr(when, "start", None), getattr(when, "end", None)
    if start is None or end is None:
        return 1 << 30
    return 1 << 29 if _open(when) else (end - start).days


def judge(anchor: Anchor, system: list[SystemEvent], dct: date) -> Outcome:
    """The outcome of the loader's answer for `anchor` (see the module docstring)."""
    matched = [e for e in system if any(a < anchor.end and b > anchor.start for a, b in e.triggers)]
    dated = [e.when for e in matched if e.when is not None]
    answer = min(dated, key=_width) if dated else None
    strict = answer is not None and within(anchor.window, answer)
    lenient = answer is not None and publication_window_holds(anchor, answer, dct)
    opened = answer is not None and _open(answer)
    return Outcome(
        anchor.kind,
        anchor.window.bounded,
        bool(matched),
        bool(dated),
        strict or lenient,
        strict,
        opened,
        opened and answer is not None and consistent(anchor.window, answer),
        anchor.event_class,
    )


def anchors(gold: GoldFile, document: TimemlDocument) -> tuple[list[Anchor], Counter[str]]:
    """The anchorable events with their spans, and the unanchorable ones by reason."""
    spans = {e.eid: (e.start, e.end) for e in document.events}
    classes = {e.eid: e.event_class for e in document.events}
    result, left_out = [], Counter[str]()
    for event in gold.events:
        if isinstance(event, UnanchoredEvent):
            left_out[event.reason] += 1
            continue
        start, end = spans[event.eid]
        result.append(Anchor(event.eid, start, end, event.kind, event.window(), classes[event.eid]))
    return result, left_out


def baseline(
    document: TimemlDocument, gold: list[Anchor], spans: list[tuple[int, int]]
) -> list[SystemEvent]:
    """One event per gold event, on its span: the nearest date, else the publication day."""
    result = []
    for anchor in gold:
        a, b = sentence_of(spans, anchor.start, anchor.end)
        when = nearest_date(document.text[a:b], (anchor.start - a, anchor.end - a), document.dct)
        if when is None:
            when = When(start=document.dct, end=document.dct, precision="day", basis="publication")
        result.append(SystemEvent(when, ((anchor.start, anchor.end),)))
    return result


@dataclass
class DenseResult:
    documents: int = 0
    ours: list[Outcome] = field(default_factory=list)
    base: list[Outcome] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    left_out_dated: int = 0  # unanchorable gold events the loader dated anyway
    seconds_ours: float = 0.0
    seconds_base: float = 0.0


def _unanchored_spans(gold: GoldFile, document: TimemlDocument) -> list[tuple[int, int]]:
    spans = {e.eid: (e.start, e.end) for e in document.events}
    return [spans[e.eid] for e in gold.events if isinstance(e, UnanchoredEvent)]


def evaluate_dense(model: str, gold_dir: Path = GOLD_DIR, tml_dir: Path = TML_DIR) -> DenseResult:
    """The loader and the baseline on every annotated document."""
    result = DenseResult()
    for gold, document in load_all(gold_dir, tml_dir):
        result.documents += 1
        scored, left_out = anchors(gold, document)
        result.left_out += left_out
        began = time.perf_counter()
        batch = run_loader(document, model)
        found = system_events(batch) if batch is not None else []
        result.seconds_ours += time.perf_counter() - began
        result.ours += [judge(a, found, document.dct) for a in scored]
        result.left_out_dated += sum(
            any(e.when is not None and any(x < b and y > a for x, y in e.triggers) for e in found)
            for a, b in _unanchored_spans(gold, document)
        )
        began = time.perf_counter()
        guessed = baseline(document, scored, sentence_spans(document, model))
        result.seconds_base += time.perf_counter() - began
        result.base += [judge(a, [g], document.dct) for a, g in zip(scored, guessed, strict=True)]
    return result


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} ({part}/{whole})" if whole else "-"


HEADERS = [
    "events",
    "system",
    "n",
    "found",
    "dated",
    "right",
    "right (strict)",
    "precision of dated",
    "precision (strict)",
]
KIND_HEADERS = ["gold kind", "bounded events", "loader right", "baseline right"]
CLASS_HEADERS = ["TimeML class", "anchorable events", "found", "dated", "right", "baseline right"]


def _row(scope: str, system: str, outcomes: list[Outcome]) -> list[object]:
    n = len(outcomes)
    found = sum(o.found for o in outcomes)
    dated = sum(o.dated for o in outcomes)
    right = sum(o.right for o in outcomes)
    strict = sum(o.strict for o in outcomes)
    return [
        scope,
        system,
        n,
        _pct(found, n),
        _pct(dated, n),
        _pct(right, n),
        _pct(strict, n),
        _pct(right, dated),
        _pct(strict, dated),
    ]


def rows_of(result: DenseResult) -> list[list[object]]:
    rows = []
    for scope, keep in (("bounded", True), ("all anchorable", False)):
        for system, outcomes in (
            ("graphsvc text loader", result.ours),
            ("nearest date, else publication day", result.base),
        ):
            rows.append(_row(scope, system, [o for o in outcomes if o.bounded or not keep]))
    return rows


def kind_rows(result: DenseResult) -> list[list[object]]:
    rows: list[list[object]] = []
    for kind in ("day", "window", "range"):
        ours = [o for o in result.ours if o.bounded and o.kind == kind]
        base = [o for o in result.base if o.bounded and o.kind == kind]
        rows.append(
            [
                kind,
                len(ours),
                _pct(sum(o.right for o in ours), len(ours)),
                _pct(sum(o.right for o in base), len(base)),
            ]
        )
    return rows


def class_rows(result: DenseResult) -> list[list[object]]:
    """Found, dated and right by the TimeML class of the gold EVENT, over all anchorable
    events: which kinds of event (states, reports, aspectuals) the loader misses."""
    rows: list[list[object]] = []
    for name in sorted({o.event_class for o in result.ours}):
        ours = [o for o in result.ours if o.event_class == name]
        base = [o for o in result.base if o.event_class == name]
        n = len(ours)
        rows.append(
            [
                name or "-",
                n,
                _pct(sum(o.found for o in ours), n),
                _pct(sum(o.dated for o in ours), n),
                _pct(sum(o.right for o in ours), n),
                _pct(sum(o.right for o in base), n),
            ]
        )
    return rows


def losses(result: DenseResult) -> str:
    """Where the loader's bounded events go that are not right."""
    bounded = [o for o in result.ours if o.bounded]
    missed = sum(not o.found for o in bounded)
    undated = sum(o.found and not o.dated for o in bounded)
    wrong = sum(o.dated and not o.right for o in bounded)
    base_wrong = sum(
        o.dated and not b.right for o, b in zip(result.ours, result.base, strict=True) if o.bounded
    )
    return (
        f"Where the loader loses, of {len(bounded)} bounded events: {missed} not found, "
        f"{undated} found but undated, {wrong} dated wrong (the baseline is wrong on "
        f"{base_wrong} of the {sum(o.dated for o in bounded)} the loader dates)."
        + open_answers(result)
    )


def open_answers(result: DenseResult) -> str:
    """What the answers open at their start ("before 1998-01-08") are worth: right only
    for a gold window open at its start; elsewhere they can at most not contradict it."""
    opened = [o for o in result.ours if o.open]
    if not opened:
        return ""
    bounded = [o for o in opened if o.bounded]
    return (
        f" Answers open at their start: {len(opened)} ({sum(o.right for o in opened)} "
        f"right); of the {len(bounded)} on bounded gold (never right there), "
        f"{sum(o.consistent for o in bounded)} are consistent with the gold window "
        "(it has a day on or before their end)."
    )


def report(result: DenseResult, model: str) -> str:
    """The markdown body of the benchmarks section."""
    left = sum(result.left_out.values())
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(result.left_out.items()))
    days = sum(o.kind == "day" for o in result.ours)
    return (
        f"{result.documents} AQUAINT documents annotated by hand "
        "(`bench/data/dense_aquaint/`, scheme and choices in "
        f"[event_dating.md](event_dating.md)), `{model}`. {len(result.ours) + left} EVENTs: "
        f"{len(result.ours)} anchorable ({days} on a day), {left} with no time "
        f"({reasons}), left out of every figure; the loader dated {result.left_out_dated} "
        "of those anyway. *Bounded*: the gold window has both ends (the main figure); "
        '*all anchorable* adds open windows ("before 2000-03-28", a state still going '
        "on). Found: a loader event's trigger overlaps the gold EVENT; dated: it has a "
        "date (the narrowest is the answer); right: the answer lies within the gold window "
        "(a gold day: that day, or the loader's day-before-or-of-publication interval "
        "holding it; *strict* counts only the day itself). Precision: right / dated. "
        "Baseline, same run: the nearest `find_dates` expression in the event's sentence, "
        "else the publication day. Seconds: loader "
        f"{result.seconds_ours:.1f}, baseline {result.seconds_base:.1f}.\n\n"
        + markdown_table(HEADERS, rows_of(result))
        + f"\n\n{losses(result)}\n\nRight by gold kind (bounded events):\n\n"
        + markdown_table(KIND_HEADERS, kind_rows(result))
        + "\n\nBy TimeML class (all anchorable events):\n\n"
        + markdown_table(CLASS_HEADERS, class_rows(result))
    )


def print_and_write(result: DenseResult, model: str, console: Console, write: bool) -> None:
    """Print the dense tables and, unless `write` is off, replace their benchmarks section."""
    for headers, rows, title in (
        (HEADERS, rows_of(result), f"Event dating, dense hand annotation ({model})"),
        (KIND_HEADERS, kind_rows(result), "Right by gold kind (bounded events)"),
        (CLASS_HEADERS, class_rows(result), "By TimeML class (all anchorable events)"),
    ):
        table = Table(*headers, title=title)
        for row in rows:
            table.add_row(*(str(c) for c in row))
        console.print(table)
    console.print(losses(result))
    if write:
        update_section(SECTION, report(result, model))
