"""Regex fragments the rule files name, built once from the lexicon.

A pattern in a rule file writes `{MONTH}` for the month fragment below and
`{lex:units}` for an alternation of a lexicon list (`lexicon.alternation`); every
other brace (`{1,2}`) is the regex's own. Fragments hold named groups (`month`,
`year`, `day`...) the resolvers read.
"""

from __future__ import annotations

import re

from graphsvc.temporal.holidays import NAMES as HOLIDAYS
from graphsvc.temporal.lexicon import alternation, lexicon

LEX = lexicon()
MONTH = rf"(?P<month>{alternation(LEX['months'])})(?:\.|(?![A-Za-z]))"
WEEKDAY = rf"(?P<wd>{alternation(LEX['weekdays'])})\.?"
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"
THOUSANDS = r"\d{1,3}(?:,\d{3})+(?![\d,])"
NUMBER = (
    rf"(?P<n>{THOUSANDS}|\d+(?:\.\d+)?|"
    rf"{alternation(LEX['numbers'])}|{alternation(LEX['vague_numbers'])})"
)
UNIT = rf"(?P<unit>{alternation(LEX['units'])})s?"
ORDINAL = rf"(?P<ord>{alternation(LEX['ordinals'])})"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
PART = r"(?P<part>early|mid|late)"
YEAR_REFERENCE = (
    r"(?P<yref>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding)"
)
#: Holiday names, with a straight or a typographic apostrophe ("New Year's").
HOLIDAY_NAMES = alternation(HOLIDAYS).replace("'", "['\u2019]")
_UNITS = alternation(LEX["spoken_units"])
_TEENS = alternation(LEX["spoken_teens"])
_TENS = alternation(LEX["spoken_tens"])
#: A year said in words: a century ("eleven" to "twenty") and the rest ("ninety-eight",
#: "oh five", "hundred"), or "two thousand (and) one". "twenty one" is twenty-one.
SPOKEN_YEAR = (
    rf"(?:(?P<hi>{_TEENS}|twenty)[\s-]+(?P<lo>hundred|oh[\s-]+(?:{_UNITS})|{_TEENS}|"
    rf"(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<lo2>{_TEENS}|(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_UNITS}))?)"
    r"(?![\w-])"
)
REL_UNITS = r"week|weekend|month|year|quarter|decade|century|day|morning|afternoon|evening|night"

FRAGMENTS: dict[str, str] = {
    "MONTH": MONTH,
    "WEEKDAY": WEEKDAY,
    "YEAR": YEAR,
    "NUMBER": NUMBER,
    "UNIT": UNIT,
    "ORDINAL": ORDINAL,
    "DAY": DAY,
    "PART": PART,
    "YEAR_REFERENCE": YEAR_REFERENCE,
    "HOLIDAY_NAMES": HOLIDAY_NAMES,
    "REL_UNITS": REL_UNITS,
    "SPOKEN_YEAR": SPOKEN_YEAR,
}

_PLACEHOLDER = re.compile(r"\{(lex:[a-z_]+|[A-Z_]+)\}")


def expand(pattern: str) -> str:
    """`pattern` with its `{NAME}` and `{lex:list}` placeholders filled in.

    Raises KeyError naming an unknown fragment or lexicon list.
    """

    def fill(placeholder: re.Match[str]) -> str:
        name = placeholder[1]
        if name.startswith("lex:"):
            return alternation(LEX[name[4:]])
        return FRAGMENTS[name]

    return _PLACEHOLDER.sub(fill, pattern)
