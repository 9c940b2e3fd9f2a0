"""Where places lie when the text names a part of the outer place, says what a place
is by a copula, or lists places before a plural place noun; and organisations' names
with a bracketed aside inside. Each a table row: a sentence written for this table
(not from an evaluation set) and the relation a reader takes from it, or one that must
not be drawn. Runs the real text loader (spaCy) on a one-sentence article, as POST
/documents does."""

from __future__ import annotations

import pytest

from tests.loaders.text.relations.reading import Triple, check_found, check_not_drawn

FOUND = [
    # a part phrase between "in" and the place: "the northern part of", "the north of"
    (
        "Rebels freed 300 hostages in Kibungo in the northern part of Uganda.",
        ("Kibungo", "LOCATED_IN", "Uganda"),
    ),
    (
        "Rebels freed 300 hostages in Kibungo in the north of Uganda.",
        ("Kibungo", "LOCATED_IN", "Uganda"),
    ),
    # what a place is said to be, by a copula: one among the outer place's parts
    (
        "Ontario is one of Canada's provinces.",
        ("Ontario", "LOCATED_IN", "Canada"),
    ),
    (
        "Bavaria is the largest of Germany's sixteen states.",
        ("Bavaria", "LOCATED_IN", "Germany"),
    ),
    (
        "Ontario is a province of Canada.",
        ("Ontario", "LOCATED_IN", "Canada"),
    ),
    (
        "Nantes remains the biggest of the cities in France.",
        ("Nantes", "LOCATED_IN", "France"),
    ),
    # a list of places before a plural place noun that "in" places, compass words and
    # all: every item, not only the one the parse hangs "in" on
    (
        "Floods hit Dade, Broward, Palm Beach and northern Monroe Counties in south Florida.",
        ("Dade", "LOCATED_IN", "Florida"),
    ),
    (
        "Floods hit Dade, Broward, Palm Beach and northern Monroe Counties in south Florida.",
        ("Broward", "LOCATED_IN", "Florida"),
    ),
    # a bracketed aside inside a party's name does not cut the name
    (
        "Two parties in Hungary, the Hungarian Socialist (formerly Communist) Party "
        "(MSZP) and the Alliance of Free Democrats (SZDSZ), signed the pact.",
        ("Hungarian Socialist Party", "BASED_IN", "Hungary"),
    ),
]

NOT_DRAWN: list[tuple[str, Triple]] = [
    # what a place is said to be must be a kind of place
    (
        "France is the largest of Germany's neighbours.",
        ("France", "LOCATED_IN", "Germany"),
    ),
    # words between the list and the plural noun: not a list of those places
    (
        "Boston, Chicago and many other cities in Ohio voted.",
        ("Boston", "LOCATED_IN", "Ohio"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(text: str, expected: Triple) -> None:
    check_found(text, expected)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_not_drawn(text: str, unwanted: Triple) -> None:
    check_not_drawn(text, unwanted)
