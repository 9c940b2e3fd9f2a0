"""TimeML documents and TempEval-3 scores for temporal expressions (TIMEX3).

A document is its creation time (DCT), the plain text of its `<TEXT>` and the gold
TIMEX3 spans as character offsets into that text, so any extractor that reports offsets
into the same string can be scored without knowing about XML.

Scoring follows TempEval-3 (UzZaman et al., 2013):

* strict extraction: a gold and a system expression with exactly the same offsets;
* relaxed extraction: overlapping offsets, each gold and each system expression used at
  most once (a long system span covering two gold spans earns one match, not two);
* value and type: judged on the relaxed matches only. Value P/R divide the correct values
  by all system / all gold expressions, so a system is not rewarded for finding few
  expressions and getting those right; type is reported as accuracy over the matches.

Counts are summed over documents before dividing (micro-average), as the TempEval-3 scorer
does, so long documents weigh more than short ones.

A document also keeps its EVENT spans (with the polarity and modality of their
MAKEINSTANCE), every TIMEX3 by tid (the DCT and non-consuming ones included) and the
TLINKs between an event instance and a timex, for scoring event dating
(`bench/event_dating.py`); `timex_interval` turns a TIMEX3 value into the calendar
interval it names.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from graphsvc.model import When
from graphsvc.temporal import calendar as cal
from graphsvc.temporal import parse_iso_partial
from graphsvc.typed_dates import AmbiguousDate, read_typed_date


@dataclass(frozen=True)
class Timex:
    """One temporal expression: `text == document_text[start:end]` (end exclusive)."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class EventMention:
    """One gold EVENT: `text == document_text[start:end]`.

    `instances` are the eiids of its MAKEINSTANCEs (what TLINKs name); polarity and
    modality come from the first of them ("POS" and "" when there is none).
    """

    start: int
    end: int
    text: str
    eid: str
    event_class: str
    instances: tuple[str, ...] = ()
    polarity: str = "POS"
    modality: str = ""


@dataclass(frozen=True)
class TimeRef:
    """Any TIMEX3 of the file by tid, in `<TEXT>` or not (the DCT, non-consuming ones)."""

    tid: str
    type: str
    value: str
    creation_time: bool = False


@dataclass(frozen=True)
class TimeLink:
    """A TLINK between an event instance and a timex, read as `event rel_type time`.

    A TLINK written the other way round (`timeID` ... `relatedToEventInstance`) keeps its
    relType and has `event_first=False`: "t INCLUDES ei" is "ei IS_INCLUDED t".
    """

    rel_type: str
    instance: str
    tid: str
    event_first: bool = True


@dataclass(frozen=True)
class TimemlDocument:
    """What a system gets (`text`, `dct`) and what it is scored against (`gold`)."""

    name: str
    dct: date
    text: str
    gold: list[Timex]
    events: list[EventMention] = field(default_factory=list)
    times: dict[str, TimeRef] = field(default_factory=dict)
    links: list[TimeLink] = field(default_factory=list)


def _local(tag: str) -> str:
    """Tag name without an XML namespace, so namespaced TimeML files parse the same."""
    return tag.rsplit("}", 1)[-1]


def _flatten(
    element: ET.Element,
    parts: list[str],
    gold: list[Timex],
    events: list[EventMention] | None = None,
) -> None:
    """Append `element`'s text to `parts`, its outermost TIMEX3 spans to `gold` and its
    EVENT spans (without MAKEINSTANCE details) to `events`.

    Offsets are the running length of `parts`, i.e. positions in the text with every tag
    removed. Inside a TIMEX3 everything (nested TIMEX3 or other tags) is plain text: the
    outer span is the gold one, as in the corpora's conversion.
    """
    if _local(element.tag) == "TIMEX3":
        start = sum(map(len, parts))
        inner = "".join(element.itertext())
        parts.append(inner)
        if inner:  # a non-consuming TIMEX3 has no span any extractor could find
            gold.append(
                Timex(
                    start,
                    start + len(inner),
                    inner,
                    (element.get("type") or "").strip(),
                    (element.get("value") or "").strip(),
                )
            )
        return
    first = len(parts)
    if element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts, gold, events)
        if child.tail:
            parts.append(child.tail)
    if events is not None and _local(element.tag) == "EVENT" and element.get("eid"):
        start = sum(map(len, parts[:first]))
        inner = "".join(parts[first:])
        events.append(
            EventMention(
                start,
                start + len(inner),
                inner,
                element.get("eid", ""),
                (element.get("class") or "").strip(),
            )
        )


def _creation_time(root: ET.Element, path: Path) -> date:
    """The DCT: the TIMEX3 marked CREATION_TIME (normally inside `<DCT>`), day precision."""
    for element in root.iter():
        if (
            _local(element.tag) == "TIMEX3"
            and element.get("functionInDocument") == "CREATION_TIME"
            and element.get("value")
        ):
            return read_dct(element.get("value", ""), element.text or "", path)
    raise ValueError(f"{path}: no TIMEX3 with functionInDocument=CREATION_TIME")


def read_dct(value: str, text: str, path: Path) -> date:
    """A DCT in whatever form a corpus writes it ("2009-03-02", "03-02-2009", "March 2,
    2009"): the value, else the element's text. An ambiguous one (which number is the
    month?) raises `AmbiguousDate` naming the file, so the caller can skip it."""
    for candidate in (value[:10], value, text):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    try:
        return read_typed_date(value)
    except AmbiguousDate as exc:
        try:
            return read_typed_date(text)
        except ValueError:
            raise AmbiguousDate(f"{path.name}: DCT {exc}") from None


def load_document(path: Path) -> TimemlDocument:
    """Parse one `.tml` file: DCT, plain `<TEXT>` content and its gold TIMEX3 spans.

    The title and DCT are left out of `text`: gold spans are only annotated inside
    `<TEXT>`, so a system run on more than that would be charged for spurious matches.
    """
    root = ET.parse(path).getroot()
    text_element = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if text_element is None:
        raise ValueError(f"{path}: no <TEXT>")
    parts: list[str] = []
    gold: list[Timex] = []
    events: list[EventMention] = []
    _flatten(text_element, parts, gold, events)
    events.sort(key=lambda e: (e.start, e.end))
    return TimemlDocument(
        path.stem,
        _creation_time(root, path),
        "".join(parts),
        gold,
        _with_instances(root, events),
        _times(root),
        _time_links(root),
    )


def _with_instances(root: ET.Element, events: list[EventMention]) -> list[EventMention]:
    """Events with the eiids, polarity and modality of their MAKEINSTANCEs."""
    instances: dict[str, list[ET.Element]] = {}
    for element in root.iter():
        if _local(element.tag) == "MAKEINSTANCE" and element.get("eventID"):
            instances.setdefault(element.get("eventID", ""), []).append(element)
    result = []
    for event in events:
        made = instances.get(event.eid, [])
        first = made[0] if made else None
        result.append(
            EventMention(
                event.start,
                event.end,
                event.text,
                event.eid,
                event.event_class,
                tuple(m.get("eiid", "") for m in made if m.get("eiid")),
                ((first.get("polarity") if first is not None else None) or "POS").strip(),
                ((first.get("modality") if first is not None else None) or "").strip(),
            )
        )
    return result


def _times(root: ET.Element) -> dict[str, TimeRef]:
    return {
        element.get("tid", ""): TimeRef(
            element.get("tid", ""),
            (element.get("type") or "").strip(),
            (element.get("value") or "").strip(),
            element.get("functionInDocument") == "CREATION_TIME",
        )
        for element in root.iter()
        if _local(element.tag) == "TIMEX3" and element.get("tid")
    }


def _time_links(root: ET.Element) -> list[TimeLink]:
    """TLINKs with an event instance on one side and a timex on the other."""
    links = []
    for element in root.iter():
        if _local(element.tag) != "TLINK":
            continue
        rel_type = (element.get("relType") or "").strip()
        if element.get("eventInstanceID") and element.get("relatedToTime"):
            links.append(
                TimeLink(
                    rel_type, element.get("eventInstanceID", ""), element.get("relatedToTime", "")
                )
            )
        elif element.get("timeID") and element.get("relatedToEventInstance"):
            links.append(
                TimeLink(
                    rel_type,
                    element.get("relatedToEventInstance", ""),
                    element.get("timeID", ""),
                    event_first=False,
                )
            )
    return links


_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_QUARTER_HALF = re.compile(r"^(\d{4})-([QH])(\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")


def timex_interval(value: str) -> When | None:
    """The calendar interval a TIMEX3 DATE value names, at its precision, or None.

    `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a time of day after `T` is dropped: the day),
    `YYYY-Www`, `YYYY-Qn`, `YYYY-Hn`, `YYYY-SP|SU|FA|WI` and the decade `YYY`. References
    (`PAST_REF`, `PRESENT_REF`...), values with an unknown digit (`X`), durations and
    anything else are None: they name no interval.
    """
    value = value.strip()
    if "X" in value.upper() or not value[:1].isdigit():
        return None
    value = value.split("T", 1)[0]
    try:
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            start, end = cal.week_span(monday)
            return When(start=start, end=end, precision="week", text=value)
        if match := _QUARTER_HALF.match(value):
            year, part = int(match[1]), int(match[3])
            if match[2] == "Q" and 1 <= part <= 4:
                start, end = cal.quarter_span(year, part)
            elif match[2] == "H" and part in (1, 2):
                start, end = cal.half_span(year, part)
            else:
                return None
            return When(start=start, end=end, precision="quarter", text=value)
        if match := _SEASON.match(value):
            start, end = cal.season_span(int(match[1]), match[2])
            return When(start=start, end=end, precision="season", text=value)
        if match := _DECADE.match(value):
            start, end = cal.decade_span(int(match[1]) * 10)
            return When(start=start, end=end, precision="decade", text=value)
        return parse_iso_partial(value)
    except ValueError:  # out-of-range parts (month 13, week 60, year 0) name no interval
        return None


def load_documents(folder: Path) -> list[TimemlDocument]:
    """Every `*.tml` in `folder`, in name order so runs are comparable. A file whose DCT
    cannot be read without guessing (day and month either way round) is left out, and
    said so on stderr, rather than read in a guessed year."""
    documents = []
    for path in sorted(folder.glob("*.tml")):
        try:
            documents.append(load_document(path))
        except AmbiguousDate as exc:
            print(f"skipped: {exc}", file=sys.stderr)
    return documents


@dataclass(frozen=True)
class Alignment:
    """The one-to-one relaxed matching of one document, kept for error listings."""

    pairs: list[tuple[Timex, Timex]]  # (gold, system), overlapping
    missed: list[Timex]  # gold without a system match
    spurious: list[Timex]  # system without a gold match


def align(gold: list[Timex], system: list[Timex]) -> Alignment:
    """Match overlapping spans one-to-one, greedily by overlap size.

    Ties go to the tighter pair (smaller union of the two spans), so an exact-span system
    expression always wins its gold span: strict matches are never lost to a longer
    overlapping candidate.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                union = max(g.end, s.end) - min(g.start, s.start)
                candidates.append((-overlap, union, gi, si))
    candidates.sort()
    gold_to_system: dict[int, int] = {}
    used_system: set[int] = set()
    for _, _, gi, si in candidates:
        if gi not in gold_to_system and si not in used_system:
            gold_to_system[gi] = si
            used_system.add(si)
    return Alignment(
        pairs=[(gold[gi], system[si]) for gi, si in sorted(gold_to_system.items())],
        missed=[g for gi, g in enumerate(gold) if gi not in gold_to_system],
        spurious=[s for si, s in enumerate(system) if si not in used_system],
    )


def same_value(gold: Timex, system: Timex) -> bool:
    """TIMEX3 values are compared as strings after stripping surrounding whitespace only.

    Exact, case-sensitive string equality: no normalisation of granularity or notation,
    so `2008-09-04` != `2008-09-04T00:00`, `P1Y` != `P12M`, `1939-09` != `1939-09-01` and
    `XXXX-09-01` != `1939-09-01`. A system must produce the gold TimeML string itself.
    """
    return gold.value.strip() == system.value.strip()


@dataclass
class Counts:
    """Raw counts; add them over documents and turn them into `Scores` at the end."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # gold expressions with an exact-span system match
    relaxed: int = 0  # one-to-one overlapping matches
    value: int = 0  # relaxed matches with the same value (see `same_value`)
    type: int = 0  # relaxed matches with the same type

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def counts_of(alignment: Alignment) -> Counts:
    """Counts from an alignment already computed (e.g. also used for error listings)."""
    pairs = alignment.pairs
    return Counts(
        gold=len(pairs) + len(alignment.missed),
        system=len(pairs) + len(alignment.spurious),
        strict=sum((g.start, g.end) == (s.start, s.end) for g, s in pairs),
        relaxed=len(pairs),
        value=sum(same_value(g, s) for g, s in pairs),
        type=sum(g.type.strip() == s.type.strip() for g, s in pairs),
    )


def score(gold: list[Timex], system: list[Timex]) -> Counts:
    """Counts for one document's gold and system expressions."""
    return counts_of(align(gold, system))


def total(counts: Iterable[Counts]) -> Counts:
    """Sum of per-document counts (the micro-average TempEval-3 reports)."""
    return sum(counts, Counts())


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def prf(correct: int, system: int, gold: int) -> PRF:
    """Precision/recall/F1 with 0 (not an error) when a denominator is 0."""
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


@dataclass(frozen=True)
class Scores:
    strict: PRF
    relaxed: PRF
    value: PRF
    type_accuracy: float  # over relaxed matches; 0 when there are none


def scores(counts: Counts) -> Scores:
    """TempEval-3 figures from summed counts."""
    return Scores(
        strict=prf(counts.strict, counts.system, counts.gold),
        relaxed=prf(counts.relaxed, counts.system, counts.gold),
        value=prf(counts.value, counts.system, counts.gold),
        type_accuracy=counts.type / counts.relaxed if counts.relaxed else 0.0,
    )
