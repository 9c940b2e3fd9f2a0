"""A relation in words, the same on the page, in MCP answers and in exports:
"chief executive of", "since 1961", "until 1975", "held on 1990-06-01".

Dates are shown to the precision the text gave them (a year stated as "in 1961" is
"1961", not "1961-01-01").
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from graphsvc.model import Precision, RelationType

#: How each type reads between its source and target when the text names no role.
PHRASES: dict[RelationType, str] = {
    RelationType.LEADER_OF: "leader of",
    RelationType.HEAD_OF: "head of",
    RelationType.MEMBER_OF: "member of",
    RelationType.PART_OF: "part of",
    RelationType.ALLY_OF: "ally of",
    RelationType.OPPOSES: "opposes",
    RelationType.WORKS_FOR: "works for",
    RelationType.FOUNDED: "founded",
    RelationType.OWNS: "owns",
    RelationType.SUBSIDIARY_OF: "subsidiary of",
    RelationType.BASED_IN: "based in",
    RelationType.LOCATED_IN: "located in",
    RelationType.LIVES_IN: "lives in",
    RelationType.KILLED: "killed",
}

#: Types a role noun reads well before ("chief executive of Acme").
_ROLE_OF = {
    RelationType.LEADER_OF,
    RelationType.HEAD_OF,
    RelationType.MEMBER_OF,
    RelationType.WORKS_FOR,
    RelationType.FOUNDED,
    RelationType.OWNS,
    RelationType.ALLY_OF,
}


def phrase(kind: RelationType, role: str | None) -> str:
    """ "chief executive of" for a role the text named, else the type's own words."""
    if role and kind in _ROLE_OF:
        return f"{role} of"
    return PHRASES.get(kind, kind.value.lower().replace("_", " "))


def day_text(day: date, precision: Precision | None) -> str:
    if precision in ("year", "decade"):
        return str(day.year)
    if precision in ("month", "quarter", "season"):
        return f"{day:%Y-%m}"
    return day.isoformat()


def validity(
    since: date | None,
    until: date | None,
    since_precision: Precision | None = None,
    until_precision: Precision | None = None,
    current: bool | None = None,
    stated_on: date | None = None,
) -> str:
    """The interval in words; empty when the text says nothing of it."""
    start = day_text(since, since_precision) if since else None
    end: str | None
    if current is False and until is not None and until_precision is None:
        end = f"by {until.isoformat()}"  # ended, at the latest when written
    else:
        end = day_text(until, until_precision) if until else None
    if start and end:
        return f"{start} to {end}" if not end.startswith("by") else f"since {start}, ended {end}"
    if start:
        held = f", still on {stated_on.isoformat()}" if current and stated_on else ""
        return f"since {start}{held}"
    if end:
        return f"ended {end}" if end.startswith("by") else f"until {end}"
    if current and stated_on:
        return f"as of {stated_on.isoformat()}"
    return ""


class ViewWords(TypedDict):
    """The fields of a RelationView that say the relation in words (typed, so a store
    that spreads them into the view's constructor is checked field by field)."""

    phrase: str
    validity: str


def view_words(
    kind: RelationType,
    role: str | None,
    since: date | None,
    until: date | None,
    since_precision: Precision | None,
    until_precision: Precision | None,
    current: bool | None,
    stated_on: date | None,
) -> ViewWords:
    """The `phrase` and `validity` fields of a RelationView."""
    return {
        "phrase": phrase(kind, role),
        "validity": validity(since, until, since_precision, until_precision, current, stated_on),
    }
