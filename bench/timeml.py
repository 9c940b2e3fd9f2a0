"""TimeML documents and TempEval-3 scores for temporal expressions.

A document is its creation time (DCT), its plain text and its gold TIMEX3 spans. Scores
follow TempEval-3: strict and relaxed (overlapping) span matches, each gold and system
expression matched at most once; value precision and recall count relaxed matches
whose TIMEX3 `value` strings are equal (after trimming), over all system and all gold
expressions.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimemlDocument:
    name: str
    dct: date
    text: str
    gold: list[Timex]


def _collect(element: ET.Element, parts: list[str], gold: list[Timex]) -> None:
    """Append the element's plain text; an outermost TIMEX3 becomes one gold span (tags
    nested in it stay text, as TempEval scores the outer span)."""
    if element.tag == "TIMEX3":
        start = sum(len(p) for p in parts)
        inner = "".join(element.itertext())
        parts.append(inner)
        value = (element.get("value") or "").strip()
        gold.append(Timex(start, start + len(inner), inner, element.get("type", ""), value))
        return
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts, gold)
        if child.tail:
            parts.append(child.tail)


def load_document(path: Path) -> TimemlDocument:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise ValueError(f"{path}: no DCT")
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    _collect(text_element, parts, gold)
    dct = date.fromisoformat(dct_timex.get("value", "")[:10])
    return TimemlDocument(path.stem, dct, "".join(parts), gold)


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(counts: Counts) -> dict[str, float]:
    out = {}
    for name in ("strict", "relaxed", "value"):
        p, r, f = _prf(getattr(counts, name), counts.system, counts.gold)
        out |= {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}
    out["type_accuracy"] = counts.type / counts.relaxed if counts.relaxed else 0.0
    return out


def score(
    gold: list[Timex], system: list[Timex]
) -> tuple[Counts, list[tuple[Timex, Timex | None]]]:
    """Counts for one document and the (gold, matched system or None) pairs.

    Relaxed matching is greedy by overlap size; strict counts matched pairs with the
    same offsets. Values compare as trimmed strings: `2008-09-04` and `2008-09-04T00:00`
    differ.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((overlap, gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    matched_gold: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, si in pairs:
        if gi in matched_gold or si in used:
            continue
        matched_gold[gi] = si
        used.add(si)
    counts = Counts(gold=len(gold), system=len(system))
    result = []
    for gi, g in enumerate(gold):
        si = matched_gold.get(gi)
        s = system[si] if si is not None else None
        if s is not None:
            counts.relaxed += 1
            counts.strict += (s.start, s.end) == (g.start, g.end)
            counts.value += s.value.strip() == g.value.strip()
            counts.type += s.type == g.type
        result.append((g, s))
    return counts, result


def spurious(system: list[Timex], pairs: list[tuple[Timex, Timex | None]]) -> list[Timex]:
    matched = {id(s) for _, s in pairs if s is not None}
    return [s for s in system if id(s) not in matched]


def documents(folder: Path) -> list[TimemlDocument]:
    return [load_document(p) for p in sorted(folder.glob("*.tml"))]
