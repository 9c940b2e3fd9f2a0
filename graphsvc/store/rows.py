"""The row codec both stores share: models as the property maps of stored nodes and
edges, in Neo4j's shape (names, ISO dates, claims as JSON text).

The Neo4j store writes these maps; the embedded store's ad-hoc Cypher projection
(`graphsvc.store.embedded.adhoc`) builds its nodes from the same maps, so a query sees
the same property names and values on either store.
"""

from __future__ import annotations

from typing import Any

import orjson

from graphsvc.model import Actor, Claim, Document, Event, Relation, SameAsCandidate
from graphsvc.names import normalise_name


def document_row(document: Document) -> dict[str, Any]:
    return document.model_dump(mode="json")


def actor_row(actor: Actor) -> dict[str, Any]:
    names = [normalise_name(n) for n in (actor.name, *actor.aliases)]
    return {**actor.model_dump(mode="json"), "search_names": names}


def event_row(event: Event) -> dict[str, Any]:
    when = event.when
    return {
        "id": event.id,
        "type": event.type.value,
        "summary": event.summary,
        "confidence": event.confidence,
        "factuality": event.factuality,
        "reported_by": event.reported_by,
        "start": when.start.isoformat() if when else None,
        "end": when.end.isoformat() if when else None,
        "precision": when.precision if when else None,
        "approximate": when.approximate if when else False,
        # Stored only when true (null sets no property), as events/create does.
        "open_start": True if when and when.open_start else None,
        "date_text": when.text if when else None,
        "date_basis": when.basis if when else None,
        "anchor": when.anchor.isoformat() if when and when.anchor else None,
        "claims": claims_text(event.claims),
    }


def claims_text(claims: tuple[Claim, ...]) -> str | None:
    """An event's claims (documents' differing accounts) as one JSON text property, or
    None (no property) when every cited document agrees with what the event shows."""
    if not claims:
        return None
    return orjson.dumps([c.model_dump(mode="json") for c in claims]).decode()


def claims_model(text: str | None) -> tuple[Claim, ...]:
    """Claims read back from their JSON text property."""
    return tuple(Claim(**c) for c in orjson.loads(text)) if text else ()


def relation_row(relation: Relation) -> dict[str, Any]:
    row = relation.model_dump(mode="json")
    row["document"] = relation.document or ""
    return row


def same_as_row(candidate: SameAsCandidate) -> dict[str, Any]:
    return candidate.model_dump(mode="json")
