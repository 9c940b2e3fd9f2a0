"""A role's start and end come from the document's dated appointments and departures,
also when a later sentence tells them with a pronoun and no organisation. Sentences
written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.model import GraphBatch
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract

PUBLISHED = "2020-05-04"


def _extract(text: str) -> GraphBatch:
    return extract(Article(id="tenure", text=text, published=PUBLISHED), Settings().spacy_model)


def _roles(batch: GraphBatch) -> dict[tuple[str, str, str], tuple[date | None, date | None]]:
    names = {a.id: a.name for a in batch.actors}
    return {
        (names[r.source], r.type.value, names[r.target]): (r.since, r.until)
        for r in batch.relations
        if r.type.value in ("WORKS_FOR", "HEAD_OF", "LEADER_OF", "MEMBER_OF")
    }


def test_an_appointment_starts_a_role_and_a_later_departure_ends_it() -> None:
    batch = _extract(
        "Ingrid Sato founded Kestrel Labs in 2001. She was named chief executive of the "
        "company in 2009. She stepped down as chief executive in June 2018."
    )
    assert _roles(batch)[("Ingrid Sato", "HEAD_OF", "Kestrel Labs")] == (
        date(2009, 1, 1),
        date(2018, 6, 30),
    )


def test_a_departure_of_someone_else_ends_nothing() -> None:
    batch = _extract(
        "Peter Novak was appointed chairman of Orbis Freight in 2012. In May 2016 Lena "
        "Ortiz resigned from the board, Novak said."
    )
    since, until = _roles(batch)[("Peter Novak", "HEAD_OF", "Orbis Freight")]
    assert since == date(2012, 1, 1)
    assert until is None


@pytest.mark.parametrize(
    "ending",
    [
        "She later stepped down as chief executive.",  # no date: nothing to end it on
        "She may step down as chief executive in 2021.",  # not a stated departure
    ],
)
def test_an_undated_or_unreal_departure_leaves_the_role_open(ending: str) -> None:
    batch = _extract(f"Ingrid Sato was named chief executive of Kestrel Labs in 2009. {ending}")
    since, until = _roles(batch)[("Ingrid Sato", "HEAD_OF", "Kestrel Labs")]
    assert since == date(2009, 1, 1)
    assert until is None
