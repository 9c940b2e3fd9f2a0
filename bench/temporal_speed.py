"""Time `find_dates` alone on the development texts, and dump its output for comparison.

    .venv/bin/python -m bench.temporal_speed [--repeat N] [--profile] [--dump FILE]

Reads every TimeML development set of ../shared/fixtures/timeml (news and narrative
mode both, no parse) and the article texts of ../shared/fixtures (news mode). Prints
seconds per set, best of `--repeat` runs (under a shared machine's load the best run
is the one least disturbed). `--dump FILE` writes every expression found (offsets,
type, value, interval) as JSON lines: a refactor of the rules must leave that file
byte for byte the same. `--profile` prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bench.timeml import load_documents
from graphsvc.temporal import find_dates

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
MODES = ("news", "narrative")


def documents() -> Iterator[tuple[str, str, date, str]]:
    """(set, name, anchor, text) of every development text, in a stable order."""
    for folder in sorted((FIXTURES / "timeml").iterdir()):
        if folder.is_dir():
            for document in load_documents(folder):
                yield folder.name, document.name, document.dct, document.text
    for path in sorted(FIXTURES.glob("*/articles/articles.jsonl")) + sorted(
        FIXTURES.glob("articles/*.jsonl")
    ):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            anchor = date.fromisoformat(record["published"][:10])
            set_name = f"text:{path.relative_to(FIXTURES).parts[0]}"
            yield set_name, record["id"], anchor, record["text"]


def dump(path: Path, texts: list[tuple[str, str, date, str]]) -> int:
    """Every expression of every text in both modes, one JSON line each; returns the count."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for set_name, name, anchor, text in texts:
            for mode in MODES:
                for e in find_dates(text, anchor, mode):  # type: ignore[arg-type]
                    when = e.when
                    row = [set_name, name, mode, e.start, e.end, e.text, e.type, e.value]
                    if when is not None:
                        row += [str(when.start), str(when.end), when.precision, when.approximate]
                    out.write(json.dumps(row) + "\n")
                    count += 1
    return count


def timed(texts: list[tuple[str, str, date, str]], repeat: int) -> dict[tuple[str, str], float]:
    """Best-of-`repeat` seconds of find_dates over each set, per mode."""
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        spent: dict[tuple[str, str], float] = {}
        for set_name, _name, anchor, text in texts:
            for mode in MODES:
                started = time.perf_counter()
                find_dates(text, anchor, mode)  # type: ignore[arg-type]
                key = (set_name, mode)
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - started
        for key, seconds in spent.items():
            best[key] = min(best.get(key, seconds), seconds)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    texts = list(documents())
    find_dates("warm up on Monday, 3 May 2001", date(2001, 5, 1))
    if args.dump:
        print(f"{dump(args.dump, texts)} expressions written to {args.dump}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        timed(texts, 1)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    chars: dict[str, int] = {}
    for set_name, _name, _anchor, text in texts:
        chars[set_name] = chars.get(set_name, 0) + len(text)
    for (set_name, mode), seconds in sorted(timed(texts, args.repeat).items()):
        rate = chars[set_name] / seconds / 1000
        print(f"{set_name:28} {mode:9} {seconds:7.3f} s  {rate:8.0f} kchars/s")


if __name__ == "__main__":
    main()
