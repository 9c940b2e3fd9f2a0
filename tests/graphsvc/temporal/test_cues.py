"""The fast scans of cues.py (sentence ends, tense cue words, "-ed" words read from the
folded bytes) find exactly what their plain patterns find: on the development texts
and on generated texts mixing cue words with the characters where a shortcut could go
wrong (apostrophes, Unicode letters and spaces, line breaks, stops before capitals)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.temporal.cues import (
    PLAIN_FUTURE,
    PLAIN_PAST,
    PLAIN_SENTENCE_END,
    TenseCues,
    sentence_spans,
)
from graphsvc.temporal.scan import folded_bytes


def plain_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in PLAIN_SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def plain_cues(text: str) -> list[tuple[int, int, str]]:
    cues = [(m.start(), m.end(), "future") for m in PLAIN_FUTURE.finditer(text)]
    cues += [(m.start(), m.end(), "past") for m in PLAIN_PAST.finditer(text)]
    return sorted(cues)


def check(text: str) -> None:
    assert sentence_spans(text) == plain_sentences(text)
    assert TenseCues(text, folded_bytes(text)).cues == plain_cues(text)
    assert TenseCues(text).cues == plain_cues(text)  # the plain reading, without bytes


def test_the_fast_scans_equal_the_plain_ones_on_the_development_texts(
    shared_fixtures: Path,
) -> None:
    paths = sorted(shared_fixtures.glob("timeml/*/*.tml"))
    assert paths
    for path in paths:
        check(path.read_text("utf-8"))


def test_cue_words_at_the_edges_of_a_text_and_of_words() -> None:
    text = "Will he? It'll rain; willow wasted. Planned, is due to sail\nwas"
    cues = TenseCues(text, folded_bytes(text)).cues
    assert [text[start:end] for start, end, _tense in cues] == [
        "Will",
        "'ll",
        "wasted",
        "Planned",
        "Planned",
        "is due",
        "was",
    ]
    check(text)


WORDS = [
    "will", "Will", "'ll", "it'll", "shall", "going to", "is due", "due to", "next",
    "was", "WAS", "were", "has been", "said", "ago", "last", "wanted", "Wasted", "ended",
    "bed", "red", "seed", "speed", "\u00e9ted", "caf\u00e9ed", "\u212aicked", "\u017fpotted",
    "x", "The", "A", "(", "\"", "'", ".", "!", "?", "...", "1998", "\u0663ed",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", "", ", ", ". ", "! ", "\u00a0", "-", "_", "\u2019"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_fast_scans_equal_the_plain_ones_on_generated_texts(text: str) -> None:
    check(text)
