"""`loaders.text.cluster.DaskParser` on a real LocalCluster: the Docs and mentions that
come back are those of a parse in this process, a parse that fails is that article's
failure, and bad addresses are refused before any cluster starts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphsvc.settings import Settings
from loaders.text.cluster import DaskParser, ParseFailed
from loaders.text.cluster_address import BadCluster, check_cluster
from loaders.text.parallel import InlineParser

PARAGRAPHS = [
    "Vladimir Putin met Bashar al-Assad in Moscow on Tuesday, officials said.",
    "Acme Corp. said it had bought Widget Ltd. for $2 billion. Jane Doe approved it.",
]


@pytest.fixture(scope="module")
def parser() -> Iterator[DaskParser]:
    started = DaskParser(Settings().spacy_model, "local:1")
    yield started
    started.close()


def _seen(docs) -> list:
    return [
        (
            [(t.text, t.tag_, t.dep_, t.head.i) for t in doc],
            [(e.text, e.label_) for e in doc.ents],
            [(m.span.start, m.span.end, m.name, m.kind, m.evidence) for m in doc._.actor_mentions],
        )
        for doc in docs
    ]


def test_the_cluster_parse_is_the_parse_here(parser: DaskParser) -> None:
    here = InlineParser(Settings().spacy_model)
    # Several in flight, taken in another order than they finish: each gets its own.
    pending = [parser.submit(PARAGRAPHS[i % 2 :]) for i in range(4)]
    got = [_seen(wait()) for wait in reversed(pending)]
    expected = [_seen(here.submit(PARAGRAPHS[i % 2 :])()) for i in range(4)]
    assert got == expected[::-1]
    assert any(mentions for _, _, mentions in got[0])
    assert parser.threads() == 1


def test_a_parse_that_fails_on_a_worker_is_that_article_s_failure(parser: DaskParser) -> None:
    broken = parser.submit([None])  # type: ignore[list-item]
    fine = parser.submit(PARAGRAPHS)
    with pytest.raises(ParseFailed, match="the parse failed on a worker"):
        broken()
    assert len(fine()) == len(PARAGRAPHS)


@pytest.mark.parametrize("value", ["local:0", "local:", "8786", "localhost:8786", "http://h:1"])
def test_bad_addresses_are_refused(value: str) -> None:
    with pytest.raises(BadCluster, match="--cluster"):
        check_cluster(value)


def test_good_addresses() -> None:
    assert check_cluster("local:4") == 4
    assert check_cluster("tcp://10.0.0.5:8786") is None
    assert check_cluster("tls://scheduler.example:8786") is None
