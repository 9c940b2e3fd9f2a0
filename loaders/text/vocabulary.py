"""The text loader's word lists (data/vocabulary.yaml), loaded once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def vocabulary() -> dict[str, Any]:
    text = resources.files("loaders.text").joinpath("data/vocabulary.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def vocabulary_words(key: str) -> frozenset[str]:
    """One list of data/vocabulary.yaml (or a mapping's keys) as a set, built once: the
    event rules test it for every token, and a list is searched word by word."""
    return frozenset(vocabulary()[key])


@cache
def chrome_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in vocabulary()["chrome_patterns"])


@cache
def grammar() -> dict[str, list[str]]:
    """Closed-class words the clause rules read (data/grammar.yaml): prepositions,
    subordinators, modals, adverbs."""
    text = resources.files("loaders.text").joinpath("data/grammar.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def grammar_words(key: str) -> frozenset[str]:
    """One list of data/grammar.yaml, as a set."""
    return frozenset(grammar()[key])


@cache
def actor_words() -> dict[str, Any]:
    """What the loader knows about names that are, or are not, actors (data/actor_words.yaml)."""
    text = resources.files("loaders.text").joinpath("data/actor_words.yaml").read_text("utf-8")
    return yaml.safe_load(text)
