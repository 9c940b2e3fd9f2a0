"""Fixtures of the API's tests."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path

import pytest

from tests.graphsvc.api.pages import serving_pages


@pytest.fixture
def page_server(tmp_path: Path) -> Callable[..., AbstractContextManager[str]]:
    """`with page_server(records=path, **settings) as base:` a real `graphsvc serve` on
    the test's own data directory, for the pages' browser tests."""
    return partial(serving_pages, tmp_path)
