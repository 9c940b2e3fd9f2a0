"""Issue 15: temporal expressions as the TIMEX3 guidelines decide them, and partial dates
read in the tense of the verb they modify (the text loader's parse). Rows written for
this issue."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.settings import Settings
from graphsvc.temporal import find_dates
from loaders.text.document_dates import TenseReader
from loaders.text.nlp import load_pipeline

SATURDAY = date(2000, 1, 15)
FRIDAY = date(2000, 1, 7)

#: Not temporal expressions at all (no TIMEX3, not even a duration or a reference).
NOT_EXPRESSIONS = [
    "the 44-year-old protester was arrested",
    "a 6-year-old boy was found at sea",
    "the six-year-old boy returned home",
    "his 62-year-old brother spoke to reporters",
    "their 6-month-old son travelled with them",
    "a man 30 years old was detained",
    "Forty-year-old Mark Lee spoke first",
    "a former minister resigned",
    "the three former Warsaw Pact nations joined",
    "the current plan was dropped",
    "the current chairman resigned",
    "Former Soviet leader Mikhail Gorbachev spoke",
    "her former husband was questioned",
    "the former rivals signed a pact",
    "the 22-year-old striker scored twice",
    "a 70-year-old widow was rescued",
    "the two-year-old girl survived",
    "the 30-day-old calf",
    "a former chief executive of the bank",
    "the current account deficit widened",
    "the current season ended badly",
    "a former colony of France",
    "former President Jimmy Carter",
    "his former adviser testified",
    "the nine-month-old baby",
    "a 100-year-old house burned",
    "a five-year-old school",
    "the current chief executive",
    "the former Yugoslav republic",
    "she was 40 years old",
    "the 3-month-old puppy",
    "the 18-year-old conscripts",
    "a 50-year-old alliance",
    "the current crisis deepened",
    "Gonzalez said on CBS's ''60 Minutes'' that he would wait",
    "for the people of Poland, high noon comes",
]


@pytest.mark.parametrize("text", NOT_EXPRESSIONS, ids=NOT_EXPRESSIONS)
def test_not_an_expression(text: str) -> None:
    found = find_dates(text, SATURDAY)
    assert found == [], [(e.text, e.value) for e in found]


@pytest.fixture(scope="module")
def read():
    nlp = load_pipeline(Settings().spacy_model)

    def values(text: str, anchor: date) -> dict[str, str | None]:
        tense = TenseReader([(0, nlp(text))])
        return {e.text: e.value for e in find_dates(text, anchor, "news", tense)}

    return values


#: (sentence, anchor, expression, value): the verb the expression modifies decides.
TENSE_ROWS = [
    # a future in the past: "would" looks ahead
    (
        "Gonzalez would be traveling to Washington Thursday, Castro said.",
        FRIDAY,
        "Thursday",
        "2000-01-13",
    ),
    ("He said he would leave Monday for Havana.", FRIDAY, "Monday", "2000-01-10"),
    # an infinitive under a past verb is open: the reading nearest the anchor
    (
        "Burton said he subpoenaed Elian to testify on Feb. 10.",
        FRIDAY,
        "Feb. 10",
        "2000-02-10",
    ),
    ("The judge ordered him to remain in Miami until March 6.", FRIDAY, "March 6", "2000-03-06"),
    # a past verb reads back, a future one ahead, whatever else the sentence says
    (
        "Castro attended a rally Thursday, and he will speak again soon.",
        SATURDAY,
        "Thursday",
        "2000-01-13",
    ),
    ("The ruling will be appealed on Monday, lawyers said.", SATURDAY, "Monday", "2000-01-17"),
    ("The INS announced its decision Wednesday.", SATURDAY, "Wednesday", "2000-01-12"),
    ("Elian must be returned to his father by Jan. 14.", FRIDAY, "Jan. 14", "2000-01-14"),
    ("The accession was planned for early March.", date(1999, 2, 10), "early March", "1999-03"),
    ("Officials met on Dec. 28 to discuss the case.", FRIDAY, "Dec. 28", "1999-12-28"),
    # published on a Saturday (2000-01-15): past verbs read back, future ones ahead
    ("Reno met the family on Tuesday.", SATURDAY, "Tuesday", "2000-01-11"),
    ("The family will meet Reno on Tuesday.", SATURDAY, "Tuesday", "2000-01-18"),
    ("The court is expected to rule on Tuesday.", SATURDAY, "Tuesday", "2000-01-18"),
    ("Police arrested him Friday night.", SATURDAY, "Friday night", "2000-01-14TNI"),
    ("The boy arrived in Miami on Nov. 25.", SATURDAY, "Nov. 25", "1999-11-25"),
    ("The hearing is scheduled for Feb. 3.", SATURDAY, "Feb. 3", "2000-02-03"),
    ("Lawyers filed the appeal on Jan. 10.", SATURDAY, "Jan. 10", "2000-01-10"),
    ("The deadline expires on Jan. 20.", SATURDAY, "Jan. 20", "2000-01-20"),
    ("Castro spoke for three hours on Wednesday.", SATURDAY, "Wednesday", "2000-01-12"),
    ("The rally was held last Sunday.", SATURDAY, "last Sunday", "2000-01-09"),
    ("The vote will take place next Monday.", SATURDAY, "next Monday", "2000-01-17"),
    ("He was released in December.", SATURDAY, "December", "1999-12"),
    ("The talks will resume in March.", SATURDAY, "March", "2000-03"),
    ("The embassy was bombed on Aug. 7, 1998.", SATURDAY, "Aug. 7, 1998", "1998-08-07"),
    ("Officials said Thursday that the search would continue.", SATURDAY, "Thursday", "2000-01-13"),
    ("The summit ended on Sunday.", SATURDAY, "Sunday", "2000-01-09"),
    ("Prices rose 3 percent in the fourth quarter.", SATURDAY, "the fourth quarter", "1999-Q4"),
    ("The company expects growth in the first quarter.", SATURDAY, "the first quarter", "2000-Q1"),
    ("The law took effect on Jan. 1.", SATURDAY, "Jan. 1", "2000-01-01"),
    ("Elections are due in April.", SATURDAY, "April", "2000-04"),
    (
        "The agency announced on Friday that it had closed the case.",
        SATURDAY,
        "Friday",
        "2000-01-14",
    ),
    ("The president will visit Kenya on Jan. 24.", SATURDAY, "Jan. 24", "2000-01-24"),
    ("The ship sank on Dec. 31.", SATURDAY, "Dec. 31", "1999-12-31"),
    ("Talks broke down on Jan. 3 after a week of meetings.", SATURDAY, "Jan. 3", "2000-01-03"),
    # a bare participle tells of something done, whatever its head's tense
    (
        "They would appeal the decision, announced Wednesday by the agency.",
        FRIDAY,
        "Wednesday",
        "2000-01-05",
    ),
    ("The plan, approved Tuesday by the board, will cut costs.", SATURDAY, "Tuesday", "2000-01-11"),
    # a modal of possibility looks ahead; with a perfect it looks back
    ("The group might arrive as soon as Tuesday.", SATURDAY, "Tuesday", "2000-01-18"),
    ("The report could be released Monday.", SATURDAY, "Monday", "2000-01-17"),
    ("He may have left the city on Thursday.", SATURDAY, "Thursday", "2000-01-13"),
    # what is scheduled takes the bare date; what is set is dated by the setting
    (
        "The FBI has scheduled a news conference Thursday.",
        date(1999, 5, 5),
        "Thursday",
        "1999-05-06",
    ),
    ("The runner set a record Tuesday.", SATURDAY, "Tuesday", "2000-01-11"),
]


@pytest.mark.parametrize(
    ("text", "anchor", "expression", "value"), TENSE_ROWS, ids=[r[0] for r in TENSE_ROWS]
)
def test_the_verb_decides_the_direction(
    read, text: str, anchor: date, expression: str, value: str
) -> None:
    assert read(text, anchor).get(expression) == value


def test_enough_rows_for_this_issue() -> None:
    assert len(NOT_EXPRESSIONS) >= 20 and len(NOT_EXPRESSIONS) + len(TENSE_ROWS) >= 60


#: (text, anchor, expression, value): news phrasing read as one expression.
NEWS_ROWS = [
    # a date without a year is near the report, whatever the tense, beyond nine months
    (
        "Meissner gave no reason for the Jan. 14 deadline.",
        date(2000, 1, 5),
        "Jan. 14",
        "2000-01-14",
    ),
    ("The judge ordered him to stay until March 6.", SATURDAY, "March 6", "2000-03-06"),
    # within them the tense decides
    (
        "Police searched for him after the Oct. 23 slaying.",
        date(1999, 5, 6),
        "Oct. 23",
        "1998-10-23",
    ),
    # a deadline's weekday lies ahead
    (
        "The relatives were given until 9 a.m. Tuesday.",
        date(2000, 4, 3),
        "9 a.m. Tuesday",
        "2000-04-04T09:00",
    ),
    # clock times in words
    ("He will leave at 4 in the morning.", SATURDAY, "4 in the morning", "2000-01-15T04:00"),
    ("He appeared before the judge at midday.", SATURDAY, "midday", "2000-01-15T12:00"),
    (
        "the move in early October this year",
        date(1998, 12, 3),
        "early October this year",
        "1998-10",
    ),
    ("to join in April next year", date(1998, 12, 3), "April next year", "1999-04"),
    ("it happened in March last year", date(1998, 12, 3), "March last year", "1997-03"),
    ("the Dow rose to end the day up 2%", date(2009, 4, 3), "the day", "2009-04-03"),
    (
        "it rebounded late in the day after falling",
        date(2007, 8, 10),
        "late in the day",
        "2007-08-10",
    ),
    # a clock time with its weekday is one expression, on that weekday
    (
        "the relatives have until 9 a.m. Tuesday to sign",
        date(2000, 4, 3),
        "9 a.m. Tuesday",
        "2000-04-04T09:00",
    ),
    (
        "he will leave at 4 a.m. EDT Thursday, Castro said",
        date(2000, 4, 5),
        "4 a.m. EDT Thursday",
        "2000-04-06T04:00",
    ),
    (
        "The market closed at 4 p.m. on Friday.",
        date(2000, 4, 3),
        "4 p.m. on Friday",
        "2000-03-31T16:00",
    ),
]


@pytest.mark.parametrize(
    ("text", "anchor", "expression", "value"), NEWS_ROWS, ids=[r[0] for r in NEWS_ROWS]
)
def test_news_phrasing(text: str, anchor: date, expression: str, value: str) -> None:
    assert {e.text: e.value for e in find_dates(text, anchor)}.get(expression) == value


#: "the day" that points at another day than the report's is not the report's day.
OTHER_DAY = [
    "He was last seen Nov. 3, the day before a warrant was issued.",
    "She arrived later in the day and left at once.",
    "During the day Friday, Elian played in the yard.",
    "the day of the vote was set by the council",
]


@pytest.mark.parametrize("text", OTHER_DAY, ids=OTHER_DAY)
def test_the_day_of_another_event_is_not_the_report_day(text: str) -> None:
    found = {e.text: e.value for e in find_dates(text, date(2000, 1, 7))}
    assert found.get("the day") is None, found


#: A Wednesday: the Friday before is 2021-03-19, the one after 2021-03-26.
WEDNESDAY = date(2021, 3, 24)

#: "until" with a weekday: a wait that lies ahead, but when a past verb is negated
#: ("did not arrive until Friday") the day something happened at last, in the past.
UNTIL_ROWS = [
    ("The shipment did not arrive until Friday.", "Friday", "2021-03-19"),
    ("The shipment didn't arrive until Friday.", "Friday", "2021-03-19"),
    ("Rescuers were not able to reach the village until Friday.", "Friday", "2021-03-19"),
    ("He had not heard of the plan until Friday.", "Friday", "2021-03-19"),
    ("The store did not open until 9 a.m. Friday.", "9 a.m. Friday", "2021-03-19T09:00"),
    # negatives: still ahead
    ("The shipment will not arrive until Friday.", "Friday", "2021-03-26"),
    ("The shipment won't arrive until Friday.", "Friday", "2021-03-26"),
    ("Talks were suspended until Friday.", "Friday", "2021-03-26"),
    ("The deadline was extended until Friday.", "Friday", "2021-03-26"),
    ("The store will stay closed until 9 a.m. Friday.", "9 a.m. Friday", "2021-03-26T09:00"),
    ("Nothing was decided. Talks were suspended until Friday.", "Friday", "2021-03-26"),
]


@pytest.mark.parametrize(
    ("text", "expression", "value"), UNTIL_ROWS, ids=[r[0] for r in UNTIL_ROWS]
)
def test_a_negated_past_until_looks_back(read, text: str, expression: str, value: str) -> None:
    """The same with the parse (the text loader) and with the tense cue words alone."""
    assert read(text, WEDNESDAY).get(expression) == value
    assert {e.text: e.value for e in find_dates(text, WEDNESDAY)}.get(expression) == value
