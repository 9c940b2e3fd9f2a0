"""An actor's kind from evidence, strongest first, and the evidence kept with it:

1. a legal form ends the name ("Chrysler LLC", "Volkswagen AG": `cleanco`'s list);
2. a descriptor noun right before it ("the carmaker General Motors", "analyst Chris
   Weafer", "the football club Barcelona": `data/actor_words.yaml`): the text says so;
3. the gazetteer knows it as a country, subdivision or city (`loaders.text.gazetteer`),
   unless the tagger read a person there ("Lincoln" may be either);
4. a known name whose tag is often wrong (`kind_overrides`: the Kremlin);
5. the named-entity tag, last.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cleanco import basename
from spacy.tokens import Span

from graphsvc.model import ActorKind
from loaders.text.gazetteer import place_evidence
from loaders.text.vocabulary import actor_words, vocabulary

#: Evidence rank: a lower number outranks a higher one when mentions of one actor differ.
RANK = {"legal form": 0, "descriptor": 1, "gazetteer": 2, "vocabulary": 3, "ner": 4}


@dataclass(frozen=True)
class Kind:
    kind: ActorKind
    evidence: str  # "legal form: LLC", "gazetteer: city", "descriptor: carmaker", "ner: ORG"

    @property
    def rank(self) -> int:
        return RANK[self.evidence.split(":", 1)[0]]


def legal_form(name: str) -> str | None:
    """The legal-form words that end an organisation's name ("LLC"), or None."""
    base = basename(name)
    if not base or base == name.strip() or len(base) >= len(name.strip()):
        return None
    form = name.strip()[len(base) :].strip(" ,.")
    # Written as a legal form is written ("LLC", "Inc", "AG", "plc"), not a word that
    # happens to be one in some country ("at", "co" in running text).
    letters = form.lstrip("&, ")
    return form if letters and (letters[:1].isupper() or letters.lower() == "plc") else None


def organisation_base(name: str) -> str:
    """The name without its legal form ("General Motors Corporation" -> General Motors)."""
    return basename(name) if legal_form(name) else name


@cache
def _descriptors() -> dict[str, ActorKind]:
    found: dict[str, ActorKind] = {}
    for kind, words in actor_words()["descriptors"].items():
        for word in words:
            found.setdefault(word, ActorKind(kind))
    return found


def descriptor_before(span: Span) -> str | None:
    """The descriptor noun right before a name ("carmaker"), or before "of" ("the city
    of Homs")."""
    doc = span.doc
    position = span.start - 1
    if position >= 1 and doc[position].lower_ == "of":
        position -= 1
    if position < 0:
        return None
    word = doc[position].lemma_.lower()
    return word if word in _descriptors() and doc[position].pos_ == "NOUN" else None


def decide_kind(span: Span, name: str, tagged: ActorKind, label: str) -> Kind:
    """The kind of the actor a mention names, with the evidence for it."""
    form = legal_form(name)
    if form is not None:
        return Kind(ActorKind.organization, f"legal form: {form}")
    descriptor = descriptor_before(span)
    if descriptor is not None:
        return Kind(_descriptors()[descriptor], f"descriptor: {descriptor}")
    place = place_evidence(name)
    if place is not None and tagged != ActorKind.person:
        return Kind(ActorKind.place, place)
    override = vocabulary()["kind_overrides"].get(name.lower())
    if override:
        return Kind(ActorKind(override), f"vocabulary: {name}")
    return Kind(tagged, f"ner: {label}")
