"""What the text loader reads: one article and its metadata."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graphsvc.model import DOCUMENT_ID_PATTERN, Document, TypedDate, slugify

MAX_TEXT_CHARS = 1_000_000


class Article(BaseModel):
    """An article as loaders receive it; `text` or `html`, and a publication date.

    The publication date anchors every relative date in the text ("in August"), so an
    article without one is refused rather than dated by guesswork.
    """

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, pattern=DOCUMENT_ID_PATTERN, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: TypedDate | None = None
    source: str | None = Field(default=None, max_length=200)
    language: str | None = Field(default="en", max_length=20)
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=5 * MAX_TEXT_CHARS)
    mode: Literal["news", "narrative", "auto"] = Field(
        default="auto",
        description="news: partial dates read around the publication date, undated past "
        "events dated by it (labelled); narrative (histories, biographies): partial dates "
        "read in the year the story is in, nothing dated by publication; auto: decided "
        "from the text (the years it writes out, its 'today' and weekdays).",
    )

    @model_validator(mode="after")
    def _has_content(self) -> Article:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError("the article has no text: give `text` or `html`")
        if self.text and "\x00" in self.text:
            raise ValueError("the text holds NUL bytes: it looks like binary data, not text")
        return self

    def document_id(self, text: str) -> str:
        """The given id, else a readable slug of the title plus a hash of the text."""
        if self.id:
            return self.id
        digest = hashlib.sha256(text.encode()).hexdigest()[:10]
        return f"{slugify(self.title or 'article')[:60]}-{digest}"

    def document(self, text: str) -> Document:
        return Document(
            id=self.document_id(text),
            title=self.title,
            url=self.url,
            published=self.published,
            source=self.source,
            language=self.language,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
