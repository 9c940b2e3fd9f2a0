"""Word lists live once, in loaders/text/data/: a module names the list it reads
(`vocabulary.grammar_words("relative_time")`) instead of spelling its words, so two
modules cannot hold two versions of one list (as `INTENT_VERBS` once did)."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import yaml

from graphsvc.settings import Settings
from loaders.text.nlp import load_pipeline

TEXT = Path(__file__).resolve().parents[3] / "loaders" / "text"
#: Modules still spelling lists of their own; take a module off once it is clean.
NOT_YET: set[str] = set()
#: A literal of this many words or more is a word list.
SMALLEST_LIST = 3


def _word_lists(path: Path, labels: frozenset[str]) -> list[tuple[int, list[str]]]:
    """Set, list and tuple literals of lower-case words in a module, but for parser
    labels ("nsubj", "dobj") and a type's values."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # A type's values (`Literal["news", "narrative", "auto"]`) are names, not words.
    typed = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Set | ast.List | ast.Tuple) or id(node) in typed:
            continue
        words = [
            e.value
            for e in node.elts
            if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isalpha()
        ]
        if (
            len(words) >= SMALLEST_LIST
            and len(words) == len(node.elts)
            and all(w.islower() for w in words)
            and not set(words) <= labels
        ):
            found.append((node.lineno, words))
    return found


def test_no_loader_module_spells_a_word_list() -> None:
    nlp = load_pipeline(Settings().spacy_model)
    labels = frozenset(nlp.get_pipe("parser").labels) | {"subject", "object", "oblique"}
    spelled = {
        f"{path.relative_to(TEXT)}:{line}": words
        for path in sorted(TEXT.rglob("*.py"))
        if not (set(path.relative_to(TEXT).parts) & NOT_YET)
        for line, words in _word_lists(path, labels)
    }
    assert spelled == {}


def test_grammar_words_are_words() -> None:
    """YAML reads a bare `off` or `on` as a boolean: every entry must be a string."""
    text = resources.files("loaders.text").joinpath("data/grammar.yaml").read_text("utf-8")
    for key, words in yaml.safe_load(text).items():
        assert words and all(isinstance(w, str) and w for w in words), key


class _UniqueKeys(yaml.SafeLoader):
    """A loader that refuses a key written twice: YAML keeps the last silently."""


def _unique_mapping(loader: _UniqueKeys, node: yaml.MappingNode) -> dict[object, object]:
    keys = [loader.construct_object(k) for k, _ in node.value]
    doubled = sorted({str(k) for k in keys if keys.count(k) > 1})
    if doubled:
        raise yaml.constructor.ConstructorError(
            None, None, f"keys twice: {doubled}", node.start_mark
        )
    return loader.construct_mapping(node)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def test_no_word_list_file_names_a_key_twice() -> None:
    """Two lists under one key leave one reader with the other's words."""
    for path in sorted((TEXT / "data").glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)
