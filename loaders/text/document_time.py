"""What kind of story a document tells, decided from the document itself.

News reports what happened around its publication: an event told in the past tense
with no date of its own happened on or just before the publication day. A history or a
biography tells of years long before it was published: there, the publication date says
nothing about an undated event. The years a text names tell which it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from statistics import median
from typing import Literal

from graphsvc.temporal import TemporalExpression, find_dates

StoryMode = Literal["news", "narrative"]

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
#: Median distance, in years, from the publication year beyond which a text is a history.
NARRATIVE_YEARS = 2
#: Fewest explicit years a text must name before it can be told a history.
MIN_YEARS = 3
#: A text naming at least this share of its years close to its publication is news.
NEWS_SHARE = 0.25
#: Words that point at the day of writing: a report of the news, however much history
#: it recalls, uses them; a history does not.
_DEICTIC = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|this (week|month|year|morning|afternoon|evening)"
    r"|(last|next) (week|night|month|year)|(mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|\w+ (days|weeks|months) ago)\b",
    re.IGNORECASE,
)
#: A year before the common era as `find_dates` writes it ("BC0490").
_BC_VALUE = re.compile(r"^BC(\d{4})")
#: So many years named, so far back on the median, with few "today"s: a history even
#: if it quotes someone saying "tomorrow" (the Second Italo-Abyssinian War, 1935-36).
FAR_YEARS = 8
FAR_DISTANCE = 20
FAR_DEICTIC_SHARE = 0.35
#: Deictic dates from which on a text is news, and their least share of the years named.
NEWS_DEICTICS = 2
NEWS_DEICTIC_SHARE = 0.1
#: So many years written out, with next to no "today": a history, however recent.
HISTORY_YEARS = 20
HISTORY_DEICTIC_SHARE = 0.05


def named_years(expressions: Iterable[TemporalExpression]) -> tuple[list[int], int]:
    """The years of the dates a text writes out ("in March 2003", "1979"), not of
    numbers that only look like years ("1500 troops"); and how many of its dates point
    at the day of writing ("today", "on Monday"). `expressions`: the text's dates."""
    years = []
    deictic = 0
    for expression in expressions:
        if expression.type != "DATE":
            continue
        written = _YEAR.search(expression.text)
        before_era = _BC_VALUE.match(expression.value or "")
        if written:
            years.append(int(written.group()))
        elif before_era:  # "490 BC"
            years.append(-int(before_era.group(1)))
        elif _DEICTIC.search(expression.text) and not expression.text.lower().startswith("the "):
            # "next week" points at the day of writing; "the next week" at the story's.
            deictic += 1
    return years, deictic


def story_mode(text: str, published: date) -> StoryMode:
    """`narrative` when the years the text names lie mostly far from its publication and
    it hardly ever points at the day of writing."""
    return mode_of(find_dates(text, published), published)


def mode_of(expressions: Iterable[TemporalExpression], published: date) -> StoryMode:
    """`story_mode` from the text's dates as news reads them (found once, used twice).

    A report of the day points at it ("today", "on Monday") often for the years it names;
    a history names many years and hardly ever says "today", or names years mostly far
    from its publication.
    """
    years, deictic = named_years(expressions)
    distances = [abs(year - published.year) for year in years]
    far_back = len(years) >= FAR_YEARS and median(distances) >= FAR_DISTANCE
    if far_back and deictic < FAR_DEICTIC_SHARE * len(years):
        return "narrative"
    if deictic >= max(NEWS_DEICTICS, NEWS_DEICTIC_SHARE * len(years)):
        return "news"
    if len(years) >= HISTORY_YEARS and deictic < HISTORY_DEICTIC_SHARE * len(years):
        return "narrative"
    if len(distances) < MIN_YEARS:
        return "news"
    near = sum(d <= 1 for d in distances) / len(distances)
    if median(distances) > NARRATIVE_YEARS and near < NEWS_SHARE:
        return "narrative"
    return "news"
