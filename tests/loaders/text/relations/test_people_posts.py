"""People readings for posts, beliefs and shared homes, each as a table row: a sentence
written for this table (not taken from an evaluation set) and the relation a reader
takes from it, or one that must not be drawn. Runs the real text loader (spaCy) on a
one-sentence article, as POST /documents does."""

from __future__ import annotations

import pytest

from tests.loaders.text.relations.reading import check_found, check_not_drawn

FOUND = [
    # "their" home, with the subject and a companion: the subject's home
    (
        "Daniel Okafor, 12, vanished on a fishing trip with his uncle in May 1990 "
        "in the hills near their hometown of Tavira, Portugal.",
        ("Daniel Okafor", "LIVES_IN", "Tavira"),
    ),
    # ... with two subjects joined by "and"
    (
        "Marta Lind and Oskar Berg drove back to their hometown of Bergen on Friday.",
        ("Oskar Berg", "LIVES_IN", "Bergen"),
    ),
    # an envoy lives where he is posted: "to" a place
    (
        "Henrik Sand, a former Danish ambassador to Portugal, was charged with fraud.",
        ("Henrik Sand", "LIVES_IN", "Portugal"),
    ),
    # ... and "in" a place, coordinated with another description
    (
        "The talks will go on, said the king's nephew and envoy in Peru, Carlos Vidal.",
        ("Carlos Vidal", "LIVES_IN", "Peru"),
    ),
    # a "who" clause the parse hangs on the employer inside the apposition
    (
        'Officials met Ivan Dorin, former deputy director of "Rosvod," who now '
        "holds the post of chief engineer of the Northern Water Authority.",
        ("Ivan Dorin", "WORKS_FOR", "Northern Water Authority"),
    ),
    # the view of others on what a person is
    (
        "Troops detained five rebels, including Pedro Alcazar, considered by Lima to be "
        "a senior commander of the separatist Popular Liberation Front, officials said.",
        ("Pedro Alcazar", "HEAD_OF", "Popular Liberation Front"),
    ),
    (
        "Omar Haddad, believed to be the secretary of the Coastal Shipping Union, "
        "left the country.",
        ("Omar Haddad", "WORKS_FOR", "Coastal Shipping Union"),
    ),
    # nouns between the place and the role word: the role is theirs, the place is home
    (
        "As Denver teachers union leader Ann Cole said, the strike goes on.",
        ("Ann Cole", "LIVES_IN", "Denver"),
    ),
    # an occupation plied in a place: the person lives there
    (
        "Mira Castell, a well-known jazz singer in Lisbon, died on Sunday.",
        ("Mira Castell", "LIVES_IN", "Lisbon"),
    ),
]

NOT_DRAWN = [
    # a place on the verb, not on the occupation, is where something happened
    (
        "Mira Castell, a well-known jazz singer, performed in Lisbon on Sunday.",
        ("Mira Castell", "LIVES_IN", "Lisbon"),
    ),
    # a lone subject's "their" may be anyone's
    (
        "Daniel Okafor visited their hometown of Tavira, Portugal, on Monday.",
        ("Daniel Okafor", "LIVES_IN", "Tavira"),
    ),
    # an envoy "of" a place names whom he represents, not where he lives
    (
        "Henrik Sand, the ambassador of Denmark, met reporters on Monday.",
        ("Henrik Sand", "LIVES_IN", "Denmark"),
    ),
    # a union's leader does not lead the city the union is in
    (
        "As Denver teachers union leader Ann Cole said, the strike goes on.",
        ("Ann Cole", "LEADER_OF", "Denver"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_reading_found(text: str, expected: tuple[str, str, str]) -> None:
    check_found(text, expected)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_reading_not_drawn(text: str, unwanted: tuple[str, str, str]) -> None:
    check_not_drawn(text, unwanted)
