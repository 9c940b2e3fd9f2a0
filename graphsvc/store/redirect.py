"""Writes that name a merged-away actor go to the actor it was merged into.

After `POST /actors/{id}/merge`, reloading a document whose loader still yields the old
id must not bring the old actor back: every reference to it is rewritten, and an actor
record of the old id only adds its names to the target's aliases (whoever merged decided
the target's name and kind). Shared by both stores, so the rules are the same on each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graphsvc.model import LINK_BASIS_RANK, Event, GraphBatch, Participant


@dataclass(frozen=True)
class Redirected:
    batch: GraphBatch
    #: Target id -> names (and aliases) that records of ids merged into it brought.
    absorbed: dict[str, tuple[str, ...]] = field(default_factory=dict)


def actor_ids(batch: GraphBatch) -> set[str]:
    """Every actor id a batch names: records, participants, reporters, relations, candidates."""
    ids = {a.id for a in batch.actors}
    for event in batch.events:
        ids.update(p.actor for p in event.participants)
        if event.reported_by is not None:
            ids.add(event.reported_by)
    for relation in batch.relations:
        ids.update((relation.source, relation.target))
    for candidate in batch.same_as:
        ids.update((candidate.actor, candidate.candidate))
    return ids


def _event(event: Event, merged: Mapping[str, str]) -> Event:
    """Participants and reporter redirected; a participant listed twice after it (the old
    and the new id in the same role) is kept once, in its first place, through the
    stronger of its two links (basis and mention go with it)."""
    seen: dict[tuple[str, str], int] = {}
    participants: list[Participant] = []
    for p in event.participants:
        actor = merged.get(p.actor, p.actor)
        moved = p if actor == p.actor else p.model_copy(update={"actor": actor})
        place = seen.get((actor, p.role))
        if place is None:
            seen[actor, p.role] = len(participants)
            participants.append(moved)
        elif LINK_BASIS_RANK[p.basis] < LINK_BASIS_RANK[participants[place].basis]:
            participants[place] = moved
    reporter = merged.get(event.reported_by, event.reported_by) if event.reported_by else None
    if tuple(participants) == event.participants and reporter == event.reported_by:
        return event
    return event.model_copy(update={"participants": tuple(participants), "reported_by": reporter})


def redirect_batch(batch: GraphBatch, merged: Mapping[str, str]) -> Redirected:
    """`batch` with every merged-away id (a key of `merged`) replaced by its target.

    A relation or candidate that would join an actor to itself is dropped.
    """
    if not merged or not (actor_ids(batch) & merged.keys()):
        return Redirected(batch)
    absorbed: dict[str, tuple[str, ...]] = {}
    actors = []
    for actor in batch.actors:
        target = merged.get(actor.id)
        if target is None:
            actors.append(actor)
        else:
            absorbed[target] = (*absorbed.get(target, ()), actor.name, *actor.aliases)
    relations = []
    for relation in batch.relations:
        source = merged.get(relation.source, relation.source)
        target = merged.get(relation.target, relation.target)
        if source != target:
            relations.append(relation.model_copy(update={"source": source, "target": target}))
    same_as = []
    for candidate in batch.same_as:
        one = merged.get(candidate.actor, candidate.actor)
        other = merged.get(candidate.candidate, candidate.candidate)
        if one != other:
            same_as.append(candidate.model_copy(update={"actor": one, "candidate": other}))
    redirected = batch.model_copy(
        update={
            "actors": tuple(actors),
            "events": tuple(_event(e, merged) for e in batch.events),
            "relations": tuple(relations),
            "same_as": tuple(same_as),
        }
    )
    return Redirected(redirected, absorbed)
