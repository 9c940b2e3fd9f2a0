"""The time a story is at, sentence by sentence, for clauses whose tense needs one.

A past progressive tells what was going on at a time the text has just set ("On Aug. 7
the ambassador had just ended a news conference. They were talking when the bomb went
off"): the talking, and the explosion that interrupted it, are of 7 August, not of the
publication day. The reference time is the one past date the last dated sentence stated
for its events; a sentence told of the publication days, or of several dates, ends it.
Dates given this way are labelled `context` (carried from earlier text).

A past perfect tells what had happened before a time the text has set ("Police
arrested two men on Friday. The men had robbed a bank"; "Acme said Monday it had
signed"): an event with no date of its own is placed before that reference time, an
interval open at its start (`When.open_start`) that keeps it on the timeline without
claiming a day. The reference is the dated clause it depends on in its sentence, else
the story's reference time, else, in news, the publication day (labelled
`publication` then, as the day is inferred from it).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from graphsvc.model import DateBasis, When
from loaders.text.attachment import clause_chain
from loaders.text.event_dating import open_before, past_perfect
from loaders.text.events import EventDraft

_TOLD = ("asserted", "reported")


def past_progressive(verb: Token) -> bool:
    """ "were talking", "was being questioned": going on at a past time."""
    if verb.tag_ != "VBG":
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were") for c in verb.children)


class StoryTime:
    """The story's reference time as the article's sentences are read in order."""

    def __init__(self, published: date) -> None:
        self.published = published
        self.reference: When | None = None

    def _before_reference(self, sentence: Span, drafts: list[EventDraft]) -> None:
        """Place the sentence's undated past-perfect events before their reference time
        (see the module docstring)."""
        by_token = {d.trigger.i: d for d in drafts if d.trigger.pos_ in ("VERB", "AUX")}
        news = getattr(sentence.doc._, "graph_dates", None)
        news = news is not None and news.mode == "news"
        for draft in drafts:
            trigger = draft.trigger
            if draft.when is not None or draft.factuality not in _TOLD:
                continue
            if trigger.i not in by_token or not past_perfect(trigger):
                continue
            reference = _governing_date(trigger, by_token)
            if reference is not None:
                # A clause dated by publication passes that basis on: the bound is
                # inferred from the publication day all the same.
                basis = "publication" if reference.basis == "publication" else "context"
                draft.when = _before(reference, basis)
            elif self.reference is not None:
                draft.when = _before(self.reference, "context")
            elif news:
                published = When(start=self.published, end=self.published, precision="day")
                draft.when = _before(published, "publication")

    def read(self, sentence: Span, drafts: list[EventDraft]) -> None:
        """Date the events of a past-progressive main clause that state no date by the
        reference time (a publication day inferred for them gives way), then move the
        reference time to what this sentence states."""
        self._before_reference(sentence, drafts)
        root = sentence.root
        if self.reference is not None and past_progressive(root):
            carried = self.reference.model_copy(update={"basis": "context"})
            for draft in drafts:
                if (
                    (draft.when is None or draft.when.basis == "publication")
                    and draft.factuality in _TOLD
                    and any(v.i == root.i for v in clause_chain(draft.trigger))
                ):
                    draft.when = carried
        stated = {
            (d.when.start, d.when.end): d.when
            for d in drafts
            if d.when is not None and d.when.basis == "text"
        }
        if len(stated) == 1:
            (when,) = stated.values()
            self.reference = when if when.end < self.published else None
        elif stated or any(
            d.when is not None and d.when.basis == "publication" and not d.when.open_start
            for d in drafts
        ):
            self.reference = None


def _governing_date(trigger: Token, by_token: dict[int, EventDraft]) -> When | None:
    """The date of the nearest clause above the trigger that has one ("said Monday" in
    "Acme said Monday it had signed"); a past perfect it hangs on that is undated too
    is passed over."""
    token = trigger
    while token.head.i != token.i:
        token = token.head
        draft = by_token.get(token.i)
        if draft is not None and draft.when is not None:
            return draft.when
    return None


def _before(reference: When, basis: DateBasis) -> When:
    """Before the reference time: strictly before its last day when it is a day (or
    days), on or before its last day when it is coarser ("in March they had agreed":
    any day up to the end of March may be before the moment meant)."""
    strictly = reference.precision == "day"
    when = open_before(reference.end, reference, strictly=strictly)
    if basis == "publication":
        return when.model_copy(
            update={"basis": basis, "text": None, "approximate": False, "precision": "day"}
        )
    return when.model_copy(update={"basis": basis})
