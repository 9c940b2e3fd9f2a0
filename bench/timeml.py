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
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Timex:
    """One temporal expression: `text == document_text[start:end]` (end exclusive)."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimemlDocument:
    """What a system gets (`text`, `dct`) and what it is scored against (`gold`)."""

    name: str
    dct: date
    text: str
    gold: list[Timex]


def _local(tag: str) -> str:
    """Tag name without an XML namespace, so namespaced TimeML files parse the same."""
    return tag.rsplit("}", 1)[-1]


def _flatten(element: ET.Element, parts: list[str], gold: list[Timex]) -> None:
    """Append `element`'s text to `parts` and its outermost TIMEX3 spans to `gold`.

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
    if element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts, gold)
        if child.tail:
            parts.append(child.tail)


def _creation_time(root: ET.Element, path: Path) -> date:
    """The DCT: the TIMEX3 marked CREATION_TIME (normally inside `<DCT>`), day precision."""
    for element in root.iter():
        if (
            _local(element.tag) == "TIMEX3"
            and element.get("functionInDocument") == "CREATION_TIME"
            and element.get("value")
        ):
            return date.fromisoformat(element.get("value", "")[:10])
    raise ValueError(f"{path}: no TIMEX3 with functionInDocument=CREATION_TIME")


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
    _flatten(text_element, parts, gold)
    return TimemlDocument(path.stem, _creation_time(root, path), "".join(parts), gold)


def load_documents(folder: Path) -> list[TimemlDocument]:
    """Every `*.tml` in `folder`, in name order so runs are comparable."""
    return [load_document(path) for path in sorted(folder.glob("*.tml"))]


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
