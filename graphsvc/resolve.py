"""A new document's actors resolved against the store, before its events are built.

One entity is one actor across documents, without silent guesses:

- an actor whose normalised name or an alias equals the name or an alias of exactly
  one stored actor of the same kind *is* that actor: it takes the stored id (ids never
  change when a later article adds an alias) and brings its new aliases;
- a match that is not that sure (the same name on an actor of another kind, or on
  several stored actors) is recorded as a `SameAsCandidate` for a person to decide
  (`POST /actors/{id}/merge`), and the new actor keeps its own id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphsvc.model import Actor, SameAsCandidate
from graphsvc.names import normalise_name
from graphsvc.store.base import GraphStore


@dataclass
class Resolution:
    """What became of a document's actors: each local id to the actor it is now."""

    actors: dict[str, Actor] = field(default_factory=dict)
    same_as: list[SameAsCandidate] = field(default_factory=list)


def _names(actor: Actor) -> set[str]:
    return {n for n in (normalise_name(x) for x in (actor.name, *actor.aliases)) if n}


def _with_aliases(stored: Actor, new: Actor) -> Actor:
    """The stored actor (its id, name, kind) with the new document's names added."""
    known = {normalise_name(n) for n in (stored.name, *stored.aliases)}
    extra = [n for n in (new.name, *new.aliases) if normalise_name(n) not in known]
    extra = list(dict.fromkeys(extra))
    return stored.model_copy(update={"aliases": (*stored.aliases, *extra)})


class StoreResolver:
    """Resolves a document's actors against one store (`GraphStore.actors_by_names`)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def __call__(self, actors: Iterable[Actor]) -> Resolution:
        local = list(actors)
        names = sorted({n for actor in local for n in _names(actor)})
        stored = self.store.actors_by_names(names) if names else []
        by_name: dict[str, list[Actor]] = {}
        for actor in stored:
            for name in _names(actor):
                by_name.setdefault(name, []).append(actor)
        resolution = Resolution()
        for actor in local:
            matches = {a.id: a for n in _names(actor) for a in by_name.get(n, [])}
            same_kind = [a for a in matches.values() if a.kind == actor.kind]
            if actor.id in matches:
                resolution.actors[actor.id] = _with_aliases(matches[actor.id], actor)
            elif len(same_kind) == 1:
                resolution.actors[actor.id] = _with_aliases(same_kind[0], actor)
            else:
                resolution.actors[actor.id] = actor
            chosen = resolution.actors[actor.id].id
            for other in matches.values():
                if other.id == chosen:
                    continue
                reason = (
                    f"same name, {other.kind.value} vs {actor.kind.value}"
                    if other.kind != actor.kind
                    else "same name on several actors"
                )
                resolution.same_as.append(
                    SameAsCandidate(actor=chosen, candidate=other.id, reason=reason)
                )
        return resolution
