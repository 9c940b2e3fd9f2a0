"""Refuse a batch that points at actors or documents nobody has written.

A dangling participant would make an event that no actor query can reach, so the whole
batch is refused and every missing reference is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graphsvc.errors import InvalidInput
from graphsvc.model import GraphBatch


def check_references(
    batch: GraphBatch,
    known_actors: Callable[[Iterable[str]], set[str]],
    known_documents: Callable[[Iterable[str]], set[str]],
) -> None:
    """Raise InvalidInput listing every reference that is neither in the batch nor stored.

    `known_*` take candidate ids and return those the store already holds.
    """
    actor_refs: dict[str, list[str]] = {}
    document_refs: dict[str, list[str]] = {}
    for event in batch.events:
        for participant in event.participants:
            actor_refs.setdefault(participant.actor, []).append(f"event {event.id}")
        if event.reported_by is not None:
            actor_refs.setdefault(event.reported_by, []).append(f"event {event.id} reported_by")
        for source in event.sources:
            document_refs.setdefault(source.document, []).append(f"event {event.id}")
    for relation in batch.relations:
        where = f"relation {relation.source} {relation.type.value} {relation.target}"
        actor_refs.setdefault(relation.source, []).append(where)
        actor_refs.setdefault(relation.target, []).append(where)
        if relation.document:
            document_refs.setdefault(relation.document, []).append(where)
    for candidate in batch.same_as:
        where = f"same_as candidate {candidate.actor} ~ {candidate.candidate}"
        actor_refs.setdefault(candidate.actor, []).append(where)
        actor_refs.setdefault(candidate.candidate, []).append(where)

    errors: list[dict[str, str]] = []
    for refs, in_batch, known, what in (
        (actor_refs, {a.id for a in batch.actors}, known_actors, "actor"),
        (document_refs, {d.id for d in batch.documents}, known_documents, "document"),
    ):
        unresolved = set(refs) - in_batch
        for missing in sorted(unresolved - known(unresolved)):
            for where in refs[missing]:
                errors.append(
                    {"field": what, "message": f"{where} refers to unknown {what} {missing}"}
                )
    if errors:
        raise InvalidInput(
            f"{len(errors)} reference(s) to actors or documents that are not in the batch "
            "or the graph; nothing was written",
            errors=errors,
        )
