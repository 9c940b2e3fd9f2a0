"""The article's GraphBatch, assembled from what the components left on its Docs.

Events: one per event id over the article (an event told twice keeps the better date
and each actor's strongest link), each with every sentence that tells it, in order;
an undated mention of an event the article dates is that event. Actors, relations and
same-as candidates are the article's (`loaders.text.components`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field

from spacy.tokens import Doc

from graphsvc.model import ActorKind, Event, EventType, GraphBatch, Participant, Source
from loaders.text.event_dating import past_perfect
from loaders.text.events import EventDraft
from loaders.text.participants import strongest
from loaders.text.prepared import Prepared
from loaders.text.span_text import span_text

EXTRACTOR = "graphsvc-text/1"


def batch_of(prepared: Prepared, docs: list[Doc]) -> GraphBatch:
    """The batch of an article from its paragraphs' Docs, after the components ran."""
    document = prepared.document
    first = docs[0]
    if first._.graph_document is None or first._.graph_document.prepared is not prepared:
        raise ValueError("the Docs were not read as this article (graphsvc_document)")
    actors = first._.document_actors
    events: dict[str, Event] = {}
    sources: dict[str, dict[Source, None]] = {}
    told_as: dict[str, _Telling] = {}
    for doc in docs:
        start = doc._.graph_offset
        for draft in doc._.event_drafts:
            sentence = draft.sentence
            trigger_start = start + draft.trigger.idx
            # A mention that names an event told elsewhere ("the blast") is that event.
            named = draft.refers_to or draft
            event_id = named.event_id(
                document.id, named.trigger.doc._.graph_offset + named.trigger.idx
            )
            told_as.setdefault(event_id, _Telling()).add(draft)
            kept = events.get(event_id)
            text = span_text(sentence)
            told = _event(event_id, draft, text)
            if kept is None:
                events[event_id] = told
            else:
                # One event told twice: the better date, and each actor through
                # its strongest link ("Turkish jets struck", then "Turkey struck").
                better = told if _better_dated(draft, kept) else kept
                joined = strongest(kept.participants, told.participants)
                events[event_id] = better.model_copy(update={"participants": joined})
            source = Source(
                document=document.id,
                sentence=text.strip() or text,
                char_start=start + sentence.start_char,
                char_end=start + sentence.end_char,
                trigger_start=trigger_start,
                trigger_end=trigger_start + len(draft.trigger.text),
                extractor=EXTRACTOR,
            )
            sources.setdefault(event_id, {})[source] = None
    return GraphBatch(
        replaces=(document.id,),
        documents=(document,),
        actors=tuple(actors.values()),
        events=tuple(
            _merge_undated(
                [e.model_copy(update={"sources": tuple(sources[e.id])}) for e in events.values()],
                {a.id for a in actors.values() if a.kind == ActorKind.place},
                told_as,
            )
        ),
        relations=first._.graph_relations,
        same_as=first._.same_as,
    )


#: How much a date's basis says, most first: a stated date beats an inferred one.
_BASIS_RANK = {"text": 0, "context": 1, "publication": 2}
#: Confidence by basis: a date the text states for the event, or one inferred.
_CONFIDENCE = {"text": 0.7, "context": 0.35, "publication": 0.4}


def _better_dated(draft: EventDraft, kept: Event) -> bool:
    """A later mention that states the date of an event first seen with an inferred one."""
    if draft.when is None:
        return False
    if kept.when is None:
        return True
    return _BASIS_RANK[draft.when.basis] < _BASIS_RANK[kept.when.basis]


def _event(event_id: str, draft: EventDraft, sentence: str) -> Event:
    """The event a draft reports; its sources are gathered apart, each once, in order
    (adding them one by one to a tuple cost the square of their number)."""
    return Event(
        id=event_id,
        type=draft.type,
        summary=draft.summary()[:500] or sentence[:500],
        when=draft.when,
        confidence=_CONFIDENCE[draft.when.basis] if draft.when else 0.5,
        factuality=draft.factuality,
        reported_by=draft.reported_by.id if draft.reported_by else None,
        participants=tuple(
            Participant(actor=ref.id, role=role, basis=ref.basis, mention=ref.mention)
            for ref, role in draft.participants.values()
        ),
    )


def _stated(event: Event) -> bool:
    return event.when is not None and event.when.basis != "publication"


@dataclass
class _Telling:
    """How the mentions of one event id were told: their verbs, and whether every one
    is a past perfect (told as before the story's time, so not a later dated event)."""

    lemmas: set[str] = field(default_factory=set)
    earlier: bool = True

    def add(self, draft: EventDraft) -> None:
        self.lemmas.add(draft.trigger.lemma_.lower())
        self.earlier = self.earlier and past_perfect(draft.trigger)


def _same_event(event: Event, twin: Event, told_as: Mapping[str, _Telling]) -> bool:
    """Whether an undated or publication-dated mention can be the dated twin: an untyped
    event only by the same verb ("cut" is not "wrapped up", whoever did both); a past
    perfect is before the story's time, not a dated event of it; a statement is one only
    by the same verb and on days its inferred date allows (people say many things in
    one story)."""
    mine, theirs = told_as.get(event.id), told_as.get(twin.id)
    if mine is None or theirs is None:
        return True
    if mine.earlier:
        return False
    if event.type in _BY_VERB and not mine.lemmas & theirs.lemmas:
        return False
    if event.type == EventType.statement and event.when is not None and twin.when is not None:
        return twin.when.start <= event.when.end and event.when.start <= twin.when.end
    return True


#: Types whose mentions are one event only when told by the same verb: an untyped
#: event is its verb; "told" is not "announced on Monday", said by the same person.
_BY_VERB = frozenset({EventType.other, EventType.statement})


def _merge_undated(
    events: list[Event],
    places: Set[str] = frozenset(),
    told_as: Mapping[str, _Telling] | None = None,
) -> list[Event]:
    """An undated mention, or one dated only by the publication day, of an event the
    article dates in its text is the same event (`_same_event`). `places`: ids of place
    actors, which place an event as participants ("returned from Pakistan") without
    telling it apart. `told_as`: how each event id's mentions were told.

    Dated events are indexed by (type, participant), so each other one looks only at
    those sharing a participant with it, not at every dated event.
    """
    kept = [e for e in events if _stated(e)]
    index: dict[tuple[str, str], list[int]] = {}
    for position, event in enumerate(kept):
        for actor in dict.fromkeys(_named(event)):
            index.setdefault((event.type, actor), []).append(position)
    for event in (e for e in events if not _stated(e)):
        actors = {
            p.actor
            for p in event.participants
            if p.role != "location" and not (p.role == "participant" and p.actor in places)
        } & set(_named(event))
        position = _twin(
            kept, index, event.type, actors, lambda t, e=event: _same_event(e, t, told_as or {})
        )
        if position is None:
            kept.append(event)
            continue
        twin = kept[position]
        known = set(twin.sources)
        extra = tuple(s for s in event.sources if s not in known)
        kept[position] = twin.model_copy(update={"sources": twin.sources + extra})
    return kept


def _twin(
    kept: list[Event],
    index: dict[tuple[str, str], list[int]],
    kind: str,
    actors: set[str],
    accept: Callable[[Event], bool] = lambda _: True,
) -> int | None:
    """Where the first dated event of `kind` whose participants include `actors` (and
    that `accept` takes) is."""
    if not actors:
        return None
    candidates = min((index.get((kind, actor), []) for actor in actors), key=len)
    for position in candidates:
        if actors <= set(_named(kept[position])) and accept(kept[position]):
            return position
    return None


def _named(event: Event) -> list[str]:
    """The actors an event is told of by name or resolved mention: an inferred link
    ("Japan's Nikkei fell") is too loose to say two mentions are one event."""
    return [p.actor for p in event.participants if p.basis != "inferred"]
