"""The relation finder's word lists are read once from data/relations.yaml and
checked: a list YAML reads as something else (a bare `no` is a boolean) or a list
left out stops the loader with the key's name, instead of silently reading nothing."""

from __future__ import annotations

import pytest

from loaders.text.relation_words import RelationWordsInvalid, _words, relation_words


def test_shipped_lists_load() -> None:
    words = relation_words()
    assert "who" in words.relative_pronouns
    assert "be" in words.copulas
    assert "of" in words.role_preps
    assert "country" in words.region_evidence
    assert relation_words() is words  # loaded once


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({}, "must be a non-empty list"),
        ({"copulas": []}, "must be a non-empty list"),
        ({"copulas": "be"}, "must be a non-empty list"),
        ({"copulas": ["be", False]}, "non-words"),
        ({"copulas": ["be", " "]}, "non-words"),
    ],
)
def test_a_bad_list_is_refused_by_name(data: dict[str, object], problem: str) -> None:
    with pytest.raises(RelationWordsInvalid, match=f"copulas {problem}|copulas.*{problem}"):
        _words(data, "copulas")
