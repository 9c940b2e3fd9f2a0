"""Actors: the names of each paragraph, then one actor per referent over the article.

`graphsvc_names` needs only its paragraph's parse, so it runs where the parse runs (in
a worker process when the load is parallel). `graphsvc_actors` clusters the names of
the whole article (a surname joins the full name a later paragraph gives; kinds from
the strongest evidence over all mentions: `loaders.text.actors`, `loaders.text.kinds`),
maps them to the store's actors when a resolver came with the article, and writes on
each paragraph which actor each named token refers to.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graphsvc.model import Actor, ActorKind
from loaders.text.actors import Mention, find_mentions, resolve_actors, surname_mentions
from loaders.text.components.document import DocumentStep, Reading
from loaders.text.components.extensions import doc_attrs
from loaders.text.token_actor import TokenActor

#: What the actor rules read of spaCy's annotation. (`token.pos` too, which the model's
#: attribute_ruler sets without declaring it, so it is left out here.)
_PARSE = ["token.dep", "token.head", "token.tag", "token.lemma", "doc.ents", "doc.sents"]


@Language.component("graphsvc_names", requires=_PARSE, assigns=doc_attrs("actor_mentions"))
def names(doc: Doc) -> Doc:
    """The paragraph's named actor mentions, with the kind each one's evidence gives."""
    doc._.actor_mentions = find_mentions(doc)
    return doc


class Actors(DocumentStep):
    """`graphsvc_actors`: the article's actors, and on each paragraph the actor of each
    named token."""

    def read(self, docs: list[Doc], reading: Reading) -> None:
        paragraphs = [(doc._.graph_offset, doc) for doc in docs]
        mentions: list[tuple[int, Mention]] = [
            (start, m) for start, doc in paragraphs for m in doc._.actor_mentions
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
            mentions += [
                (start, m) for m in surname_mentions(doc, surnames, taken.get(start, set()))
            ]
        clusters = resolve_actors([m for _, m in mentions], reading.prepared.text)
        found = {id(c): c.actor() for c in clusters.values()}
        resolver = reading.resolver
        resolution = resolver(list(found.values())) if resolver is not None else None
        if resolution is not None:
            found = {key: resolution.actors.get(a.id, a) for key, a in found.items()}
        actors: dict[str, Actor] = {}
        for actor in found.values():
            actors[actor.id] = _merged(actors.get(actor.id), actor)
        refs_by_paragraph: dict[int, dict[int, TokenActor]] = {start: {} for start, _ in paragraphs}
        for index, (start, mention) in enumerate(mentions):
            actor = found[id(clusters[index])]
            ref = TokenActor(actor.id, actor.name, actor.kind)
            for token in mention.span:
                refs_by_paragraph[start][token.i] = ref
        same_as = tuple(resolution.same_as) if resolution is not None else ()
        for start, doc in paragraphs:
            doc._.graph_actors = refs_by_paragraph[start]
            doc._.document_actors = actors
            doc._.same_as = same_as


@Language.factory(
    "graphsvc_actors",
    requires=doc_attrs("graph_document", "graph_offset", "actor_mentions"),
    assigns=doc_attrs("graph_actors", "document_actors", "same_as"),
)
def make_actors(nlp: Language, name: str) -> Actors:
    return Actors()


def _merged(kept: Actor | None, actor: Actor) -> Actor:
    """Two names of the text that are one stored actor: one actor with both alias lists."""
    if kept is None:
        return actor
    aliases = tuple(dict.fromkeys((*kept.aliases, *actor.aliases, actor.name)))
    return kept.model_copy(update={"aliases": tuple(a for a in aliases if a != kept.name)})


def places(actors: dict[str, Actor]) -> dict[str, TokenActor]:
    """The article's place actors by name: what a nationality adjective may mean
    ("Ruritanian troops": Ruritania, when the article names it)."""
    return {
        a.name: TokenActor(a.id, a.name, a.kind)
        for a in actors.values()
        if a.kind == ActorKind.place
    }
