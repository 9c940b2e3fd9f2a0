"""Dates a whole article supports for events their own sentence leaves undated.

A reader places "the blast" on the day the article said the bombing happened, and the
windows "cut in the blast" shattered on that day too. Sentence by sentence
(`loaders.text.events`) those have no date: this step reads the article's events
together, after each sentence is dated:

- a definite nominal event ("the blast", "the bombings", "Slepian's slaying") with no date
  of its own names an event the article tells elsewhere: the nearest one before it of
  the same kind with a date (else the nearest after it) that shares a participant with
  it if both name one, whose event it is (`refers_to`);
- a verb whose clause hangs on a dated nominal event takes that event's date: its
  subject ("the bombings have killed 200"), the event it happened in or during ("cut in
  the blast"), the event it was done by ("interrupted by the bombing"), or the noun a
  relative clause describes ("the blast, which damaged the embassy").

Every such date is labelled `context` (carried from other text), never `text`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from graphsvc.model import When
from loaders.text.attachment import clause_chain, definite
from loaders.text.events import EventDraft
from loaders.text.participants import setting
from loaders.text.vocabulary import grammar_words, vocabulary

#: Prepositions whose event object is the occasion of the verb ("cut in the blast").
OCCASION = grammar_words("occasion_prepositions")
_TOLD = ("asserted", "reported")


def _family(draft: EventDraft) -> str:
    """Which events a nominal one can name: its type's family ("the shooting" names the
    killing), an untyped event by its lemma."""
    kind = draft.type.value
    if kind == "other":
        return "lemma:" + draft.trigger.lemma_.lower()
    families: dict[str, str] = vocabulary()["event_families"]
    return families.get(kind, kind)


def _key(token: Token) -> tuple[int, int]:
    return id(token.doc), token.i


def _carried(when: When) -> When:
    return when.model_copy(update={"basis": "context"})


def _stated(draft: EventDraft) -> bool:
    return (
        draft.when is not None
        and draft.when.basis in ("text", "context")
        and draft.factuality in _TOLD
    )


def _actors(draft: EventDraft) -> set[str]:
    return {a.id for a, role in draft.participants.values() if not setting(a, role)}


def _compatible(mention: EventDraft, antecedent: EventDraft) -> bool:
    """Both name someone taking part: someone in common ("Hungary's accession to NATO"
    names "acceded to NATO on Friday", not the Yalta accord)."""
    mine, theirs = _actors(mention), _actors(antecedent)
    return not mine or not theirs or bool(mine & theirs)


def resolve_references(drafts: list[EventDraft]) -> None:
    """Date the article's definite nominal events that have no date of their own by the
    event they name (see the module docstring); `drafts` in text order, changed in place."""
    for position, draft in enumerate(drafts):
        if draft.when is not None or not definite(draft.trigger):
            continue
        if draft.factuality not in _TOLD:
            continue
        family = _family(draft)

        def names(other: EventDraft, family: str = family, draft: EventDraft = draft) -> bool:
            return _family(other) == family and _stated(other) and _compatible(draft, other)

        before = (d for d in reversed(drafts[:position]) if names(d))
        after = (d for d in drafts[position + 1 :] if names(d))
        antecedent = next(before, None) or next(after, None)
        if antecedent is None or antecedent.when is None:
            continue
        draft.when = _carried(antecedent.when)
        draft.refers_to = antecedent.refers_to or antecedent


def _occasion(verb: Token, nouns: dict[tuple[int, int], EventDraft]) -> When | None:
    """The date of a dated nominal event the verb's clause hangs on, if any."""
    for child in verb.children:
        found: Iterable[Token] = ()
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = (child,)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in OCCASION):
            found = (c for c in child.children if c.dep_ == "pobj")
        for noun in found:
            event = nouns.get(_key(noun))
            if event is not None and event.when is not None:
                return event.when
    if verb.dep_ == "relcl":
        event = nouns.get(_key(verb.head))
        if event is not None and event.when is not None:
            return event.when
    return None


def date_by_occasion(drafts: list[EventDraft]) -> None:
    """Give a verb with no stated date the date of the nominal event its clause hangs on
    ("cut in the blast", "the bombings have killed"); an inferred publication day gives
    way to it, as does an interval open at its start. Changed in place."""
    nouns = {
        _key(d.trigger): d
        for d in drafts
        if d.trigger.pos_ in ("NOUN", "PROPN") and d.when is not None and _stated(d)
    }
    if not nouns:
        return
    for draft in drafts:
        if draft.trigger.pos_ not in ("VERB", "AUX") or draft.factuality not in _TOLD:
            continue
        # An inferred publication day, or a bound the text gives ("had been killed":
        # before the reference time), gives way to the occasion's own date.
        when = draft.when
        if when is not None and when.basis != "publication" and not when.open_start:
            continue
        for verb in clause_chain(draft.trigger):
            when = _occasion(verb, nouns)
            if when is not None:
                draft.when = _carried(when)
                break
