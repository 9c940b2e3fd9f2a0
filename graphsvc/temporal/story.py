"""Which dates move a narrative's story time, the year its partial dates are read in.

A history tells its story forward: "In 1944 ... by June ... in August" all lie in 1944.
Some dates it gives are not where the story stands, and letting them move the story
time would put every later partial date in the wrong year:

- looks back or ahead from the story: "two decades earlier", "a planned campaign in
  1976" (a future tense in a past narrative), "the 1940s", "the largest battle since
  1813";
- digressions: "documents found in 2004 proved..." in a story of 1920, when the next
  explicit year returns to the story;
- dates read from the publication date ("today", "15 months ago") far from the story.

News mode keeps its plain rule: every date moves the reference.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from graphsvc.temporal.rules import Resolved, Tense

#: Years between a date and the story time beyond which it may be a digression.
DIGRESSION_YEARS = 10

_LOOKS_AWAY = re.compile(
    r"\b(?:earlier|ago|before|previous|prior|preceding|from\s+now|hence)\b", re.IGNORECASE
)
#: "the largest battle since 1813": a span reaching to the story, which stays where it is.
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_COARSE = ("decade",)


class StoryTime:
    """Decides, for a narrative, whether a resolved date becomes the new reference.

    `explicit_years` are (position, year) of every date in the text that states its
    year, in text order: the story moves far only when the next stated year is near
    the new one too; otherwise the far year is a digression.
    """

    def __init__(self, explicit_years: list[tuple[int, int]]) -> None:
        self.positions = [position for position, _ in explicit_years]
        self.years = [year for _, year in explicit_years]

    def moves(
        self,
        reference: date | None,
        resolved: Resolved,
        text: str,
        span: tuple[int, int],
        tense: Tense,
    ) -> bool:
        """Whether the date `resolved`, found at `span` of `text`, moves the story."""
        start, end = span
        when = resolved.when
        if when is None:
            return False
        if reference is None:
            return True
        if tense == "future" or when.precision in _COARSE:
            return False
        if _LOOKS_AWAY.search(text, start, end) or _SINCE_BEFORE.search(
            text[max(0, start - 8) : start]
        ):
            return False
        distance = abs(when.start.year - reference.year)
        if distance <= DIGRESSION_YEARS:
            return True
        if not resolved.explicit_year:
            return False  # read from the publication date, not from the story
        following = self._next_year(end)
        return following is None or abs(following - when.start.year) <= DIGRESSION_YEARS

    def _next_year(self, end: int) -> int | None:
        index = bisect_right(self.positions, end - 1)
        return self.years[index] if index < len(self.years) else None
