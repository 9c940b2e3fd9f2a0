"""`graphsvc_events`: each sentence's events, with participants, date and factuality.

`loaders.text.events` finds them (participants from the parse and `graph_actors`,
dates attached by `loaders.text.attachment` and `loaders.text.event_dating`,
factuality by `loaders.text.factuality`); this step gives it what the article says
around each sentence: its dates as the whole text reads them, whether the article is
news (undated events then fall on the publication day), and whether the paragraph has
moved back in time.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from loaders.text.attachment import clause_chain
from loaders.text.components.actors import places
from loaders.text.components.document import DocumentStep, Reading
from loaders.text.components.extensions import doc_attrs
from loaders.text.event_reference import date_by_occasion, resolve_references
from loaders.text.events import EventDraft, find_events
from loaders.text.span_text import span_text
from loaders.text.story_time import StoryTime
from loaders.text.transcript import is_transcript

#: How far before publication a stated date moves a paragraph out of the news of the day.
_DAYS_BACK = 7


class Events(DocumentStep):
    def read(self, docs: list[Doc], reading: Reading) -> None:
        published = reading.prepared.article.published
        assert published is not None  # prepare() refused articles without one
        dates = docs[0]._.graph_dates
        news = dates.mode == "news"
        known_places = places(docs[0]._.document_actors)
        story = StoryTime(published)
        # A broadcast's present is its day, whatever the years it talks about.
        broadcast = is_transcript(reading.prepared.text)
        found: list[list[EventDraft]] = []
        for doc in docs:
            start = doc._.graph_offset
            actor_at = doc._.graph_actors
            back_then = False  # the paragraph has moved to an earlier time
            found.append([])
            for sentence in doc.sents:
                if not span_text(sentence).strip():
                    continue  # a run of blanks: no sentence to cite
                expressions = dates.in_span(start + sentence.start_char, start + sentence.end_char)
                drafts = find_events(
                    sentence,
                    actor_at,
                    published,
                    news and not back_then,
                    expressions,
                    known_places,
                    on_air=broadcast and not back_then,
                )
                story.read(sentence, drafts)
                back_then = _moved_back(drafts, published, back_then)
                found[-1] += drafts
        every = [draft for drafts in found for draft in drafts]
        resolve_references(every)
        date_by_occasion(every)
        for doc, drafts in zip(docs, found, strict=True):
            doc._.event_drafts = [d for d in drafts if not (d.pending and d.when is None)]


@Language.factory(
    "graphsvc_events",
    requires=[
        "token.dep",
        "token.head",
        "token.tag",
        "token.lemma",
        "doc.sents",
        *doc_attrs("graph_document", "graph_offset", "graph_dates", "graph_actors"),
        *doc_attrs("document_actors"),
    ],
    assigns=doc_attrs("event_drafts"),
)
def make_events(nlp: Language, name: str) -> Events:
    return Events()


def _moved_back(drafts: list[EventDraft], published: date, before: bool) -> bool:
    """Whether the paragraph now tells an earlier time: its last sentence dates events
    a week or more before publication ("He was found on Nov. 25 ... His mother died
    when the boat sank"); the next sentences' undated events are then not the day's
    news. A sentence with no stated date leaves it as it was; nor does the date of a
    noun deep in it ("reports near the scene of the Oct. 23 slaying", not "ended a
    news conference") or of a relative clause: those tell background."""
    stated = [
        d.when
        for d in drafts
        if d.when is not None
        and d.when.basis == "text"
        and (d.trigger.pos_ in ("VERB", "AUX") or d.trigger.head.dep_ == "ROOT")
        and not any(v.dep_ == "relcl" for v in clause_chain(d.trigger))
    ]
    if not stated:
        return before
    latest = max(w.end for w in stated)
    return (published - latest).days >= _DAYS_BACK
