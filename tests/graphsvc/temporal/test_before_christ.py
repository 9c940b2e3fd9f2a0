"""Dates before the common era, and a story told in those years."""

from __future__ import annotations

from datetime import date

from graphsvc.temporal import find_dates

ANCHOR = date(2009, 12, 19)


def values(text: str) -> dict[str, str | None]:
    return {e.text: e.value for e in find_dates(text, ANCHOR, "narrative")}


def test_a_month_and_a_season_of_a_bc_year() -> None:
    found = values("In April 480 BC the army marched. The congress met in the spring of 480 BC.")
    assert found["April 480 BC"] == "BC0480-04"
    assert found["the spring of 480 BC"] == "BC0480-SP"


def test_the_first_year_of_a_bc_range_is_bc() -> None:
    found = values("The revolt lasted from 499 to 493 BC, and the war 492-490 BC.")
    assert found["499"] == "BC0499"
    assert found["492"] == "BC0492"


def test_the_following_year_counts_down_before_christ() -> None:
    found = values("The fleet sailed in 492 BC. The following year, envoys were sent.")
    assert found["The following year"] == "BC0491"


def test_a_season_in_a_bc_story_is_in_its_year() -> None:
    found = values("The army gathered in 481 BC. In the summer it moved to Sardis.")
    assert found["the summer"] == "BC0481-SU"


def test_a_year_after_christ_ends_the_bc_story() -> None:
    found = values(
        "The battle was in 480 BC. The site was found in 1901. The following year it was dug."
    )
    assert found["The following year"] == "1902"


def test_bc_dates_have_no_interval() -> None:
    found = find_dates("In April 480 BC the army marched.", ANCHOR, "narrative")
    assert [e.when for e in found] == [None]
