"""The dense event-dating gold: every TimeML EVENT of a document anchored by hand.

One YAML file per AQUAINT document in `bench/data/dense_aquaint/`, following the scheme
of Reimers, Dehghani and Gurevych (2016), "Temporal anchoring of events for the TimeBank
corpus": the annotator reads the whole document and gives each event

* `day`: the single day it happened on;
* `window`: a single-day event whose day is not known, `after` A and/or `before` B
  (both exclusive; an end left out is open);
* `range`: a multi-day event with a `begin` and an `end` point, each a day or an
  `{after, before}` window;
* `none`: no time can be given, with a `reason` (negated, hypothetical, generic).

Bounds may be partial ISO dates: "after 1998-07" is from 1 August on, "before 1999" up to
31 December 1998. How the annotation was done is in docs/event_dating.md.

    .venv/bin/python -m bench.dense_gold skeleton APW19980826.0389  # a file to fill in
    .venv/bin/python -m bench.dense_gold check                      # validate every file
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from bench.timeml import TimemlDocument, load_document
from graphsvc.temporal import calendar as cal

GOLD_DIR = Path(__file__).resolve().parent / "data" / "dense_aquaint"
TML_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "timeml"
TML_DIR = TML_DIR / "aquaint"
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _as_text(value: Any) -> Any:
    """YAML reads 1998-08-07 as a date and 1998 as an int: keep every bound as text."""
    return value.isoformat() if isinstance(value, date) else str(value)


Partial = Annotated[str, BeforeValidator(_as_text), Field(pattern=_PARTIAL.pattern)]


def partial_span(value: str) -> tuple[date, date]:
    """First and last day a partial ISO date names ("1998" is the whole year)."""
    match = _PARTIAL.match(value)
    if match is None:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if day is not None:
        one = date(int(year), int(month), int(day))
        return one, one
    if month is not None:
        return cal.month_span(int(year), int(month))
    return date(int(year), 1, 1), date(int(year), 12, 31)


@dataclass(frozen=True)
class Window:
    """Inclusive first and last day an event (or a point of it) may lie on; None: open."""

    first: date | None
    last: date | None

    @property
    def bounded(self) -> bool:
        return self.first is not None and self.last is not None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bounds(_Strict):
    """`after` A and/or `before` B, both exclusive: the days strictly between."""

    after: Partial | None = None
    before: Partial | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Bounds:
        if self.after is None and self.before is None:
            raise ValueError("a window needs `after`, `before` or both")
        window = self.window()
        if window.first and window.last and window.first > window.last:
            raise ValueError(f"no day is after {self.after} and before {self.before}")
        return self

    def window(self) -> Window:
        first = partial_span(self.after)[1] + timedelta(days=1) if self.after else None
        last = partial_span(self.before)[0] - timedelta(days=1) if self.before else None
        return Window(first, last)


def _point_window(point: date | Bounds) -> Window:
    return Window(point, point) if isinstance(point, date) else point.window()


class _Event(_Strict):
    eid: str = Field(pattern=r"^e\d+$")
    text: str = Field(min_length=1)
    note: str | None = None


class DayEvent(_Event):
    kind: Literal["day"]
    day: date

    def window(self) -> Window:
        return Window(self.day, self.day)


class WindowEvent(_Event, Bounds):
    kind: Literal["window"]


class RangeEvent(_Event):
    """A multi-day event: it lies within [earliest begin, latest end]."""

    kind: Literal["range"]
    begin: date | Bounds
    end: date | Bounds

    @model_validator(mode="after")
    def _ordered(self) -> RangeEvent:
        begin, end = _point_window(self.begin), _point_window(self.end)
        if begin.first and end.last and begin.first > end.last:
            raise ValueError(f"{self.eid}: the range begins after it ends")
        return self

    def window(self) -> Window:
        return Window(_point_window(self.begin).first, _point_window(self.end).last)


class UnanchoredEvent(_Event):
    """An event no time can be given to: it did not, or need not, happen once."""

    kind: Literal["none"]
    reason: Literal["negated", "hypothetical", "generic"]


GoldEvent = Annotated[
    DayEvent | WindowEvent | RangeEvent | UnanchoredEvent, Field(discriminator="kind")
]


class GoldFile(_Strict):
    """One document's annotation: its TimeML name, DCT and every EVENT in text order."""

    document: str
    dct: date
    annotator: str
    events: list[GoldEvent]

    @model_validator(mode="after")
    def _unique(self) -> GoldFile:
        seen = [e.eid for e in self.events]
        if len(seen) != len(set(seen)):
            raise ValueError(f"{self.document}: an eid is annotated twice")
        return self


def read_gold(path: Path) -> GoldFile:
    """One gold file, validated; a ValueError names the file and what is wrong."""
    try:
        return GoldFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as exc:
        raise ValueError(f"{path.name}: {exc}") from None


def check_against(gold: GoldFile, document: TimemlDocument) -> list[str]:
    """What does not agree between the annotation and its TimeML file (empty: all does)."""
    problems = []
    if gold.dct != document.dct:
        problems.append(f"dct {gold.dct} is not the file's {document.dct}")
    tagged = {e.eid: e.text for e in document.events}
    annotated = {e.eid: e.text for e in gold.events}
    for eid in tagged.keys() - annotated.keys():
        problems.append(f"{eid} ({tagged[eid]!r}) is not annotated")
    for eid in annotated.keys() - tagged.keys():
        problems.append(f"{eid} is not an EVENT of the file")
    for eid in tagged.keys() & annotated.keys():
        if tagged[eid] != annotated[eid]:
            problems.append(f"{eid}: text {annotated[eid]!r} is {tagged[eid]!r} in the file")
    return [f"{gold.document}: {p}" for p in sorted(problems)]


def load_all(
    gold_dir: Path = GOLD_DIR, tml_dir: Path = TML_DIR
) -> list[tuple[GoldFile, TimemlDocument]]:
    """Every annotation with its TimeML document; raises ValueError on any mismatch."""
    pairs, problems = [], []
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = read_gold(path)
        if path.stem != gold.document:
            problems.append(f"{path.name}: names document {gold.document}")
        document = load_document(tml_dir / f"{gold.document}.tml")
        problems += check_against(gold, document)
        pairs.append((gold, document))
    if problems:
        raise ValueError("\n".join(problems))
    return pairs


def skeleton(document: TimemlDocument) -> str:
    """A file to fill in: every EVENT with its sentence-ish context as a comment."""
    lines = [f"document: {document.name}", f"dct: {document.dct}", "annotator: ''", "events:"]
    for event in document.events:
        left = document.text[max(0, event.start - 60) : event.start].split("\n")[-1]
        right = document.text[event.end : event.end + 40].split("\n")[0]
        lines.append(f"  # ...{left}[{event.text}]{right}...")
        lines.append(f"  - {{eid: {event.eid}, text: {event.text!r}, kind: }}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every gold file against its TimeML file")
    make = sub.add_parser("skeleton", help="print a gold file to fill in")
    make.add_argument("document", help="a TimeML file name without .tml")
    args = parser.parse_args()
    if args.command == "skeleton":
        sys.stdout.write(skeleton(load_document(TML_DIR / f"{args.document}.tml")))
        return
    pairs = load_all()
    events = sum(len(g.events) for g, _ in pairs)
    print(f"{len(pairs)} files, {events} events: all valid")


if __name__ == "__main__":
    main()
