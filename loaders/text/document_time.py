"""What kind of story a document tells, decided from the document itself.

News reports what happened around its publication: an event told in the past tense
with no date of its own happened on or just before the publication day. A history or a
biography tells of years long before it was published: there, the publication date says
nothing about an undated event. The years a text names tell which it is.
"""

from __future__ import annotations

import re
from datetime import date
from statistics import median
from typing import Literal

StoryMode = Literal["news", "narrative"]

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
#: Median distance, in years, from the publication year beyond which a text is a history.
NARRATIVE_YEARS = 2


def story_mode(text: str, published: date) -> StoryMode:
    """`narrative` when the years the text names lie mostly far from its publication."""
    distances = [abs(int(year) - published.year) for year in _YEAR.findall(text)]
    if distances and median(distances) > NARRATIVE_YEARS:
        return "narrative"
    return "news"
