"""`graphsvc_mentions`: pronouns and descriptions resolved across the article's paragraphs.

The resolver (`loaders.text.mentions`) reads the paragraphs in order, carrying who is
salient from one to the next, so it is a document step. What it resolves is added to
each paragraph's `graph_actors` where no name is ("he", "the company"): the steps after
it take those tokens' actors as they take named ones, marked `resolved`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from loaders.text.components.document import DocumentStep, Reading
from loaders.text.components.extensions import doc_attrs
from loaders.text.mentions import Resolved, resolve_mentions


class Mentions(DocumentStep):
    def read(self, docs: list[Doc], reading: Reading) -> None:
        paragraphs = [(doc._.graph_offset, doc) for doc in docs]
        by_start = dict(paragraphs)
        named = {start: doc._.graph_actors for start, doc in paragraphs}
        resolved: dict[int, list[Resolved]] = {start: [] for start, _ in paragraphs}
        for item in resolve_mentions(paragraphs, named, docs[0]._.document_actors):
            resolved[item.paragraph].append(item)
        for start, items in resolved.items():
            doc = by_start[start]
            doc._.resolved_mentions = items
            for item in items:
                for index in item.tokens:
                    doc._.graph_actors.setdefault(index, item.ref)


@Language.factory(
    "graphsvc_mentions",
    requires=[
        "token.dep",
        "token.head",
        "token.tag",
        "token.lemma",
        "doc.sents",
        *doc_attrs("graph_document", "graph_offset", "graph_actors", "document_actors"),
    ],
    assigns=[*doc_attrs("graph_actors", "resolved_mentions"), "token._.resolved_actor"],
)
def make_mentions(nlp: Language, name: str) -> Mentions:
    return Mentions()
