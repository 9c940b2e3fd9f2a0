"""Every Cypher text the service runs parses and passes Neo4j's own semantic analysis.

The linter is `@neo4j-cypher/language-support` (Neo4j's parser and front end, built for
JavaScript); these tests also prove it catches what it must: syntax errors, undefined
variables and unknown functions.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.cypher_lint.lint import cypher_files, errors, lint

ROOT = Path(__file__).resolve().parent.parent
CYPHER_START = re.compile(r"^\s*(MATCH|OPTIONAL MATCH|MERGE|CREATE|UNWIND|RETURN|CALL|WITH|SHOW)\b")
#: A node pattern with a label or a relationship arrow: Cypher, not SQL.
CYPHER_SHAPE = re.compile(r"\(\s*\w*\s*:\s*`?\w|\]->|<-\[|\)-\[|\bYIELD\b|\bRETURN\b")


@pytest.fixture(scope="module")
def linted_files() -> dict[str, list[dict]]:
    return lint(cypher_files(ROOT / "cypher"))


def test_every_cypher_file_lints_clean(linted_files: dict[str, list[dict]]) -> None:
    assert len(linted_files) >= 20
    problems = {
        name: [f"{e['line']}:{e['column']} {e['message']}" for e in errors(diagnostics)]
        for name, diagnostics in linted_files.items()
        if errors(diagnostics)
    }
    assert problems == {}


def test_the_linter_catches_broken_queries() -> None:
    found = lint(
        {
            "syntax": "MATCH (a:Actor\nRETURN a",
            "undefined": "MATCH (a:Actor)\nRETURN b.name",
            "function": "RETURN fooBar(1) AS x",
            "valid": "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a.name = row.name",
            "schema": (
                "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n"
                "CREATE INDEX event_start IF NOT EXISTS FOR (e:Event) ON (e.start)"
            ),
            "temporal": (
                "MATCH p = allShortestPaths((a:Actor {id: $a})-[*..6]-(b:Actor {id: $b}))\n"
                "WHERE all(n IN nodes(p) WHERE n.start IS NULL OR n.start >= date($since))\n"
                "RETURN p"
            ),
        }
    )
    syntax = errors(found["syntax"])
    assert syntax and syntax[0]["line"] == 2 and "Invalid input 'RETURN'" in syntax[0]["message"]
    undefined = errors(found["undefined"])
    assert [(e["line"], e["message"]) for e in undefined] == [(2, "Variable `b` not defined")]
    assert "fooBar" in errors(found["function"])[0]["message"]
    assert errors(found["valid"]) == errors(found["schema"]) == errors(found["temporal"]) == []


def _cypher_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CYPHER_START.match(node.value)
        and CYPHER_SHAPE.search(node.value)
    ]


def test_cypher_lives_in_cypher_files_only() -> None:
    """Python code loads queries by name; any Cypher literal found is linted and reported."""
    sources = [
        *ROOT.joinpath("graphsvc").rglob("*.py"),
        *ROOT.joinpath("loaders").rglob("*.py"),
        *ROOT.joinpath("bench").rglob("*.py"),
        *ROOT.joinpath("tests").glob("*fixture*.py"),
        *ROOT.joinpath("tests", "cypher_lint").glob("*.py"),
    ]
    literals = {
        f"{p.relative_to(ROOT)}#{i}": q for p in sources for i, q in enumerate(_cypher_literals(p))
    }
    linted = lint(literals) if literals else {}
    assert {name: errors(d) for name, d in linted.items() if errors(d)} == {}
    assert literals == {}, "keep Cypher in cypher/ and load it with load_query()"


def test_the_literal_detector_tells_cypher_from_sql(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = "MATCH (n) RETURN count(n) AS n"\n'
        'B = "CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY)"\n'
        'C = "UNWIND $rows AS row MERGE (a:Actor {id: row.id})"\n'
    )
    assert _cypher_literals(sample) == [
        "MATCH (n) RETURN count(n) AS n",
        "UNWIND $rows AS row MERGE (a:Actor {id: row.id})",
    ]
