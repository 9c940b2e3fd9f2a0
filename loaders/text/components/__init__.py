"""The text loader's steps as spaCy pipeline components, added after the model's own.

    graphsvc_names      each paragraph's named actor mentions     doc._.actor_mentions
    graphsvc_document   the article the paragraph belongs to      doc._.graph_document
    graphsvc_dates      the article's temporal expressions        doc._.graph_dates
    graphsvc_actors     one actor per referent, token -> actor    doc._.graph_actors
    graphsvc_mentions   pronouns and descriptions resolved        doc._.graph_actors
    graphsvc_events     each sentence's events                    doc._.event_drafts
    graphsvc_relations  relations, with tenure from the events    doc._.graph_relations

Each declares what it reads and writes (`nlp.analyze_pipes()` checks the order), so a
new step is one more component: `nlp.add_pipe("my_step", after="graphsvc_events")`
reads and writes the same attributes, and the batch (`loaders.text.assemble`) is
made from them. Steps before `graphsvc_document` need only their paragraph's parse and
run where the parse runs (`loaders.text.parallel`); see docs/loader.md.
"""

from __future__ import annotations

from spacy.language import Language

from loaders.text.components import actors, document, events, extensions, mentions, relations

extensions.register()

#: The loader's components, in pipeline order.
STEPS = (
    "graphsvc_names",
    "graphsvc_document",
    "graphsvc_dates",
    "graphsvc_actors",
    "graphsvc_mentions",
    "graphsvc_events",
    "graphsvc_relations",
)
#: The first step that reads the whole article: the ones before it run on the parse alone.
ARTICLE_START = "graphsvc_document"

__all__ = [
    "ARTICLE_START",
    "STEPS",
    "actors",
    "add_components",
    "article_steps",
    "document",
    "events",
    "mentions",
    "paragraph_steps",
    "relations",
]


def add_components(nlp: Language) -> Language:
    """Add the loader's steps the pipeline does not have yet, after its own."""
    for name in STEPS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def paragraph_steps(nlp: Language) -> list[str]:
    """The pipes that run on each paragraph alone: everything before `graphsvc_document`."""
    names = nlp.pipe_names
    return names[: names.index(ARTICLE_START)]


def article_steps(nlp: Language) -> list[str]:
    """The pipes that read the whole article: `graphsvc_document` and all after it."""
    names = nlp.pipe_names
    return names[names.index(ARTICLE_START) :]
