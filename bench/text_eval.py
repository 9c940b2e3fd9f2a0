"""Extraction quality of the text loader on articles with gold actors and events.

    .venv/bin/python -m bench.text_eval [DIR] [--no-write]

DIR holds `articles/articles.jsonl` and `gold/<id>.json` (default: the MEANTIME set of
../shared/fixtures/meantime-stock, plus the sample article). Actors: precision and
recall of distinct actors, an extracted actor matching a gold one when a name or alias
of each agree (case and punctuation aside). Events: recall of gold events, found when an
extracted event comes from the gold sentence, has a gold participant among its own and
a date overlapping the gold date. The baseline, in the same run, is bare spaCy NER:
every distinct PERSON/ORG/GPE/LOC/FAC entity text an actor, no merging.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section
from graphsvc.names import normalise_name
from graphsvc.settings import Settings
from loaders.text.actors import KINDS
from loaders.text.article import Article
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import extract

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"


def _cases(folder: Path) -> list[tuple[Article, dict]]:
    cases = []
    for line in (folder / "articles" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        gold_path = folder / "gold" / f"{record['id']}.json"
        if gold_path.exists():
            fields = {k: v for k, v in record.items() if k in Article.model_fields}
            cases.append((Article(**fields), json.loads(gold_path.read_text(encoding="utf-8"))))
    return cases


def _gold_names(actor: dict) -> set[str]:
    return {normalise_name(n) for n in (actor["name"], *actor["aliases"])}


def _score_actors(found: list[set[str]], gold: list[dict]) -> tuple[int, int, int]:
    """(matched extracted actors, matched gold actors, extracted actors)."""
    gold_names = [_gold_names(a) for a in gold]
    matched_found = sum(1 for names in found if any(names & g for g in gold_names))
    matched_gold = sum(1 for g in gold_names if any(names & g for names in found))
    return matched_found, matched_gold, len(found)


def _overlaps(start: date, end: date, expected: dict) -> bool:
    lo = date.fromisoformat(expected.get("start") or expected["start_range"][0])
    hi = date.fromisoformat(expected.get("end") or expected["end_range"][1])
    return start <= hi and end >= lo


def evaluate(cases: list[tuple[Article, dict]], model: str) -> list[list[object]]:
    nlp = load_pipeline(model)
    ours = [0, 0, 0]
    bare = [0, 0, 0]
    gold_actors = events_found = events_gold = 0
    for article, gold in cases:
        batch = extract(article, model)
        found = [{normalise_name(n) for n in (a.name, *a.aliases)} for a in batch.actors]
        ours = [x + y for x, y in zip(ours, _score_actors(found, gold["actors"]), strict=True)]
        entities = {
            normalise_name(e.text) for e in nlp(article.text or "").ents if e.label_ in KINDS
        }
        bare = [
            x + y
            for x, y in zip(
                bare, _score_actors([{e} for e in entities], gold["actors"]), strict=True
            )
        ]
        gold_actors += len(gold["actors"])
        names = {a.id: {normalise_name(n) for n in (a.name, *a.aliases)} for a in batch.actors}
        for expected in gold["events"]:
            events_gold += 1
            by_name = {a["name"]: _gold_names(a) for a in gold["actors"]}
            wanted = [
                n for p in expected["participants"] for n in by_name.get(p, {normalise_name(p)})
            ]
            for event in batch.events:
                if event.when is None or not _overlaps(
                    event.when.start, event.when.end, expected["date"]
                ):
                    continue
                if not any(
                    expected["evidence"][:60] in s.sentence or s.sentence in expected["evidence"]
                    for s in event.sources
                ):
                    continue
                if any(w in names.get(p.actor, set()) for p in event.participants for w in wanted):
                    events_found += 1
                    break

    def row(name: str, counts: list[int], events: str) -> list[object]:
        matched_found, matched_gold, extracted = counts
        precision = matched_found / extracted if extracted else 0.0
        recall = matched_gold / gold_actors if gold_actors else 0.0
        return [name, extracted, f"{100 * precision:.1f}", f"{100 * recall:.1f}", events]

    recall = (
        f"{100 * events_found / events_gold:.1f} ({events_found}/{events_gold})"
        if events_gold
        else "-"
    )
    return [
        row("graphsvc text loader", ours, recall),
        row("bare spaCy NER (no merging)", bare, "-"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=SHARED / "meantime-stock")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    model = Settings().spacy_model
    cases = _cases(args.folder)
    headers = ["system", "actors found", "actor precision", "actor recall", "event recall"]
    rows = evaluate(cases, model)
    table = Table(*headers, title=f"{args.folder.name}: {len(cases)} articles")
    for r in rows:
        table.add_row(*(str(c) for c in r))
    Console(width=160).print(table)
    if not args.no_write:
        notes = (
            f"{len(cases)} articles of `{args.folder.name}` with gold actors and dated events "
            f"(`{model}`). Gold is partial by construction, so events are scored by recall only; "
            "bare spaCy NER is the baseline measured in the same run."
        )
        update_section(
            f"Text loader extraction on {args.folder.name} (bench/text_eval.py)",
            notes + "\n\n" + markdown_table(headers, rows),
        )


if __name__ == "__main__":
    main()
