"""The real server as a subprocess (`tests/e2e/server.py`) with the example loaded, for
the client to talk to; and no key or URL leaking in from the environment running the
tests, since the client reads both from there."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from graphsvc.client import Client
from graphsvc.client.config import KEY_VARIABLES, URL_VARIABLE
from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT, graphsvc, running_server, server_env

StartServer = Callable[..., AbstractContextManager[str]]


@pytest.fixture(autouse=True)
def no_client_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (URL_VARIABLE, *KEY_VARIABLES):
        monkeypatch.delenv(name, raising=False)


@contextmanager
def serving(data_dir: Path, *, load: bool = True, **settings: str) -> Iterator[str]:
    """`graphsvc load` of the example (unless `load` is false), then `graphsvc serve`
    with `settings` (GRAPHSVC_* variables) on a free port; yields the base URL."""
    env = server_env(GRAPHSVC_DATA_DIR=str(data_dir), **settings)
    for name in KEY_VARIABLES:  # the server's keys are the ones given, or none
        if name not in settings:
            env.pop(name, None)
    if load:
        command = graphsvc("load", str(EXAMPLES), "--data-dir", str(data_dir))
        subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    with running_server(env, data_dir / "server.log") as (base, _):
        yield base


@pytest.fixture(scope="module")
def example_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with the example, that no test writes to (reads only)."""
    with serving(tmp_path_factory.mktemp("client-read")) as base:
        yield base


@pytest.fixture
def graph(example_server: str) -> Iterator[Client]:
    with Client(example_server) as client:
        yield client


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[StartServer]:
    """Start a server of one's own (to write to, or with keys or limits set)."""

    @contextmanager
    def start(*, load: bool = True, **settings: str) -> Iterator[str]:
        data = tmp_path / f"data-{len(list(tmp_path.iterdir()))}"
        data.mkdir()
        with serving(data, load=load, **settings) as base:
            yield base

    yield start
