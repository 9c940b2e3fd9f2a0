"""What one write deletes, for the embedded store's SQLite copy and in-memory graph."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Removals:
    """Withdrawn events and relations; a merged-away actor with its relations and
    same-as candidates; a deleted document (and actors it alone named)."""

    documents: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    relations: tuple[tuple[str, str, str, str], ...] = ()
    actors: tuple[str, ...] = ()
    same_as: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.documents or self.events or self.relations or self.actors or self.same_as)
