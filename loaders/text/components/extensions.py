"""The Doc attributes the loader's components read and write, in one place.

Each paragraph of an article is its own `Doc`. A component's results for that
paragraph go on its Doc; a result of the whole article (its actors, its relations) is
one object that every paragraph's Doc holds. Components declare which of these they
read (`requires`) and write (`assigns`), so `nlp.analyze_pipes()` can check the order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Name -> what it holds. Defaults are None: a mutable default would be one object
#: shared by every Doc.
DOC_EXTENSIONS = {
    "graph_document": "the article this paragraph belongs to (`Reading`)",
    "graph_offset": "where this paragraph starts in the article's text",
    "actor_mentions": "the paragraph's named actor mentions (list of `actors.Mention`)",
    "graph_dates": "the article's temporal expressions (`DocumentDates`), one object",
    "document_actors": "the article's actors by id (dict of `Actor`), one object",
    "same_as": "same-as candidates against the store (tuple of `SameAs`), one object",
    "graph_actors": "token index -> the `TokenActor` the token refers to: named, then resolved",
    "resolved_mentions": "pronouns and descriptions resolved in this paragraph (`Resolved`)",
    "event_drafts": "the paragraph's events as its sentences tell them (`EventDraft`), in order",
    "graph_relations": "the article's relations, with tenure (tuple of `Relation`), one object",
}


def register() -> None:
    """Declare the attributes (once per process; spaCy keeps them on the class)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("resolved_actor"):
        Token.set_extension("resolved_actor", default=None)


def doc_attrs(*names: str) -> list[str]:
    """`doc._.NAME` for spaCy's `requires` and `assigns`, checked against the list."""
    unknown = [n for n in names if n not in DOC_EXTENSIONS]
    if unknown:
        raise ValueError(f"undeclared Doc attributes: {unknown}")
    return [f"doc._.{n}" for n in names]
