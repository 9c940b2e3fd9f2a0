"""Kept answers of the embedded store: answers about one actor (its timeline pages, its
related actors), kept until a write touches that actor (docs/consistency.md).

Readers ask about the same busy actors again and again while writers mostly add events
of other actors; so an answer is built once and served until an event, a relation or a
name it shows changes. The store says which actors a write touched (`forget`), or
`clear`s everything when it cannot tell cheaply (a rename, a merge). Kept answers are
shared between callers (the store protocol's `keeps_answers`): they are read-only.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

#: Answers kept at most, over all actors (a timeline page of 50 events is ~50 KB); the
#: actor whose answers were filled longest ago goes first.
KEPT_ANSWERS = 512


class KeptAnswers:
    """The last answers filled, grouped by the actor they are about."""

    def __init__(self, size: int = KEPT_ANSWERS) -> None:
        self._size = size
        self._entries = 0
        self._by_actor: dict[str, dict[Hashable, Any]] = {}

    def get(self, actor_id: str, key: Hashable) -> Any | None:
        answers = self._by_actor.get(actor_id)
        return None if answers is None else answers.get(key)

    def put(self, actor_id: str, key: Hashable, answer: Any) -> None:
        answers = self._by_actor.pop(actor_id, None) or {}
        self._by_actor[actor_id] = answers  # most recently filled last
        if key not in answers:
            self._entries += 1
        answers[key] = answer
        while self._entries > self._size and self._by_actor:
            oldest = next(iter(self._by_actor))
            self._entries -= len(self._by_actor.pop(oldest))

    def forget(self, actor_ids: Iterable[str]) -> None:
        """Drop every answer about these actors."""
        for actor_id in actor_ids:
            answers = self._by_actor.pop(actor_id, None)
            if answers is not None:
                self._entries -= len(answers)

    def clear(self) -> None:
        self._by_actor.clear()
        self._entries = 0

    def __len__(self) -> int:
        return self._entries
