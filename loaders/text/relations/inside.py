"""Places named inside an organisation's name: "U.S. Congress", "Boston University",
"Moscow ITAR-TASS", "the Supreme Court of Canada". The name says where the organisation
is (based in, inferred). The pipeline relates the organisation to the place when the
document names the place too, in any of its forms ("U.S." and "the United States" are
one country); it does not make an actor of a place the text names only inside another
name (see docs/relations.md for what that would gain and cost).

Only places the gazetteer knows count (a country in any of its forms, a first-level
subdivision, a city of 100,000 people or more), at the start of the name with more
capitalised words after it, or after the name's last "of". A name that is a place
itself ("New York City") or a person's is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphsvc.model import Actor, ActorKind, slugify
from loaders.text.demonyms import demonyms
from loaders.text.gazetteer import country, place_evidence
from loaders.text.relation_words import relation_words


def _place_in(name: str) -> tuple[str, str] | None:
    """(place as written, gazetteer evidence) for the place a name holds, or None."""
    words = name.split()
    if len(words) < 2:
        return None
    for size in range(min(4, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size])
        rest = words[size]
        if not rest[:1].isupper() or prefix.lower() in relation_words().name_leading_words:
            continue
        evidence = place_evidence(prefix)
        if evidence is not None:
            return prefix, evidence
    lowered = [w.lower() for w in words]
    if "of" in lowered[1:-1]:
        at = len(lowered) - 1 - lowered[::-1].index("of")
        tail = words[at + 1 :]
        if tail and tail[0].lower() == "the":
            tail = tail[1:]
        written = " ".join(tail).strip(",.")
        evidence = place_evidence(written) if written else None
        if evidence is not None:
            return written, evidence
    # "Chinese Foreign Ministry", "Israeli Air Force": a nationality adjective leading
    # the name says whose it is, so where it is based; not a post abroad ("the
    # Brazilian Embassy" sits in its host country)
    nation = demonyms().get(lowered[0])
    head = lowered[-1].strip(",.")
    if nation is not None and words[1][:1].isupper() and head not in _posts_abroad():
        return nation, "gazetteer: country (its nationality adjective)"
    return None


def place_held_in(name: str) -> str | None:
    """The place an organisation's name holds, as written ("California" in "California
    Department of Forestry"), or None."""
    held = _place_in(name)
    return held[0] if held else None


def _posts_abroad() -> frozenset[str]:
    return relation_words().posts_abroad


def places_inside(actors: Iterable[Actor]) -> dict[str, Actor]:
    """Each organisation's id -> the place its name holds, as a place actor (its
    country's display name, with the name as written as an alias), whose id is the one
    the document's own mention of the place has."""
    found: dict[str, Actor] = {}
    for actor in actors:
        if actor.kind != ActorKind.organization or place_evidence(actor.name) is not None:
            continue
        held = _place_in(actor.name)
        if held is None:
            continue
        written, evidence = held
        nation = country(written)
        name = nation.name if nation is not None else written
        aliases = (written,) if written != name else ()
        found[actor.id] = Actor(
            id=f"{ActorKind.place.value}:{slugify(name)}",
            name=name,
            kind=ActorKind.place,
            aliases=aliases,
            kind_evidence=f"{evidence}, in the name {actor.name}"[:200],
        )
    return found
