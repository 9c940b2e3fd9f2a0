"""One article in, one GraphBatch out: clean, parse, find actors, events, relations.

Every fact keeps its document, sentence and character offsets in the original text.
Lines longer than `MAX_SPAN_CHARS` are parsed in pieces, so no sentence is longer, and
no step compares every item with every other: a document costs about its length,
whatever its sentences look like.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Doc

from graphsvc.errors import InvalidInput
from graphsvc.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    GraphBatch,
    Participant,
    Relation,
    Source,
    When,
)
from loaders.text.actors import Mention, find_mentions, resolve_actors, surname_mentions
from loaders.text.article import Article
from loaders.text.clean import article_spans, bounded_spans, html_to_text
from loaders.text.document_dates import DocumentDates
from loaders.text.events import ActorRef, EventDraft, find_events, particles
from loaders.text.mentions import resolve_mentions
from loaders.text.nlp import load_pipeline
from loaders.text.participants import strongest
from loaders.text.relations import find_relations, merged, relation_of
from loaders.text.relations.inside import places_inside
from loaders.text.tenure import TenureEvent, with_tenure

if TYPE_CHECKING:
    from graphsvc.resolve import Resolution

EXTRACTOR = "graphsvc-text/1"


class ActorResolver(Protocol):
    """Maps a document's actors to the store's (`graphsvc.resolve.StoreResolver`)."""

    def __call__(self, actors: list[Actor]) -> Resolution: ...


def article_text(article: Article) -> tuple[str, Article]:
    """The article's text (HTML cleaned), with the date and title the page gives."""
    if article.text and article.text.strip():
        return article.text, article
    text, published, title = html_to_text(article.html or "")
    if not text.strip():
        raise InvalidInput("no article text found in the HTML")
    update = {}
    if article.published is None and published is not None:
        update["published"] = published
    if article.title is None and title:
        update["title"] = title
    return text, article.model_copy(update=update)


@dataclass(frozen=True)
class Prepared:
    """An article checked and cut into the paragraphs to parse: everything before
    spaCy, cheap, and where bad input is refused (so a parallel load refuses it before
    it reaches a worker)."""

    article: Article
    text: str
    spans: list[tuple[int, int]]
    document: Document

    def paragraphs(self) -> list[str]:
        return [self.text[a:b] for a, b in self.spans]


def prepare(article: Article) -> Prepared:
    """The article's text and paragraphs; InvalidInput if there is nothing to read."""
    text, article = article_text(article)
    if article.published is None:
        raise InvalidInput(
            "the article has no publication date: give `published` (YYYY-MM-DD); relative "
            "dates such as 'in August' are read against it",
            errors=[{"field": "published", "message": "required"}],
        )
    spans = bounded_spans(text, article_spans(text))
    if not spans:
        raise InvalidInput("the text holds no article sentences (only page chrome or fragments)")
    return Prepared(article, text, spans, article.document(text))


def extract(article: Article, model: str, resolver: ActorResolver | None = None) -> GraphBatch:
    """Actors, dated events and relations of one article, as one batch. `resolver`
    (`graphsvc.resolve.StoreResolver`) maps the article's actors to those a store
    already holds before events are built, so event ids use the stored actors' ids."""
    prepared = prepare(article)
    nlp = load_pipeline(model)
    return build(prepared, list(nlp.pipe(prepared.paragraphs())), resolver)


def build(
    prepared: Prepared,
    docs: Sequence[Doc],
    resolver: ActorResolver | None = None,
    found_mentions: Sequence[list[Mention]] | None = None,
) -> GraphBatch:
    """The batch of a prepared article from its parsed paragraphs (one Doc a span, in
    order) and, if already found, each paragraph's `find_mentions`. Split from the
    parse so the parse (and the mentions, which need nothing else) can run in other
    processes while the resolution against the store, which must see the articles
    before, stays here."""
    text, article, spans, document = (
        prepared.text,
        prepared.article,
        prepared.spans,
        prepared.document,
    )
    if article.published is None:  # prepare() refused those; for the type checker
        raise InvalidInput("the article has no publication date")

    actors: dict[str, Actor] = {}
    events: dict[str, Event] = {}
    sources: dict[str, dict[Source, None]] = {}
    relations: dict[tuple[str, str, str, str], Relation] = {}
    tenure_events: list[TenureEvent] = []

    paragraphs = [(start, doc) for (start, _), doc in zip(spans, docs, strict=True)]
    dates = DocumentDates(text, article.published, article.mode, paragraphs)
    news = dates.mode == "news"
    if found_mentions is None:
        found_mentions = [find_mentions(doc) for _, doc in paragraphs]
    mentions = [
        (start, m)
        for (start, _), found in zip(paragraphs, found_mentions, strict=True)
        for m in found
    ]
    surnames = {
        m.name.split()[-1]
        for _, m in mentions
        if m.kind == ActorKind.person and len(m.name.split()) >= 2
    }
    taken: dict[int, set[int]] = {}
    for start, mention in mentions:
        taken.setdefault(start, set()).update(t.i for t in mention.span)
    for start, doc in paragraphs:
        mentions += [(start, m) for m in surname_mentions(doc, surnames, taken.get(start, set()))]
    clusters = resolve_actors([m for _, m in mentions], text)
    found = {id(c): c.actor() for c in clusters.values()}
    resolution = resolver(list(found.values())) if resolver is not None else None
    if resolution is not None:
        found = {key: resolution.actors.get(a.id, a) for key, a in found.items()}
    for actor in found.values():
        actors[actor.id] = _merged(actors.get(actor.id), actor)
    refs_by_paragraph: dict[int, dict[int, ActorRef]] = {}
    for index, (start, mention) in enumerate(mentions):
        actor = found[id(clusters[index])]
        ref = ActorRef(actor.id, actor.name, actor.kind)
        for token in mention.span:
            refs_by_paragraph.setdefault(start, {})[token.i] = ref
    # Pronouns and descriptions ("he", "the company") resolved across the paragraphs,
    # added where no name is: events then take them as participants, marked resolved.
    for item in resolve_mentions(paragraphs, refs_by_paragraph, actors):
        for index in item.tokens:
            refs_by_paragraph.setdefault(item.paragraph, {}).setdefault(index, item.ref)
    # "U.S. Congress", "Bank of Canada": a place the name holds, when the document names
    # it too (not made an actor of its own: see docs/relations.md)
    inside = places_inside(actors.values())
    held = {
        org: ActorRef(p.id, actors[p.id].name, p.kind)
        for org, p in inside.items()
        if p.id in actors
    }
    places = {
        a.name: ActorRef(a.id, a.name, a.kind) for a in actors.values() if a.kind == ActorKind.place
    }

    for start, doc in paragraphs:
        actor_at = refs_by_paragraph.get(start, {})
        back_then = False  # the paragraph has moved to an earlier time
        for sentence in doc.sents:
            if not sentence.text.strip():
                continue  # a run of blanks: no sentence to cite
            expressions = dates.in_span(start + sentence.start_char, start + sentence.end_char)
            drafts = find_events(
                sentence,
                actor_at,
                article.published,
                news and not back_then,
                expressions,
                places,
            )
            back_then = _moved_back(drafts, article.published, back_then)
            for draft in drafts:
                if draft.when is not None:
                    bounds = (start + sentence.start_char, start + sentence.end_char)
                    tenure_events.append(_tenure_event(draft, draft.when, bounds))
                trigger_start = start + draft.trigger.idx
                event_id = draft.event_id(document.id, trigger_start)
                kept = events.get(event_id)
                told = _event(event_id, draft, sentence.text)
                if kept is None:
                    events[event_id] = told
                else:
                    # One event told twice: the better date, and each actor through
                    # its strongest link ("Turkish jets struck", then "Turkey struck").
                    first = told if _better_dated(draft, kept) else kept
                    joined = strongest(kept.participants, told.participants)
                    events[event_id] = first.model_copy(update={"participants": joined})
                source = Source(
                    document=document.id,
                    sentence=sentence.text.strip() or sentence.text,
                    char_start=start + sentence.start_char,
                    char_end=start + sentence.end_char,
                    trigger_start=trigger_start,
                    trigger_end=trigger_start + len(draft.trigger.text),
                    extractor=EXTRACTOR,
                )
                sources.setdefault(event_id, {})[source] = None
            for rel in find_relations(sentence, actor_at, places, expressions, held):
                relation = relation_of(
                    rel, document.id, article.published, start + sentence.start_char
                )
                relations[relation.key] = merged(relations.get(relation.key), relation)
    return GraphBatch(
        replaces=(document.id,),
        documents=(document,),
        actors=tuple(actors.values()),
        events=tuple(
            _merge_undated(
                [e.model_copy(update={"sources": tuple(sources[e.id])}) for e in events.values()],
                {a.id for a in actors.values() if a.kind == ActorKind.place},
            )
        ),
        relations=tuple(with_tenure(relations.values(), tenure_events)),
        same_as=tuple(resolution.same_as) if resolution is not None else (),
    )


def _tenure_event(draft: EventDraft, when: When, bounds: tuple[int, int]) -> TenureEvent:
    """A dated event as the tenure step reads it (`loaders.text.tenure`)."""
    sentence = draft.sentence
    verb = " ".join([draft.trigger.lemma_.lower(), *(p.lower_ for p in particles(draft.trigger))])
    return TenureEvent(
        verb=verb,
        when=when,
        asserted=draft.factuality == "asserted",
        participants=tuple((ref.id, role) for ref, role in draft.participants.values()),
        sentence_start=bounds[0],
        sentence_end=bounds[1],
        text=sentence.text.lower(),
    )


def _merged(kept: Actor | None, actor: Actor) -> Actor:
    """Two names of the text that are one stored actor: one actor with both alias lists."""
    if kept is None:
        return actor
    aliases = tuple(dict.fromkeys((*kept.aliases, *actor.aliases, actor.name)))
    return kept.model_copy(update={"aliases": tuple(a for a in aliases if a != kept.name)})


#: How far before publication a stated date moves a paragraph out of the news of the day.
_DAYS_BACK = 7


def _moved_back(drafts: list[EventDraft], published: date, before: bool) -> bool:
    """Whether the paragraph now tells an earlier time: its last sentence dates events
    a week or more before publication ("He was found on Nov. 25 ... His mother died
    when the boat sank"); the next sentences' undated events are then not the day's
    news. A sentence with no stated date leaves it as it was."""
    stated = [d.when for d in drafts if d.when is not None and d.when.basis == "text"]
    if not stated:
        return before
    latest = max(w.end for w in stated)
    return (published - latest).days >= _DAYS_BACK


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


def _merge_undated(events: list[Event], places: Set[str] = frozenset()) -> list[Event]:
    """An undated mention, or one dated only by the publication day, of an event the
    article dates in its text is the same event. `places`: ids of place actors, which
    place an event as participants ("returned from Pakistan") without telling it apart.

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
        position = _twin(kept, index, event.type, actors)
        if position is None:
            kept.append(event)
            continue
        twin = kept[position]
        known = set(twin.sources)
        extra = tuple(s for s in event.sources if s not in known)
        kept[position] = twin.model_copy(update={"sources": twin.sources + extra})
    return kept


def _twin(
    kept: list[Event], index: dict[tuple[str, str], list[int]], kind: str, actors: set[str]
) -> int | None:
    """Where the first dated event of `kind` whose participants include `actors` is."""
    if not actors:
        return None
    candidates = min((index.get((kind, actor), []) for actor in actors), key=len)
    for position in candidates:
        if actors <= set(_named(kept[position])):
            return position
    return None


def _named(event: Event) -> list[str]:
    """The actors an event is told of by name or resolved mention: an inferred link
    ("Japan's Nikkei fell") is too loose to say two mentions are one event."""
    return [p.actor for p in event.participants if p.basis != "inferred"]
