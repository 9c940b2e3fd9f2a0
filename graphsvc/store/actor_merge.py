"""Merging one actor into another by hand (`POST /actors/{id}/merge`): the rules both
stores follow, so a merge means the same on each.

The old actor's participations, relations (both directions), reported_by references,
mentions in documents' accounts of events (claims) and same-as candidates move to the
target; what would join the target to itself is dropped, and what the target already
has is kept as it is (its own record wins). The old name and aliases become aliases of
the target, whose name, kind and kind evidence stay. The old id is kept as a redirect,
so it still resolves to the merged actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import Actor, Event, Participant, Relation, SameAsCandidate
from graphsvc.store.claims import rename_actor
from graphsvc.store.merge import absorb_names

RelationKey = tuple[str, str, str, str]
CandidateKey = tuple[str, str]


@dataclass(frozen=True)
class MergePlan:
    """What to write and delete when `old` is merged into `actor` (the target)."""

    old: Actor
    actor: Actor
    #: The old actor's relations, re-pointed to the target, not already the target's.
    relations: tuple[Relation, ...]
    #: Keys of the old actor's relations, to delete.
    gone_relations: tuple[RelationKey, ...]
    same_as: tuple[SameAsCandidate, ...]
    gone_same_as: tuple[CandidateKey, ...]


def check_merge(
    actor_id: str, into: str, old: Actor | None, merged_into: str | None, target: Actor | None
) -> tuple[Actor, Actor]:
    """The two actors to merge, or the error the caller gets.

    `old` is the actor stored under `actor_id` itself, `merged_into` where `actor_id` was
    merged earlier (if it was), `target` what `into` resolves to (an id merged away
    resolves to the actor it was merged into).
    """
    if actor_id == into:
        raise InvalidInput(
            f"cannot merge actor {actor_id} into itself: give another actor as `into`",
            errors=[{"field": "into", "message": "must differ from the actor merged"}],
        )
    if old is None:
        if merged_into is not None:
            raise NotFound(
                f"actor {actor_id} was merged into {merged_into} already; "
                f"GET /actors/{merged_into} shows it"
            )
        raise NotFound(f"no actor with id {actor_id!r}; search with GET /actors?q=")
    if target is None:
        raise NotFound(f"no actor with id {into!r} to merge into; search with GET /actors?q=")
    if target.id == old.id:
        raise InvalidInput(
            f"{into} was merged into {actor_id} earlier: they are one actor already",
            errors=[{"field": "into", "message": "resolves to the actor merged"}],
        )
    return old, target


def _moved(relation: Relation, old: str, target: str) -> Relation:
    source = target if relation.source == old else relation.source
    end = target if relation.target == old else relation.target
    return relation.model_copy(update={"source": source, "target": end})


def plan_merge(
    old: Actor,
    target: Actor,
    relations: Iterable[Relation],
    candidates: Iterable[SameAsCandidate],
) -> MergePlan:
    """The merge of `old` into `target`, given the relations and same-as candidates of
    both (others are ignored)."""
    # A relation or candidate between the two is listed with each of them: once here.
    relations = list({r.key: r for r in relations}.values())
    candidates = list({c.key: c for c in candidates}.values())
    touches = {old.id, target.id}
    rel_of_old = [r for r in relations if old.id in (r.source, r.target)]
    kept_keys = {r.key for r in relations if old.id not in (r.source, r.target)}
    moved_relations: dict[RelationKey, Relation] = {}
    for relation in rel_of_old:
        moved = _moved(relation, old.id, target.id)
        if moved.source != moved.target and moved.key not in kept_keys:
            moved_relations.setdefault(moved.key, moved)
    cand_of_old = [c for c in candidates if old.id in (c.actor, c.candidate)]
    kept_candidates = {c.key for c in candidates if old.id not in c.key and touches & set(c.key)}
    moved_candidates: dict[CandidateKey, SameAsCandidate] = {}
    for candidate in cand_of_old:
        one = target.id if candidate.actor == old.id else candidate.actor
        other = target.id if candidate.candidate == old.id else candidate.candidate
        if one != other and (one, other) not in kept_candidates:
            repointed = candidate.model_copy(update={"actor": one, "candidate": other})
            moved_candidates.setdefault(repointed.key, repointed)
    return MergePlan(
        old=old,
        actor=absorb_names(target, (old.name, *old.aliases)),
        relations=tuple(moved_relations.values()),
        gone_relations=tuple(r.key for r in rel_of_old),
        same_as=tuple(moved_candidates.values()),
        gone_same_as=tuple(c.key for c in cand_of_old),
    )


def move_event(event: Event, old: str, target: str) -> Event:
    """`event` with `old`'s part in it taken by `target`: in the same place and role,
    unless the target already has that role (then the target's entry stays as it is);
    how the link was found (basis, mention) goes with it."""
    held = {(p.actor, p.role) for p in event.participants}
    participants: list[Participant] = []
    for p in event.participants:
        if p.actor != old:
            participants.append(p)
        elif (target, p.role) not in held:
            participants.append(p.model_copy(update={"actor": target}))
    reporter = target if event.reported_by == old else event.reported_by
    return event.model_copy(
        update={
            "participants": tuple(participants),
            "reported_by": reporter,
            "claims": rename_actor(event.claims, old, target),
        }
    )


def redirects_after(merged: dict[str, str], old: str, target: str) -> dict[str, str]:
    """The redirect entries to write: `old` and every id merged into it earlier now
    point at `target` (so a redirect never leads to another redirect)."""
    return {**{k: target for k, v in merged.items() if v == old}, old: target}
