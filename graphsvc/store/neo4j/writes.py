"""The Neo4j store's writes, each inside one write transaction that holds the write lock
(`Neo4jConnection._write`): a batch, with what its `replaces` documents withdraw, and
an actor merge; each stamps the actors whose kept answers it may change.

A batch reads what it replaces first, so merging follows the same rules as the
embedded store (`graphsvc.store.merge`), concurrent writers (threads or processes)
lose no alias or source, and a failure leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

import orjson
from neo4j import ManagedTransaction

from graphsvc.errors import NotFound
from graphsvc.model import Actor, Document, Event, GraphBatch, Relation
from graphsvc.store.actor_merge import check_merge, plan_merge
from graphsvc.store.claims import rename_actor
from graphsvc.store.documents import DeletePlan, plan_delete, touched_actors
from graphsvc.store.merge import merge_batch, withdraw
from graphsvc.store.neo4j.records import (
    event_create_row,
    event_model,
    event_write_row,
    read_candidates,
    relation_model,
)
from graphsvc.store.neo4j.statements import fetch, known, run, run_batched, stamp, stamp_written
from graphsvc.store.provenance import check_replaces
from graphsvc.store.redirect import actor_ids, redirect_batch
from graphsvc.store.references import check_references
from graphsvc.store.rows import (
    actor_row,
    claims_model,
    claims_text,
    document_row,
    relation_row,
    same_as_row,
)


def write_batch(tx: ManagedTransaction, writes: int, batch: GraphBatch) -> dict[str, Any]:
    """The batch, and the change stamps (`writes`) of every actor whose kept answers
    it may change (`graphsvc.store.neo4j.kept`): the participants of withdrawn
    documents' events and the ends of their relations, the old and new participants
    of every event written, every actor written (everything when a stored actor's
    name or kind changes), both ends of every relation written.

    Returns the graph's statistics (stats/count) read as the last statement of this
    transaction: under the write lock no other batch commits in between, so they are
    the graph as this commit leaves it, with no read transaction of their own (which
    another writer's commit could tear and send round again)."""
    changed, touched = withdraw_replaced(tx, writes, batch) if batch.replaces else ({}, set())
    named = sorted(actor_ids(batch))
    merged = (
        {row["id"]: row["into"] for row in run(tx, "actors/redirects", ids=named)} if named else {}
    )
    redirected = redirect_batch(batch, merged)
    batch = redirected.batch

    check_references(
        batch,
        known_actors=lambda ids: known(tx, "writes/known_actors", ids),
        known_documents=lambda ids: known(tx, "writes/known_documents", ids),
    )
    documents = {
        row["document"]["id"]: Document(**row["document"])
        for row in fetch(tx, "documents/get_many", [d.id for d in batch.documents])
    }
    wanted = [*(a.id for a in batch.actors), *redirected.absorbed]
    actors = {
        row["actor"]["id"]: Actor(**row["actor"]) for row in fetch(tx, "actors/get_many", wanted)
    }
    asked = set(wanted)
    events = {
        row["event"]["id"]: event_model(row["event"])
        for row in fetch(tx, "events/get_many", [e.id for e in batch.events])
    }

    def event(event_id: str) -> Event | None:
        return changed[event_id] if event_id in changed else events.get(event_id)

    rows = merge_batch(batch, documents.get, actors.get, event, redirected.absorbed)
    written = {e.id for e in rows.events}
    pruned = tuple(e for i, e in changed.items() if e is not None and i not in written)
    rows = rows.model_copy(update={"events": rows.events + pruned})
    stored_ids = set(events) | {i for i, e in changed.items() if e is not None}

    stamp(tx, "writes/stamp_events", writes, list(events))  # their old participants
    # Only an actor stored before this batch can be renamed. `actors` holds every stored
    # one the batch names (read under the write lock); an actor the merge adds that was
    # not asked for is checked in Cypher all the same.
    shown = [
        {"id": a.id, "name": a.name, "kind": str(a.kind)}
        for a in rows.actors
        if a.id in actors or a.id not in asked
    ]
    stamp(tx, "writes/stamp_renamed", writes, shown, param="rows")

    run_batched(tx, "documents/upsert", [document_row(d) for d in rows.documents])
    run_batched(tx, "actors/upsert", [actor_row(a) for a in rows.actors])
    new = [e for e in rows.events if e.id not in stored_ids]
    run_batched(tx, "events/create", [event_create_row(e) for e in new])
    stored = [event_write_row(e) for e in rows.events if e.id in stored_ids]
    run_batched(tx, "events/write", stored)
    run_batched(tx, "relations/upsert", [relation_row(r) for r in rows.relations])
    run_batched(tx, "same_as/upsert", [same_as_row(c) for c in rows.same_as])

    ends = {a.id for a in rows.actors}
    ends.update(end for r in rows.relations for end in (r.source, r.target))
    stamp_written(tx, writes, [e.id for e in rows.events], sorted(ends))
    # A new version that no longer names an actor leaves it as a delete would.
    unnamed = touched - {a.id for a in rows.actors}
    if unnamed:
        run(tx, "actors/drop_unnamed", ids=sorted(unnamed))
    (counts,) = run(tx, "stats/count")
    return counts


def withdraw_replaced(
    tx: ManagedTransaction, writes: int, batch: GraphBatch
) -> tuple[dict[str, Event | None], set[str]]:
    """Withdraw what the stored versions of the batch's `replaces` documents gave
    (after `check_replaces`): their sources, events left without one and relations
    go in Cypher; the events they touched that remain are returned as `withdraw`
    left them (showing what the other documents say), for the caller to write, with
    the actors the withdrawn facts named (`touched_actors`)."""
    ids = list(batch.replaces)
    stored = {
        row["document"]["id"]: Document(**row["document"])
        for row in run(tx, "documents/get_many", ids=ids)
    }

    def writers(document_id: str) -> set[str]:
        (row,) = run(tx, "documents/writers", id=document_id)
        return set(row["extractors"])

    check_replaces(batch, stored.get, writers)
    events: list[Event] = []
    relations: list[Relation] = []
    if stored:  # a first version has nothing to withdraw: no more round trips
        (touched,) = run(tx, "documents/events", ids=list(stored))
        rows = run(tx, "events/get_many", ids=touched["ids"])
        events = [event_model(row["event"]) for row in rows]
        for document_id in stored:
            relations.extend(
                relation_model(row) for row in run(tx, "documents/relations", id=document_id)
            )
    changed, _ = withdraw(set(ids), events, ())
    named = touched_actors(events, relations, [r.key for r in relations])
    run(tx, "writes/stamp_documents", writes=writes, ids=ids)
    run(tx, "documents/withdraw", ids=ids)
    return changed, named


def merge_actors(tx: ManagedTransaction, writes: int, actor_id: str, into: str) -> Actor:
    """The merge, and a change stamp on everything (writes/stamp_all): ids redirect,
    participations and reported_by move, so every kept answer goes stale."""
    old: Actor | None = None
    merged_into: str | None = None
    for row in run(tx, "actors/get", id=actor_id):
        if row["merged_into"] is None:
            old = Actor(**row["actor"])
        else:
            merged_into = row["merged_into"]
    found = run(tx, "actors/get", id=into)
    target = Actor(**found[0]["actor"]) if found else None
    old, target = check_merge(actor_id, into, old, merged_into, target)
    relations = [
        relation_model(row)
        for who in (old.id, target.id)
        for row in run(tx, "related/relations", actor_id=who, since=None, until=None)
    ]
    candidates, _ = read_candidates(run(tx, "same_as/of_actors", ids=[old.id, target.id]))
    plan = plan_merge(old, target, relations, candidates)
    run_batched(tx, "actors/upsert", [actor_row(plan.actor)])
    run_batched(tx, "relations/upsert", [relation_row(r) for r in plan.relations])
    run_batched(tx, "same_as/upsert", [same_as_row(c) for c in plan.same_as])
    run(tx, "actors/merge", old=old.id, into=target.id)
    claiming = run(tx, "events/claims_naming", needle=orjson.dumps(old.id).decode())
    renamed = [
        {"id": row["id"], "claims": claims_text(claims)}
        for row in claiming
        for claims in [rename_actor(claims_model(row["claims"]), old.id, target.id)]
    ]
    run(tx, "events/set_claims", rows=renamed)
    run(tx, "writes/stamp_all", writes=writes)
    return plan.actor


#: NotFound for a document id no document has.
NO_DOCUMENT = "no document with id {!r}; list documents with GET /documents"


def delete_document(
    tx: ManagedTransaction, writes: int, document_id: str
) -> tuple[DeletePlan, list[str], dict[str, Any]]:
    """Withdraw the document as a new version of it would (documents/withdraw, after
    its change stamps), write back the events it shares without its sources and
    account, then delete it and the actors left with nothing (documents/delete).
    Returns the plan, the ids of the actors deleted and the graph's statistics read
    as the transaction's last statement (exact under other writers, as for
    `write_batch`)."""
    if not run(tx, "documents/get_many", ids=[document_id]):
        raise NotFound(NO_DOCUMENT.format(document_id))
    (touched,) = run(tx, "documents/events", ids=[document_id])
    events = [event_model(row["event"]) for row in run(tx, "events/get_many", ids=touched["ids"])]
    relations = [relation_model(row) for row in run(tx, "documents/relations", id=document_id)]
    plan = plan_delete(document_id, events, relations)
    run(tx, "writes/stamp_documents", writes=writes, ids=[document_id])
    run(tx, "documents/withdraw", ids=[document_id])
    run_batched(tx, "events/write", [event_write_row(e) for e in plan.kept])
    stamp(tx, "writes/stamp_events", writes, [e.id for e in plan.kept])
    run(tx, "documents/delete", id=document_id)
    (row,) = run(tx, "actors/drop_unnamed", ids=sorted(plan.touched))
    (counts,) = run(tx, "stats/count")
    return plan, sorted(row["ids"]), counts
