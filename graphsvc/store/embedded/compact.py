"""Stored records held compactly: equal parts shared rather than repeated.

Every pydantic model carries the set of the fields it was given; a record read back
from SQLite was given all of them, so 10^5 events held ~5 such sets each (about 2 KB
an event). Records are frozen and pydantic never changes a model's set in place
(`model_copy` copies it first), so equal sets can be one object. Dates repeat too
(thousands of distinct days over millions of events): one object a day.

An event's parts repeat as well: an actor takes part in hundreds of events in the same
role, and many events share a date interval. Equal frozen parts (participants, dates)
are one object, found by the part's own equality and hash, so a field added to a part
is compared like the others and never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from pydantic import BaseModel

from graphsvc.model import Actor, Document, Event, Relation, SameAsCandidate

_set_attribute = object.__setattr__
_M = TypeVar("_M", bound=BaseModel)


class Compactor:
    def __init__(self) -> None:
        self._fields_sets: dict[frozenset[str], set[str]] = {}
        self._shared: set[int] = set()  # ids of the sets kept above: already shared
        self._dates: dict[date, date] = {}
        #: The one object of each distinct part value (a participant, a date interval).
        self._parts: dict[tuple[object, ...], BaseModel] = {}

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

    def part(self, part: _M) -> _M:
        """The one object equal to this frozen part (the first seen). Equal means the
        same class, the same value in every field (a plain tuple: hashed and compared in
        C, not through pydantic's `__eq__`) and the same fields given. A part whose
        values cannot be hashed is kept as it is."""
        key = (type(part), *part.__dict__.values())
        try:
            shared = self._parts.get(key)
        except TypeError:
            self.model(part)
            return part
        if shared is None:
            self.model(part)
            self._days(part)
            self._parts[key] = part
            return part
        if shared.__pydantic_fields_set__ != part.__pydantic_fields_set__:
            self.model(part)  # same values, other fields given: kept apart
            return part
        return shared  # type: ignore[return-value]

    def _days(self, part: BaseModel) -> None:
        """Share the part's date values (same value, shared object: the model's own dict
        is updated in place), whatever date fields the part has."""
        values = part.__dict__
        for name, value in values.items():
            if type(value) is date:
                values[name] = self.day(value)

    def event(self, event: Event) -> None:
        self.model(event)
        values = event.__dict__
        # Frozen models: swapping in an equal object changes no value (pydantic's own
        # dict, as for the days above).
        part = self.part
        when = values["when"]
        if when is not None:
            values["when"] = part(when)
        values["participants"] = tuple(map(part, values["participants"]))
        for source in values["sources"]:
            self.model(source)

    def records(self, records: Iterable[Document | Actor | Relation | SameAsCandidate]) -> None:
        for record in records:
            self.model(record)
