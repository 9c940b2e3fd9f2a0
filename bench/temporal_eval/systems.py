"""The systems compared on the TimeML sets: graphsvc as the text loader reads dates,
and plain dateparser as the same-run baseline (HeidelTime: `heideltime.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dateparser.search import search_dates
from spacy.tokens import Doc

from bench.timeml import TimemlDocument, Timex
from graphsvc.settings import Settings
from graphsvc.temporal import find_dates
from loaders.text.document_dates import TenseReader
from loaders.text.document_time import story_mode
from loaders.text.nlp import load_pipeline

OURS = "graphsvc"

Runner = Callable[[TimemlDocument, str], list[Timex]]


@dataclass(frozen=True)
class System:
    name: str
    run: Runner  # (document, mode) -> expressions with offsets into document.text
    warm_up: bool = True  # one untimed call first, so one-off loading is not timed
    prepare: Callable[[TimemlDocument], None] | None = None  # untimed, before each run


#: Each document's paragraphs as the text loader parses them, made untimed before our
#: run (the loader parses every article anyway; what is timed is the reading of dates).
_PARSED: dict[str, list[tuple[int, Doc]]] = {}


def parse_document(document: TimemlDocument) -> None:
    """Parse a document's lines with the loader's spaCy pipeline, once."""
    if document.name in _PARSED:
        return
    nlp = load_pipeline(Settings().spacy_model)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", document.text)]
    docs = nlp.pipe(document.text[a:b] for a, b in lines)
    _PARSED[document.name] = [(a, doc) for (a, _), doc in zip(lines, docs, strict=True)]


def run_ours(document: TimemlDocument, mode: str) -> list[Timex]:
    """graphsvc as the text loader reads dates: anchored on the DCT, each expression in
    the tense of the verb it modifies (`loaders.text.document_dates.TenseReader`)."""
    parse_document(document)
    tense_at = TenseReader(_PARSED[document.name])
    found = find_dates(document.text, document.dct, mode, tense_at)  # type: ignore[arg-type]
    return [Timex(e.start, e.end, e.text, e.type, e.value) for e in found]


def run_dateparser(document: TimemlDocument, mode: str) -> list[Timex]:
    """Plain dateparser, the library graphsvc builds on, with nothing added.

    It reports (substring, datetime) pairs, so spans come from finding each substring
    after the previous one. Its datetime always has a day (missing parts are taken from
    RELATIVE_BASE), so the value is that day and the type is DATE: this is what a user
    of dateparser alone gets. `mode` is ignored: dateparser has no such setting.
    """
    settings = {
        "RELATIVE_BASE": datetime.combine(document.dct, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    result: list[Timex] = []
    cursor = 0
    for text, moment in found:
        start = document.text.find(text, cursor)
        if start < 0:  # not seen in practice: dateparser returns substrings of its input
            continue
        cursor = start + len(text)
        result.append(Timex(start, cursor, text, "DATE", moment.date().isoformat()))
    return result


def mode_of_document(document: TimemlDocument, mode: str) -> str:
    """`auto`: decided from the document itself, as the loader decides (the years it
    writes out against its DCT, its "today"s: `loaders.text.document_time`), never from
    a file or folder name; the same decision for every system."""
    if mode != "auto":
        return mode
    if document.name not in _MODES:
        _MODES[document.name] = story_mode(document.text, document.dct)
    return _MODES[document.name]


_MODES: dict[str, str] = {}
