"""The documents an export's events cite: titles and links for the reader of a CSV or
JSON file, looked up a page of events at a time (one store call a page, not one a
source) and kept for the rest of the export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from graphsvc.model import Document
from graphsvc.store.base import MAX_NAMES
from graphsvc.views import EventView


class DocumentSource(Protocol):
    def get_documents(self, ids: Iterable[str]) -> list[Document]: ...


class Citations:
    def __init__(self, store: DocumentSource | None) -> None:
        self._store = store
        self._known: dict[str, Document | None] = {}

    def learn(self, events: Sequence[EventView]) -> None:
        """Look up the documents these events cite that are not known yet."""
        if self._store is None:
            return
        missing = list(
            dict.fromkeys(
                s.document for e in events for s in e.sources if s.document not in self._known
            )
        )
        for start in range(0, len(missing), MAX_NAMES):
            chunk = missing[start : start + MAX_NAMES]
            found = {d.id: d for d in self._store.get_documents(chunk)}
            self._known.update((i, found.get(i)) for i in chunk)

    def of(self, document_id: str) -> Document | None:
        """The document, if it is stored (and was cited by an event already streamed)."""
        return self._known.get(document_id)

    def cited(self) -> list[Document]:
        """Every stored document cited so far, in the order first cited."""
        return [d for d in self._known.values() if d is not None]


#: For writers called without a store (nothing is looked up).
NO_CITATIONS = Citations(None)
