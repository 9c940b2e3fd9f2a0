"""Refuse a new version of a document that is not the same document.

A batch that `replaces` a document (a re-extracted article) withdraws everything the
stored one contributed. That is right for a new version of the same article, and wrong
when the id is all the two share: an article posted with the id of a document from
another source or URL, or of one whose events another extractor or a person (records)
wrote, would silently erase what that one said. Such a batch is refused (409) unless
it asks to replace (`GraphBatch.replace_foreign`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from graphsvc.errors import Conflict
from graphsvc.model import Document, GraphBatch


def family(extractor: str) -> str:
    """An extractor's name without its version ("graphsvc-text/2" -> "graphsvc-text"):
    a newer version of the same extractor re-extracting an article is a new version."""
    return extractor.split("/", 1)[0]


def foreign(
    stored: Document,
    new: Document,
    writers: Iterable[str],
    stored_writers: Callable[[], set[str]],
) -> str | None:
    """Why `new` is not a version of `stored`, or None when it is: a different source or
    URL (an absent one included), or stored event sources of an extractor
    (`stored_writers`, read last) that none of the new version's sources (`writers`)
    has, such as records written by hand under an extracted article's id. A new
    version that cites the document in no event source is compared on source and URL
    only (nothing says which extractor made it)."""
    if stored.source != new.source:
        return f"its source is {stored.source!r}, this one's {new.source!r}"
    if stored.url != new.url:
        return f"its URL is {stored.url!r}, this one's {new.url!r}"
    mine = {family(e) for e in writers}
    if not mine:
        return None  # the new version tells no event: no extractor to compare with
    others = {family(e) for e in stored_writers()} - mine
    if others:
        return f"its events were written by {', '.join(sorted(others))}"
    return None


def check_replaces(
    batch: GraphBatch,
    stored: Callable[[str], Document | None],
    stored_writers: Callable[[str], set[str]],
) -> None:
    """Raise Conflict when a document the batch replaces is stored as another document
    (see `foreign`), unless the batch says to replace it anyway. `stored_writers(id)`:
    the extractors of that document's stored event sources (asked only for a stored
    document that passes the other checks). Call under the write lock, before anything
    is withdrawn, so the check and the write are one step."""
    if batch.replace_foreign or not batch.replaces:
        return
    incoming = {d.id: d for d in batch.documents}
    writers: dict[str, set[str]] = {}
    for event in batch.events:
        for source in event.sources:
            writers.setdefault(source.document, set()).add(source.extractor)
    reasons = []
    for document_id in batch.replaces:
        old, new = stored(document_id), incoming.get(document_id)
        if old is None or new is None:
            continue
        mine = writers.get(document_id, set())
        reason = foreign(old, new, mine, partial(stored_writers, document_id))
        if reason is not None:
            reasons.append(f"{document_id!r} ({reason})")
    if reasons:
        raise Conflict(
            f"a different document is already stored under the id {', '.join(reasons)}; "
            "a new version would withdraw everything it contributed. Give this document "
            "its own id, or ask to replace the stored one (POST /documents?replace=true); "
            "nothing was written"
        )
