"""Stored records rebuilt from their JSON without validating them again.

The embedded store validated every record before writing it, so at start-up its JSON
only needs typing back (dates, enums, nested models), not checking: pydantic's
validation was most of the start-up at 10^6 events. Whether a file may be read this way
is the stamp's business (`graphsvc.store.embedded.stamp`); this module only builds.

The builders are derived from the models' own field annotations, so a field added to a
model later is built like the others (or, if its type is one not handled here, the
store keeps validating: `UnsupportedModel`). A record that does not fit (a field
missing with no default, a field the model does not have) raises `Untrusted`, and the
caller reads the file again through validation.

Built records are compacted as they are made (see `Compactor`): equal field sets, days
and the parts the compactor shares (a participant in a role, a date interval) are one
object, found by their JSON before any object is built.
"""

from __future__ import annotations

import hashlib
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from graphsvc.model import Participant, When
from graphsvc.store.embedded.compact import Compactor

_new_object = object.__new__
_set_attribute = object.__setattr__
Convert = Callable[[Any], Any]
#: The parts `Compactor.event` shares: interned here by their JSON (few distinct values).
SHARED_PARTS: tuple[type[BaseModel], ...] = (When, Participant)


@dataclass(frozen=True)
class _Field:
    optional: bool
    many: bool  # a tuple of any length: `convert` applies to each item
    convert: Convert | None  # None: the JSON value is already the field's value

    def build(self, value: Any) -> Any:
        if value is None and self.optional:
            return None
        if self.many:
            return tuple(value) if self.convert is None else tuple(map(self.convert, value))
        return value if self.convert is None else self.convert(value)


class UnsupportedModel(TypeError):
    """A field type the builders do not know: such a model is always validated."""


class Untrusted(ValueError):
    """A stored record that does not fit its model as built here."""


#: As pydantic's JSON parser shares repeated short strings (`cache_strings`): a fixed
#: table of slots by hash, so a string repeated across records (a document id, an
#: extractor) is one object, at a bounded cost however many distinct strings there are.
STRING_SLOTS = 1 << 14
SHORT_STRING = 64


def _string_cache() -> Callable[[str], str]:
    slots: list[str | None] = [None] * STRING_SLOTS
    mask = STRING_SLOTS - 1

    def shared(value: str) -> str:
        if len(value) > SHORT_STRING:
            return value
        slot = hash(value) & mask
        held = slots[slot]
        if held == value:
            return held
        slots[slot] = value
        return value

    return shared


def _optional(convert: Convert) -> Convert:
    return lambda value: None if value is None else convert(value)


def _tuple_of(convert: Convert | None) -> Convert:
    if convert is None:
        return tuple
    return lambda values: tuple(map(convert, values))


class Builders:
    """One rebuild's builders: their caches (days, parts by JSON) live as long as it."""

    def __init__(self, compactor: Compactor) -> None:
        self._compactor = compactor
        self._models: dict[type[BaseModel], Convert] = {}
        self._days: dict[str, date] = {}
        self._strings = _string_cache()

    def model(self, cls: type[BaseModel]) -> Convert:
        """The function building `cls` from its stored JSON (a dict)."""
        built = self._models.get(cls)
        if built is None:
            built = self._models[cls] = self._compile(cls)
        return built

    def _day(self, text: str) -> date:
        day = self._days.get(text)
        if day is None:
            day = self._days[text] = self._compactor.day(date.fromisoformat(text))  # type: ignore[assignment]
        return day  # type: ignore[return-value]

    def _convert(self, annotation: Any) -> Convert | None:
        """How to type one JSON value back; None when it is already the right value."""
        origin = get_origin(annotation)
        if origin is Annotated:
            return self._convert(get_args(annotation)[0])
        if origin is Literal:
            # The literal's own object, as validation gives: one string, not one a record.
            return {value: value for value in get_args(annotation)}.__getitem__
        if origin in (Union, types.UnionType):
            inner = [a for a in get_args(annotation) if a is not type(None)]
            if len(inner) != 1:
                raise UnsupportedModel(f"a union of several types: {annotation}")
            convert = self._convert(inner[0])
            return None if convert is None else _optional(convert)
        if origin is tuple:
            args = get_args(annotation)
            if len(args) != 2 or args[1] is not Ellipsis:
                raise UnsupportedModel(f"a tuple of fixed length: {annotation}")
            return _tuple_of(self._convert(args[0]))
        if not isinstance(annotation, type):
            raise UnsupportedModel(f"no builder for {annotation}")
        if issubclass(annotation, BaseModel):
            return self.model(annotation)
        if issubclass(annotation, Enum):
            return annotation._value2member_map_.__getitem__
        if annotation is datetime:
            return datetime.fromisoformat
        if annotation is date:
            return self._day
        if annotation is float:
            return float  # JSON may hold 1 for 1.0
        if annotation is str:
            return self._strings
        if annotation in (bool, int):
            return None
        raise UnsupportedModel(f"no builder for {annotation}")

    def _field(self, annotation: Any) -> _Field:
        """How a field is built: whether it may be None, whether it is a tuple, and the
        conversion (of each item for a tuple), so the generated builder calls it
        directly instead of through wrappers."""
        optional = False
        if get_origin(annotation) in (Union, types.UnionType):
            inner = [a for a in get_args(annotation) if a is not type(None)]
            if len(inner) == 1:
                optional, annotation = True, inner[0]
        while get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        args = get_args(annotation)
        if get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return _Field(optional, True, self._convert(args[0]))
        return _Field(optional, False, self._convert(annotation))

    def _compile(self, cls: type[BaseModel]) -> Convert:
        if cls.__pydantic_post_init__ or cls.__private_attributes__:
            raise UnsupportedModel(f"{cls.__name__} has a post-init or private attributes")
        if cls.model_config.get("extra") == "allow" or cls.__pydantic_root_model__:
            raise UnsupportedModel(f"{cls.__name__} keeps extra fields or is a root model")
        fields: list[tuple[str, _Field, bool, Any]] = []
        for name, info in cls.model_fields.items():
            if info.alias not in (None, name) or info.validation_alias not in (None, name):
                raise UnsupportedModel(f"{cls.__name__}.{name} has an alias")
            if not name.isidentifier():
                raise UnsupportedModel(f"{cls.__name__}.{name} is not an identifier")
            required = info.is_required()
            default = None if required else info.get_default(call_default_factory=True)
            fields.append((name, self._field(info.annotation), required, default))
        compactor = self._compactor
        shared_sets: dict[frozenset[str], set[str]] = {}

        def make(values: dict[str, Any], given: frozenset[str]) -> BaseModel:
            model = _new_object(cls)
            _set_attribute(model, "__dict__", values)
            fields_set = shared_sets.get(given)
            if fields_set is None:
                _set_attribute(model, "__pydantic_fields_set__", set(given))
                compactor.model(model)  # one set of these names, shared with writes
                fields_set = shared_sets[given] = model.__pydantic_fields_set__
            else:
                _set_attribute(model, "__pydantic_fields_set__", fields_set)
            _set_attribute(model, "__pydantic_extra__", None)
            _set_attribute(model, "__pydantic_private__", None)
            return model

        def slow(raw: dict[str, Any]) -> BaseModel:
            """Any record: fields left out take their defaults (a field added since)."""
            values: dict[str, Any] = {}
            for name, field, required, default in fields:
                if name in raw:
                    values[name] = field.build(raw[name])
                elif required:
                    raise Untrusted(f"{cls.__name__} stored without {name!r}")
                else:
                    values[name] = default
            if not raw.keys() <= values.keys():
                raise Untrusted(f"{cls.__name__} stored with fields it does not have")
            return make(values, frozenset(raw))

        every = frozenset(name for name, *_ in fields)
        make({}, every)  # the shared set of a record given every field, made once
        fast = _fast_builder(cls, fields, shared_sets[every], slow)
        if cls not in SHARED_PARTS:
            return fast
        parts: dict[tuple[Any, ...], BaseModel] = {}
        count = len(fields)

        def shared(raw: dict[str, Any]) -> BaseModel:
            # This code writes every field, in the model's order (`model_dump`): the
            # values alone tell such records apart. Any other record: its items.
            key = tuple(raw.values()) if len(raw) == count else tuple(raw.items())
            try:
                part = parts.get(key)
            except TypeError:  # a value that cannot be hashed: built, not shared
                built: BaseModel = fast(raw)
                return built
            if part is None:
                part = parts[key] = compactor.part(fast(raw))
            return part

        return shared


def _fast_builder(
    cls: type[BaseModel],
    fields: list[tuple[str, _Field, bool, Any]],
    fields_set: set[str],
    slow: Convert,
) -> Convert:
    """A function made for `cls`, for a record stored with every field (as this code
    writes them; any other goes to `slow`): every field read by name and converted, in
    one new dict in field order, as validation makes it (the parser's own dict is
    larger: sized for growth). Generated because a loop over the fields costs as much
    again at 10^6 events."""
    scope: dict[str, Any] = {
        "cls": cls,
        "fields_set": fields_set,
        "slow": slow,
        "new": _new_object,
        "put": _set_attribute,
    }
    items = []
    for i, (name, field, _, _) in enumerate(fields):
        scope[f"c{i}"] = field.convert
        read = f"raw[{name!r}]"
        if field.many:
            value = "tuple({})" if field.convert is None else f"tuple(map(c{i}, {{}}))"
        elif field.convert is not None:
            value = f"c{i}({{}})"
        else:
            items.append(f"{name!r}: {read}")
            continue
        if field.optional:
            converted = value.format(f"v{i}")
            items.append(f"{name!r}: None if (v{i} := {read}) is None else {converted}")
        else:
            items.append(f"{name!r}: {value.format(read)}")
    body = ",\n            ".join(items)
    source = f"""
def build(raw):
    if len(raw) != {len(fields)}:
        return slow(raw)
    try:
        values = {{
            {body}
        }}
    except KeyError:
        return slow(raw)
    model = new(cls)
    put(model, "__dict__", values)
    put(model, "__pydantic_fields_set__", fields_set)
    put(model, "__pydantic_extra__", None)
    put(model, "__pydantic_private__", None)
    return model
"""
    exec(compile(source, f"<trusted builder of {cls.__name__}>", "exec"), scope)
    built: Convert = scope["build"]
    return built


@cache
def records_format(*models: type[BaseModel]) -> str:
    """A fingerprint of the stored records' format: the models' JSON schemas and the code
    of their validators (nested models included), so any change to what a record may
    hold, or to what is checked of it, tells files written before it from files written
    after (which alone are read without validation)."""
    digest = hashlib.sha256(b"graphsvc records, JSON by orjson of model_dump(mode='json')\n")
    seen: set[type[BaseModel]] = set()

    def add(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        digest.update(repr(cls.model_json_schema()).encode())
        decorators = cls.__pydantic_decorators__
        for validator in (
            *decorators.model_validators.values(),
            *decorators.field_validators.values(),
        ):
            func = getattr(validator, "func")  # noqa: B009  (typed as object by pydantic)
            func = getattr(func, "__func__", func)
            digest.update(_code_bytes(func.__code__))
        for info in cls.model_fields.values():
            for arg in _nested_models(info.annotation):
                add(arg)

    for model in models:
        add(model)
    return digest.hexdigest()


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _nested_models(arg)]


def _code_bytes(code: types.CodeType) -> bytes:
    """A function's code without what differs between processes (addresses)."""
    parts = [code.co_code, repr(code.co_names).encode()]
    for const in code.co_consts:
        parts.append(
            _code_bytes(const) if isinstance(const, types.CodeType) else repr(const).encode()
        )
    return b"\n".join(parts)
