"""Event dating by the text loader, scored on TimeML events tied to a date.

    .venv/bin/python -m bench.event_dating [DIRS...] [--no-write] [--dense DIR | --no-dense]

DIRS hold `.tml` files (default: ../shared/fixtures/timeml/aquaint). A set without EVENT
and TLINK annotations (meantime-stock has TIMEX3 only) has no gold and is reported as such.
The same run then scores the dense hand annotation (`bench/dense_dating.py`, gold in
bench/data/dense_aquaint/), with its own table and benchmarks section.

Gold: every EVENT of class OCCURRENCE, REPORTING, I_ACTION or ASPECTUAL that a TLINK of
type IS_INCLUDED, INCLUDES, SIMULTANEOUS or DURING ties (through an eiid of its
MAKEINSTANCE) to the DCT or to a DATE timex whose value names an interval
(`bench.timeml.timex_interval`: no PRESENT_REF, no X). The gold date is that interval,
at the timex's precision (the DCT: its day); when several links qualify, the narrowest
interval wins (a text timex over the DCT on a tie).

System: `loaders.text.pipeline.extract` on the `<TEXT>` content, published = DCT day. An
extracted event matches a gold event when one of its sources' trigger span
(`Source.trigger_start`/`trigger_end`, absolute offsets) overlaps the gold EVENT span.

A date is right when the extracted [start, end] days overlap the gold [start, end] days
(for a one-day gold: the extracted interval holds that day). "within" is stricter: the
extracted interval lies inside the gold one (as precise as the gold or more). A date open
at its start (`When.open_start`, "before 1998-01-08") is the days up to its end: right
when the gold starts on or before that end, never within a gold interval; its pairs are
counted apart by basis ("context, open start").

* recall: gold events with a matched extracted event whose date is right / gold events;
* found: gold events with any matched extracted event, dated or not / gold events;
* date precision: over (gold, matched extracted event) pairs where the extracted event has
  a date, the fraction whose date is right.

Baseline, in the same run: "nearest date in the sentence": for each gold event, the
spaCy sentence holding it (every line of the text, parsed by the same pipeline) goes
through `graphsvc.temporal.find_dates(sentence, dct)`; the resolved expression nearest to
the event (character gap, 0 when touching) is its date, none when the sentence has none.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass, field
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
from bench.dense_dating import evaluate_dense, print_and_write
from bench.dense_gold import GOLD_DIR
from bench.report import markdown_table, update_section
from bench.timeml import TimemlDocument, load_documents, timex_interval
from graphsvc.model import When
from graphsvc.settings import Settings

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "timeml"
SECTION = "Event dating on TimeML links"
CLASSES = frozenset({"OCCURRENCE", "REPORTING", "I_ACTION", "ASPECTUAL"})
REL_TYPES = frozenset({"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING"})


@dataclass(frozen=True)
class GoldEvent:
    """A gold EVENT with the interval a TLINK gives it; offsets index the document text."""

    start: int
    end: int
    text: str
    eid: str
    event_class: str
    when: When
    tid: str  # the timex that dates it
    by_dct: bool
    polarity: str = "POS"
    modality: str = ""


def gold_events(document: TimemlDocument) -> list[GoldEvent]:
    """The document's events of the scored classes that a qualifying TLINK dates."""
    intervals: dict[str, tuple[When, bool]] = {}
    for tid, ref in document.times.items():
        if ref.creation_time:
            intervals[tid] = (When(start=document.dct, end=document.dct, precision="day"), True)
        elif ref.type == "DATE" and (when := timex_interval(ref.value)) is not None:
            intervals[tid] = (when, False)
    by_instance: dict[str, list[str]] = {}
    for link in document.links:
        if link.rel_type in REL_TYPES and link.tid in intervals:
            by_instance.setdefault(link.instance, []).append(link.tid)
    result = []
    for event in document.events:
        if event.event_class not in CLASSES:
            continue
        tids = [tid for instance in event.instances for tid in by_instance.get(instance, [])]
        if not tids:
            continue
        tid = min(
            tids,
            key=lambda t: (intervals[t][0].end - intervals[t][0].start, intervals[t][1]),
        )
        when, by_dct = intervals[tid]
        result.append(
            GoldEvent(
                event.start,
                event.end,
                event.text,
                event.eid,
                event.event_class,
                when,
                tid,
                by_dct,
                event.polarity,
                event.modality,
            )
        )
    return result


def _open(when: When) -> bool:
    # getattr: the model in use may predate `open_start`.
    return bool(getattr(when, "open_start", False))


def date_right(gold: When, found: When) -> bool:
    """The extracted days overlap the gold days (hold the gold day, for a one-day gold);
    an open start reaches back without end."""
    return (_open(found) or found.start <= gold.end) and found.end >= gold.start


def date_within(gold: When, found: When) -> bool:
    return not _open(found) and gold.start <= found.start and found.end <= gold.end


@dataclass
class Counts:
    gold: int = 0
    found: int = 0  # gold events with a matched extracted event
    right: int = 0  # gold events with a matched extracted event dated right
    within: int = 0  # gold events with a matched extracted event dated within the gold
    dated_pairs: int = 0  # (gold, matched extracted) pairs where the extracted has a date
    right_pairs: int = 0
    by_basis: Counter[str] = field(default_factory=Counter)  # dated pairs by basis
    right_by_basis: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.found + other.found,
            self.right + other.right,
            self.within + other.within,
            self.dated_pairs + other.dated_pairs,
            self.right_pairs + other.right_pairs,
            self.by_basis + other.by_basis,
            self.right_by_basis + other.right_by_basis,
        )


def _overlaps(span: tuple[int, int], gold: GoldEvent) -> bool:
    return span[0] < gold.end and span[1] > gold.start


def score(gold: list[GoldEvent], system: list[SystemEvent]) -> Counts:
    """Counts of one document (see the module docstring for the definitions)."""
    counts = Counts(gold=len(gold))
    for expected in gold:
        matched = [e for e in system if any(_overlaps(t, expected) for t in e.triggers)]
        counts.found += bool(matched)
        dated = [
            (e.when, (e.basis or "-") + (", open start" if _open(e.when) else ""))
            for e in matched
            if e.when is not None
        ]
        counts.right += any(date_right(expected.when, when) for when, _ in dated)
        counts.within += any(date_within(expected.when, when) for when, _ in dated)
        for when, basis in dated:
            ok = date_right(expected.when, when)
            counts.dated_pairs += 1
            counts.right_pairs += ok
            counts.by_basis[basis] += 1
            if ok:
                counts.right_by_basis[basis] += 1
    return counts


def baseline_events(
    document: TimemlDocument, gold: list[GoldEvent], sentences: list[tuple[int, int]]
) -> list[SystemEvent]:
    """One system event per gold event, on its span, dated by the nearest date."""
    result = []
    for expected in gold:
        a, b = sentence_of(sentences, expected.start, expected.end)
        offset = (expected.start - a, expected.end - a)
        when = nearest_date(document.text[a:b], offset, document.dct)
        result.append(SystemEvent(when, ((expected.start, expected.end),)))
    return result


@dataclass
class SetResult:
    name: str
    documents: int
    ours: Counts
    baseline: Counts
    seconds_ours: float
    seconds_baseline: float
    triggers_seen: bool  # some extracted source carried a trigger span


def evaluate(folder: Path, model: str) -> SetResult:
    documents = load_documents(folder)
    ours = baseline = Counts()
    seconds_ours = seconds_baseline = 0.0
    triggers_seen = False
    for document in documents:
        gold = gold_events(document)
        if not gold:
            continue
        began = time.perf_counter()
        batch = run_loader(document, model)
        found = system_events(batch) if batch is not None else []
        seconds_ours += time.perf_counter() - began
        triggers_seen |= any(e.triggers for e in found)
        ours += score(gold, found)
        began = time.perf_counter()
        guessed = baseline_events(document, gold, sentence_spans(document, model))
        seconds_baseline += time.perf_counter() - began
        baseline += score(gold, guessed)
    return SetResult(
        folder.name,
        len(documents),
        ours,
        baseline,
        seconds_ours,
        seconds_baseline,
        triggers_seen,
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} ({part}/{whole})" if whole else "-"


HEADERS = [
    "set",
    "system",
    "gold events",
    "recall",
    "recall (within)",
    "found",
    "date precision",
    "seconds",
]


def rows_of(result: SetResult) -> list[list[object]]:
    ours, base = result.ours, result.baseline
    rows: list[list[object]] = [
        [
            result.name,
            "graphsvc text loader",
            ours.gold,
            _pct(ours.right, ours.gold),
            _pct(ours.within, ours.gold),
            _pct(ours.found, ours.gold),
            _pct(ours.right_pairs, ours.dated_pairs),
            f"{result.seconds_ours:.1f}",
        ]
    ]
    if set(ours.by_basis) - {"-"}:
        for basis in sorted(ours.by_basis):
            rows.append(
                [
                    result.name,
                    f"  loader, basis={basis}",
                    "",
                    "",
                    "",
                    "",
                    _pct(ours.right_by_basis[basis], ours.by_basis[basis]),
                    "",
                ]
            )
    rows.append(
        [
            result.name,
            "nearest date in the sentence",
            base.gold,
            _pct(base.right, base.gold),
            _pct(base.within, base.gold),
            "-",
            _pct(base.right_pairs, base.dated_pairs),
            f"{result.seconds_baseline:.1f}",
        ]
    )
    return rows


NOTES = (
    "Gold: TimeML events (OCCURRENCE, REPORTING, I_ACTION, ASPECTUAL) that a TLINK "
    "(IS_INCLUDED, INCLUDES, SIMULTANEOUS, DURING) ties to the DCT or to a DATE timex with "
    "a calendar value, dated by that timex's interval at its precision (the narrowest when "
    "several links qualify). An extracted event matches a gold event when a source's "
    "trigger span overlaps the gold EVENT span. A date is right when the extracted and gold "
    "day intervals overlap (a one-day gold: the extracted interval holds that day); "
    "*within*: the extracted interval lies inside the gold one. Recall and found divide by "
    "gold events; date precision is over matched (gold, extracted) pairs whose extracted "
    "event has a date. Baseline, same run: the resolved `find_dates` expression nearest to "
    "the gold event in its spaCy sentence (it is placed on the gold span, so it has no "
    "*found*). Seconds: wall time of the loader (parse included) and of the baseline "
    "(its own sentence split included)."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="*", default=[SHARED / "aquaint"])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--dense", type=Path, default=GOLD_DIR, help="dense gold folder")
    parser.add_argument("--no-dense", action="store_true", help="TLINK gold only")
    args = parser.parse_args()
    model = Settings().spacy_model
    began = time.perf_counter()
    results, skipped = [], []
    for folder in args.folders:
        result = evaluate(folder, model)
        (results if result.ours.gold else skipped).append(result)
    if len(results) > 1:
        results.append(
            SetResult(
                "total",
                sum(r.documents for r in results),
                sum((r.ours for r in results), Counts()),
                sum((r.baseline for r in results), Counts()),
                sum(r.seconds_ours for r in results),
                sum(r.seconds_baseline for r in results),
                any(r.triggers_seen for r in results),
            )
        )
    wall = time.perf_counter() - began
    rows = [row for r in results for row in rows_of(r)]
    console = Console(width=180)
    table = Table(*HEADERS, title=f"Event dating ({model}), {wall:.0f} s wall")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    console.print(table)
    lines = [
        f"`{r.name}` ({r.documents} files): no dated gold events (no EVENT/TLINK "
        "annotations), not scored."
        for r in skipped
    ]
    if results and not any(r.triggers_seen for r in results):
        lines.append(
            "No extracted source carries `trigger_start`/`trigger_end` in this version of "
            "`graphsvc.model.Source`: no extracted event can be matched, so the loader's "
            "found and recall are 0 until those fields are filled."
        )
    for line in lines:
        console.print(f"[yellow]{line}[/yellow]")
    if not args.no_write and results:
        sets = ", ".join(f"`{r.name}` ({r.documents} files)" for r in results if r.name != "total")
        body = (
            f"{sets}, `{model}`, {wall:.0f} s wall in all. {NOTES}\n\n"
            + markdown_table(HEADERS, rows)
            + ("\n\n" + "\n\n".join(lines) if lines else "")
        )
        update_section(SECTION, body)
    if not args.no_dense:
        dense = evaluate_dense(model, args.dense)
        print_and_write(dense, model, console, write=not args.no_write)


if __name__ == "__main__":
    main()
