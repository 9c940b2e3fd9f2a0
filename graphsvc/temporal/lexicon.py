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
    """A regex matching any of `words`, written as a tree of shared prefixes.

    "jan(?:uary|\\.)?|ju(?:ne|ly)" instead of "january|june|july|jan": the regex engine
    tries each alternative at every word of the text, so sharing prefixes makes every
    rule built on a word list several times faster. A longer word is still tried before
    its prefix ("sept" before "sep"), since an optional tail is greedy. A space in a
    word matches any run of whitespace.
    """
    trie: dict[str, Any] = {}
    for text in {str(w) for w in words}:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _pattern_of(trie)


_END = ""


def _pattern_of(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _pattern_of(child)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = "|".join(branches)
    if _END in node:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


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
