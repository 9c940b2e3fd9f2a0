"""Snapshots of what the benches compute, so a change of structure can show it changed
no result: take one on the old commit and one on the new, then compare.

    .venv/bin/python -m bench.snapshot take [temporal text exports] --out FILE [--tree DIR]
    .venv/bin/python -m bench.snapshot compare OLD.json NEW.json

`take` runs each bench as its own command line, in a subprocess whose working directory
and import path are `--tree` (default: this checkout), so an older commit checked out
with `git worktree add` runs its own code with this Python (the benches read
`../shared/fixtures` beside their tree: link it there for a checkout elsewhere). It
keeps what the bench computes and drops what the machine decides (seconds, memory):

- temporal: `bench.temporal_eval` on the TimeML sets without HeidelTime, every error of
  ours listed (`--errors`), so a single expression found or valued differently shows,
  not only the totals; the seconds column is dropped.
- text: `bench.text_eval`, the text loader's scores on every development set.
- exports: `bench.export_memory` on a small synthetic store (which formats, events and
  output sizes), and the graph itself: the example records and the fixture articles
  each loaded with `graphsvc load` into a fresh embedded store, then `graphsvc stats`,
  `graphsvc timeline` and `graphsvc export` in every format, kept line by line (but
  iCalendar's DTSTAMP, the moment the export was written).

`compare` prints, for each bench in both files, "identical" or the first differing lines,
and exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
TIMEML_SETS = ("aquaint", "meantime-stock", "wikiwars")
#: The graphs of the exports snapshot, each loaded into a fresh store: the example
#: records (written by hand), and the fixture articles read by the text loader.
GRAPHS = {
    "records": (ROOT / "examples" / "putin-assad-step-down.jsonl",),
    "articles": (
        FIXTURES / "articles" / "articles.jsonl",
        FIXTURES / "meantime-stock" / "articles" / "articles.jsonl",
    ),
}
EXPORT_FORMATS = ("json", "csv", "timelinejs", "ics", "graphml")
UNDATED_FORMATS = ("json", "csv", "graphml")  # ics and timelinejs refuse --undated
DIFF_LINES = 40
#: What an export says of the moment it was written (iCalendar's DTSTAMP), not of the graph.
WRITTEN_AT = re.compile(r"^(DTSTAMP:)\d{8}T\d{6}Z$")

Snapshot = dict[str, list[str]]


def run(tree: Path, args: list[str], env: dict[str, str] | None = None) -> str:
    """`python args...` in `tree`, importing that tree's code first; its stdout."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPHSVC_", "NEO4J_"))}
    clean.update(env or {})
    clean["PYTHONPATH"] = str(tree)
    clean["COLUMNS"] = "200"  # rich tables: the same width whatever the terminal
    done = subprocess.run(
        [sys.executable, *args],
        cwd=tree,
        env=clean,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout


def cells(line: str) -> list[str] | None:
    """The cells of a rich table row (`│ a │ b │`), or None for any other line."""
    if "│" not in line and "┃" not in line:
        return None
    return [cell.strip() for cell in re.split("[│┃]", line)[1:-1]]


def _is_box(character: str) -> bool:
    """A box-drawing character (U+2500 to U+257F) or a space: a table's rule."""
    return character == " " or "\u2500" <= character <= "\u257f"


def table_lines(output: str, drop_last: bool = False) -> list[str]:
    """Every line of a bench's output; table rows as their cells joined by ` | `, box
    lines left out and titles unindented (their widths follow the widest cell, a timing
    included)."""
    kept: list[str] = []
    for line in output.splitlines():
        row = cells(line)
        if row is None:
            if line.strip() and not all(_is_box(c) for c in line.strip()):
                kept.append(line.strip())  # a title is centred over its table's width
            continue
        if drop_last and row:
            row = row[:-1]
        kept.append(" | ".join(row))
    return kept


def temporal(tree: Path) -> list[str]:
    folders = [str(FIXTURES / "timeml" / name) for name in TIMEML_SETS]
    args = ["-m", "bench.temporal_eval", *folders, "--no-heideltime", "--no-write"]
    output = run(tree, [*args, "--errors", "1000000"])
    return table_lines(output, drop_last=True)  # the last column is seconds


def text(tree: Path) -> list[str]:
    return table_lines(run(tree, ["-m", "bench.text_eval", "--no-write"]))


#: The columns of bench.export_memory's table that the machine does not decide.
EXPORT_MEMORY_COLUMNS = ("format", "events", "export", "output MB")


def exports(tree: Path) -> list[str]:
    args = ["-m", "bench.export_memory", "--sizes", "2000", "--jobs", "1", "--no-write"]
    output = run(tree, args)
    lines: list[str] = []
    header: list[str] | None = None
    for line in output.splitlines():
        row = cells(line)
        if row is None:
            continue
        if header is None or row[0] in ("format", "events"):
            header = row  # a table's first line of column names
            continue
        if len(row) != len(header) or header[0] != "format":
            continue  # the second table: the store, its write time and size
        picked = [row[header.index(name)] for name in EXPORT_MEMORY_COLUMNS if name in header]
        lines.append("export_memory: " + " | ".join(picked))
    return lines + graph(tree)


def graph(tree: Path) -> list[str]:
    """Each fixture graph through the command line: stats, timeline, every export."""
    commands = [("stats", ["stats"]), ("timeline", ["timeline", "--limit", "1000", "--json"])]
    for name in EXPORT_FORMATS:
        undated = ["--undated"] if name in UNDATED_FORMATS else []
        commands.append((f"export {name}", ["export", "--format", name, *undated]))
    lines: list[str] = []
    for graph_name, inputs in GRAPHS.items():
        with tempfile.TemporaryDirectory(prefix="graphsvc-snapshot-") as data:
            env = {"GRAPHSVC_BACKEND": "embedded", "GRAPHSVC_DATA_DIR": data}
            run(tree, ["-m", "graphsvc", "load", *map(str, inputs)], env)
            for title, args in commands:
                output = run(tree, ["-m", "graphsvc", *args], env)
                for line in output.splitlines():
                    kept = WRITTEN_AT.sub(r"\1<when written>", line.rstrip())
                    lines.append(f"{graph_name} {title}: {kept}")
    return lines


BENCHES: dict[str, Callable[[Path], list[str]]] = {
    "temporal": temporal,
    "text": text,
    "exports": exports,
}


def compare(old: Snapshot, new: Snapshot) -> bool:
    """Print each bench's verdict; True when every bench in both is identical."""
    same = True
    for name in sorted(old.keys() | new.keys()):
        if name not in old or name not in new:
            print(f"{name}: only in {'the new' if name in new else 'the old'} snapshot")
            continue
        if old[name] == new[name]:
            print(f"{name}: identical ({len(new[name])} lines)")
            continue
        same = False
        diff = list(difflib.unified_diff(old[name], new[name], "old", "new", lineterm="", n=1))
        changed = sum(1 for d in diff if d[:1] in "+-" and d[:3] not in ("+++", "---"))
        print(f"{name}: DIFFERENT ({changed} lines added or removed); first lines:")
        print("\n".join(diff[:DIFF_LINES]))
    return same


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("take", help="run benches and write their snapshot")
    take.add_argument("benches", nargs="*", help=f"of {', '.join(BENCHES)} (default: all)")
    take.add_argument("--out", type=Path, required=True)
    take.add_argument("--tree", type=Path, default=ROOT, help="checkout whose code runs")
    check = commands.add_parser("compare", help="compare two snapshots")
    check.add_argument("old", type=Path)
    check.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compare":
        old = json.loads(args.old.read_text("utf-8"))
        new = json.loads(args.new.read_text("utf-8"))
        sys.exit(0 if compare(old, new) else 1)
    unknown = set(args.benches) - BENCHES.keys()
    if unknown:
        parser.error(f"unknown bench {', '.join(sorted(unknown))}: choose of {', '.join(BENCHES)}")
    tree = args.tree.resolve()
    snapshot: Snapshot = {}
    for name in args.benches or list(BENCHES):
        print(f"bench.snapshot: {name} in {tree}", file=sys.stderr, flush=True)
        snapshot[name] = BENCHES[name](tree)
        # after each bench, so a later one failing keeps the earlier ones' results
        args.out.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"bench.snapshot: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
