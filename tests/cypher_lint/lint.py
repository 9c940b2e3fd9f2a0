"""Run Neo4j's own Cypher parser (npm `@neo4j-cypher/language-support`) from Python.

Installs its pinned npm dependencies on first use (`npm ci`), then lints any number of
queries in one Node.js process.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
LOCK = HERE / "package-lock.json"
PACKAGE = NODE_MODULES / "@neo4j-cypher" / "language-support" / "package.json"

Diagnostic = dict[str, Any]


def _install() -> None:
    """`npm ci` when node_modules is missing or older than the lock file."""
    if PACKAGE.exists() and PACKAGE.stat().st_mtime >= LOCK.stat().st_mtime:
        return
    if shutil.which("npm") is None:
        raise RuntimeError("the Cypher linter needs Node.js and npm on PATH")
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"npm ci failed in {HERE}:\n{result.stderr[-3000:]}")
    PACKAGE.touch()


def lint(queries: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """Diagnostics for each named query: `{severity, message, line, column}`."""
    _install()
    result = subprocess.run(
        ["node", str(HERE / "lint.mjs")],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the Cypher linter failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d["severity"] == "error"]


def cypher_files(root: Path) -> dict[str, str]:
    """Every `.cypher` file under `root`, keyed by its path without the extension."""
    return {
        path.relative_to(root).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.cypher"))
    }
