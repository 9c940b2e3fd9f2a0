"""When a role began and ended, from the document's dated appointments and departures.

A sentence that states a role often dates it through its verb ("She was named chief
executive of the company in 2009"), and a later sentence ends it without naming the
organisation again ("She stepped down as chief executive in June 2018"). The relation
finder reads one sentence at a time; this step reads the whole document once its events
and relations are known:

- a role relation with no start takes the date of an appointment event (named,
  appointed, elected, joined...) of the same sentence that has the person among its
  participants and a date stated in the text;
- a role relation ends at a departure event (resigned, stepped down, left, was fired...)
  of the same person, dated in the text, on or after the start, that names the
  organisation or the role's words ("as chief executive"). For verbs like "replaced"
  or "fired" the person is the object, not the subject.

Only events told as having happened (factuality `asserted`: not "may step down") and
dates the text states (`When.basis` "text") are used: a departure dated by the
publication day would end a role on a day nobody said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from graphsvc.model import Relation, RelationType, Role, When


@cache
def _words() -> dict[str, Any]:
    text = resources.files("loaders.text").joinpath("data/tenure.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class TenureEvent:
    """A dated event of a document, as the tenure step needs it."""

    verb: str  # the trigger's lemma, with its particle ("step down")
    when: When
    asserted: bool  # told as having happened, not planned, possible or denied
    participants: tuple[tuple[str, Role], ...]  # (actor id, role)
    sentence_start: int
    sentence_end: int
    text: str  # the sentence, lower case

    def holds(self, actor: str) -> bool:
        return any(a == actor for a, _ in self.participants)

    def whose_role_ends(self) -> set[str]:
        """The actors whose role the event ends: its object for "replaced", "fired"."""
        objects = _words()["ends_for_object"]
        wanted = Role.target if self.verb in objects else Role.agent
        return {a for a, role in self.participants if role == wanted}


def _starts(event: TenureEvent) -> bool:
    return event.asserted and event.verb in _words()["starts"] and event.when.basis == "text"


def _ends(event: TenureEvent) -> bool:
    return event.asserted and event.verb in _words()["ends"] and event.when.basis == "text"


def _same_sentence(event: TenureEvent, relation: Relation) -> bool:
    start = relation.char_start if relation.char_start is not None else -1
    return event.sentence_start <= start < event.sentence_end


def _ends_it(event: TenureEvent, relation: Relation) -> bool:
    if relation.source not in event.whose_role_ends():
        return False
    named = event.holds(relation.target)
    role = relation.role is not None and relation.role.lower() in event.text
    return named or role


def with_tenure(relations: Iterable[Relation], events: list[TenureEvent]) -> list[Relation]:
    """The relations, role relations given the start and end the document's events
    state (relations of other types, and those already dated, are left as they are)."""
    role_types = {RelationType(t) for t in _words()["role_types"]}
    starts = [e for e in events if _starts(e)]
    ends = sorted((e for e in events if _ends(e)), key=lambda e: e.when.end)
    found = []
    for relation in relations:
        if relation.type not in role_types:
            found.append(relation)
            continue
        update: dict[str, object] = {}
        if relation.since is None:
            start = next(
                (e for e in starts if _same_sentence(e, relation) and e.holds(relation.source)),
                None,
            )
            if start is not None and (relation.until is None or start.when.start <= relation.until):
                update |= {"since": start.when.start, "since_precision": start.when.precision}
        since = update.get("since", relation.since)
        if relation.until is None or relation.current is not False:
            end = next(
                (
                    e
                    for e in ends
                    if _ends_it(e, relation) and (since is None or since <= e.when.end)
                ),
                None,
            )
            if end is not None:
                update |= {
                    "until": end.when.end,
                    "until_precision": end.when.precision,
                    "current": False,
                }
        found.append(relation.model_copy(update=update) if update else relation)
    return found
