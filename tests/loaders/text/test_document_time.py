"""News or history, told by the years a text names (never by its file name)."""

from __future__ import annotations

from datetime import date

from loaders.text.document_time import story_mode


def test_news_names_years_near_its_publication() -> None:
    text = "Shares fell in 2015 and the company expects a recovery in 2016."
    assert story_mode(text, date(2016, 1, 22)) == "news"


def test_a_history_names_years_long_before() -> None:
    text = "In 1979 troops crossed the border. By 1980 the war had spread; in 1989 it ended."
    assert story_mode(text, date(2012, 5, 1)) == "narrative"


def test_no_year_at_all_is_news() -> None:
    assert story_mode("The minister resigned on Friday.", date(2010, 3, 3)) == "news"
