"""Stored records held compactly: equal parts shared rather than repeated.

Every pydantic model carries the set of the fields it was given; a record read back
from SQLite was given all of them, so 10^5 events held ~5 such sets each (about 2 KB
an event). Records are frozen and pydantic never changes a model's set in place
(`model_copy` copies it first), so equal sets can be one object. Dates repeat too
(thousands of distinct days over millions of events): one object a day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel

from graphsvc.model import Actor, Document, Event, Relation, SameAsCandidate

_set_attribute = object.__setattr__


class Compactor:
    def __init__(self) -> None:
        self._fields_sets: dict[frozenset[str], set[str]] = {}
        self._shared: set[int] = set()  # ids of the sets kept above: already shared
        self._dates: dict[date, date] = {}

    def model(self, model: BaseModel) -> None:
        """Share the model's fields-set with every model given the same fields."""
        fields = model.__pydantic_fields_set__
        if id(fields) in self._shared:
            return
        shared = self._fields_sets.setdefault(frozenset(fields), fields)
        if shared is fields:
            self._shared.add(id(fields))
        else:
            _set_attribute(model, "__pydantic_fields_set__", shared)

    def record(self, record: BaseModel) -> None:
        """Any stored record, events with their parts."""
        if isinstance(record, Event):
            self.event(record)
        else:
            self.model(record)

    def day(self, value: date | None) -> date | None:
        """The one object for this day (equal, so safe to swap in)."""
        if value is None:
            return None
        return self._dates.setdefault(value, value)

    def event(self, event: Event) -> None:
        self.model(event)
        when = event.when
        if when is not None:
            self.model(when)
            # Same value, shared object: the model's own dict is updated in place.
            when.__dict__["start"] = self.day(when.start)
            when.__dict__["end"] = self.day(when.end)
            when.__dict__["anchor"] = self.day(when.anchor)
        for part in (*event.participants, *event.sources):
            self.model(part)

    def records(self, records: Iterable[Document | Actor | Relation | SameAsCandidate]) -> None:
        for record in records:
            self.model(record)
