"""The temporal bench's command line: `python -m bench.temporal_eval --help`."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import bench.temporal_eval
from bench.report import markdown_table, update_section
from bench.temporal_eval.errors import print_errors
from bench.temporal_eval.heideltime import heideltime_system
from bench.temporal_eval.report import (
    HEADERS,
    SECTION,
    console,
    notes,
    print_problems,
    print_table,
    speed_line,
    table_row,
)
from bench.temporal_eval.scoring import evaluate
from bench.temporal_eval.systems import (
    OURS,
    System,
    mode_of_document,
    parse_document,
    run_dateparser,
    run_ours,
)
from bench.timeml import load_documents


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.temporal_eval",
        description=(bench.temporal_eval.__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument("folders", type=Path, nargs="+", metavar="DIR", help="folders of .tml")
    parser.add_argument(
        "--mode",
        choices=["auto", "news", "narrative"],
        default="auto",
        help="find_dates mode; auto = decided per document from its own dates",
    )
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="list up to N of our errors per set"
    )
    parser.add_argument("--no-heideltime", action="store_true", help="skip HeidelTime")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="heideltime-") as workdir:
        systems = [
            System(OURS, run_ours, prepare=parse_document),
            System("dateparser (plain)", run_dateparser),
        ]
        heideltime = None if args.no_heideltime else heideltime_system(Path(workdir))
        if heideltime is not None:
            systems.append(heideltime)
        sections = []
        for folder in args.folders:
            documents = load_documents(folder)
            if not documents:  # a wrong path is an error, not a row of zeros
                raise SystemExit(f"{folder}: no .tml files")
            modes = sorted({mode_of_document(d, args.mode) for d in documents})
            mode = "/".join(modes) if len(modes) > 1 else modes[0]
            gold = sum(len(d.gold) for d in documents)
            heading = f"{folder.resolve().name}: {len(documents)} documents, {gold} gold TIMEX3"
            console.print(f"{heading}, {mode} mode ({args.mode})", style="bold")
            runs = [evaluate(system, documents, mode) for system in systems]
            for run in runs:
                print_problems(run)
            print_table(f"{folder.resolve().name} ({mode} mode)", runs)
            speed = speed_line(runs)
            if speed:
                console.print(speed)
            if args.errors:
                print_errors(runs[0], args.errors)
            sections.append(
                f"**{heading}**, {mode} mode\n\n"
                + markdown_table(HEADERS, [table_row(run) for run in runs])
                + (f"\n\n{speed}" if speed else "")
            )
    if not args.no_write:
        update_section(SECTION, notes(heideltime is not None) + "\n\n" + "\n\n".join(sections))
        console.print(f"wrote section '{SECTION}' of docs/benchmarks.md")


if __name__ == "__main__":
    main()
