"""Each document's account of an event, so no report overwrites another's.

An event shows what its first-cited document says (type, summary, date, confidence,
factuality, reporter, participants, places included). A document that tells the same
event differently keeps its own account as a `Claim` on the event; one that agrees
needs none. Merging and withdrawing expand an event into one account per cited
document, change the accounts of the documents the write is about, and fold them back:
a later article never rewrites what an earlier one said while still citing its
sentence, and withdrawing a document leaves exactly what the others say. Shared by
every backend, so both stores keep the same accounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphsvc.model import Claim, Event, Participant, Source

#: The fields of an event that are one document's account of it.
ACCOUNT_FIELDS = (
    "type",
    "summary",
    "when",
    "confidence",
    "factuality",
    "reported_by",
    "participants",
)

Account = dict[str, Any]


def account(record: Event | Claim) -> Account:
    """The account fields of an event or a claim."""
    return {name: getattr(record, name) for name in ACCOUNT_FIELDS}


def _same(a: Account, b: Account) -> bool:
    """Equal accounts; participants compare as a set (their order says nothing)."""
    return all(
        set(a[n]) == set(b[n]) if n == "participants" else a[n] == b[n] for n in ACCOUNT_FIELDS
    )


def cited(sources: Iterable[Source]) -> list[str]:
    """The documents `sources` cite, once each, in first-cited order."""
    return list(dict.fromkeys(s.document for s in sources))


def accounts(event: Event) -> dict[str, Account]:
    """One account per cited document: its claim, or what the event shows (a document
    without a claim agrees with it)."""
    shown = account(event)
    claims = {c.document: account(c) for c in event.claims}
    return {d: claims.get(d, shown) for d in cited(event.sources)}


def fold(event: Event, sources: tuple[Source, ...], told: Mapping[str, Account]) -> Event:
    """`event` citing `sources`, showing its first-cited document's account and keeping
    the others' that differ from it as claims. `told` has every cited document's account;
    with no source left, `event` keeps what it shows (the caller drops or keeps it)."""
    documents = cited(sources)
    if not documents:
        return event.model_copy(update={"sources": sources, "claims": ()})
    shown = told[documents[0]]
    claims = tuple(Claim(document=d, **told[d]) for d in documents[1:] if not _same(told[d], shown))
    return event.model_copy(update={**shown, "sources": sources, "claims": claims})


def merge_accounts(old: Event, new: Event, sources: tuple[Source, ...]) -> Event:
    """`old` with `new`'s account given by each document `new` cites (replacing what
    those documents said before); the others keep theirs. A record citing no document
    is an edit of the event itself: it replaces what the event shows and every claim."""
    if not new.sources:
        return new.model_copy(update={"sources": sources, "claims": ()})
    told = accounts(old)
    given = account(new)
    for document in cited(new.sources):
        told[document] = given
    return fold(new, sources, told)


def without(event: Event, documents: set[str]) -> Event | None:
    """`event` without what `documents` said: their sources and accounts go, and the
    first document still cited decides what it shows; None when no source is left."""
    kept = tuple(s for s in event.sources if s.document not in documents)
    if not kept:
        return None
    return fold(event, kept, accounts(event))


def rename_actor(claims: tuple[Claim, ...], old: str, target: str) -> tuple[Claim, ...]:
    """Claims with actor `old` (merged into `target`) replaced by `target`, in the same
    role, unless the claim already has the target in that role."""
    if not any(_names(c, old) for c in claims):
        return claims
    renamed = []
    for claim in claims:
        held = {(p.actor, p.role) for p in claim.participants}
        participants: list[Participant] = []
        for p in claim.participants:
            if p.actor != old:
                participants.append(p)
            elif (target, p.role) not in held:
                participants.append(Participant(actor=target, role=p.role))
        reporter = target if claim.reported_by == old else claim.reported_by
        renamed.append(
            claim.model_copy(update={"participants": tuple(participants), "reported_by": reporter})
        )
    return tuple(renamed)


def _names(claim: Claim, actor: str) -> bool:
    return claim.reported_by == actor or any(p.actor == actor for p in claim.participants)


def names_actor(event: Event, actor: str) -> bool:
    """Whether one of the event's claims names `actor` (a participant or the reporter)."""
    return any(_names(c, actor) for c in event.claims)
