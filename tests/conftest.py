"""Shared fixtures: the example records and the read-only ../shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.model import GraphBatch
from loaders.records import parse_jsonl

#: Browser fixtures for the tests of pages (Playwright on Debian's chromium).
pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
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
