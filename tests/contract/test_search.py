"""`search`: ranked full-text results, the same on every backend (SQLite FTS5 on the
embedded store, Neo4j's full-text indexes on Neo4j), kept in step with writes,
replacements and merges, and safe against hostile query text."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.service.search import search
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore

SETTINGS = Settings()


def _when(day: date) -> When:
    return When(start=day, end=day, precision="day")


def _event(
    event_id: str,
    kind: str,
    summary: str,
    sentence: str,
    document: str,
    actors: tuple[str, ...],
    day: date | None,
) -> Event:
    return Event(
        id=event_id,
        type=kind,
        summary=summary,
        when=_when(day) if day else None,
        participants=tuple(Participant(actor=a) for a in actors),
        sources=(Source(document=document, sentence=sentence),),
    )


def _batch() -> GraphBatch:
    return GraphBatch(
        documents=(
            Document(
                id="doc-truce", title="Ceasefire talks open in Geneva", published=date(2021, 3, 2)
            ),
            Document(
                id="doc-port", title="Harbour strike halts exports", published=date(2022, 7, 9)
            ),
            Document(id="doc-notitle"),
        ),
        actors=(
            Actor(id="person:ana-ruiz", name="Ana Ruiz", kind="person", aliases=("Minister Ruiz",)),
            Actor(id="organization:dockers-union", name="Dockers Union", kind="organization"),
            Actor(id="place:geneva", name="Geneva", kind="place"),
        ),
        events=(
            _event(
                "event:ceasefire-agreed",
                "agree",
                "Both sides agree a ceasefire in Geneva",
                "Negotiators from both sides agreed a ceasefire on Tuesday in Geneva.",
                "doc-truce",
                ("person:ana-ruiz", "place:geneva"),
                date(2021, 3, 2),
            ),
            _event(
                "event:ruiz-urges-calm",
                "appeal",
                "Ruiz urges calm before the talks",
                "Minister Ruiz urged calm, saying any ceasefire would need monitors.",
                "doc-truce",
                ("person:ana-ruiz",),
                date(2021, 3, 1),
            ),
            _event(
                "event:dockers-strike",
                "protest",
                "Dockers strike at the harbour",
                "Thousands of dockers walked out, halting exports from the harbour.",
                "doc-port",
                ("organization:dockers-union",),
                date(2022, 7, 8),
            ),
            _event(
                "event:exports-halted",
                "other",
                "Exports halted for a week",
                "Grain exports were halted for a week as cranes stood idle.",
                "doc-port",
                (),
                None,
            ),
        ),
    )


@pytest.fixture
def searchable(store: GraphStore) -> GraphStore:
    store.write_batch(_batch())
    return store


def _events(store: GraphStore, q: str, **filters: object) -> list[str]:
    return [e.id for e in search(store, SETTINGS, q, **filters).events]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("ceasefire Geneva", "event:ceasefire-agreed"),
        ("calm", "event:ruiz-urges-calm"),
        ("dockers strike", "event:dockers-strike"),
        ("cranes idle", "event:exports-halted"),  # words only a source sentence has
        ("ceasefires", "event:ceasefire-agreed"),  # stemmed: the plural finds the singular
    ],
)
def test_the_expected_event_ranks_first(searchable: GraphStore, q: str, first: str) -> None:
    found = _events(searchable, q)
    assert found[0] == first, found


def test_actors_and_documents_are_ranked_with_snippets(searchable: GraphStore) -> None:
    results = search(searchable, SETTINGS, "Ruiz ceasefire")
    assert [a.id for a in results.actors] == ["person:ana-ruiz"]
    assert results.actors[0].snippet is not None
    assert [d.id for d in results.documents] == ["doc-truce"]
    snippet = results.documents[0].snippet
    assert snippet is not None and snippet.field == "title"
    assert [snippet.text[s:e] for s, e in snippet.marks] == ["Ceasefire"]
    event = next(e for e in results.events if e.id == "event:ruiz-urges-calm")
    assert event.snippet is not None
    marked = {event.snippet.text[s:e] for s, e in event.snippet.marks}
    assert marked == {"Ruiz", "ceasefire"}  # the sentence matches both words, the summary one
    assert event.snippet.field == "sentence" and event.snippet.document == "doc-truce"
    assert results.terms == ["ruiz", "ceasefire"] and results.q == "Ruiz ceasefire"


def test_an_alias_finds_its_actor(searchable: GraphStore) -> None:
    (hit,) = search(searchable, SETTINGS, "minister", kinds=["actor"]).actors
    assert hit.id == "person:ana-ruiz"
    assert hit.snippet is not None and hit.snippet.field == "alias"


def test_filters_narrow_events(searchable: GraphStore) -> None:
    assert _events(searchable, "ceasefire calm", types=["appeal"]) == ["event:ruiz-urges-calm"]
    assert sorted(_events(searchable, "ceasefire calm strike", actor="person:ana-ruiz")) == [
        "event:ceasefire-agreed",
        "event:ruiz-urges-calm",
    ]
    # An undated event has no overlap with a window; a dated one outside it drops out.
    assert _events(searchable, "exports strike", since="2022-01-01") == ["event:dockers-strike"]
    windowed = search(searchable, SETTINGS, "ceasefire strike", until="2021-12-31")
    assert [d.id for d in windowed.documents] == ["doc-truce"]
    assert windowed.actors == []  # actors have no date: a window leaves them out
    typed = search(searchable, SETTINGS, "ceasefire Ruiz", types=["agree"])
    assert typed.actors == [] and typed.documents == []


def test_an_unknown_actor_filter_is_not_found(searchable: GraphStore) -> None:
    with pytest.raises(NotFound):
        search(searchable, SETTINGS, "ceasefire", actor="person:nobody")


def test_the_index_follows_a_replaced_document(searchable: GraphStore) -> None:
    corrected = GraphBatch(
        documents=(Document(id="doc-port", title="Harbour lockout ends"),),
        events=(
            _event(
                "event:dockers-strike",
                "protest",
                "Dockers strike at the harbour",
                "The dockers returned after the lockout ended.",
                "doc-port",
                ("organization:dockers-union",),
                date(2022, 7, 8),
            ),
        ),
        replaces=("doc-port",),
        replace_foreign=True,
    )
    searchable.write_batch(corrected)
    assert _events(searchable, "cranes") == []  # the withdrawn event and sentence are gone
    assert _events(searchable, "lockout") == ["event:dockers-strike"]
    assert _events(searchable, "thousands") == []  # its old sentence no longer matches
    titles = search(searchable, SETTINGS, "lockout exports").documents
    assert [d.id for d in titles] == ["doc-port"]
    assert titles[0].title == "Harbour lockout ends"


def test_a_merged_actor_is_found_once_under_its_new_id(searchable: GraphStore) -> None:
    searchable.write_batch(
        GraphBatch(actors=(Actor(id="person:a-ruiz", name="A. Ruiz", kind="person"),))
    )
    searchable.merge_actors("person:a-ruiz", "person:ana-ruiz")
    hits = search(searchable, SETTINGS, "Ruiz", kinds=["actor"]).actors
    assert [a.id for a in hits] == ["person:ana-ruiz"]
    assert "A. Ruiz" in hits[0].aliases


HOSTILE = [
    '"',
    '"ceasefire',
    "ceasefire*",
    "ceasefire OR",
    "OR AND NOT",
    "-ceasefire",
    "(ceasefire",
    "ceasefire) OR (1",
    "summary:ceasefire",
    "NEAR(ceasefire geneva)",
    "ceasefire\x00geneva",
    "ceasefire~2 ^3 [a TO z] {x} \\ / ! && ||",
    "'; DROP TABLE events; --",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_are_words_or_refused(searchable: GraphStore, q: str) -> None:
    """Query syntax of either engine is only ever text: results, or a 422 saying why."""
    try:
        results = search(searchable, SETTINGS, q)
    except InvalidInput as exc:
        assert "letters or digits" in exc.detail
        return
    for word in results.terms:
        assert word.isalnum()
    if "ceasefire" in results.terms:
        assert results.events[0].id == "event:ceasefire-agreed"
    assert search(searchable, SETTINGS, "harbour").documents  # nothing was dropped


@pytest.mark.parametrize("q", ["*", "()", "-", '""', "\x00", "   "])
def test_a_query_without_words_is_refused(searchable: GraphStore, q: str) -> None:
    with pytest.raises(InvalidInput, match="no letters or digits"):
        search(searchable, SETTINGS, q)


def test_a_long_query_is_refused_saying_the_ceiling(searchable: GraphStore) -> None:
    with pytest.raises(InvalidInput, match="at most 500"):
        search(searchable, SETTINGS, "ceasefire " * 1024)
    with pytest.raises(InvalidInput, match="at most 32"):
        search(searchable, SETTINGS, " ".join(f"w{i}" for i in range(40)))
