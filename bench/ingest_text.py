"""Throughput of the text loader against spaCy's own `nlp.pipe`, in the same run.

    .venv/bin/python -m bench.ingest_text [--repeat 20] [--no-write]

The corpus is the sample article and the 30 MEANTIME articles of ../shared/fixtures
(repeated to make the run long enough to time), or examples/ when those are absent.
The baseline is `nlp.pipe` over the same article texts, the loader's components left
out (`LOADER_STEPS`): the loader's ratio to it is its cost beyond parsing (cleaning,
actors, events, dates, relations). Writing to a store is
left out: bench/neo4j_load.py measures that.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.clean import article_spans
from loaders.text.nlp import LOADER_STEPS, load_pipeline
from loaders.text.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "fixtures"


def corpus() -> list[Article]:
    files = [
        SHARED / "articles" / "articles.jsonl",
        SHARED / "meantime-stock" / "articles" / "articles.jsonl",
    ]
    articles = []
    for path in files:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    articles.append(
                        Article(**{k: v for k, v in record.items() if k in Article.model_fields})
                    )
    if not articles:
        story = (ROOT / "examples" / "putin-assad-step-down.md").read_text(encoding="utf-8")
        articles.append(Article(id="example-story", published="2016-01-22", text=story))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    model = Settings().spacy_model
    nlp = load_pipeline(model)
    articles = corpus()
    texts = [a.text or "" for a in articles]
    paragraphs = [a.text[s:e] for a in articles for s, e in article_spans(a.text or "")]
    extract(articles[0], model)  # warm up: vocabularies, rules, the first parse

    started = time.perf_counter()
    for _ in range(args.repeat):
        for _doc in nlp.pipe(texts, disable=LOADER_STEPS):
            pass
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    for _ in range(args.repeat):
        for _doc in nlp.pipe(paragraphs, disable=LOADER_STEPS):
            pass
    baseline_kept = time.perf_counter() - started

    events = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        for article in articles:
            events += len(extract(article, model).events)
    loader = time.perf_counter() - started

    documents = len(articles) * args.repeat
    rows = [
        [
            "spaCy nlp.pipe, whole texts",
            documents,
            f"{baseline:.2f}",
            f"{documents / baseline:.1f}",
            "-",
            "1.00",
        ],
        [
            "spaCy nlp.pipe, article paragraphs only",
            documents,
            f"{baseline_kept:.2f}",
            f"{documents / baseline_kept:.1f}",
            "-",
            f"{baseline_kept / baseline:.2f}",
        ],
        [
            "graphsvc text loader (extract)",
            documents,
            f"{loader:.2f}",
            f"{documents / loader:.1f}",
            f"{events / loader:.1f}",
            f"{loader / baseline:.2f}",
        ],
    ]
    headers = ["run", "documents", "seconds", "documents/s", "events/s", "time vs nlp.pipe"]
    table = Table(
        *headers,
        title=f"Text loader throughput ({model}, {len(articles)} articles x {args.repeat})",
    )
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console(width=160).print(table)
    if not args.no_write:
        notes = (
            f"{len(articles)} articles (the sample and the MEANTIME set of ../shared/fixtures) "
            f"parsed {args.repeat} times with `{model}` on one process. `time vs nlp.pipe` is "
            "the run's time over spaCy's bare `nlp.pipe` on the same whole texts, measured in "
            "the same run; the loader parses only article paragraphs (page chrome is dropped "
            "first), then finds actors, events, dates and relations. No store writes."
        )
        update_section(
            "Text loader throughput (bench/ingest_text.py)",
            notes + "\n\n" + markdown_table(headers, rows),
        )


if __name__ == "__main__":
    main()
