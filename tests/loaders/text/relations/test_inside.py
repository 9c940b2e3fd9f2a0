"""Places an organisation's name holds (`loaders.text.relations.inside`): which names
give one, and which must not. Names written for this test."""

from __future__ import annotations

import pytest

from graphsvc.model import Actor, ActorKind
from loaders.text.relations.inside import places_inside


def _org(name: str, kind: ActorKind = ActorKind.organization) -> Actor:
    return Actor(id=f"{kind.value}:{name.lower().replace(' ', '-')}", name=name, kind=kind)


@pytest.mark.parametrize(
    ("name", "place", "alias"),
    [
        ("U.S. Forest Service", "United States", "U.S."),
        ("Toronto Hydro", "Toronto", None),
        ("Bank of Japan", "Japan", None),
        ("University of the Philippines", "Philippines", None),
        ("Ontario Power Generation", "Ontario", None),
        ("Ruritanian Foreign Ministry", None, None),  # no such country: nothing
        ("Norwegian Defence Research Establishment", "Norway", None),
        ("Chilean Navy", "Chile", None),
    ],
)
def test_a_place_at_the_start_or_after_of_is_held(name: str, place: str, alias) -> None:
    held = places_inside([_org(name)])
    if place is None:
        assert held == {}
        return
    actor = held[_org(name).id]
    assert (actor.name, actor.kind) == (place, ActorKind.place)
    assert actor.aliases == ((alias,) if alias else ())
    assert actor.kind_evidence is not None and f"in the name {name}" in actor.kind_evidence


@pytest.mark.parametrize(
    "actor",
    [
        _org("New York City", ActorKind.place),  # a place itself
        _org("Toronto"),  # one word: nothing besides the place
        _org("Acme Holdings"),  # no place in it
        _org("The Toronto"),  # "The" is no place
        _org("Paris Hilton", ActorKind.person),  # a person's name
        _org("Berlin philharmonic"),  # the next word is not part of a name
        _org("Brazilian Embassy"),  # a post abroad sits in its host country
        _org("Swedish"),  # a nationality adjective alone names nothing
        _org("Italian restaurants"),  # the next word is not part of a name
    ],
)
def test_no_place_is_read_from(actor: Actor) -> None:
    assert places_inside([actor]) == {}
