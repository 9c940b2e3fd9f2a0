"""Readings of organisations' people and seats, and the hedges that stop them, each a
table row: a sentence written for this table (not from an evaluation set) and the
relation a reader takes from it, or one that must not be drawn. Runs the real text
loader (spaCy) on a one-sentence article, as POST /documents does."""

from __future__ import annotations

import pytest

from tests.loaders.text.relations.reading import (
    check_found,
    check_not_drawn,
)
from tests.loaders.text.relations.reading import read as _batch
from tests.loaders.text.relations.reading import relations_in as _found

FOUND = [
    # an organisation's possessive right before a bare name
    (
        "Norvik's Erik Dahl said the company would hire more engineers.",
        ("Erik Dahl", "WORKS_FOR", "Norvik"),
    ),
    (
        "Apple's Tim Cook met Microsoft's Satya Nadella in Seattle.",
        ("Satya Nadella", "WORKS_FOR", "Microsoft"),
    ),
    # "at" hanging on an organisation's name
    (
        "Professor Lena Ortiz teaches at Ohio State University at Newark.",
        ("Ohio State University", "BASED_IN", "Newark"),
    ),
    # a facility is located in a place, by its last word or the word before "of"
    (
        "The trial opened at the Kearny Street Motel in Fresno, California.",
        ("Kearny Street Motel", "LOCATED_IN", "Fresno"),
    ),
    (
        "Tourists flocked to the Statue of Liberty in New York.",
        ("Statue of Liberty", "LOCATED_IN", "New York"),
    ),
    # a stated plan says when a relation starts
    (
        "Erik Dahl will join Norvik Industries in May.",
        ("Erik Dahl", "WORKS_FOR", "Norvik Industries"),
    ),
]

NOT_DRAWN = [
    # a noun between the possessive and the name: the name is not the owner's
    ("Norvik's rival Erik Dahl praised the deal.", ("Erik Dahl", "WORKS_FOR", "Norvik")),
    # a place's possessive is no employer
    (
        "Sweden's Erik Dahl won the race in Oslo.",
        ("Erik Dahl", "WORKS_FOR", "Sweden"),
    ),
    # "Bank of Canada": "of" before a place keeps an organisation an organisation
    (
        "The Bank of Canada in Ottawa raised rates.",
        ("Bank of Canada", "LOCATED_IN", "Ottawa"),
    ),
    # a possibility or a negation is no relation
    (
        "Erik Dahl may join Norvik Industries next year.",
        ("Erik Dahl", "WORKS_FOR", "Norvik Industries"),
    ),
    (
        "Erik Dahl did not join Norvik Industries.",
        ("Erik Dahl", "WORKS_FOR", "Norvik Industries"),
    ),
    (
        "Police said Anna Berg could have shot Lars Holm.",
        ("Anna Berg", "KILLED", "Lars Holm"),
    ),
    # towns in a list are not in each other
    (
        "Voters in Oslo, Bergen and Trondheim went to the polls.",
        ("Oslo", "LOCATED_IN", "Bergen"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_reading_finds_the_relation(text: str, expected: tuple[str, str, str]) -> None:
    check_found(text, expected)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_reading_draws_no_such_relation(text: str, unwanted: tuple[str, str, str]) -> None:
    check_not_drawn(text, unwanted)


def test_a_possessive_employer_is_inferred() -> None:
    batch = _batch("Norvik's Erik Dahl said the company would hire more engineers.")
    assert [r.basis for r in batch.relations if r.type.value == "WORKS_FOR"] == ["inferred"]


def test_a_facility_is_never_based_in_its_place() -> None:
    found = _found("The trial opened at the Kearny Street Motel in Fresno, California.")
    assert not [r for r in found if r[1] == "BASED_IN"], found
