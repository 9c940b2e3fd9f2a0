"""An article checked and cut into the paragraphs to parse: everything before spaCy.

Cheap, and where bad input is refused, so a parallel load refuses it before it reaches
a worker (`loaders.text.parallel`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from graphsvc.errors import InvalidInput
from graphsvc.model import Actor, Document
from loaders.text.article import Article
from loaders.text.clean import article_spans, bounded_spans, html_to_text

if TYPE_CHECKING:
    from graphsvc.resolve import Resolution


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
