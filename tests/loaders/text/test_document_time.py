"""News or history, told by the years a text names (never by its file name)."""

from __future__ import annotations

from datetime import date

from loaders.text.document_time import story_mode


def test_news_names_years_near_its_publication() -> None:
    text = "Shares fell in 2015 and the company expects a recovery in 2016."
    assert story_mode(text, date(2016, 1, 22)) == "news"


def test_a_history_names_years_long_before() -> None:
    text = "The war began in 1979. By 1980 it had spread, and in 1989 the last troops left."
    assert story_mode(text, date(2012, 5, 1)) == "narrative"


def test_no_year_at_all_is_news() -> None:
    assert story_mode("The minister resigned on Friday.", date(2010, 3, 3)) == "news"


def test_news_recalling_history_is_still_news() -> None:
    """Years long past, but "today" and a weekday: a report of the day, with background."""
    text = (
        "The alliance, founded in 1949, admitted three members today. They had applied in "
        "1994 and 1996, officials said on Friday, after talks that began in 1991."
    )
    assert story_mode(text, date(1999, 3, 12)) == "news"


def test_numbers_are_not_years() -> None:
    text = "Police sent 1500 officers and 1200 soldiers; 1800 people were evacuated."
    assert story_mode(text, date(2012, 5, 1)) == "news"


def test_a_history_reads_partial_dates_in_the_story_year() -> None:
    """Pattern 3: "On April 9" after "In March 2003" is 2003 in a history published in
    2010, not 2009 or 2010."""
    from graphsvc.settings import Settings
    from loaders.text.document_dates import DocumentDates
    from loaders.text.nlp import load_pipeline

    text = (
        "The war had roots in 1991 and in 1998. In March 2003 the coalition invaded the "
        "country. On April 9 the capital fell, and in December troops captured the leader."
    )
    published = date(2010, 6, 1)
    mode = story_mode(text, published)
    assert mode == "narrative"
    nlp = load_pipeline(Settings().spacy_model)
    dates = DocumentDates(text, published, mode, [(0, nlp(text))])
    by_text = {e.text: e.when for e in dates.found}
    april = next(when for phrase, when in by_text.items() if "April 9" in phrase)
    december = next(when for phrase, when in by_text.items() if "December" in phrase)
    assert april is not None and april.start == date(2003, 4, 9)
    assert december is not None and december.start == date(2003, 12, 1)


def test_a_history_of_recent_years_is_still_a_history() -> None:
    """Many years written out, close to the publication but with no "today": a history
    of a recent war, not news (the hand check found one read as news)."""
    years = " ".join(
        f"In {year} the ministry reorganised the {unit} command."
        for year, unit in zip(
            range(2003, 2010),
            ["northern", "southern", "eastern", "western", "air", "naval", "river"],
            strict=True,
        )
    )
    text = years + " " + years + " " + years
    assert story_mode(text, date(2009, 12, 19)) == "narrative"


def test_a_report_of_the_day_with_many_years_is_news() -> None:
    background = " ".join(f"It happened in {year} too." for year in range(1990, 2010))
    text = f"The minister resigned today. {background} Talks resume on Monday and on Friday."
    assert story_mode(text, date(2010, 3, 3)) == "news"
