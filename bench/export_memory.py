"""Peak memory of timeline exports: streamed page by page (as the CLI and API export)
against a materialised export of the same events, measured in the same run.

    .venv/bin/python -m bench.export_memory [--sizes 10000 100000] [--formats csv ics]
                                            [--jobs 2] [--no-write]

For each size, synthetic events (2 participants and 1 source each) are written once
into an embedded store in a temporary directory. For each format of the
`graphsvc.export.FORMATS` registry, each export runs in a fresh subprocess that opens
the store, notes its resident memory (the baseline: the store itself lives in memory),
exports every event to a file and reports its peak resident memory. What the export
costs is peak minus baseline. The materialised export gathers every page into one list
and builds the whole document as one string before writing it: the baseline a streamed
export is compared with; with --jobs 2 (the default on 2 or more CPUs) the two run side
by side. Prints a table and writes it to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import synthetic
from bench.report import markdown_table, update_section

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Timeline export memory (bench/export_memory.py)"
BATCH_SIZE = 5000
ACTORS = 1000
DOCUMENTS = 100
MODES = ("streaming", "materialised")
TITLE = "Timeline"


@dataclass(frozen=True)
class Load:
    """One store written for one size."""

    events: int
    seconds: float
    sqlite_bytes: int


@dataclass(frozen=True)
class Export:
    """One export, measured in its own process."""

    format: str
    mode: str
    events: int  # events the writer was given
    baseline_kib: int  # resident memory after opening the store (and a warm-up export)
    peak_kib: int  # peak resident memory during the export
    output_bytes: int
    seconds: float
    open_seconds: float
    peak_source: str  # "VmHWM" (peak reset after opening) or "ru_maxrss" (whole process)

    @property
    def delta_kib(self) -> int:
        return self.peak_kib - self.baseline_kib


# --- child process -------------------------------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def _reset_peak() -> bool:
    """Make the kernel's peak RSS (VmHWM) restart from the current RSS (Linux 4.0+).

    `ru_maxrss` is no use here: a child inherits its parent's peak across exec.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return _status_kib("VmHWM") is not None


def _max_rss_kib() -> int:
    """The process's peak RSS so far (without /proc: it then includes opening the store)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


class _Counted:
    def __init__(self, events: Iterable) -> None:
        self._events = events
        self.count = 0

    def __iter__(self) -> Iterator:
        for event in self._events:
            self.count += 1
            yield event


def export_in_this_process(data_dir: Path, name: str, mode: str, output: Path) -> Export:
    """Open the store, export every event in `mode`, report memory and time."""
    from graphsvc.export import FORMATS, iter_events
    from graphsvc.store.base import TimelineQuery
    from graphsvc.store.embedded import EmbeddedStore

    spec = FORMATS[name]
    started = time.perf_counter()
    store = EmbeddedStore(data_dir)
    open_seconds = time.perf_counter() - started
    query = TimelineQuery()
    # Warm-up: one event through the writer, so lazy imports and caches are not counted.
    first = store.timeline(query.model_copy(update={"limit": 1})).items
    for _ in spec.write(first, TITLE):
        pass
    del first
    gc.collect()

    precise = _reset_peak()
    baseline = _status_kib("VmRSS") if precise else None
    if baseline is None:
        baseline = _max_rss_kib()
    events = _Counted(iter_events(store, query))
    started = time.perf_counter()
    with output.open("w", encoding="utf-8", newline="") as handle:
        if mode == "streaming":
            handle.writelines(spec.write(events, TITLE))
        elif mode == "materialised":
            gathered = list(events)
            document = "".join(spec.write(gathered, TITLE))
            handle.write(document)
        else:
            raise ValueError(f"unknown mode {mode!r}")
    seconds = time.perf_counter() - started
    peak = _status_kib("VmHWM") if precise else None
    if peak is None:
        peak = _max_rss_kib()
    store.close()
    return Export(
        format=name,
        mode=mode,
        events=events.count,
        baseline_kib=baseline,
        peak_kib=peak,
        output_bytes=output.stat().st_size,
        seconds=seconds,
        open_seconds=open_seconds,
        peak_source="VmHWM" if precise else "ru_maxrss",
    )


# --- parent process ------------------------------------------------------------------


def build_store(data_dir: Path, size: int) -> Load:
    """Write `size` synthetic events into a new embedded store at `data_dir`."""
    from graphsvc.store.embedded import EmbeddedStore

    started = time.perf_counter()
    store = EmbeddedStore(data_dir)
    for batch in synthetic.batches(size, BATCH_SIZE, ACTORS, DOCUMENTS):
        store.write_batch(batch)
    seconds = time.perf_counter() - started
    assert store.stats().events == size
    path = store.path
    store.close()
    del store
    gc.collect()
    return Load(size, seconds, path.stat().st_size)


def export_in_subprocess(data_dir: Path, name: str, mode: str, output: Path) -> Export:
    """Run one export in a fresh interpreter, so each measure starts from a clean heap."""
    command = [sys.executable, "-m", "bench.export_memory", "--worker"]
    command += [str(data_dir), name, mode, str(output)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"export {name}/{mode} failed:\n{done.stderr}")
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    return Export(**fields)


def measure(
    sizes: Sequence[int],
    formats: Sequence[str],
    workdir: Path,
    jobs: int = 1,
    progress: bool = False,
) -> tuple[list[Load], list[Export]]:
    """Every format in both modes for every size; one store per size, shared by formats.

    With `jobs` 2, the streaming and materialised exports of a format run side by side
    (each in its own process, so memory figures are unaffected, and both see the same
    load on a shared machine).
    """
    loads: list[Load] = []
    exports: list[Export] = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for size in sizes:
            data_dir = workdir / f"store-{size}"
            load = build_store(data_dir, size)
            loads.append(load)
            if progress:
                print(f"{size:,} events written in {load.seconds:.1f} s", file=sys.stderr)
            for name in formats:
                outputs = [workdir / f"export-{size}-{name}-{mode}.out" for mode in MODES]
                runs = [
                    pool.submit(export_in_subprocess, data_dir, name, mode, output)
                    for mode, output in zip(MODES, outputs, strict=True)
                ]
                for run, output in zip(runs, outputs, strict=True):
                    result = run.result()
                    output.unlink()
                    if result.events != size:
                        raise RuntimeError(
                            f"{name}/{result.mode} exported {result.events} of {size} events"
                        )
                    exports.append(result)
                    if progress:
                        print(
                            f"  {name:<12} {result.mode:<12} +{result.delta_kib / 1024:8.1f} MiB"
                            f" {result.seconds:6.1f} s",
                            file=sys.stderr,
                        )
    return loads, exports


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base > 0 else "-"


def rows(exports: Sequence[Export]) -> list[list[object]]:
    """Table rows: each export with its ratios to the materialised export of the same
    format and size, and to the same format and mode at the smallest size."""
    by_key = {(e.format, e.mode, e.events): e for e in exports}
    smallest = min(e.events for e in exports)
    formats = list(dict.fromkeys(e.format for e in exports))
    ordered = sorted(
        exports, key=lambda e: (formats.index(e.format), e.events, MODES.index(e.mode))
    )
    table: list[list[object]] = []
    for e in ordered:
        materialised = by_key[(e.format, "materialised", e.events)]
        first = by_key[(e.format, e.mode, smallest)]
        table.append(
            [
                e.format,
                f"{e.events:,}",
                e.mode,
                f"{e.baseline_kib / 1024:.1f}",
                f"{e.peak_kib / 1024:.1f}",
                f"{e.delta_kib / 1024:.1f}",
                _ratio(e.delta_kib, materialised.delta_kib),
                _ratio(e.delta_kib, first.delta_kib) if e.events != smallest else "1.00",
                f"{e.output_bytes / 1e6:.1f}",
                f"{e.seconds:.2f}",
                _ratio(e.seconds, materialised.seconds),
                f"{e.events / e.seconds:,.0f}" if e.seconds > 0 else "-",
            ]
        )
    return table


HEADERS = [
    "format",
    "events",
    "export",
    "store RSS MiB",
    "peak RSS MiB",
    "Δ MiB",
    "Δ / materialised Δ",
    "Δ / Δ at smallest N",
    "output MB",
    "seconds",
    "seconds / materialised",
    "events/s",
]
LOAD_HEADERS = ["events", "store write s", "events/s", "SQLite MB", "store open s"]


def load_rows(loads: Sequence[Load], exports: Sequence[Export]) -> list[list[object]]:
    out: list[list[object]] = []
    for load in loads:
        opens = sorted(e.open_seconds for e in exports if e.events == load.events)
        median_open = opens[len(opens) // 2] if opens else float("nan")
        out.append(
            [
                f"{load.events:,}",
                f"{load.seconds:.1f}",
                f"{load.events / load.seconds:,.0f}",
                f"{load.sqlite_bytes / 1e6:.1f}",
                f"{median_open:.1f}",
            ]
        )
    return out


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--worker"]:
        data_dir, name, mode, output = argv[1:5]
        result = export_in_this_process(Path(data_dir), name, mode, Path(output))
        print(json.dumps(asdict(result)))
        return

    from graphsvc.export import FORMATS, PAGE_SIZE

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS), metavar="FORMAT"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        choices=[1, 2],
        default=2 if (os.cpu_count() or 1) >= 2 else 1,
        help="2: a format's streaming and materialised exports side by side; 1: one by one",
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="graphsvc-export-memory-") as workdir:
        loads, exports = measure(
            args.sizes, args.formats, Path(workdir), jobs=args.jobs, progress=True
        )
    total = time.perf_counter() - started

    table_rows = rows(exports)
    table = Table(*HEADERS, title="Timeline export memory")
    for row in table_rows:
        table.add_row(*(str(c) for c in row))
    loads_table = Table(*LOAD_HEADERS, title="Synthetic embedded stores")
    load_table_rows = load_rows(loads, exports)
    for row in load_table_rows:
        loads_table.add_row(*(str(c) for c in row))
    console = Console(width=max(Console().width, 170))
    console.print(table)
    console.print(loads_table)
    console.print(f"bench ran in {total:.0f} s")
    if args.no_write:
        return

    sources = {e.peak_source for e in exports}
    how = (
        "the kernel's peak resident set (`VmHWM`, reset through `/proc/self/clear_refs` "
        "once the store is open) minus the resident set at that moment (`VmRSS`)"
        if sources == {"VmHWM"}
        else "`ru_maxrss` after the export minus `ru_maxrss` before it (no `/proc` here: "
        "the export's own peak shows only where it exceeds opening the store's)"
    )
    notes = (
        f"Synthetic events (2 participants, 1 source each, over {ACTORS:,} actors and "
        f"{DOCUMENTS} documents) in an embedded store, exported whole with every format of "
        "`graphsvc.export.FORMATS`, each export in a fresh Python process that first opens "
        "the store and runs one event through the writer (lazy imports, caches). **store "
        "RSS** is that process's resident memory then, the baseline (the in-memory graph "
        f"is most of it); **Δ** is {how}: what the export itself holds; **peak RSS** is "
        "store RSS + Δ. **streaming** is how `graphsvc export` and `GET /timeline/export` "
        "write: `FORMATS[name].write(iter_events(store, query), title)` with pages of "
        f"{PAGE_SIZE:,} events, chunk by chunk into the file; **materialised**, the "
        "baseline measured in the same run, gathers every page into one list and joins "
        "the whole document into one string before writing it. **Δ / materialised Δ** "
        "compares the two at the same size; **Δ / Δ at smallest N** is the growth of the "
        "same format and mode from the smallest size (bounded memory: a streaming "
        "export's Δ barely grows with the number of events, a materialised one's grows "
        "with it). Seconds are the export alone, not opening the store; **seconds / "
        "materialised** is over the materialised export of the same format and size"
        + (
            ", the two run side by side (one process each, so under the same load)"
            if args.jobs == 2
            else ", run one after the other"
        )
        + f". Whole run: {total:.0f} s."
    )
    body = (
        notes
        + "\n\n"
        + markdown_table(HEADERS, table_rows)
        + "\n\nStores written for the run (`EmbeddedStore.write_batch`, "
        + f"{BATCH_SIZE:,} events a batch; open is the median over the export processes):\n\n"
        + markdown_table(LOAD_HEADERS, load_table_rows)
    )
    update_section(SECTION, body)


if __name__ == "__main__":
    main()
