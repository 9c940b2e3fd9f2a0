"""The hand-made example records agree with the sample article and its reference.

Sources must quote the article at their offsets; every reference actor, required event
(with its date tolerance) and relation must be in the records.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from graphsvc.model import GraphBatch
from graphsvc.store.embedded.memory import MemoryGraph

ARTICLE = "articles/putin-assad-step-down.txt"
GOLD = "gold/putin-assad-step-down.json"


@pytest.fixture(scope="module")
def graph(example_batch: GraphBatch) -> MemoryGraph:
    graph = MemoryGraph()
    graph.apply(example_batch)
    return graph


@pytest.fixture(scope="module")
def gold(shared_fixtures: Path) -> dict:
    return json.loads((shared_fixtures / GOLD).read_text(encoding="utf-8"))


def _one_actor(graph: MemoryGraph, name: str) -> str:
    found = graph.resolve_name(name)
    assert len(found) == 1, f"{name!r} resolves to {found or 'nothing'}"
    return next(iter(found))


def test_sources_quote_the_article_at_their_offsets(example_batch, shared_fixtures) -> None:
    article = (shared_fixtures / ARTICLE).read_text(encoding="utf-8")
    assert example_batch.documents[0].text_sha256 == hashlib.sha256(article.encode()).hexdigest()
    sources = [s for e in example_batch.events for s in e.sources]
    assert sources
    for source in sources:
        assert article[source.char_start : source.char_end] == source.sentence


def test_size_of_the_example(example_batch: GraphBatch) -> None:
    assert len(example_batch.actors) >= 12
    assert sum(1 for a in example_batch.actors if a.aliases) >= 8
    dated = [e for e in example_batch.events if e.when]
    assert len(dated) >= 7
    assert all(e.sources and e.participants for e in example_batch.events)
    assert {e.when.precision for e in dated} >= {"day", "week", "month", "quarter"}


def test_every_reference_actor_and_alias_is_one_actor(graph: MemoryGraph, gold: dict) -> None:
    for actor in gold["actors"]:
        actor_id = _one_actor(graph, actor["name"])
        assert graph.actors[actor_id].kind == actor["kind"]
        for alias in actor["aliases"]:
            assert _one_actor(graph, alias) == actor_id
    for chrome in gold["not_actors"]:
        assert not graph.resolve_name(chrome), f"page chrome {chrome!r} is an actor"


def _date_ok(start: date, end: date, expected: dict) -> bool:
    lo, hi = expected.get("start_range", [expected.get("start")] * 2)
    end_lo, end_hi = expected.get("end_range", [expected.get("end")] * 2)
    return date.fromisoformat(lo) <= start <= date.fromisoformat(hi) and date.fromisoformat(
        end_lo
    ) <= end <= date.fromisoformat(end_hi)


def test_every_reference_event_with_its_date(graph: MemoryGraph, gold: dict) -> None:
    for expected in gold["events"]:
        wanted = {_one_actor(graph, name) for name in expected["participants"]}
        matches = [
            e
            for e in graph.events.values()
            if e.when
            and wanted <= {p.actor for p in e.participants}
            and any(expected["evidence"] in s.sentence for s in e.sources)
        ]
        assert matches, f"no event for {expected['key']}"
        assert any(_date_ok(e.when.start, e.when.end, expected["date"]) for e in matches), (
            f"{expected['key']}: dates {[(e.when.start, e.when.end) for e in matches]}"
        )


def test_every_reference_relation(graph: MemoryGraph, gold: dict) -> None:
    for expected in gold["relations"]:
        key = (
            _one_actor(graph, expected["source"]),
            expected["type"],
            _one_actor(graph, expected["target"]),
        )
        found = [r for r in graph.relations.values() if (r.source, r.type, r.target) == key]
        assert found, f"missing relation {key}"
        assert expected["evidence"] in (found[0].sentence or "")
