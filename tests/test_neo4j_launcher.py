"""`make neo4j` on ports already taken: one line that says which and how to choose
others, before any Java starts."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.server import ROOT, server_env
from tests.ports import free_port, taken_port


def test_a_taken_bolt_port_is_one_line_naming_the_make_variables() -> None:
    with taken_port() as bolt:
        http = free_port()
        ports = ["--bolt-port", str(bolt), "--http-port", str(http)]
        done = subprocess.run(
            [sys.executable, "tests/neo4j/launcher.py", *ports, "--password", "none"],
            env=server_env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert f"Bolt port {bolt} on 127.0.0.1 is already in use" in lines[0]
    assert f"make neo4j BOLT_PORT={bolt + 1} HTTP_PORT={http + 1}" in lines[0]
