"""What a `graphsvc load` committed, so `--resume` goes on after a crash without
parsing or writing again what is already in the store.

The manifest is `load-manifest.jsonl` in the data directory (beside the embedded
store's files; with Neo4j it is still the data directory of this machine): one line a
committed unit, appended and flushed to disk only after the unit's transaction
committed, so a line never names something the store lacks. A crash between the
commit and the line leaves a document in the store that the manifest does not name;
`--resume` therefore also asks the store, and skips an article whose stored document
has the same text and metadata (`load_changes.document_status`: unchanged).

A unit is named by its content, not its file name: an article by its document id and
a hash of its document (text hash, metadata) and reading mode; a records file or
timeline export by the hash of its bytes. A changed article under the same id is
loaded again on `--resume`, as a plain load would.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import orjson

from graphsvc.service.bulk_load import Unit
from graphsvc.service.load_changes import document_status
from graphsvc.store import GraphStore

FILE_NAME = "load-manifest.jsonl"


def unit_key(unit: Unit) -> str | None:
    """The unit's name in the manifest; None for a unit that failed before its parse
    (it is never committed)."""
    if unit.prepared is not None:
        document = unit.prepared.document
        fields = document.model_dump(mode="json", exclude={"ingested_at"})
        fields["mode"] = unit.prepared.article.mode
        digest = hashlib.sha256(orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)).hexdigest()
        return f"document {document.id} {digest}"
    if unit.batch is not None:
        try:
            return f"file {hashlib.sha256(unit.path.read_bytes()).hexdigest()}"
        except OSError:
            return None  # the write reports the unreadable file
    return None


class Manifest:
    """The committed units of a load, read back by `--resume`."""

    def __init__(self, data_dir: Path, resume: bool) -> None:
        self.path = data_dir / FILE_NAME
        self.existed = self.path.exists()
        self.committed: set[str] = set(self._read()) if resume else set()
        data_dir.mkdir(parents=True, exist_ok=True)
        # A load without --resume starts its own manifest.
        self.file: IO[bytes] = self.path.open("ab" if resume else "wb")

    def _read(self) -> Iterator[str]:
        if not self.path.exists():
            return
        for line in self.path.read_bytes().splitlines():
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue  # a line cut short by the crash: its unit is checked again
            if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                yield entry["key"]

    def record(self, unit: Unit) -> None:
        """After the unit's commit: one line, on disk before the next unit is written."""
        key = unit_key(unit)
        if key is None:
            return
        line = orjson.dumps({"key": key, "where": unit.where}) + b"\n"
        self.file.write(line)
        self.file.flush()
        os.fsync(self.file.fileno())
        self.committed.add(key)

    def close(self) -> None:
        self.file.close()


def already_loaded(unit: Unit, manifest: Manifest, store: GraphStore) -> bool:
    """In the manifest, or (for an article) stored with the same text and metadata,
    which the manifest then records: it was committed, its line lost to the crash."""
    key = unit_key(unit)
    if key is None:
        return False
    if key in manifest.committed:
        return True
    if unit.prepared is None:
        return False
    loaded = unit.prepared.document
    stored = store.get_documents([loaded.id])
    if stored and document_status(stored[0], loaded)[0] == "unchanged":
        manifest.record(unit)
        return True
    return False


def resumed(
    items: Iterable[Unit],
    manifest: Manifest,
    store: GraphStore,
    on_skip: Callable[[Unit], None],
) -> Iterator[Unit]:
    """The units still to load: those already loaded go to `on_skip` instead, before
    any of their parse is started."""
    for unit in items:
        if already_loaded(unit, manifest, store):
            on_skip(unit)
        else:
            yield unit
