"""One actor per entity across documents: load the 30 meantime-stock articles
and the sample article into one embedded store, the way `graphsvc load` does, and list
the gold entities that the store holds under more than one actor id.

    .venv/bin/python -m bench.actor_duplicates [--no-resolve] [--no-write]

Gold entities: the gold actors of every article (`gold/<id>.json` beside the articles),
grouped across articles by their `name` (the corpus's descriptor of the instance, the
same in every article) with all their aliases. A stored actor belongs to an entity when
its normalised name or an alias equals one of the entity's normalised names. An entity
with two or more such actors is a duplicate. `--no-resolve` loads without resolving a
new article's actors against the store (`graphsvc.resolve`), to show what that adds.
"""

from __future__ import annotations

import argparse
import inspect
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section
from graphsvc.names import normalise_name
from graphsvc.settings import Settings
from graphsvc.store.embedded import EmbeddedStore
from loaders.text.article import Article
from loaders.text.pipeline import extract

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
SECTION = "Actors across documents (bench/actor_duplicates.py)"


@dataclass
class Entity:
    name: str
    kind: str
    names: set[str]


def _articles(lines: Path, golds: Path) -> list[tuple[Article, list[dict]]]:
    found = []
    for line in lines.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        fields = {k: v for k, v in record.items() if k in Article.model_fields}
        gold = golds / f"{record['id']}.json"
        actors = json.loads(gold.read_text(encoding="utf-8"))["actors"] if gold.exists() else []
        found.append((Article(**fields), actors))
    return found


def entities(golds: list[list[dict]]) -> list[Entity]:
    by_name: dict[str, Entity] = {}
    for actors in golds:
        for actor in actors:
            entity = by_name.setdefault(actor["name"], Entity(actor["name"], actor["kind"], set()))
            entity.names |= {normalise_name(n) for n in (actor["name"], *actor["aliases"])}
    return list(by_name.values())


def load_all(cases: list[tuple[Article, list[dict]]], resolve: bool, store: EmbeddedStore):
    model = Settings().spacy_model
    takes_resolver = "resolver" in inspect.signature(extract).parameters
    for article, _ in cases:
        if resolve and takes_resolver:
            from graphsvc.resolve import StoreResolver

            batch = extract(article, model, StoreResolver(store))
        else:
            batch = extract(article, model)
        store.write_batch(batch)


def duplicates(store: EmbeddedStore, found: list[Entity]) -> list[tuple[Entity, list[str]]]:
    actors = store.search_actors("", 100_000)
    result = []
    for entity in found:
        ids = sorted(
            a.id for a in actors if {normalise_name(n) for n in (a.name, *a.aliases)} & entity.names
        )
        if len(ids) > 1:
            result.append((entity, ids))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-resolve", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    meantime = SHARED / "meantime-stock"
    cases = _articles(meantime / "articles" / "articles.jsonl", meantime / "gold")
    cases += _articles(SHARED / "articles" / "articles.jsonl", SHARED / "gold")
    found = entities([gold for _, gold in cases])
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder))
        try:
            load_all(cases, not args.no_resolve, store)
            dupes = duplicates(store, found)
            total = len(store.search_actors("", 100_000))
        finally:
            store.close()
    table = Table(title=f"Gold entities held as more than one actor ({len(cases)} articles)")
    headers = ["entity", "kind", "actor ids"]
    for header in headers:
        table.add_column(header)
    rows = [[e.name, e.kind, ", ".join(ids)] for e, ids in dupes]
    for row in rows:
        table.add_row(*row)
    console = Console()
    console.print(table)
    kinds = ("place", "organization", "person")
    by_kind = {k: sum(1 for e, _ in dupes if e.kind == k) for k in kinds}
    summary = (
        f"{len(found)} gold entities, {total} actors stored; {len(dupes)} entities under more "
        f"than one id (places {by_kind['place']}, organisations {by_kind['organization']}, "
        f"persons {by_kind['person']}); resolution against the store "
        f"{'off' if args.no_resolve else 'on'}."
    )
    console.print(summary)
    if not args.no_write:
        update_section(SECTION, summary + "\n\n" + markdown_table(headers, rows))


if __name__ == "__main__":
    main()
