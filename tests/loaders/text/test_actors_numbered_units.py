"""Units named by their number, through the real text loader (spaCy) on sentences of
our own: the ordinal is part of the name whether the tagger kept it, dropped it or
tagged nothing, so two units are two actors; an ordinal alone names nobody."""

from __future__ import annotations

import pytest

from graphsvc.model import ActorKind
from tests.loaders.text.relations.reading import read


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the tagger leaves "Brigade" untagged and "12th" an ordinal
        (
            "A battalion of the 21st Brigade in Cordoba and of the 12th Brigade in Leon left.",
            "12th Brigade",
        ),
        # the tagger names "Airborne Division" and leaves the ordinal out
        ("Troops of the 82nd Airborne Division were sent to Iraq.", "82nd Airborne Division"),
    ],
)
def test_the_number_is_part_of_the_units_name(text: str, name: str) -> None:
    actors = {a.name: a for a in read(text).actors}
    assert name in actors, sorted(actors)
    assert actors[name].kind == ActorKind.organization


def test_two_numbered_units_are_two_actors() -> None:
    text = "The 82nd Airborne Division and the 101st Airborne Division reached the border."
    names = {a.name for a in read(text).actors}
    assert {"82nd Airborne Division", "101st Airborne Division"} <= names, names


@pytest.mark.parametrize(
    "text",
    ["He finished 12th in Paris on Sunday.", "The 3rd Sunday of May is a holiday in Oslo."],
)
def test_an_ordinal_alone_names_nobody(text: str) -> None:
    names = {a.name for a in read(text).actors}
    assert not any(name[:1].isdigit() for name in names), names
