"""The word lists of data/lexicon.yaml, loaded once, and regex fragments built from them."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def lexicon() -> dict[str, Any]:
    text = resources.files("graphsvc.temporal").joinpath("data/lexicon.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def alternation(words: Any) -> str:
    """A regex alternation of words, longest first so "sept" wins over "sep"."""
    ordered = sorted((str(w) for w in words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def word(name: str, key: str) -> Any:
    return lexicon()[name][key.lower()]


#: Most digits a count of days, weeks or years may have: more leave the calendar anyway,
#: and `int()` refuses strings of over 4300 digits (with a ValueError, not an answer).
MAX_DIGITS = 18


def number_value(text: str) -> int | None:
    """A number written in digits or words ("two", "a couple of"); None when vague or huge."""
    cleaned = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    if cleaned.isdigit():
        return int(cleaned) if len(cleaned.lstrip("0")) <= MAX_DIGITS else None
    numbers = lexicon()["numbers"]
    if cleaned in numbers:
        return int(numbers[cleaned])
    parts = cleaned.split()
    if len(parts) == 2 and all(p in numbers for p in parts):  # "twenty five"
        return int(numbers[parts[0]]) + int(numbers[parts[1]])
    return None
