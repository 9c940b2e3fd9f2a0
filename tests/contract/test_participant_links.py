"""How each participation was found (`basis`: stated, resolved, inferred; `mention`: the
words it came through), on every backend: written, read back by every read that shows
participants, kept across a reopen, a rewrite and an actor merge, and queryable with
Cypher; an old edge without a basis reads as stated."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore, TimelineQuery
from graphsvc.views import ParticipantView

DOC = "doc-links"
ROE = "person:jane-roe"
ACME = "organization:acme"
RURITANIA = "place:ruritania"
BROD = "place:brod"
OLD_ACME = "organization:acme-corp"


def _event(event_id: str, day: int, *participants: Participant) -> Event:
    return Event(
        id=event_id,
        type="statement",
        summary=event_id.removeprefix("event:"),
        when=When(start=date(2024, 5, day), end=date(2024, 5, day), precision="day"),
        participants=participants,
        sources=(Source(document=DOC, sentence=f"{event_id} happened."),),
    )


FOUNDED = _event(
    "event:founded",
    3,
    Participant(actor=ROE, role="agent", basis="resolved", mention="she"),
    Participant(actor=ACME, role="target"),
)
SHELLED = _event(
    "event:shelled",
    4,
    Participant(actor=RURITANIA, role="agent", basis="inferred", mention="Ruritanian troops"),
    Participant(actor=BROD, role="target"),
)


def _batch(*events: Event, extra: tuple[Actor, ...] = ()) -> GraphBatch:
    return GraphBatch(
        documents=(Document(id=DOC, title="Links"),),
        actors=(
            Actor(id=ROE, name="Jane Roe", kind="person"),
            Actor(id=ACME, name="Acme", kind="organization"),
            Actor(id=RURITANIA, name="Ruritania", kind="place"),
            Actor(id=BROD, name="Brod", kind="place"),
            *extra,
        ),
        events=events,
    )


def _links(participants: list[ParticipantView]) -> list[tuple[str, str, str, str | None]]:
    return [(p.id, p.role.value, p.basis, p.mention) for p in participants]


FOUNDED_LINKS = [(ROE, "agent", "resolved", "she"), (ACME, "target", "stated", None)]
SHELLED_LINKS = [
    (RURITANIA, "agent", "inferred", "Ruritanian troops"),
    (BROD, "target", "stated", None),
]


def _check_reads(store: GraphStore) -> None:
    assert _links(store.get_event("event:founded").participants) == FOUNDED_LINKS
    timeline = store.timeline(TimelineQuery(actor=ROE)).items
    assert [_links(e.participants) for e in timeline] == [FOUNDED_LINKS]
    everything = {e.id: _links(e.participants) for e in store.timeline(TimelineQuery()).items}
    assert everything == {"event:founded": FOUNDED_LINKS, "event:shelled": SHELLED_LINKS}


def test_basis_and_mention_are_written_and_read_back(store: GraphStore, reopen) -> None:
    store.write_batch(_batch(FOUNDED, SHELLED))
    _check_reads(store)
    again = reopen()
    try:
        _check_reads(again)
    finally:
        again.close()


def test_a_participant_written_without_them_reads_as_stated(store: GraphStore) -> None:
    plain = _event("event:plain", 5, Participant(actor=ACME, role="agent"))
    store.write_batch(_batch(plain))
    assert _links(store.get_event("event:plain").participants) == [(ACME, "agent", "stated", None)]


def test_a_rewrite_that_changes_only_the_basis_changes_it(store: GraphStore) -> None:
    """The event and its id stay; the link says what the newest record says."""
    store.write_batch(_batch(FOUNDED))
    stated = FOUNDED.model_copy(
        update={"participants": (Participant(actor=ROE, role="agent"), FOUNDED.participants[1])}
    )
    store.write_batch(_batch(stated))
    assert _links(store.get_event("event:founded").participants) == [
        (ROE, "agent", "stated", None),
        (ACME, "target", "stated", None),
    ]
    assert store.stats().events == 1 and store.stats().participations == 2


def test_an_actor_merge_keeps_how_the_link_was_found(store: GraphStore) -> None:
    old = Actor(id=OLD_ACME, name="Acme Corp", kind="organization")
    event = _event(
        "event:shares-fell",
        6,
        Participant(actor=OLD_ACME, role="agent", basis="inferred", mention="Acme Corp's shares"),
    )
    store.write_batch(_batch(event, extra=(old,)))
    store.merge_actors(OLD_ACME, into=ACME)
    assert _links(store.get_event("event:shares-fell").participants) == [
        (ACME, "agent", "inferred", "Acme Corp's shares")
    ]


def test_cypher_filters_participations_by_basis(store: GraphStore, tmp_path) -> None:
    store.write_batch(_batch(FOUNDED, SHELLED))
    settings = Settings(data_dir=tmp_path, cypher_timeout_seconds=5.0, cypher_row_limit=100)
    query = (
        "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e:Event) WHERE p.basis <> 'stated' "
        "RETURN a.id, p.basis, p.mention ORDER BY a.id"
    )
    with TestClient(create_app(settings, store=store)) as client:
        response = client.post("/cypher", json={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [
        [ROE, "resolved", "she"],
        [RURITANIA, "inferred", "Ruritanian troops"],
    ]
