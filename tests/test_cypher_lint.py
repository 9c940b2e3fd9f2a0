"""Rule: every Cypher text the service runs parses and passes Neo4j's own semantic analysis.

The linter is `@neo4j-cypher/language-support` (Neo4j's parser and semantic front end,
published for JavaScript, run here with Node.js; see tests/cypher_lint/). These tests
lint every file in cypher/, keep Cypher out of Python code, and prove the linter accepts
what Neo4j accepts (parameters, multi-statement schema files, temporal and path
functions) while catching syntax errors, undefined variables and unknown functions.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.cypher_lint.lint import cypher_files, errors, lint

ROOT = Path(__file__).resolve().parent.parent
CYPHER_DIR = ROOT / "cypher"
CYPHER_START = re.compile(r"^\s*(MATCH|OPTIONAL MATCH|MERGE|CREATE|UNWIND|RETURN|CALL|WITH|SHOW)\b")
#: A node pattern with a label or a relationship arrow: Cypher, not SQL.
CYPHER_SHAPE = re.compile(r"\(\s*\w*\s*:\s*`?\w|\]->|<-\[|\)-\[|\bYIELD\b|\bRETURN\b")

VALID = {
    "upsert": "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a.name = row.name",
    "schema": (
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n"
        "CREATE INDEX event_start IF NOT EXISTS FOR (e:Event) ON (e.start)"
    ),
    "paths": (
        "MATCH (a:Actor {id: $actor_id}), (b:Actor {id: $other_id})\n"
        "MATCH p = shortestPath((a)-[*..6]-(b))\n"
        "MATCH q = allShortestPaths((a)-[*..6]-(b))\n"
        "WHERE all(n IN nodes(q) WHERE n.start IS NULL OR n.start >= date($since))\n"
        "RETURN p, q, toUpper(a.name) AS name"
    ),
    "case": "RETURN TOUPPER('a') AS x",
}
BROKEN = {
    "syntax": "MATCH (a:Actor\nRETURN a",
    "second_statement": "RETURN 1;\nMATCH (a RETURN a",
    "undefined": "MATCH (a:Actor)\nRETURN b.name",
    "unknown_function": "RETURN fooBar(1) AS x",
    "arity": "RETURN toInteger('1', 2) AS x",
}


@pytest.fixture(scope="module")
def linted() -> dict[str, list[dict]]:
    """All samples in one call: each call starts Node.js and loads the parser (~2 s)."""
    return lint({**VALID, **BROKEN})


def _errors(linted: dict[str, list[dict]], name: str) -> list[tuple[int, int, str]]:
    return [(e["line"], e["column"], e["message"]) for e in errors(linted[name])]


def test_valid_queries_have_no_errors(linted: dict[str, list[dict]]) -> None:
    assert set(linted) == {*VALID, *BROKEN}
    assert {name: _errors(linted, name) for name in VALID} == {name: [] for name in VALID}
    # The library's warnings stay warnings (here: the cartesian product of a and b).
    assert [d["severity"] for d in linted["paths"]] == ["warning"]
    assert "cartesian product" in linted["paths"][0]["message"]


def test_syntax_error_is_reported_with_its_line(linted: dict[str, list[dict]]) -> None:
    line, column, message = _errors(linted, "syntax")[0]
    assert (line, column) == (2, 1)
    assert message.startswith("Invalid input 'RETURN'")
    # In a multi-statement text the line counts from the start of the whole text.
    assert _errors(linted, "second_statement")[0][0] == 2


def test_undefined_variable_is_an_error(linted: dict[str, list[dict]]) -> None:
    assert _errors(linted, "undefined") == [(2, 8, "Variable `b` not defined")]


def test_unknown_function_is_an_error(linted: dict[str, list[dict]]) -> None:
    """Needs the function registry from the real Neo4j (cypher_lint/neo4j-functions.json)."""
    [(line, column, message)] = _errors(linted, "unknown_function")
    assert (line, column) == (1, 8)
    assert message.startswith("Function fooBar is not present in the database")
    # Built-in functions are case-insensitive in Neo4j, and so here: "case" is in VALID.
    assert _errors(linted, "case") == []


def test_wrong_argument_count_is_an_error(linted: dict[str, list[dict]]) -> None:
    assert [m for _, _, m in _errors(linted, "arity")] == [
        "Too many parameters for function 'toInteger'"
    ]


def test_cypher_files_are_keyed_like_load_query(tmp_path: Path) -> None:
    (tmp_path / "timeline").mkdir()
    (tmp_path / "timeline" / "list.cypher").write_text("RETURN 1 AS one\n", encoding="utf-8")
    (tmp_path / "schema.cypher").write_text("RETURN 2 AS two\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not Cypher\n", encoding="utf-8")
    assert cypher_files(tmp_path) == {
        "schema": "RETURN 2 AS two\n",
        "timeline/list": "RETURN 1 AS one\n",
    }


def test_missing_node_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(RuntimeError, match=r"the Cypher linter needs `(node|npm)` on PATH"):
        lint({"q": "RETURN 1"})


def test_every_cypher_file_lints_clean() -> None:
    files = cypher_files(CYPHER_DIR)
    if not files:
        pytest.skip(f"no .cypher files under {CYPHER_DIR} yet")
    linted = lint(files)
    assert set(linted) == set(files)
    problems = {
        f"cypher/{name}.cypher": [f"{e['line']}:{e['column']} {e['message']}" for e in found]
        for name, diagnostics in linted.items()
        if (found := errors(diagnostics))
    }
    assert problems == {}


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
