"""Neo4j statement rows and records read back: the shapes of `events/create`,
`events/write` and of the rows the reads return, built from and into models.

The property maps themselves are the shared codec (`graphsvc.store.rows`); here are the
Neo4j store's own packings of them (positional rows, edges with their properties as
Neo4j keeps them, so an unchanged edge is not written again).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphsvc.model import Event, Participant, Relation, SameAsCandidate, Source, When
from graphsvc.store.rows import claims_model, claims_text, event_row
from graphsvc.views import ActorRef


def event_write_row(event: Event) -> dict[str, Any]:
    """A stored event with its edges, for events/write (node and edges in one pass). Each
    edge's properties are given as Neo4j stores them (no nulls), so the statement can keep
    an edge whose properties are unchanged instead of deleting and creating it again."""
    return {
        **event_row(event),
        "participants": [
            {"actor": p.actor, "props": participant_props(p, i)}
            for i, p in enumerate(event.participants)
        ],
        "sources": [
            {"document": s.document, "props": source_props(s, i)}
            for i, s in enumerate(event.sources)
        ],
    }


def participant_props(participant: Participant, ordinal: int) -> dict[str, Any]:
    """A PARTICIPATED_IN edge's properties, None left out (as `SET r = map` would): the
    role, how the link was found (`basis`, always, so Browser users can filter on it)
    and the words it came through (`mention`, when not the name)."""
    props: dict[str, Any] = {
        "role": participant.role.value,
        "ordinal": ordinal,
        "basis": participant.basis,
    }
    if participant.mention is not None:
        props["mention"] = participant.mention
    return props


#: Source fields stored on a REPORTED_IN edge only when set.
_SOURCE_OPTIONAL = ("char_start", "char_end", "trigger_start", "trigger_end")


def event_props(event: Event) -> dict[str, Any]:
    """A new event's node properties for events/create, dates aside (they go as ISO text
    for Cypher's date(): the driver packs date objects in Python, three times slower than
    text), None left out (`SET e = map` stores no null anyway)."""
    when = event.when
    props: dict[str, Any] = {
        "id": event.id,
        "type": event.type.value,
        "summary": event.summary,
        "confidence": event.confidence,
        "factuality": event.factuality,
        "approximate": when.approximate if when else False,
    }
    if event.reported_by is not None:
        props["reported_by"] = event.reported_by
    if event.claims:
        props["claims"] = claims_text(event.claims)
    if when is not None:
        props["precision"] = when.precision
        props["date_basis"] = when.basis
        if when.text is not None:
            props["date_text"] = when.text
        if when.open_start:
            props["open_start"] = True
    return props


def event_create_row(event: Event) -> list[Any]:
    """A new event with its edges as a positional row for events/create: [props, start,
    end, anchor, [[actor, {edge properties}]], [[document, {edge properties}]]]."""
    when = event.when
    participants = [[p.actor, participant_props(p, i)] for i, p in enumerate(event.participants)]
    sources = [[s.document, source_props(s, i)] for i, s in enumerate(event.sources)]
    return [
        event_props(event),
        when.start.isoformat() if when else None,
        when.end.isoformat() if when else None,
        when.anchor.isoformat() if when and when.anchor else None,
        participants,
        sources,
    ]


def source_props(source: Source, ordinal: int) -> dict[str, Any]:
    """A REPORTED_IN edge's properties, None left out (as `SET r = map` would)."""
    props: dict[str, Any] = {
        "sentence": source.sentence,
        "extractor": source.extractor,
        "ordinal": ordinal,
    }
    for name in _SOURCE_OPTIONAL:
        value = getattr(source, name)
        if value is not None:
            props[name] = value
    return props


# -- records read back --------------------------------------------------------------


def when_model(row: dict[str, Any]) -> When | None:
    if row.get("start") is None:
        return None
    return When(
        start=row["start"],
        end=row["end"],
        precision=row["precision"],
        approximate=bool(row.get("approximate")),
        open_start=bool(row.get("open_start")),
        text=row.get("date_text"),
        basis=row.get("date_basis") or "text",
        anchor=row.get("anchor"),
    )


def event_model(row: dict[str, Any]) -> Event:
    return Event(
        id=row["id"],
        type=row["type"],
        summary=row["summary"],
        when=when_model(row),
        confidence=row["confidence"],
        factuality=row.get("factuality") or "asserted",
        reported_by=row.get("reported_by"),
        participants=tuple(
            Participant(
                actor=p["actor"],
                role=p["role"],
                basis=p.get("basis") or "stated",
                mention=p.get("mention"),
            )
            for p in row["participants"]
        ),
        sources=tuple(Source(**s) for s in row["sources"]),
        claims=claims_model(row.get("claims")),
    )


def relation_model(row: dict[str, Any]) -> Relation:
    return Relation(
        source=row["source"],
        type=row["type"],
        target=row["target"],
        since=row["since"],
        until=row["until"],
        document=row["document"] or None,
        sentence=row["sentence"],
        role=row.get("role"),
        basis=row.get("basis"),
        since_precision=row.get("since_precision"),
        until_precision=row.get("until_precision"),
        current=row.get("current"),
        stated_on=row.get("stated_on"),
        char_start=row.get("char_start"),
        char_end=row.get("char_end"),
    )


def read_candidates(
    rows: Iterable[dict[str, Any]],
) -> tuple[list[SameAsCandidate], dict[str, ActorRef]]:
    """Rows of `same_as/of_actors` as candidates and references to their actors."""
    rows = list(rows)
    candidates = [
        SameAsCandidate(actor=r["actor"], candidate=r["candidate"], reason=r["reason"])
        for r in rows
    ]
    refs = {ref["id"]: ActorRef(**ref) for r in rows for ref in r["refs"]}
    return candidates, refs
