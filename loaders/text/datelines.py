"""Names in the lines that open a wire story, before any sentence: the dateline
("BELGRADE, Yugoslavia (AP)", "MEXICO CITY (AP) --", "Saint-Gall, Switzerland, Feb 2
(AFP) --") and the source line of monitored media ("Moscow ITAR-TASS in English",
"Tokyo MAINICHI SHIMBUN", "Paris Radio France International in French").

The tagger misses both: a town in capitals is read as shouting (or not at all), and a
city run on to a masthead is tagged as one name ("Moscow ITAR-TASS", a place; "Munich
SUEDDEUTSCHE ZEITUNG", a person). Their shape is fixed by wire style, not by the words,
so they are read by position and shape: a dateline opens its sentence and ends at a
state or country, an agency in parentheses or a dash; a source line opens its sentence
(or follows a document number) and ends at the language of the broadcast or the end.

A dateline's town is where the report was filed: an actor of the document, never an
event's participant (`loaders.text.participants.dateline` keeps it out of clauses).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from spacy.tokens import Doc, Span, Token

from loaders.text.gazetteer import place_evidence
from loaders.text.kinds import region_at
from loaders.text.span_text import span_text
from loaders.text.vocabulary import actor_words

#: Dashes that end a dateline ("OSLO, Norway —", AP wire style "_").
_DASHES = frozenset({"\u2014", "\u2013", "-", "--", "\u2015", "\u2212", "_"})


@dataclass(frozen=True)
class OpeningName:
    """A name read from an opening line: its span, its kind and why."""

    span: Span
    name: str
    kind: str  # an ActorKind value
    evidence: str


@cache
def _languages() -> frozenset[str]:
    """Language names (ISO 639, `pycountry`): "in English", "in Serbo-Croatian"."""
    return frozenset(lang.name for lang in pycountry.languages)


@cache
def _wire_labels() -> frozenset[str]:
    return frozenset(actor_words()["wire_labels"])


@cache
def _source_words() -> frozenset[str]:
    """Words that name a broadcaster or a wire service ("Radio", "Network")."""
    return frozenset(actor_words()["news_source_words"])


def _word(token: Token) -> bool:
    return any(c.isalpha() for c in token.text)


def _capitals(token: Token) -> bool:
    """A word written in capitals ("ITAR", "O", "GLOBO")."""
    return _word(token) and token.text.isupper()


def _titled(token: Token) -> bool:
    return _word(token) and token.text[:1].isupper() and not token.text.isupper()


def _document_number(token: Token) -> bool:
    """ "LD0806223294", "94WD0125D": a monitoring service's number before a source line."""
    text = token.text
    return len(text) >= 6 and any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _run(doc: Doc, start: int, end: int, fits, most: int) -> int:
    """The end of the run of words from `start` that `fits` accepts, joined by hyphens
    ("STOCKTON-ON-TEES", "ITAR-TASS"), at most `most` words; `start` when none."""
    at, words = start, 0
    while at < end and words < most:
        token = doc[at]
        if fits(token):
            at, words = at + 1, words + 1
            continue
        if token.text == "-" and at + 1 < end and fits(doc[at + 1]) and at > start:
            at += 1
            continue
        break
    return at


def _opening(sentence: Span) -> int:
    """Where the sentence's own words start: after a "(Text)" marker."""
    doc, at = sentence.doc, sentence.start
    if at + 2 < sentence.end and doc[at].text == "(" and doc[at + 2].text == ")":
        return at + 3
    return at


def _agency_at(doc: Doc, at: int, end: int) -> bool:
    """ "(AP)", "(AFP)", "(Reuters)": an agency in parentheses at `at`."""
    if at + 2 >= end + 1 or doc[at].text != "(":
        return False
    closing = next((i for i in range(at + 1, min(at + 5, end)) if doc[i].text == ")"), None)
    return closing is not None and closing > at + 1 and doc[at + 1].text[:1].isupper()


def _region_after(doc: Doc, at: int, end: int) -> bool:
    """A state or country at `at` that ends there ("Mich.", "Thailand (AP)"): one the
    gazetteer knows, or a name the tagger reads as a place that gazetteers of today's
    countries lack ("Yugoslavia"), followed by a parenthesis or the end."""
    if region_at(doc[at : min(at + 4, end)]):
        return True
    if at >= end or doc[at].ent_type_ != "GPE" or not _titled(doc[at]):
        return False
    stop = at
    while stop < end and doc[stop].ent_type_ == "GPE" and doc[stop].ent_iob_ != "O":
        stop += 1
        if stop < end and doc[stop].ent_iob_ == "B":
            break
    return stop >= end or doc[stop].text in ("(", ",", ".", "--", "_")


def _dateline_end(doc: Doc, after: int, end: int, capitals: bool) -> bool:
    """Whether what follows a name at the opening makes it a dateline: for a name in
    capitals, a comma and a state or country, or an agency; for one written as names
    are, the whole wire shape (region, date, agency, dash) with no verb."""
    if after >= end:
        return False
    if capitals:
        if doc[after].text == "," and _region_after(doc, after + 1, end):
            return True
        return _agency_at(doc, after, end)
    if doc[after].text != ",":
        return False
    for at in range(after + 1, min(after + 12, end)):
        token = doc[at]
        if token.pos_ in ("VERB", "AUX"):
            return False
        if _agency_at(doc, at, end):
            closing = next(i for i in range(at + 1, end) if doc[i].text == ")")
            return closing + 1 < end and doc[closing + 1].text in _DASHES
    return False


def dateline_place(sentence: Span) -> OpeningName | None:
    """The town of a dateline opening the sentence ("BELGRADE, Yugoslavia (AP)")."""
    doc = sentence.doc
    start, end = _opening(sentence), sentence.end
    if start >= end:
        return None
    capitals = _capitals(doc[start])
    stop = _run(doc, start, end, _capitals if capitals else _titled, 4)
    span = doc[start:stop]
    letters = sum(c.isalpha() for c in span.text)
    if stop == start or letters < 3 or not _dateline_end(doc, stop, end, capitals):
        return None
    if any(t.lower_ in _wire_labels() for t in span):
        return None  # "EXCLUSIVE (Reuters)": a label, not a town
    return OpeningName(span, span.text, "place", "context: a dateline")


def _source_end(doc: Doc, after: int, end: int) -> bool:
    """A source line ends at the sentence's end or at the broadcast's language ("in
    English")."""
    if after >= end or (after + 1 == end and doc[after].is_punct):
        return True
    return doc[after].lower_ == "in" and after + 1 < end and doc[after + 1].text in _languages()


def source_line(sentence: Span) -> list[OpeningName]:
    """The city and the news source of a monitoring service's source line ("Moscow
    ITAR-TASS in English", "Tokyo MAINICHI SHIMBUN", "Beirut Radio Lebanon"), where it
    opens the sentence or follows a document number."""
    doc = sentence.doc
    end = sentence.end
    opening = _opening(sentence)
    starts = [opening]
    if any(map(str.isdigit, span_text(sentence))):  # no digit in the line: no document number
        # (the length test first: most words are too short to be a number, and it is cheap)
        starts += [
            t.i + 1 for t in sentence if len(t) >= 6 and _document_number(t) and t.i + 1 < end
        ]
    for start in starts:
        found = _source_at(doc, start, end, at_opening=start == opening)
        if found:
            return found
    return []


def _source_at(doc: Doc, start: int, end: int, at_opening: bool) -> list[OpeningName]:
    if start >= len(doc) or not (_titled(doc[start]) or doc[start].lower_ == "de"):
        return []  # every city tried below opens with this word: none can be one
    for size in (3, 2, 1):
        city = doc[start : start + size]
        if len(city) < size or not all(_titled(t) or t.lower_ == "de" for t in city):
            continue
        if not _titled(city[-1]):
            continue
        known = place_evidence(city.text) or (
            "ner: GPE" if all(t.ent_type_ == "GPE" for t in city) else None
        )
        if known is None and (len(city) > 1 or city[0].pos_ != "PROPN" or city[0].is_stop):
            continue  # "The FTSE ...", "Totaling US$ ...": no city opens them
        after = city.end
        stop = _run(doc, after, end, _capitals, 5)
        capital_source = stop > after and sum(c.isalpha() for c in doc[after:stop].text) >= 2
        if not capital_source and known is not None:
            # "Paris Radio France International in French": a source named as names are,
            # which must end at a language or hold a broadcaster's word.
            stop = _run(doc, after, end, lambda t: _titled(t) or _capitals(t), 5)
            words = {t.lower_ for t in doc[after:stop]}
            broadcast = bool(words & _source_words())
            language = stop + 1 < end and doc[stop].lower_ == "in"
            if stop == after or not (broadcast or (language and _source_end(doc, stop, end))):
                continue
        elif not capital_source:
            continue
        else:
            # "Beijing XINHUA Domestic Service in Chinese": words after the masthead
            longer = _run(doc, stop, end, _titled, 3)
            if longer > stop and not _source_end(doc, stop, end) and _source_end(doc, longer, end):
                stop = longer
        if not _source_end(doc, stop, end):
            continue
        alone = at_opening and (stop >= end or doc[stop].is_punct)
        if region_at(doc[after:stop]) or (known is None and not alone):
            continue  # "Washington DC"; a word no gazetteer knows, unless the line is its own
        source = doc[after:stop]
        return [
            OpeningName(city, city.text, "place", known or "context: a news source's city"),
            OpeningName(source, source.text, "organization", "context: a news source"),
        ]
    return []


def opening_names(doc: Doc) -> list[OpeningName]:
    """The dateline towns and source lines of a paragraph's sentences."""
    found: list[OpeningName] = []
    for sentence in doc.sents:
        place = dateline_place(sentence)
        if place is not None:
            found.append(place)
            continue
        found.extend(source_line(sentence))
    return found
