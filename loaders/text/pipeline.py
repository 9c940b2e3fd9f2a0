"""One article in, one GraphBatch out: clean, parse, find actors, events, relations.

Every fact keeps its document, sentence and character offsets in the original text.
Lines longer than `MAX_SPAN_CHARS` are parsed in pieces, so no sentence is longer, and
no step compares every item with every other: a document costs about its length,
whatever its sentences look like.

The steps are spaCy components (`loaders.text.components`), added to the model by
`loaders.text.nlp`: `nlp.pipe` over the article's paragraphs runs them all, and the
batch is assembled from what they left on the Docs (`loaders.text.assemble`).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from graphsvc.model import GraphBatch
from loaders.text.article import Article
from loaders.text.assemble import EXTRACTOR, batch_of
from loaders.text.components import paragraph_steps
from loaders.text.nlp import load_pipeline
from loaders.text.prepared import ActorResolver, Prepared, article_text, prepare

__all__ = [
    "EXTRACTOR",
    "ActorResolver",
    "Prepared",
    "article_text",
    "build",
    "extract",
    "prepare",
    "read",
]


def _settings(prepared: Prepared, resolver: ActorResolver | None) -> dict[str, dict[str, object]]:
    """The article, as spaCy hands it to the component that puts it on the Docs."""
    return {"graphsvc_document": {"prepared": prepared, "resolver": resolver}}


def read(prepared: Prepared, nlp: Language, resolver: ActorResolver | None = None) -> GraphBatch:
    """The batch of a prepared article, parsed and read by `nlp`'s components."""
    docs = list(nlp.pipe(prepared.paragraphs(), component_cfg=_settings(prepared, resolver)))
    return batch_of(prepared, docs)


def extract(article: Article, model: str, resolver: ActorResolver | None = None) -> GraphBatch:
    """Actors, dated events and relations of one article, as one batch. `resolver`
    (`graphsvc.resolve.StoreResolver`) maps the article's actors to those a store
    already holds before events are built, so event ids use the stored actors' ids."""
    return read(prepare(article), load_pipeline(model), resolver)


def build(
    prepared: Prepared,
    docs: Iterable[Doc],
    nlp: Language,
    resolver: ActorResolver | None = None,
) -> GraphBatch:
    """The batch of a prepared article from its paragraphs already parsed (one Doc a
    span, in order, through the steps that need no article: `paragraph_steps`). Split
    from the parse so the parse can run in other processes while the rest, which
    resolves against the store and must see the articles before, runs here."""
    docs = nlp.pipe(docs, disable=paragraph_steps(nlp), component_cfg=_settings(prepared, resolver))
    return batch_of(prepared, list(docs))
