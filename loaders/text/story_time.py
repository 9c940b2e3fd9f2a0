"""The story's own time: in a history, an event told with no date of its own, in a
paragraph whose time an earlier sentence set, happened about then.

"In March 2003 the coalition invaded Iraq. Troops crossed the border from Kuwait.": the
crossing takes March 2003 from the sentence before, labelled `context` (inferred, not
stated), approximate, and no finer than a month (the next sentence may be days on). The
time is set by the last main-clause event the text dates itself; each paragraph starts
afresh. News is not read this way: it tells its events around its own day
(`publication`), and on newswire a date carried from the sentence before was right for
only two events in three.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from graphsvc.model import When
from graphsvc.temporal import calendar as cal
from loaders.text.attachment import tense_of_verb
from loaders.text.events import EventDraft


def carried(when: When) -> When:
    """The story's time as a later event takes it: its month at most, approximate."""
    update: dict[str, object] = {"approximate": True, "basis": "context"}
    if when.precision in ("day", "week"):
        start, end = cal.month_span(when.start.year, when.start.month)
        update |= {"start": start, "end": end, "precision": "month"}
    return when.model_copy(update=update)


class StoryTime:
    """The reference time carried from sentence to sentence of one paragraph."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.current: When | None = None

    def read(self, drafts: Iterable[EventDraft]) -> Iterator[EventDraft]:
        """The sentence's events, undated past ones dated by the story's time, which
        the sentence's main event then sets for the sentences after it."""
        drafts = list(drafts)
        for draft in drafts:
            if self._carries_to(draft):
                draft.when = carried(self.current)
            yield draft
        for draft in drafts:
            stated = draft.when is not None and draft.when.basis == "text"
            if stated and draft.trigger.dep_ == "ROOT":
                self.current = draft.when

    def _carries_to(self, draft: EventDraft) -> bool:
        if not self.enabled or self.current is None or draft.when is not None:
            return False
        if draft.factuality not in ("asserted", "reported"):
            return False
        trigger = draft.trigger
        return trigger.pos_ in ("VERB", "AUX") and tense_of_verb(trigger) == "past"
