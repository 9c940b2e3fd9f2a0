"""A temporal expression found in text: where it is, and what it means."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from graphsvc.model import When

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class TemporalExpression:
    """`start`/`end` are character offsets in the searched text (end exclusive).

    `value` is the TimeML TIMEX3 value (`2015-08`, `2015-W39`, `P5Y`, `PAST_REF`...);
    `when` is the calendar interval for DATE and TIME expressions that resolve to one.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    when: When | None
