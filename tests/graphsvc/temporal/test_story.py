"""A narrative's story time: which dates move the year its partial dates are read in."""

from __future__ import annotations

from datetime import date

from graphsvc.temporal import find_dates

ANCHOR = date(2009, 12, 19)


def values(text: str) -> dict[str, str | None]:
    return {e.text: e.value for e in find_dates(text, ANCHOR, "narrative")}


def test_a_digression_does_not_move_the_story() -> None:
    text = (
        "The offensive began on July 4, 1920. Documents found in 2004 showed the ciphers "
        "were broken. The city fell on August 17. By the end of 1920 the war was over."
    )
    assert values(text)["August 17"] == "1920-08-17"


def test_a_far_year_confirmed_by_the_next_one_moves_the_story() -> None:
    text = (
        "The war began in 1914. After a long peace, fighting resumed in 1939. In 1940 the "
        "front moved west. In June the city fell."
    )
    assert values(text)["June"] == "1940-06"


def test_the_story_stays_after_a_comparison_with_an_earlier_year() -> None:
    text = (
        "On August 31, 1920, the cavalry broke off its siege, the largest cavalry battle "
        "since 1813. The army retreated on 6 September."
    )
    assert values(text)["6 September"] == "1920-09-06"


def test_a_look_back_does_not_move_the_story() -> None:
    text = (
        "On 8 March 1965 the marines landed. The French had fought there two decades "
        "earlier. In May the army was defeated again."
    )
    found = values(text)
    assert found["two decades earlier"] == "194"
    assert found["May"] == "1965-05"


def test_a_planned_year_does_not_move_the_story() -> None:
    text = (
        "On 10 March 1975 the attack began. The road would be exposed for a campaign "
        "planned in 1976. On 1 April the town fell."
    )
    assert values(text)["1 April"] == "1975-04-01"


def test_today_read_from_the_publication_date_does_not_move_the_story() -> None:
    text = (
        "On 21 April 1975 the president resigned. It is remembered today. "
        "On 25 April the city fell."
    )
    assert values(text)["25 April"] == "1975-04-25"


def test_a_month_of_that_year_is_the_story_year() -> None:
    text = (
        "The war began in 1940. In August of that year, the communists attacked. On "
        "January 24 of the following year they met. On the 28th of that month they left."
    )
    found = values(text)
    assert found["August of that year"] == "1940-08"
    assert found["January 24 of the following year"] == "1941-01-24"
    assert found["the 28th of that month"] == "1941-01-28"


def test_a_season_is_in_the_story_year() -> None:
    found = values(
        "In 1943, during the summer, the Axis gained ground. The spring of 1944 was quiet."
    )
    assert found["the summer"] == "1943-SU"
    assert found["The spring of 1944"] == "1944-SP"


def test_a_count_with_thousands_separators() -> None:
    assert values("The empire lasted 1,460 years.")["1,460 years"] == "P1460Y"
