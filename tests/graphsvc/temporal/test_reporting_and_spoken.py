"""Reporting periods and spoken dates as the TimeML (TIMEX3) guidelines value them:
quarters `2021-Q2`, halves `2021-H1`, fiscal years `FY2021`, years and days said in
words. Rows written from the guidelines and our own sentences; anchors pinned.

Each positive row is (sentence, anchor, expression, value); each negative is a
sentence in which a word looks like a period and is none."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.temporal import find_dates

#: A Thursday in the fourth quarter: the third quarter has ended, the fourth has begun.
OCT = date(2021, 10, 21)
#: Early in a year: last year's fourth quarter and second half have just ended.
FEB = date(2022, 2, 3)
#: Mid-year: the first half has just ended.
JUL = date(2021, 7, 28)

QUARTERS = [
    ("Second-quarter earnings rose 5 percent.", OCT, "Second-quarter", "2021-Q2"),
    ("The company posted third-quarter profit of $2 billion.", OCT, "third-quarter", "2021-Q3"),
    ("Sales fell in the fourth quarter.", FEB, "the fourth quarter", "2021-Q4"),
    (
        "The chief said sales will rise in the fourth quarter.",
        OCT,
        "the fourth quarter",
        "2021-Q4",
    ),
    ("Revenue in the first quarter of 2020 was flat.", OCT, "the first quarter of 2020", "2020-Q1"),
    ("Q3 2021 results beat forecasts.", OCT, "Q3 2021", "2021-Q3"),
    ("The plant reopens in Q1 2023.", OCT, "Q1 2023", "2023-Q1"),
    ("Its 2019 fourth quarter was its best.", OCT, "2019 fourth quarter", "2019-Q4"),
    (
        "Margins narrowed in the third quarter of this year.",
        OCT,
        "the third quarter of this year",
        "2021-Q3",
    ),
    ("Orders grew in the final quarter of 2020.", OCT, "the final quarter of 2020", "2020-Q4"),
    ("Fourth-quarter deliveries slipped.", FEB, "Fourth-quarter", "2021-Q4"),
    ("The bank expects a loss in the second quarter.", FEB, "the second quarter", "2022-Q2"),
    ("Prices rose in the third quarter, the agency reported.", OCT, "the third quarter", "2021-Q3"),
    (
        "Sales for the first quarter of fiscal 2022 rose.",
        OCT,
        "the first quarter of fiscal 2022",
        "FY2022-Q1",
    ),
    ("First-quarter output was revised down.", JUL, "First-quarter", "2021-Q1"),
]

HALVES = [
    ("Profit fell in the first half.", JUL, "the first half", "2021-H1"),
    ("First-half revenue rose 8 percent.", JUL, "First-half", "2021-H1"),
    ("The firm expects a recovery in the second half.", JUL, "the second half", "2021-H2"),
    ("Output grew in the second half of 2019.", OCT, "the second half of 2019", "2019-H2"),
    ("Second-half sales disappointed.", FEB, "Second-half", "2021-H2"),
    (
        "Costs rose in the first half of fiscal 2021.",
        OCT,
        "the first half of fiscal 2021",
        "FY2021-H1",
    ),
    (
        "Growth slowed in the first half of this year.",
        OCT,
        "the first half of this year",
        "2021-H1",
    ),
]

FISCAL = [
    ("Revenue for fiscal 2021 rose 3 percent.", OCT, "fiscal 2021", "FY2021"),
    ("The agency's budget for fiscal year 2020 was cut.", OCT, "fiscal year 2020", "FY2020"),
    ("The 2019 fiscal year ended in June.", OCT, "The 2019 fiscal year", "FY2019"),
    ("Spending in FY2022 will rise.", OCT, "FY2022", "FY2022"),
    ("The company lost money in fiscal '98.", date(1998, 10, 1), "fiscal '98", "FY1998"),
    ("Sales grew last fiscal year.", OCT, "last fiscal year", "FY2020"),
    ("The plan covers the next fiscal year.", OCT, "the next fiscal year", "FY2022"),
    ("Hiring slowed in the current fiscal year.", OCT, "the current fiscal year", "FY2021"),
]

RECENT_AND_PRIOR = [
    (
        "Profit in the most recent quarter rose 4 percent.",
        OCT,
        "the most recent quarter",
        "2021-Q3",
    ),
    ("In the latest quarter, margins widened.", FEB, "the latest quarter", "2021-Q4"),
    ("Sales rose from the year-earlier quarter.", OCT, "the year-earlier quarter", "2020-Q3"),
    ("Sales rose from the year-ago quarter.", FEB, "the year-ago quarter", "2020-Q4"),
    (
        "Third-quarter profit was $7 million, up from $5 million a year earlier.",
        OCT,
        "a year earlier",
        "2020-Q3",
    ),
    (
        "Second-quarter sales rose 9 percent from a year ago.",
        OCT,
        "a year ago",
        "2020-Q2",
    ),
    (
        "The firm reported fourth-quarter results. Costs fell from the prior-year period.",
        FEB,
        "the prior-year period",
        "2020-Q4",
    ),
    (
        "Second-quarter revenue rose. In the quarter, the firm hired 900 people.",
        OCT,
        "the quarter",
        "2021-Q2",
    ),
    (
        "First-half sales rose, and sales in the same period last year had fallen.",
        JUL,
        "the same period last year",
        "2020-H1",
    ),
    ("Year-to-date sales rose 4 percent.", OCT, "Year-to-date", "2021"),
    ("Sales so far this year are up 6 percent.", OCT, "so far this year", "2021"),
    # "a year ago" with no period in its sentence is the year before the report
    ("The plant opened a year ago.", OCT, "a year ago", "2020"),
]

SPOKEN = [
    ("It happened in nineteen ninety-eight.", OCT, "nineteen ninety-eight", "1998"),
    ("Elections are due in twenty twenty-two.", OCT, "twenty twenty-two", "2022"),
    ("The law changed in twenty nineteen.", OCT, "twenty nineteen", "2019"),
    ("They married in two thousand and one.", OCT, "two thousand and one", "2001"),
    ("The bridge was built in eighteen sixty-one.", OCT, "eighteen sixty-one", "1861"),
    ("The mill closed in nineteen oh five.", OCT, "nineteen oh five", "1905"),
    ("Since two thousand eight prices have doubled.", OCT, "two thousand eight", "2008"),
    ("The strike began in March twenty nineteen.", OCT, "March twenty nineteen", "2019-03"),
    ("She was born on the twenty-first of March.", OCT, "the twenty-first of March", "2021-03-21"),
    ("The vote is set for November third.", OCT, "November third", "2021-11-03"),
    (
        "The treaty was signed on the fourth of July, nineteen ninety-six.",
        OCT,
        "the fourth of July, nineteen ninety-six",
        "1996-07-04",
    ),
    ("We met on May first, two thousand ten.", OCT, "May first, two thousand ten", "2010-05-01"),
    # a day said as a cardinal, before a year after a comma
    (
        "The plant reopened March nineteen, twenty twenty-one.",
        OCT,
        "March nineteen, twenty twenty-one",
        "2021-03-19",
    ),
    (
        "On May five, two thousand ten, the law changed.",
        OCT,
        "May five, two thousand ten",
        "2010-05-05",
    ),
    ("The vote was held June thirty, 2019.", OCT, "June thirty, 2019", "2019-06-30"),
    (
        "It was signed December twenty-one, nineteen ninety-eight.",
        OCT,
        "December twenty-one, nineteen ninety-eight",
        "1998-12-21",
    ),
    # without the comma the words are a year: the month of it
    ("It began in March nineteen ninety-eight.", OCT, "March nineteen ninety-eight", "1998-03"),
]

#: A month and a number in words that are no day of it.
NOT_SPOKEN_DAYS = [
    "By March nineteen, twenty people had died.",
    "In March two, three and four ships sank.",
    "It was March thirty-two, twenty twenty-one by their count.",
    "In March nineteen ninety-eight, prices fell.",
    "Since March twenty, twenty-one soldiers have died.",
]


@pytest.mark.parametrize("text", NOT_SPOKEN_DAYS, ids=NOT_SPOKEN_DAYS)
def test_not_a_spoken_day(text: str) -> None:
    found = [(e.text, e.value) for e in find_dates(text, OCT)]
    assert not [f for f in found if len(f[1]) == 10], found


POSITIVE = QUARTERS + HALVES + FISCAL + RECENT_AND_PRIOR + SPOKEN


@pytest.mark.parametrize(
    ("text", "anchor", "expression", "value"), POSITIVE, ids=[row[0] for row in POSITIVE]
)
def test_period_and_spoken_date(text: str, anchor: date, expression: str, value: str) -> None:
    found = {e.text: e.value for e in find_dates(text, anchor)}
    assert found.get(expression) == value, found


#: Words that look like a reporting period or a year in words and are none.
NOT_PERIODS = [
    "The quarterback threw two touchdowns.",
    "A quarter of the voters stayed home.",
    "Three quarters of the members voted yes.",
    "One quarter of the budget goes to defence.",
    "They reached the quarter-finals.",
    "She lives in the French Quarter.",
    "Soldiers returned to their quarters.",
    "Criticism came from all quarters.",
    "The team scored twice in the fourth quarter.",
    "The striker scored early in the second half.",
    "He scored in the second half of the match.",
    "Half the town was flooded.",
    "Half of the votes were counted.",
    "The latter half of the speech was about taxes.",
    "The fiscal policy was tightened.",
    "The fiscal deficit widened.",
    "Fiscal conservatives opposed the bill.",
    "The government faces a fiscal crisis.",
    "Nineteen people were hurt in the blast.",
    "Twenty one soldiers were wounded.",
    "Two thousand troops arrived.",
    "In nineteen twenty-year-olds, the trait is rare.",
    "The match went into overtime in the first quarter.",
    "The period of martial law ended.",
]


@pytest.mark.parametrize("text", NOT_PERIODS, ids=NOT_PERIODS)
def test_not_a_period(text: str) -> None:
    found = [(e.text, e.value) for e in find_dates(text, OCT)]
    periods = [f for f in found if "Q" in f[1] or "H" in f[1] or "FY" in f[1] or f[1].isdigit()]
    assert periods == [], found


def test_enough_rows() -> None:
    assert len(POSITIVE) + len(NOT_PERIODS) >= 60 and len(NOT_PERIODS) >= 20


def test_a_quarter_and_a_half_are_intervals_with_a_precision() -> None:
    (quarter,) = find_dates("Sales rose in the third quarter of 2021.", OCT)
    assert quarter.when is not None
    assert (quarter.when.start, quarter.when.end) == (date(2021, 7, 1), date(2021, 9, 30))
    assert quarter.when.precision == "quarter"
    (half,) = find_dates("Output rose in the first half of 2021.", OCT)
    assert half.when is not None
    assert (half.when.start, half.when.end, half.when.precision) == (
        date(2021, 1, 1),
        date(2021, 6, 30),
        "quarter",
    )


def test_a_fiscal_year_has_a_value_and_no_interval() -> None:
    (fiscal,) = find_dates("Revenue for fiscal 2021 rose.", OCT)
    assert (fiscal.value, fiscal.when) == ("FY2021", None)


def test_year_to_date_runs_to_the_report() -> None:
    (ytd,) = find_dates("Year-to-date sales rose.", OCT)
    assert ytd.when is not None and (ytd.when.start, ytd.when.end) == (date(2021, 1, 1), OCT)
