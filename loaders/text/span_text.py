"""A span's text, cut from its Doc's text instead of joined from its tokens.

spaCy builds `Span.text` (and `Doc.text`) anew on every read, token by token, and the
loader's steps read every sentence's text several times (to skip blank runs, to cite
it, to match patterns in it). The Doc's text is joined once and kept with the Doc;
each span's text is then a slice of it, the same string `Span.text` gives.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Where the Doc's joined text is kept (`Doc.user_data`, which travels with the Doc).
_TEXT_KEY = "graphsvc_text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined on the first read only."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """The span's text (`Span.text`: from its first token to its last, no trailing
    whitespace), as a slice of the Doc's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]
