"""Structured records (JSON Lines) into one GraphBatch.

One object a line, its kind in `"record"`: `document`, `actor`, `event` or `relation`;
the other fields are those of the model of that name (see docs/records.md). Every line
is checked and every error is reported with its line number before anything is
written, because a half-loaded file is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from graphsvc.errors import InvalidInput
from graphsvc.model import Actor, Document, Event, GraphBatch, Relation, slugify

RECORD_MODELS: dict[str, type[BaseModel]] = {
    "document": Document,
    "actor": Actor,
    "event": Event,
    "relation": Relation,
}
#: Errors listed in one answer; the count of the rest is still given.
MAX_REPORTED_ERRORS = 200


def _with_default_actor_id(obj: dict[str, Any]) -> dict[str, Any]:
    """An actor without an id gets `kind:slug-of-name`, the readable id the design asks for."""
    name, kind = obj.get("name"), obj.get("kind")
    if "id" not in obj and isinstance(name, str) and isinstance(kind, str) and name.strip():
        return {**obj, "id": f"{kind}:{slugify(name)}"}
    return obj


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(record)"


class RecordsParser:
    """Collects items and errors line by line; `batch()` raises if any line was bad."""

    def __init__(self, position_name: str = "line") -> None:
        self.position_name = position_name
        self.items: dict[str, list[BaseModel]] = {kind: [] for kind in RECORD_MODELS}
        self.errors: list[dict[str, Any]] = []

    def _error(self, position: int, field: str | None, message: str) -> None:
        self.errors.append({self.position_name: position, "field": field, "message": message})

    def add_line(self, position: int, line: str | bytes) -> None:
        if not line.strip():
            return
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            self._error(position, None, f"invalid JSON at column {exc.colno}: {exc.msg}")
            return
        self.add_object(position, obj)

    def add_object(self, position: int, obj: object) -> None:
        if not isinstance(obj, dict):
            self._error(position, None, "a record must be a JSON object")
            return
        kind = obj.get("record")
        model = RECORD_MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            known = ", ".join(RECORD_MODELS)
            self._error(position, "record", f"'record' must be one of {known}; got {kind!r}")
            return
        fields = {k: v for k, v in obj.items() if k != "record"}
        if kind == "event" and fields.get("claims"):
            # Claims are each document's account, kept by the store from the sources
            # (an empty list, as a dumped event has, says nothing and passes).
            self._error(
                position,
                "claims",
                "claims are kept by the store: give each document's account of the event "
                "as an event record (same id) citing that document in its sources",
            )
            return
        if kind == "actor":
            fields = _with_default_actor_id(fields)
        try:
            self.items[kind].append(model.model_validate(fields))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self._error(position, _field(error["loc"]), error["msg"])

    def batch(self) -> GraphBatch:
        if self.errors:
            shown = self.errors[:MAX_REPORTED_ERRORS]
            first = shown[0]
            where = f"{self.position_name} {first[self.position_name]}"
            field = f" field {first['field']}" if first["field"] else ""
            raise InvalidInput(
                f"{len(self.errors)} error(s) in the records, first at {where}{field}: "
                f"{first['message']}; nothing was written",
                errors=shown,
            )
        return GraphBatch(
            documents=tuple(self.items["document"]),  # type: ignore[arg-type]
            actors=tuple(self.items["actor"]),  # type: ignore[arg-type]
            events=tuple(self.items["event"]),  # type: ignore[arg-type]
            relations=tuple(self.items["relation"]),  # type: ignore[arg-type]
        )


def parse_jsonl(lines: Iterable[str | bytes]) -> GraphBatch:
    """JSON Lines to a batch; raises InvalidInput naming every bad line and field."""
    parser = RecordsParser("line")
    for number, line in enumerate(lines, start=1):
        parser.add_line(number, line)
    return parser.batch()


def parse_objects(objects: Iterable[object]) -> GraphBatch:
    """A JSON array of records (as POST /records takes with application/json)."""
    parser = RecordsParser("index")
    for index, obj in enumerate(objects):
        parser.add_object(index, obj)
    return parser.batch()
