"""The text loader's output on the development sets, written once and compared later.

    .venv/bin/python -m bench.loader_snapshot write SNAPSHOT.jsonl [--workers N]
    .venv/bin/python -m bench.loader_snapshot compare SNAPSHOT.jsonl [--workers N]

A refactoring of the loader should not change what it extracts: write the snapshot on
the code before, compare on the code after. Each line is one document's GraphBatch as
JSON (or the refusal it got): the sample articles and the MEANTIME articles of
../shared/fixtures, the CoNLL04 dev sentences (one a document, as a user sends them)
and the AQUAINT TimeML documents. With `--workers N` the parse runs on N
processes (`loaders.text.parallel`), as `graphsvc load --workers N` does, and the
batches must still be the same. With `--store` each document's actors are resolved
against an embedded store holding the documents before it (`graphsvc.resolve`), as a
load into a store does.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.text_eval import detokenise
from bench.timeml import load_documents
from graphsvc.errors import GraphsvcError
from graphsvc.resolve import StoreResolver
from graphsvc.settings import Settings
from graphsvc.store.embedded import EmbeddedStore
from loaders.text import parallel
from loaders.text.article import Article
from loaders.text.pipeline import build, extract, prepare

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"


def _jsonl(path: Path) -> Iterator[Article]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            yield Article(**{k: v for k, v in record.items() if k in Article.model_fields})


def articles() -> Iterator[tuple[str, Article]]:
    """Every document of the snapshot, with the set it comes from, in a fixed order."""
    for name, path in (
        ("articles", SHARED / "articles" / "articles.jsonl"),
        ("meantime-stock", SHARED / "meantime-stock" / "articles" / "articles.jsonl"),
    ):
        for article in _jsonl(path):
            yield name, article
    conll = json.loads((SHARED / "conll04" / "conll04_dev.json").read_text(encoding="utf-8"))
    for index, item in enumerate(conll):
        text = detokenise(item["tokens"])
        yield "conll04-dev", Article(id=f"conll04-{index}", text=text, published="1990-01-01")
    for document in load_documents(SHARED / "timeml" / "aquaint"):
        yield (
            "aquaint",
            Article(id=document.name, published=document.dct, text=document.text),
        )


def snapshot(model: str, workers: int, store: bool) -> Iterator[dict[str, object]]:
    """One record per document: its set, id and batch (or the error it raised)."""
    parser = parallel.parser(model, workers) if workers > 1 else None
    folder = tempfile.TemporaryDirectory(prefix="loader-snapshot-") if store else None
    kept = EmbeddedStore(Path(folder.name)) if folder is not None else None
    resolver = StoreResolver(kept) if kept is not None else None
    if kept is not None:
        kept.start()
    try:
        for name, article in articles():
            record: dict[str, object] = {"set": name, "id": article.id}
            try:
                if parser is None:
                    batch = extract(article, model, resolver)
                else:
                    prepared = prepare(article)
                    docs = parser.submit(prepared.paragraphs())()
                    batch = build(prepared, docs, parser.nlp, resolver)
                if kept is not None:
                    kept.write_batch(batch)
                record["batch"] = batch.model_dump(mode="json")
            except GraphsvcError as exc:
                record["error"] = f"{type(exc).__name__}: {exc}"
            yield record
    finally:
        if parser is not None:
            parser.close()
        if kept is not None:
            kept.close()
        if folder is not None:
            folder.cleanup()


def _differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """Where two records of one document differ: each top-level part that changed."""
    if "batch" not in before or "batch" not in after:
        return [] if before == after else ["outcome"]
    old, new = before["batch"], after["batch"]
    assert isinstance(old, dict) and isinstance(new, dict)
    return [key for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--workers", type=int, default=1, help="parse processes")
    parser.add_argument("--store", action="store_true", help="resolve against a store")
    args = parser.parse_args()
    model = Settings().spacy_model

    if args.action == "write":
        with args.snapshot.open("w", encoding="utf-8") as out:
            count = 0
            for record in snapshot(model, args.workers, args.store):
                out.write(json.dumps(record, sort_keys=True) + "\n")
                count += 1
        print(f"{count} documents written to {args.snapshot}")
        return

    kept = [json.loads(line) for line in args.snapshot.read_text(encoding="utf-8").splitlines()]
    by_key = {(r["set"], r["id"]): r for r in kept}
    seen = 0
    changed: list[str] = []
    for record in snapshot(model, args.workers, args.store):
        seen += 1
        key = (record["set"], record["id"])
        before = by_key.pop(key, None)
        if before is None:
            changed.append(f"{key}: not in the snapshot")
            continue
        parts = _differences(before, json.loads(json.dumps(record, sort_keys=True)))
        if parts:
            changed.append(f"{key}: {', '.join(parts)} differ")
    changed += [f"{key}: in the snapshot, not produced now" for key in by_key]
    for line in changed:
        print(line)
    print(f"{seen} documents compared, {len(changed)} differ")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
