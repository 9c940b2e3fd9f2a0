"""schemathesis against the service's own OpenAPI document, on each store: every
generated request (coverage, fuzzing and stateful phases) must get no 5xx and an answer
that matches the document (status, content type, schema, headers).

The real server runs as a subprocess (`graphsvc serve`), loaded with the example
records; schemathesis runs as its own command-line tool with a fixed seed, so a failure
reproduces.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT, graphsvc, running_server, server_env

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 25
SEED = 20261125


def _settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    if backend == "embedded":
        return {"GRAPHSVC_DATA_DIR": str(tmp_path / "data")}
    from tests.neo4j_fixture import wipe

    target = request.getfixturevalue("neo4j_target")
    wipe(target)
    return {
        "GRAPHSVC_BACKEND": "neo4j",
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password or "",
        "NEO4J_DATABASE": target.database,
    }


def _without_payloads(output: str) -> str:
    """The report with generated bodies cut short (they can be megabytes)."""
    return "\n".join(line[:300] for line in output.splitlines())


@pytest.fixture(params=["embedded", "neo4j"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    env = server_env(**_settings(request.param, tmp_path, request))
    subprocess.run(graphsvc("load", str(EXAMPLES)), env=env, check=True, cwd=ROOT)
    with running_server(env, tmp_path / "server.log") as (base, _):
        yield base


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    server: str, tmp_path: Path
) -> None:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(CONFIG),
        "run",
        f"{server}/openapi.json",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--no-color",
        "--report-dir",
        str(tmp_path / "report"),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 0, _without_payloads(output)
    generated = re.search(r"(\d+) generated", output)
    assert generated and int(generated.group(1)) > 300, _without_payloads(output)
    print(f"schemathesis: {generated.group(1)} cases generated against {server}")
