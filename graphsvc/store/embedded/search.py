"""Actor search of the embedded store, by normalised name and alias."""

from __future__ import annotations

from collections.abc import Mapping

from graphsvc.model import Actor
from graphsvc.names import normalise_name


def search_actors(actors: Mapping[str, Actor], q: str, limit: int) -> list[Actor]:
    """Exact name or alias first, then word prefix, then substring; ties by name.

    An empty query lists every actor by name.
    """
    needle = normalise_name(q)
    if not needle:
        ordered = sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id))
        return ordered[:limit]
    scored: list[tuple[int, str, str]] = []
    for actor in actors.values():
        best = None
        for name in (actor.name, *actor.aliases):
            norm = normalise_name(name)
            if norm == needle:
                score = 0
            elif norm.startswith(needle) or f" {needle}" in f" {norm}":
                score = 1
            elif needle in norm:
                score = 2
            else:
                continue
            best = score if best is None else min(best, score)
        if best is not None:
            scored.append((best, actor.name.casefold(), actor.id))
    return [actors[actor_id] for _, _, actor_id in sorted(scored)[:limit]]
