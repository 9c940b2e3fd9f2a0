"""Actor relations from titles and appositions, each with its sentence.

"Russian President Vladimir Putin" gives Putin LEADER_OF Russia; "Igor Sergun, the head
of Russia's GRU" gives Sergun HEAD_OF GRU; "long-time ally Bashar al-Assad", object of
Putin's verb, gives Putin ALLY_OF Assad. Types come only from the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, RelationType
from loaders.text.events import ActorRef
from loaders.text.vocabulary import vocabulary


@dataclass(frozen=True)
class RelationDraft:
    source: ActorRef
    type: RelationType
    target: ActorRef
    sentence: Span


def _title_of(tokens: list[Token]) -> RelationType | None:
    titles = vocabulary()["titles"]
    words = " ".join(t.lower_ for t in tokens)
    for title in sorted(titles, key=len, reverse=True):
        if f" {title} " in f" {words} ":
            return RelationType(titles[title])
    return None


def _place_of(
    tokens: list[Token], actor_at: dict[int, ActorRef], places: dict[str, ActorRef]
) -> ActorRef | None:
    demonyms = vocabulary()["demonyms"]
    for token in tokens:
        actor = actor_at.get(token.i)
        if actor is not None and actor.kind in (ActorKind.place, ActorKind.organization):
            return actor
        place = demonyms.get(token.lower_)
        if place and place in places:
            return places[place]
    return None


def _words_before(sentence: Span, head: Token, actor_at: dict[int, ActorRef]) -> list[Token]:
    """The words before a name that may hold a title or a place: its modifiers, and words
    up to six back hanging on them ("Russian President Vladimir Putin").

    Read from the head's left children and a six-word window, not the whole sentence
    for each person, which made a long sentence cost its length times its people.
    """
    modifiers = [
        t for t in head.lefts if t.i >= sentence.start and t.dep_ in ("compound", "amod", "nmod")
    ]
    heads = {t.i for t in modifiers}
    window = sentence.doc[max(head.i - 6, sentence.start) : head.i]
    return modifiers + [t for t in window if t.i not in actor_at and t.head.i in heads]


def find_relations(
    sentence: Span,
    actor_at: dict[int, ActorRef],
    places: dict[str, ActorRef],
) -> list[RelationDraft]:
    """`places`: place actors by name, for demonyms ("Russian" -> Russia)."""
    found: list[RelationDraft] = []
    people = {}
    for token in sentence:
        actor = actor_at.get(token.i)
        if actor is not None and actor.kind == ActorKind.person:
            people.setdefault(actor.id, (actor, token))
    for person, token in people.values():
        head = token
        while head.head.i in actor_at and actor_at[head.head.i] == person and head.head != head:
            head = head.head
        title_words = _words_before(sentence, head, actor_at)
        title = _title_of(title_words)
        place = _place_of(title_words, actor_at, places)
        if title and place and title != RelationType.ALLY_OF:
            found.append(RelationDraft(person, title, place, sentence))
        for appos in [c for c in head.children if c.dep_ == "appos"]:
            title = _title_of([appos, *[c for c in appos.children if c.dep_ == "compound"]])
            if title is None or title == RelationType.ALLY_OF:
                continue
            targets = [t for t in appos.subtree if t.i in actor_at and actor_at[t.i] != person]
            if targets:
                found.append(RelationDraft(person, title, actor_at[targets[-1].i], sentence))
        if head.head.dep_ in ("dobj", "pobj", "nsubj") or head.dep_ == "appos":
            noun = head.head if head.dep_ == "appos" else None
            if noun is not None and noun.lemma_ == "ally":
                verb = noun.head
                subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i in actor_at]
                if subjects and actor_at[subjects[0].i] != person:
                    found.append(
                        RelationDraft(
                            actor_at[subjects[0].i], RelationType.ALLY_OF, person, sentence
                        )
                    )
    return found
