"""`graphsvc_relations`: the relations the article's sentences state, with their tenure.

Each sentence's relations come from `loaders.text.relations` (one relation per source,
type, target and role over the article, its mentions merged), and for the pairs of
actors no rule joins, from the learned reader (`relations.learned`, basis `learned`);
then the article's dated events give role relations the start and end no sentence of
the role states (`loaders.text.tenure`: "She stepped down as chief executive in June 2018").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graphsvc.model import Relation, When
from loaders.text.components.actors import places
from loaders.text.components.document import DocumentStep, Reading
from loaders.text.components.extensions import doc_attrs
from loaders.text.events import EventDraft, particles
from loaders.text.relations import find_relations, merged, relation_of
from loaders.text.relations.inside import places_inside
from loaders.text.relations.learned import learned_relations
from loaders.text.span_text import span_text
from loaders.text.tenure import TenureEvent, with_tenure
from loaders.text.token_actor import TokenActor


class Relations(DocumentStep):
    def read(self, docs: list[Doc], reading: Reading) -> None:
        prepared = reading.prepared
        published = prepared.article.published
        assert published is not None  # prepare() refused articles without one
        dates = docs[0]._.graph_dates
        actors = docs[0]._.document_actors
        known_places = places(actors)
        # "U.S. Congress", "Bank of Canada": a place the name holds, when the document
        # names it too (not made an actor of its own: see docs/relations.md)
        held = {
            org: TokenActor(p.id, actors[p.id].name, p.kind)
            for org, p in places_inside(actors.values()).items()
            if p.id in actors
        }
        relations: dict[tuple[str, str, str, str], Relation] = {}
        learned: list[Relation] = []
        tenure_events: list[TenureEvent] = []
        for doc in docs:
            start = doc._.graph_offset
            actor_at = doc._.graph_actors  # read once a paragraph, not once a sentence
            for draft in doc._.event_drafts:
                if draft.when is not None:
                    sentence = draft.sentence
                    bounds = (start + sentence.start_char, start + sentence.end_char)
                    tenure_events.append(_tenure_event(draft, draft.when, bounds))
            for sentence in doc.sents:
                if not span_text(sentence).strip():
                    continue  # a run of blanks: no sentence to cite
                expressions = dates.in_span(start + sentence.start_char, start + sentence.end_char)
                for rel in find_relations(sentence, actor_at, known_places, expressions, held):
                    relation = relation_of(
                        rel, prepared.document.id, published, start + sentence.start_char
                    )
                    relations[relation.key] = merged(relations.get(relation.key), relation)
                learned += learned_relations(
                    sentence, actor_at, prepared.document.id, published, start
                )
        # the rules read first: a pair they relate anywhere in the article keeps their
        # reading, and the model only adds pairs no rule joins (docs/relations.md)
        ruled = {frozenset((r.source, r.target)) for r in relations.values()}
        for relation in learned:
            if frozenset((relation.source, relation.target)) not in ruled:
                relations[relation.key] = merged(relations.get(relation.key), relation)
        found = tuple(with_tenure(relations.values(), tenure_events))
        for doc in docs:
            doc._.graph_relations = found


@Language.factory(
    "graphsvc_relations",
    requires=[
        "token.dep",
        "token.head",
        "token.tag",
        "token.lemma",
        "doc.sents",
        *doc_attrs("graph_document", "graph_offset", "graph_dates", "graph_actors"),
        *doc_attrs("document_actors", "event_drafts"),
    ],
    assigns=doc_attrs("graph_relations"),
)
def make_relations(nlp: Language, name: str) -> Relations:
    return Relations()


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
        text=span_text(sentence).lower(),
    )
