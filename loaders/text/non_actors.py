"""Names a tagger takes for actors that are not: job titles ("CEO"), time zones ("GMT"),
currencies ("USD"), units and sizes ("GB", "320x240"), market indexes ("FTSE 100"),
ships ("USS Abraham Lincoln"), bodies of the sky ("the Moon"), events ("the Olympic
Games", "the G20 Summit"), nationality adjectives ("Lithuanian") and words with no
capital at all ("healthcare"); and, read from the sentence, a legislator's party-state
tag ("D-Calif.") and a vocative ("Thanks, John.").

Currencies and time zones come from ISO 4217 and the IANA zone list
(`loaders.text.gazetteer`); titles, units, indexes and ship prefixes from
`data/actor_words.yaml`. Each refusal says why, so tests and readers can check it.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from graphsvc.names import normalise_name
from loaders.text.gazetteer import country, demonym, is_currency, is_time_zone
from loaders.text.kinds import region_at
from loaders.text.vocabulary import actor_words, vocabulary

_SIZE = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:x|\u00d7)\s*\d+(?:[.,]\d+)?$", re.IGNORECASE)
_MEASURE = re.compile(r"^\d+(?:[.,]\d+)?\s*[a-zA-Z]{1,4}$")


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(normalise_name(w) for w in actor_words()[key])


#: A model number at the end of a name: "3310", "A320", "747-400", "X100".
_MODEL = re.compile(r"^[A-Z]{0,3}-?\d{3,}(?:-\d+)?[A-Za-z]{0,2}$")


def product_model(name: str) -> bool:
    """ "Nokia 3310", "Airbus A320", "Boeing 747": a maker's name with a model number of
    three digits or more is a product, not the maker ("Channel 4" keeps its short
    number)."""
    words = name.split()
    return len(words) >= 2 and _MODEL.match(words[-1]) is not None


def numbered_place(name: str, tagged_place: bool) -> bool:
    """ "Windows 7", "Boeing 747" tagged as places: a model or version, not a place."""
    words = name.split()
    return tagged_place and len(words) >= 2 and words[-1].isdigit()


def not_an_actor(name: str, following: str = "") -> str | None:
    """Why `name` is not an actor, or None when it may be one. `following`: the words
    right after the mention in the text ("index" in "the FTSE 100 index")."""
    key = normalise_name(name)
    if not any(c.isupper() for c in name):
        return "no capital letter: a common word, not a name"
    if key in _words("job_titles"):
        return "a job title"
    if is_time_zone(name):
        return "a time zone"
    if is_currency(name):
        return "a currency"
    if key in _words("units") or _SIZE.match(name.strip()) or _MEASURE.match(name.strip()):
        return "a unit or size"
    if _instrument(key, following) and country(name) is None:  # "the UK index": the UK
        return "a market index or financial instrument"
    first = key.split(" ", 1)[0]
    if first in _words("vessel_prefixes") and " " in key:
        return "a ship"
    if product_model(name):
        return "a product and its model number"
    if key in _words("celestial_bodies"):
        return "a body of the sky"
    if " " in key and key.rsplit(" ", 1)[1] in _words("event_name_words"):
        return "the name of an event"
    adjective = " " not in key and key in _demonym_words() and country(name) is None
    if adjective or demonym(name) is not None:
        return "a nationality adjective"
    return None


@cache
def _demonym_words() -> frozenset[str]:
    return frozenset(normalise_name(w) for w in vocabulary()["demonyms"])


def _instrument(key: str, following: str) -> bool:
    markers = _words("instrument_words")
    if key in _words("instruments"):
        return True
    words = key.split()
    if words and words[-1] in markers and len(words) > 1:
        return True  # "Dow Jones Industrial Average", "Nasdaq Composite"
    # "the Nikkei 225 average", "the FTSE 100 index": a number may stand between.
    after = [w for w in normalise_name(following).split() if not w.isdigit()][:1]
    return bool(after) and after[0] in markers


def party_tag(span: Span) -> bool:
    """ "Sen. Alan Cranston, D-Calif.", "(R-Texas)": a state after a party letter and a
    hyphen is the legislator's party-state tag, not a place the sentence is about."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "-":
        return False
    letter = doc[span.start - 2]
    if letter.text.lower() not in _words("party_letters") or not letter.text.isupper():
        return False
    opened = span.start < 3 or doc[span.start - 3].text in (",", "(", "[")
    return opened and region_at(span)


#: Dependencies of a name that is a part of its clause, not the one it is said to.
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss", "attr"})

#: What may stand around a vocative: a comma, the sentence's edge, a quote.
_VOCATIVE_EDGES = frozenset({",", ".", "?", "!", ";", '"', "\u201c", "\u201d", "'"})


def vocative(span: Span) -> bool:
    """ "Thanks, John.", "Good morning, Mary,", "Dear Mr. Smith,", "What do you think,
    John?": a name set off by commas that addresses someone is not an actor. Told by a
    greeting or thanks opening the sentence, or by a name the parse hangs on the clause
    as an adverbial (not a subject, object or apposition) in a clause spoken to "you".
    Only the few words around the name are read: a run-on sentence of thousands of
    words costs no more per name."""
    doc = span.doc
    first = span.start == 0 or span[0].is_sent_start
    before = None if first else doc[span.start - 1]
    last = span.end >= len(doc) or doc[span.end].is_sent_start
    after = None if last else doc[span.end]
    if after is not None and after.text not in _VOCATIVE_EDGES:
        return False
    openers = _words("vocative_openers")
    root = span.root
    greeted = root.head.pos_ == "INTJ" or root.head.lower_ in openers  # "No, Peter, ..."
    if root.dep_ in _ARGUMENTS and not (root.dep_ == "appos" and greeted):
        return False  # "Well, Smith, the chairman, said": the subject, not the one addressed
    salutation = doc[max(0, span.start - 2) : span.start]
    if any(t.lower_ == "dear" for t in salutation):
        return True
    if before is not None and before.text not in _VOCATIVE_EDGES:
        return False
    if _opened_by_greeting(span, openers):
        return True
    if root.dep_ not in ("npadvmod", "intj"):
        return False
    return any(c.lower_ == "you" and c.dep_ in ("nsubj", "nsubjpass") for c in root.head.children)


#: How many words may open a sentence before a vocative ("Thank you very much").
_GREETING_WORDS = 4


def _opened_by_greeting(span: Span, openers: frozenset[str]) -> bool:
    """Whether only greeting words (and commas, quotes) stand between the sentence's
    start and the name."""
    doc = span.doc
    words = 0
    for i in range(span.start - 1, max(-1, span.start - 2 * _GREETING_WORDS - 2), -1):
        token = doc[i]
        if token.text not in _VOCATIVE_EDGES:
            if token.lower_ not in openers:
                return False
            words += 1
        if i == 0 or token.is_sent_start:
            return 0 < words <= _GREETING_WORDS
    return False
