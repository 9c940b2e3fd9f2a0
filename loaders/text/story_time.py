"""The time a story is at, sentence by sentence, for clauses whose tense needs one.

A past progressive tells what was going on at a time the text has just set ("On Aug. 7
the ambassador had just ended a news conference. They were talking when the bomb went
off"): the talking, and the explosion that interrupted it, are of 7 August, not of the
publication day. The reference time is the one past date the last dated sentence stated
for its events; a sentence told of the publication days, or of several dates, ends it.
Dates given this way are labelled `context` (carried from earlier text).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from graphsvc.model import When
from loaders.text.attachment import clause_chain
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

    def read(self, sentence: Span, drafts: list[EventDraft]) -> None:
        """Date the events of a past-progressive main clause that state no date by the
        reference time (a publication day inferred for them gives way), then move the
        reference time to what this sentence states."""
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
        elif stated or any(d.when is not None and d.when.basis == "publication" for d in drafts):
            self.reference = None
