"""Cypher queries by name: `cypher/<name>.cypher`, read once.

Queries live in files so Neo4j Browser users, the linter and the store read the same
text. A name is the path without the extension (`timeline/page`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable


def _root() -> Traversable:
    return resources.files("cypher")


def _walk(folder: Traversable, prefix: str = "") -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    for entry in folder.iterdir():
        if entry.is_dir():
            found.update(_walk(entry, f"{prefix}{entry.name}/"))
        elif entry.name.endswith(".cypher"):
            found[prefix + entry.name.removesuffix(".cypher")] = entry
    return found


@cache
def query_files() -> dict[str, Traversable]:
    return _walk(_root())


@cache
def load_query(name: str) -> str:
    """The text of a named query; an unknown name lists the known ones."""
    files = query_files()
    if name not in files:
        raise KeyError(f"no Cypher query {name!r}; known: {', '.join(sorted(files))}")
    return files[name].read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """A multi-statement file (schema) split on `;`, comment lines dropped first."""
    code = "\n".join(
        line for line in load_query(name).splitlines() if not line.strip().startswith("//")
    )
    return [part.strip() for part in code.split(";") if part.strip()]
