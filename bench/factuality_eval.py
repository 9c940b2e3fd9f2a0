"""Factuality of extracted events against TimeML's EVENT polarity and modality.

    .venv/bin/python -m bench.factuality_eval [DIR] [--no-write]

DIR holds TimeML files (default ../shared/fixtures/timeml/aquaint). Every gold EVENT is
matched to an extracted event whose trigger span overlaps it. On the matched ones:
precision and recall of `negated` (gold polarity NEG) and of `possible` (gold modality a
modal of possibility: may, might, could, would, should, can, must). A baseline in the
same run calls an event negated when a "not"/"n't"/"never" is among the three words
before its trigger, and possible when a modal is.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.event_dating import run_loader
from bench.report import markdown_table, update_section
from bench.timeml import EventMention, TimemlDocument, load_documents
from graphsvc.settings import Settings

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
POSSIBLE = frozenset({"may", "might", "could", "would", "should", "can", "must"})
_NEGATION = re.compile(r"\b(not|never|n't|no)\b", re.IGNORECASE)
_MODAL = re.compile(r"\b(" + "|".join(sorted(POSSIBLE)) + r")\b", re.IGNORECASE)


def gold_label(event: EventMention, label: str, inverted: bool = False) -> bool:
    """The gold answer; `inverted`: the document writes polarity the other way round."""
    if label == "negated":
        return (event.polarity.upper() == "NEG") != inverted
    return event.modality.strip().lower() in POSSIBLE


def polarity_inverted(document: TimemlDocument) -> bool:
    """A quarter of AQUAINT's files mark nearly every event NEG and the few negated ones
    POS ("does not want": POS): polarity is written inverted there. A document with more
    NEG than POS events is read that way."""
    negative = sum(e.polarity.upper() == "NEG" for e in document.events)
    return negative > len(document.events) - negative


@dataclass
class Tally:
    matched: int = 0
    counts: dict[str, list[int]] = field(
        default_factory=lambda: {"negated": [0, 0, 0], "possible": [0, 0, 0]}
    )  # label -> [true positives, system positives, gold positives]

    def add(self, gold: bool, system: bool, label: str) -> None:
        tally = self.counts[label]
        tally[0] += gold and system
        tally[1] += system
        tally[2] += gold


def _triggers(document: TimemlDocument, model: str) -> list[tuple[int, int, str]]:
    batch = run_loader(document, model)
    spans = []
    for event in batch.events if batch is not None else ():
        for source in event.sources:
            if source.trigger_start is not None and source.trigger_end is not None:
                spans.append((source.trigger_start, source.trigger_end, event.factuality))
    return spans


def _baseline(text: str, event: EventMention, label: str) -> bool:
    before = " ".join(text[: event.start].split()[-3:])
    pattern = _NEGATION if label == "negated" else _MODAL
    return bool(pattern.search(before))


def evaluate(folder: Path, model: str) -> tuple[Tally, Tally, int]:
    ours, baseline = Tally(), Tally()
    gold_events = 0
    for document in load_documents(folder):
        spans = _triggers(document, model)
        inverted = polarity_inverted(document)
        for event in document.events:
            gold_events += 1
            found = next(
                (f for start, end, f in spans if start < event.end and event.start < end), None
            )
            if found is None:
                continue
            ours.matched += 1
            baseline.matched += 1
            for label in ("negated", "possible"):
                truth = gold_label(event, label, inverted)
                ours.add(truth, found == label, label)
                baseline.add(truth, _baseline(document.text, event, label), label)
    return ours, baseline, gold_events


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} ({part}/{whole})" if whole else "-"


def rows(ours: Tally, baseline: Tally) -> list[list[object]]:
    result: list[list[object]] = []
    for name, tally in (("graphsvc text loader", ours), ("3-word cue baseline", baseline)):
        for label in ("negated", "possible"):
            hits, system, gold = tally.counts[label]
            result.append([name, label, tally.matched, gold, _pct(hits, system), _pct(hits, gold)])
    return result


HEADERS = ["system", "factuality", "matched events", "gold", "precision", "recall"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SHARED / "timeml" / "aquaint")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    model = Settings().spacy_model
    ours, baseline, gold_events = evaluate(args.folder, model)
    table = Table(title=f"Factuality on {args.folder.name} ({gold_events} gold events)")
    for header in HEADERS:
        table.add_column(header)
    found = rows(ours, baseline)
    for row in found:
        table.add_row(*(str(v) for v in row))
    Console().print(table)
    if not args.no_write:
        notes = (
            f"`{args.folder.name}`, {gold_events} gold EVENTs, `{model}`. Matched: an "
            "extracted event whose trigger span overlaps the gold EVENT. Gold `negated`: "
            "polarity NEG (read inverted in the files that mark most events NEG: there the "
            "few POS ones are the negated ones); gold `possible`: modality "
            "may/might/could/would/should/can/must. "
            "Baseline: a negation or a modal among the three words before the trigger."
        )
        update_section(
            "Factuality (bench/factuality_eval.py)", notes + "\n\n" + markdown_table(HEADERS, found)
        )


if __name__ == "__main__":
    main()
