"""The article a paragraph belongs to, and the steps that read a whole article at once.

A pronoun's antecedent is often in the paragraph before, an actor's full name in a later
one, a story's year in an earlier one: these steps need every paragraph of the article.
`nlp.pipe` hands components one Doc at a time, so a `DocumentStep` gathers the
paragraphs of one article (the Docs that share its `doc._.graph_document`) and reads
them together before passing them on. The article itself comes with the call, as
spaCy's per-call component settings:

    nlp.pipe(prepared.paragraphs(),
             component_cfg={"graphsvc_document": {"prepared": prepared, "resolver": r}})

and `graphsvc_document` puts it on each Doc. A Doc read without an article (`nlp(text)`)
passes through the document steps untouched: only its parse and named mentions are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from loaders.text.components.extensions import doc_attrs
from loaders.text.document_dates import DocumentDates
from loaders.text.prepared import ActorResolver, Prepared


@dataclass(frozen=True)
class Reading:
    """The article being read, as every paragraph's Doc holds it (`doc._.graph_document`):
    its text, publication date and paragraph spans, and the store's actors to resolve
    against (None: the article alone)."""

    prepared: Prepared
    resolver: ActorResolver | None = None

    @property
    def paragraphs(self) -> int:
        return len(self.prepared.spans)


def _articles(stream: Iterable[Doc]) -> Iterator[list[Doc]]:
    """The stream's Docs grouped by article, in order; a Doc of no article alone."""
    group: list[Doc] = []
    reading: Reading | None = None  # the group's article (its first Doc's), read once
    for doc in stream:
        current = doc._.graph_document
        if group and (current is None or current is not reading):
            yield group
            group = []
        if not group:
            reading = current
        group.append(doc)
    if group:
        yield group


def _of(group: list[Doc]) -> Reading | None:
    reading: Reading | None = group[0]._.graph_document
    return reading


class DocumentStep:
    """A step over a whole article: `read` gets all its paragraph Docs, in order."""

    def __call__(self, doc: Doc) -> Doc:
        self._run([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for group in _articles(stream):
            self._run(group)
            yield from group

    def _run(self, docs: list[Doc]) -> None:
        reading = _of(docs)
        if reading is None:
            return  # no article: nothing to read against
        if len(docs) != reading.paragraphs:
            raise ValueError(
                f"{type(self).__name__} reads whole articles: it got {len(docs)} of the "
                f"{reading.paragraphs} paragraphs; pass them all in one nlp.pipe call"
            )
        self.read(docs, reading)

    def read(self, docs: list[Doc], reading: Reading) -> None:
        raise NotImplementedError


class ArticleInput:
    """`graphsvc_document`: the article given with the call on each of its paragraphs.
    Every Doc of the call is a paragraph of that one article, in order."""

    def __call__(
        self, doc: Doc, prepared: Prepared | None = None, resolver: ActorResolver | None = None
    ) -> Doc:
        return next(self.pipe([doc], prepared=prepared, resolver=resolver))

    def pipe(
        self,
        stream: Iterable[Doc],
        batch_size: int | None = None,
        prepared: Prepared | None = None,
        resolver: ActorResolver | None = None,
    ) -> Iterator[Doc]:
        if prepared is None:
            yield from stream
            return
        reading = Reading(prepared, resolver)
        docs = list(stream)
        if len(docs) != reading.paragraphs:
            raise ValueError(
                f"the article has {reading.paragraphs} paragraphs but {len(docs)} Docs came"
            )
        for (start, _), doc in zip(prepared.spans, docs, strict=True):
            doc._.graph_document = reading
            doc._.graph_offset = start
        yield from docs


@Language.factory(
    "graphsvc_document",
    assigns=doc_attrs("graph_document", "graph_offset"),
)
def make_document(nlp: Language, name: str) -> ArticleInput:
    return ArticleInput()


class Dates(DocumentStep):
    """`graphsvc_dates`: the article's temporal expressions, read once in order over the
    whole text (`loaders.text.document_dates`), each in the tense of the verb it
    modifies in its paragraph's parse."""

    def read(self, docs: list[Doc], reading: Reading) -> None:
        prepared = reading.prepared
        article = prepared.article
        assert article.published is not None  # prepare() refused articles without one
        paragraphs = [(doc._.graph_offset, doc) for doc in docs]
        dates = DocumentDates(prepared.text, article.published, article.mode, paragraphs)
        for doc in docs:
            doc._.graph_dates = dates


@Language.factory(
    "graphsvc_dates",
    requires=["token.dep", "token.head", "token.tag", *doc_attrs("graph_document", "graph_offset")],
    assigns=doc_attrs("graph_dates"),
)
def make_dates(nlp: Language, name: str) -> Dates:
    return Dates()
