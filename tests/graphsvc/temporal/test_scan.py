"""The one-pass scan (graphsvc/temporal/scan.py) finds exactly what each rule's own
`finditer` finds: on the development texts, and on generated texts that mix date words
with the characters where a shortcut could go wrong (Unicode digits and spaces, letters
that fold to ASCII ones under IGNORECASE, typographic apostrophes)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.temporal.rules import RULES
from graphsvc.temporal.scan import Scanner, starts_of

SCANNER = Scanner([rule.pattern for rule in RULES])
ALL = set(range(len(RULES)))


def by_rule(text: str, active: set[int] = ALL) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = {index: [] for index in active}
    for index, match in SCANNER.matches(text, active):
        found[index].append(match.span())
    return found


def by_finditer(text: str, active: set[int] = ALL) -> dict[int, list[tuple[int, int]]]:
    return {index: [m.span() for m in RULES[index].pattern.finditer(text)] for index in active}


def test_the_scan_equals_finditer_on_the_development_texts(shared_fixtures: Path) -> None:
    paths = sorted(shared_fixtures.glob("timeml/*/*.tml"))
    assert paths
    for path in paths:
        text = path.read_text("utf-8")
        assert by_rule(text) == by_finditer(text), path.name


def test_only_the_active_rules_are_scanned() -> None:
    text = "On Jan. 5, 2001, three days later, the fourth quarter ended at 10 a.m."
    active = {index for index, rule in enumerate(RULES) if rule.family == "dates"}
    assert set(by_rule(text, active)) == active
    assert by_rule(text, active) == by_finditer(text, active)
    assert any(by_rule(text, active).values())


def test_starts_read_through_optional_words_and_classes() -> None:
    # six characters are read; any space reads as a blank
    assert starts_of(re.compile(r"\b(?:the\s+)?day", re.I)) == {"day", "the da", "the  d", "the   "}
    assert starts_of(re.compile(r"\bQ[1-4]", re.I)) == {"q0"}  # digits read as 0
    assert starts_of(re.compile(r"\w+day")) is None  # may start with any word character
    assert starts_of(re.compile(r"(?:x)?")) is None  # may match nothing


WORDS = [
    "the",
    "The",
    "THE",
    "last",
    "next",
    "week",
    "year",
    "years",
    "ago",
    "in",
    "on",
    "at",
    "January",
    "Jan.",
    "jan",
    "May",
    "March",
    "Sept.",
    "Monday",
    "mon",
    "Christmas",
    "quarter",
    "Q3",
    "first",
    "half",
    "of",
    "fiscal",
    "1998",
    "2001",
    "12",
    "3",
    "04",
    "a.m.",
    "p.m.",
    "BC",
    "B.C.",
    "'90s",
    "1990s",
    "noon",
    "today",
    "now",
    "every",
    "day",
    "days",
    "early",
    "late",
    "mid",
    "-",
    ",",
    ".",
    ":",
    "/",
    "'",
    "\u2019s",
    "\u2013",
    "10:30",
    "GMT",
    "century",
    "21st",
    "spring",
    "fall",
    "two",
    "several",
    # characters the fold to ASCII does not cover: Kelvin sign, long s, dotted I,
    # Arabic-Indic and full-width digits, no-break and thin spaces, accented letters
    "\u212a",
    "\u017f",
    "\u0130",
    "\u0663",
    "\uff11",
    "\u00a0",
    "\u2009",
    "\u00e9t\u00e9",
    "We\u212aday",
    "\u017fpring",
    "Ja\u0130",
    "\u0661\u0669\u0669\u0668",
]
SEPARATORS = [" ", "  ", "\n", "\t", "", ", ", "\u00a0", "-"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_scan_equals_finditer_on_generated_texts(text: str) -> None:
    assert by_rule(text) == by_finditer(text)


def test_a_start_that_is_not_ascii_is_read_in_the_str_text() -> None:
    """The fast reading (the text as folded bytes) holds only ASCII starts; a scanner
    with another reads every text as str and still finds what `finditer` finds."""
    patterns = [re.compile(r"\b\u00e9t\u00e9", re.I), re.compile(r"\bjan\b", re.I)]
    scanner = Scanner(patterns)
    assert not scanner.reads_bytes
    text = "En \u00e9t\u00e9 ou en \u00c9T\u00c9, jan et Jan, \u00e9t\u00e9s, jant"
    found = [(index, match.span()) for index, match in scanner.matches(text, {0, 1})]
    expected = [(i, m.span()) for i, p in enumerate(patterns) for m in p.finditer(text)]
    assert found == expected
    assert len(found) == 5
