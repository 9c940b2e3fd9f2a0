"""Shared fixtures: the example records and the read-only ../shared fixtures; and the
marks that split the suite into tiers (`make test-fast` leaves out what needs Java,
Node, a browser or a server subprocess: see `pytest_collection_modifyitems`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.model import GraphBatch
from loaders.records import parse_jsonl

#: Browser fixtures for the tests of pages (Playwright on Debian's chromium).
pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent

#: Fixtures that start or reach a real Neo4j.
NEO4J_FIXTURES = {"neo4j_target", "neo4j_process"}
#: The parameter value that names the Neo4j backend in tests run once per backend
#: (`tests.contract.backends.BACKENDS`).
NEO4J = "neo4j"
#: Folders whose tests start `graphsvc serve` (or a benchmark's servers) as subprocesses.
SERVER_FOLDERS = (TESTS / "e2e", TESTS / "bench")
#: Files whose tests run Node.js (the Cypher linter).
NODE_FILES = (TESTS / "test_cypher_lint.py",)
EXAMPLES = ROOT / "examples" / "putin-assad-step-down.jsonl"
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def example_batch() -> GraphBatch:
    return parse_jsonl(EXAMPLES.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"../shared/fixtures is absent (looked in {SHARED_FIXTURES})")
    return SHARED_FIXTURES


@pytest.fixture(scope="session")
def neo4j_target():
    """A real Neo4j (see tests/neo4j_fixture.py); started once, only if a test asks."""
    from tests.neo4j_fixture import neo4j_target as target

    yield from target()


def _params(item: pytest.Item) -> list[object]:
    """The values a parametrised test runs with, tuples unpacked."""
    callspec = getattr(item, "callspec", None)
    found: list[object] = []
    for value in callspec.params.values() if callspec else ():
        found.extend(value if isinstance(value, tuple) else (value,))
    return found


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what a test needs beyond Python, from what it asks for: `neo4j` (a real
    Neo4j: Java and Maven), `browser` (Chromium), `node` (Node.js) and `e2e` (a server
    subprocess). The marks come from fixtures, parameters and folders, so a new test is
    put in its tier without anyone remembering to mark it."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        path = Path(str(item.path))
        if fixtures & NEO4J_FIXTURES or NEO4J in _params(item):
            item.add_marker(pytest.mark.neo4j)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if path in NODE_FILES:
            item.add_marker(pytest.mark.node)
        if any(path.is_relative_to(folder) for folder in SERVER_FOLDERS):
            item.add_marker(pytest.mark.e2e)
