"""A draft as the stored relation: its evidence offsets and validity read against the
publication date; and one relation a document, merged over its sentences."""

from __future__ import annotations

from datetime import date

from graphsvc.model import Relation
from loaders.text.relations.sentence import (
    RelationDraft,
)


def relation_of(draft: RelationDraft, document: str, published: date, offset: int) -> Relation:
    """The stored relation of a draft: its sentence and offsets in the document
    (`offset`: where the sentence's paragraph starts), its validity read against the
    publication date."""
    sentence = draft.sentence
    lead = len(sentence.text) - len(sentence.text.lstrip())
    since = draft.since[0] if draft.since else None
    until = draft.until[0] if draft.until else None
    if since is not None and until is not None and since > until:
        since = until = None
    if draft.current is False and until is None and (since is None or since <= published):
        until = published  # "the former chief executive": ended by the time of writing
    return Relation(
        source=draft.source.id,
        type=draft.type,
        target=draft.target.id,
        document=document,
        sentence=sentence.text.strip(),
        role=draft.role,
        basis=draft.basis,
        since=since,
        until=until,
        since_precision=draft.since[1] if since is not None and draft.since else None,
        until_precision=draft.until[1] if until is not None and draft.until else None,
        current=draft.current,
        stated_on=published,
        char_start=offset + lead,
        char_end=offset + len(sentence.text.rstrip()),
    )


def merged(kept: Relation | None, new: Relation) -> Relation:
    """One relation a document (its identity): a later sentence adds what the first
    did not say ("joined Y in 1961" ... "left Y in 1975"); the first sentence stays the
    evidence."""
    if kept is None:
        return new
    since = kept.since or new.since
    until = kept.until or new.until
    if since and until and since > until:
        return kept
    return kept.model_copy(
        update={
            "since": since,
            "since_precision": kept.since_precision if kept.since else new.since_precision,
            "until": until,
            "until_precision": kept.until_precision if kept.until else new.until_precision,
            "role": kept.role or new.role,
            "basis": "stated" if "stated" in (kept.basis, new.basis) else kept.basis,
            "current": False if False in (kept.current, new.current) else kept.current,
        }
    )
