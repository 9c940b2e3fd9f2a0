"""Rules as data: each family's patterns, gates and negative contexts are read from its
YAML file beside its resolvers (`dates.yaml` beside `dates.py`), validated once, and
joined to the resolvers registered here by name.

Why data: a pattern, the words that gate it and the contexts that veto it are read and
changed together, in one place, without touching the Python that computes values (as
HeidelTime keeps patterns, normalisations and rules in resource files per family).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from graphsvc.temporal.rules.base import FLAGS, Resolver, Rule
from graphsvc.temporal.rules.fragments import expand

#: The families in the order their rules are tried: at equal length, a rule of an
#: earlier family (and an earlier rule of a family) wins an overlap, so the BC readings
#: of "480 BC" come first.
FAMILIES = (
    "before_christ",
    "dates",
    "spoken",
    "times",
    "periods",
    "reporting",
    "relative",
    "durations",
    "sets",
    "references",
)

_RESOLVERS: dict[str, Resolver] = {}

GateWord = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^A-Z]+$")]


def resolver(name: str) -> Callable[[Resolver], Resolver]:
    """Register a resolver under `name`, the name rule files give in `resolver:`."""

    def register(function: Resolver) -> Resolver:
        if name in _RESOLVERS and _RESOLVERS[name] is not function:
            raise ValueError(f"two resolvers are registered as {name!r}")
        _RESOLVERS[name] = function
        return function

    return register


class RuleSpec(BaseModel):
    """One rule as its family's file writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    resolver: str
    #: The regex, as one string or as pieces joined without separator (long patterns).
    pattern: str | list[str]
    #: Lower-case words one of which every match holds; none: every text is scanned.
    gate: list[GateWord] = Field(default_factory=list)
    #: Negative contexts: a regex the text before the match must not end with, one
    #: the text after it must not start with.
    not_before: str | list[str] | None = None
    not_after: str | list[str] | None = None


def _joined(pattern: str | list[str]) -> str:
    return pattern if isinstance(pattern, str) else "".join(pattern)


class FamilySpec(BaseModel):
    """A family's file: what it covers, then its rules in the order they are tried."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str
    about: str = ""
    #: Word lists the family's resolvers read, by name (negative contexts among them).
    words: dict[str, list[GateWord]] = Field(default_factory=dict)
    rules: list[RuleSpec]


class RuleFileError(ValueError):
    """A rule file that cannot be used, with the file and rule it is about."""


def _compile(where: str, pattern: str, flags: int = FLAGS) -> re.Pattern[str]:
    try:
        return re.compile(expand(pattern), flags)
    except KeyError as exc:
        raise RuleFileError(f"{where}: no fragment or lexicon list {exc.args[0]!r}") from exc
    except re.error as exc:
        raise RuleFileError(f"{where}: not a regular expression: {exc}") from exc


def _rule(family: str, spec: RuleSpec) -> Rule:
    where = f"{family}.yaml, rule {spec.name}"
    resolve = _RESOLVERS.get(spec.resolver)
    if resolve is None:
        raise RuleFileError(f"{where}: no resolver is registered as {spec.resolver!r}")
    return Rule(
        name=spec.name,
        pattern=_compile(where, _joined(spec.pattern)),
        resolve=resolve,
        gate=tuple(spec.gate),
        family=family,
        not_before=_compile(where, f"(?:{_joined(spec.not_before)})$") if spec.not_before else None,
        not_after=_compile(where, _joined(spec.not_after)) if spec.not_after else None,
    )


def read_family(family: str) -> FamilySpec:
    """The validated contents of `family`'s rule file."""
    text = resources.files("graphsvc.temporal.rules").joinpath(f"{family}.yaml").read_text("utf-8")
    try:
        spec = FamilySpec.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        raise RuleFileError(f"{family}.yaml: {exc}") from exc
    if spec.family != family:
        raise RuleFileError(f"{family}.yaml says it is family {spec.family!r}")
    return spec


@cache
def family_words(family: str) -> dict[str, frozenset[str]]:
    """The word lists of `family`'s file (`words:`), read once."""
    return {name: frozenset(words) for name, words in read_family(family).words.items()}


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every family's rules, in the order they are tried; built once."""
    # the resolver modules register themselves on import
    from graphsvc.temporal.rules import (  # noqa: F401
        before_christ,
        dates,
        durations,
        periods,
        relative,
        reporting,
        spoken,
        times,
    )

    rules: list[Rule] = []
    for family in FAMILIES:
        rules += [_rule(family, spec) for spec in read_family(family).rules]
    names = [rule.name for rule in rules]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise RuleFileError(f"rule names used twice: {', '.join(twice)}")
    return tuple(rules)
