"""The README's client example prints what the README says it prints, against the real
server with the example loaded."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.server import server_env

#: Runs the README's example against `graphsvc serve` run as a subprocess.
pytestmark = pytest.mark.e2e


def test_the_readme_example_prints_what_the_readme_says(
    example_server: str, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python client", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```\s*prints\s*```\n(.*?)```", section, re.DOTALL)
    if match is None:
        pytest.fail("the Python client section has no example followed by its output")
    code, printed = match.groups()
    env = server_env(GRAPHSVC_URL=example_server)
    for name in ("GRAPHSVC_API_KEY", "GRAPHSVC_READ_KEY"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == printed
    assert (tmp_path / "putin.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
