"""Every Cypher query is a documented file, every file is used, every name resolves.

Also: labels and relationship types written in Cypher cover exactly the vocabularies
in `graphsvc/model.py`, since request text can never supply them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphsvc.model import ActorKind, RelationType
from graphsvc.store.base import MAX_HOPS
from graphsvc.store.cypher import load_query, query_files

ROOT = Path(__file__).resolve().parents[2]
NAME_IN_CODE = re.compile(
    r"""(?:(?<![.\w])(?:load_query|statements|run|run_batched|stamp|known|fetch|query|_Read)"""
    r"""|\._answer|\._kept_answer)\(\s*(?:tx,\s*)?"([a-z_/]+)\""""
)


#: Where queries are run: the stores, and the test tooling around the real Neo4j.
CODE = [
    *sorted((ROOT / "graphsvc").rglob("*.py")),
    ROOT / "tests" / "neo4j_fixture.py",
    ROOT / "tests" / "cypher_lint" / "dump_functions.py",
    ROOT / "tests" / "graphsvc" / "store" / "neo4j" / "test_store.py",
    ROOT / "tests" / "graphsvc" / "store" / "neo4j" / "test_workers.py",
    ROOT / "tests" / "graphsvc" / "store" / "neo4j" / "test_server_jvm.py",
]


def _names_used() -> set[str]:
    return {
        name for path in CODE for name in NAME_IN_CODE.findall(path.read_text(encoding="utf-8"))
    }


def test_every_name_used_in_code_exists() -> None:
    used = _names_used()
    assert len(used) > 10, "few query names found: the pattern is out of date"
    assert used <= set(query_files()), used - set(query_files())


def test_every_file_is_used() -> None:
    used = _names_used()
    explore = {name for name in query_files() if name.startswith("explore/")}
    assert set(query_files()) - explore <= used, set(query_files()) - explore - used


@pytest.mark.parametrize("name", sorted(query_files()))
def test_header_says_purpose_and_parameters(name: str) -> None:
    text = load_query(name)
    header = [line for line in text.splitlines() if line.startswith("//")]
    assert text.startswith("//"), f"{name} has no header comment"
    assert any("Parameters" in line for line in header), f"{name}: header lists no parameters"
    documented = " ".join(header)
    code = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    for param in set(re.findall(r"\$([a-z_]+)", code)):
        assert f"{param}" in documented, f"{name}: ${param} is not in the header"


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="timeline/page"):
        load_query("timeline/nope")


def test_relation_types_and_labels_cover_the_vocabularies() -> None:
    upsert = load_query("relations/upsert")
    for relation_type in RelationType:
        assert f"row.type = '{relation_type.value}'" in upsert
        assert f"[r:{relation_type.value} " in upsert
    type_lists = [
        load_query(name)
        for name in ("paths/shortest", "related/relations", "explore/shortest_path")
    ]
    for text in type_lists:
        for relation_type in RelationType:
            assert relation_type.value in text
    labels = load_query("actors/upsert")
    for kind in ActorKind:
        assert f"SET a:{kind.value.capitalize()})" in labels


def test_path_bound_is_the_api_ceiling() -> None:
    assert f"*..{MAX_HOPS}]" in load_query("paths/shortest")
