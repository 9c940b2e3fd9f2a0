"""What one write of `graphsvc load` changed, as its user asks after loading a folder
again: was each article new, a replacement of a stored version, or the same as stored;
and how the graph's counts moved.

A reload writes every article again (the store replaces a document's facts, so a new
extractor's reading reaches the graph), so the counts of what was written say nothing
of what changed. The document's stored metadata and text hash do, and the store's
counts before and after the write show what the graph gained or lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from graphsvc.model import Document
from graphsvc.views import Stats

Status = Literal["new", "replaced", "unchanged", "records"]
#: The metadata a reader sees of a document; a change in any of them is a new version.
COMPARED = ("title", "url", "published", "source", "language")
#: The counts a load line reports, in this order (undated events are among the events).
COUNTS = ("documents", "actors", "events", "relations", "participations", "sources")


@dataclass(frozen=True)
class Change:
    """One unit's change: its status, the document it wrote (articles), why it counts
    as replaced, and the graph's counts after minus before (zeros left out)."""

    status: Status
    document: str | None = None
    why: str | None = None
    delta: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """`new document X: +6 actors, +11 events`; `unchanged document X (same text and
        metadata as stored): graph counts unchanged`."""
        moved = ", ".join(f"{n:+d} {kind}" for kind, n in self.delta.items())
        counts = moved or "graph counts unchanged"
        if self.status == "records":
            return counts
        why = f" ({self.why})" if self.why else ""
        return f"{self.status} document {self.document}{why}: {counts}"


def document_status(stored: Document | None, loaded: Document) -> tuple[Status, str | None]:
    """`new` when no document has the id; `unchanged` when the stored one has the same
    text hash and metadata; else `replaced`, saying what differs."""
    if stored is None:
        return "new", None
    differs = [name for name in COMPARED if getattr(stored, name) != getattr(loaded, name)]
    if stored.text_sha256 != loaded.text_sha256:
        differs.insert(0, "text")
    if not differs:
        return "unchanged", "same text and metadata as stored"
    return "replaced", f"{', '.join(differs)} changed"


def delta(before: Stats, after: Stats) -> dict[str, int]:
    """Counts after minus before, only those that moved."""
    moved = {name: getattr(after, name) - getattr(before, name) for name in COUNTS}
    return {name: n for name, n in moved.items() if n}
