"""Write a benchmark's table into docs/benchmarks.md, replacing its earlier section."""

from __future__ import annotations

import platform
import re
from datetime import UTC, datetime
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\nWritten by the scripts under `bench/`; each section is replaced on rerun.\n"
)


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def update_section(name: str, body: str) -> None:
    """Replace `## name` (up to the next `## `) in docs/benchmarks.md, or append it."""
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else HEADER
    now = datetime.now(UTC)
    stamp = f"_{now:%Y-%m-%d %H:%M} UTC, {platform.machine()}, Python {platform.python_version()}_"
    section = f"## {name}\n\n{stamp}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(name)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    BENCHMARKS.parent.mkdir(parents=True, exist_ok=True)
    BENCHMARKS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
