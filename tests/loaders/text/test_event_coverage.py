"""Verbs outside the typed vocabulary still make events (type `other`), and an event
with only a place named is kept when the text dates it (issue 13: a short history gave
one event of eight). Text written for this test."""

from __future__ import annotations

from datetime import date

from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract

HISTORY = (
    "The Treaty of Westfield was drafted by Anna Berger in 1912. In March 1913 the "
    "Northern League ratified it. On 4 June 1914 fighting erupted in Carvale. In 1915 "
    "General Otto Brandt surrendered at Carvale. Parliament dissolved the League in 1919."
)


def test_a_short_history_yields_its_dated_events() -> None:
    article = Article(id="westfield", published=date(2012, 5, 1), text=HISTORY)
    batch = extract(article, Settings().spacy_model)
    dated = sorted(e.when.start.year for e in batch.events if e.when is not None)
    assert len(dated) >= 4
    assert set(dated) <= {1912, 1913, 1914, 1915, 1919}
    assert all(e.when.basis == "text" for e in batch.events if e.when is not None)
    assert any(e.type == "other" for e in batch.events)
