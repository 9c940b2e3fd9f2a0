"""Run Neo4j's own Cypher parser (npm `@neo4j-cypher/language-support`) from Python.

Why Node: Neo4j ships its parser and semantic analysis for editors as a JavaScript
package, so the tests can check Cypher the way Neo4j reads it without a database. The
package is pinned in `package.json` and `package-lock.json`; its `node_modules/` is not
committed but installed here with `npm ci` on first use, then every query given to
`lint` is checked in one Node.js process.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lint.mjs"
LOCK = HERE / "package-lock.json"
NODE_MODULES = HERE / "node_modules"
#: Touched after each successful `npm ci`: node_modules is current while it is newer than LOCK.
MARKER = NODE_MODULES / "@neo4j-cypher" / "language-support" / "package.json"
NPM_CI_TIMEOUT = 600.0
LINT_TIMEOUT = 300.0

Diagnostic = dict[str, Any]


def _tool(name: str) -> str:
    """The path of `node` or `npm`, or a RuntimeError that says what to install."""
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(
            f"the Cypher linter needs `{name}` on PATH (Node.js 20 or later with npm)"
        )
    return path


def _run(command: list[str], what: str, timeout: float, stdin: str | None = None) -> str:
    """Run a command in this folder; any failure becomes a RuntimeError with its output."""
    try:
        result = subprocess.run(
            command,
            cwd=HERE,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"{what} took more than {timeout:.0f} s in {HERE}") from exc
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()[-3000:]
        raise RuntimeError(f"{what} failed (exit {result.returncode}) in {HERE}:\n{output}")
    return result.stdout


def install() -> None:
    """`npm ci` when node_modules is missing or older than package-lock.json."""
    if MARKER.exists() and MARKER.stat().st_mtime >= LOCK.stat().st_mtime:
        return
    npm = _tool("npm")
    _run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci", NPM_CI_TIMEOUT)
    if not MARKER.exists():
        raise RuntimeError(f"npm ci succeeded but did not install {MARKER.relative_to(HERE)}")
    # npm keeps the packed files' old timestamps; stamp the install time for the check above.
    MARKER.touch()


def lint(queries: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """Diagnostics per named query, each `{severity, message, line, column}` (1-based).

    A query text may hold several statements separated by `;`. Installs the npm
    packages first if needed.
    """
    if not queries:
        return {}
    install()
    node = _tool("node")
    stdout = _run(
        [node, str(SCRIPT)],
        "the Cypher linter (node lint.mjs)",
        LINT_TIMEOUT,
        stdin=json.dumps(queries),
    )
    try:
        return json.loads(stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"the Cypher linter printed no JSON: {stdout[:500]!r}") from exc


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Only what the library reports as errors: warnings (cartesian products) may stay."""
    return [d for d in diagnostics if d["severity"] == "error"]


def cypher_files(root: Path | str) -> dict[str, str]:
    """Every `*.cypher` under `root`, keyed like `load_query` names (`timeline/page`)."""
    base = Path(root)
    return {
        path.relative_to(base).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(base.rglob("*.cypher"))
    }
