"""`graphsvc load --workers N` and `--cluster local:N` (Dask) against `--workers 1` on
the same articles, in one run.

    .venv/bin/python -m bench.ingest_workers [--documents 600] [--workers 1 2]
        [--clusters local:2] [--no-write]

The 30 MEANTIME articles of ../shared/fixtures (meantime-stock) are written as article
lines, repeated to `--documents` documents (each repeat its own document id, so every
one is parsed, built and written). Each worker count (and each Dask cluster) runs the
real CLI as a subprocess into an empty embedded store: wall time from start to exit
(the spaCy model's load included), then the store's stats, which must be the same for
every worker count.
Best of `--rounds` rounds, the order alternating. Prints a table and writes it to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "fixtures" / "meantime-stock" / "articles" / "articles.jsonl"
SECTION = "Parallel text ingest (bench/ingest_workers.py)"


def corpus(documents: int, target: Path) -> int:
    """Article lines: the MEANTIME set, repeated, each repeat with its own id."""
    records = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if line]
    with target.open("w", encoding="utf-8") as out:
        for index in range(documents):
            record = dict(records[index % len(records)])
            record["id"] = f"{record['id']}-copy{index // len(records)}"
            out.write(json.dumps(record) + "\n")
    return len(records)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # CPU seconds of the command and its workers
    load: float  # the machine's 1-minute load average when it began
    stats: dict[str, int]


def run(engine: list[str], articles: Path, workdir: Path) -> Run:
    data_dir = Path(tempfile.mkdtemp(dir=workdir))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPHSVC_", "NEO4J_"))}
    env["PYTHONPATH"] = str(ROOT)
    env["GRAPHSVC_DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-m", "graphsvc", "load", str(articles), *engine]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = subprocess.run(
        [sys.executable, "-m", "graphsvc", "stats"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return Run(seconds, cpu, load, json.loads(stats.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--clusters", nargs="*", default=["local:2"], help="--cluster values (Dask) to run too"
    )
    parser.add_argument("--rounds", type=int, default=2, help="best of; the order alternates")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not SOURCE.exists():
        sys.exit(f"bench.ingest_workers: {SOURCE} is absent")

    engines = [f"--workers {n}" for n in args.workers]
    engines += [f"--cluster {address}" for address in args.clusters]
    results: dict[str, Run] = {}
    starts: dict[str, Run] = {}  # the same command on one document: its start-up cost
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        distinct = corpus(args.documents, articles)
        one = Path(tmp) / "one.jsonl"
        corpus(1, one)
        for round_ in range(args.rounds):
            order = engines if round_ % 2 == 0 else engines[::-1]
            for engine in order:
                for corpus_file, kept in ((one, starts), (articles, results)):
                    got = run(engine.split(), corpus_file, Path(tmp))
                    print(f"round {round_ + 1}, {engine}, {corpus_file.name}: {got}", flush=True)
                    if engine not in kept or got.seconds < kept[engine].seconds:
                        kept[engine] = got
        results = {engine: results[engine] for engine in engines}

    base = results[engines[0]]
    rows = []
    more = args.documents - 1
    for engine, got in results.items():
        start = starts[engine]
        rows.append(
            [
                engine,
                args.documents,
                f"{got.seconds:.1f}",
                f"{args.documents / got.seconds:.1f}",
                f"{base.seconds / got.seconds:.2f}",
                f"{got.cpu:.1f}",
                f"{start.seconds:.1f}",
                f"{start.cpu:.1f}",
                f"{more / max(got.seconds - start.seconds, 1e-9):.1f}",
                f"{1000 * (got.cpu - start.cpu) / more:.0f}",
                f"{got.load:.1f}",
                "yes" if got.stats == base.stats else f"NO: {got.stats}",
            ]
        )
    headers = [
        "graphsvc load",
        "documents",
        "seconds",
        "documents/s",
        f"speed-up vs {engines[0]}",
        "CPU seconds (all processes)",
        "start-up seconds (1 document)",
        "start-up CPU seconds",
        "documents/s after start-up",
        "CPU ms a document after start-up",
        "load average at start",
        "same graph",
    ]
    table = Table(*headers, title=f"Parallel text ingest ({os.cpu_count()} cores)")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console(width=160).print(table)
    if args.no_write:
        return
    notes = (
        f"The {distinct} MEANTIME articles of ../shared/fixtures as article lines, repeated "
        f"to {args.documents} documents (each repeat its own id), loaded by the real CLI "
        f"into an empty embedded store on a {os.cpu_count()}-core machine shared with "
        "other work; seconds are the whole command, start-up and the spaCy model's load "
        f"included; best of {args.rounds} rounds, the order of the worker counts "
        "alternating. Workers parse and find actor mentions (--workers: our process pool, "
        "forked after the model is loaded; --cluster local:N: a Dask LocalCluster of N "
        "spawned worker processes, one thread each, each loading the model itself); this "
        "process builds each article (actors resolved against the store) and writes it, "
        "one transaction an article, in file order. "
        f"`same graph`: the store's counts equal those of --workers {args.workers[0]} "
        "(tests/graphsvc/test_bulk_load.py compares the whole exported graph). Graph "
        f"sizes: {json.dumps(base.stats)}. `CPU seconds` sums the command and its "
        "workers; `start-up` is the same command on a file of one document (best of the "
        "rounds), and the two `after start-up` columns are the full load less it, over "
        "the other documents: the cost of a bigger corpus, where start-up no longer "
        "counts; `load average at start` is the machine's 1-minute load (2 means both "
        "cores were already busy with other work)."
    )
    update_section(SECTION, notes + "\n\n" + markdown_table(headers, rows))


if __name__ == "__main__":
    main()
