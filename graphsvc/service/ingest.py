"""Writes: a news article (extracted by the text loader) or structured records, each
written whole or not at all (one `write_batch`). Blocking: an event-loop adapter calls
these from a worker thread."""

from __future__ import annotations

import orjson

from graphsvc.errors import InvalidInput
from graphsvc.model import GraphBatch
from graphsvc.resolve import StoreResolver
from graphsvc.service.params import check_record_count
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import DocumentResult, ExtractedEvent, Stats
from loaders.records import parse_jsonl, parse_objects
from loaders.text.article import Article
from loaders.text.bounded import IngestLimits, extract_bounded


def summarise(batch: GraphBatch, stats: Stats) -> DocumentResult:
    """What an ingest answers: the document, what was written and each event found."""
    return DocumentResult(
        document=batch.documents[0].id,
        written=batch.counts(),
        actors=[a.id for a in batch.actors],
        events=[
            ExtractedEvent(
                id=e.id,
                type=e.type,
                summary=e.summary,
                start=e.when.start if e.when else None,
                end=e.when.end if e.when else None,
                approximate=e.when.approximate if e.when else False,
                open_start=e.when.open_start if e.when else False,
                date_basis=e.when.basis if e.when else None,
                confidence=e.confidence,
                factuality=e.factuality,
                reported_by=e.reported_by,
                precision=e.when.precision if e.when else None,
                participants=[p.actor for p in e.participants],
            )
            for e in batch.events
        ],
        stats=stats,
    )


def limits_of(settings: Settings) -> IngestLimits:
    """The time and memory one article's extraction may take on this server."""
    return IngestLimits(settings.ingest_timeout_seconds, settings.ingest_memory_mb)


def ingest(
    store: GraphStore,
    article: Article,
    spacy_model: str,
    limits: IngestLimits = IngestLimits(),  # noqa: B008 - frozen, shared safely
    replace: bool = False,
) -> DocumentResult:
    """Extract the article's actors, events and relations and write them. The
    extraction runs in a child process within `limits` (`loaders.text.bounded`); the
    write happens here, whole, only once the batch is complete. `replace`: replace a
    stored document of that id from another source or URL (409 otherwise, see
    `graphsvc.store.provenance`)."""
    resolver = StoreResolver(store)  # its actors are the stored ones they name
    batch = extract_bounded(article, spacy_model, resolver, limits)
    if replace:
        batch = batch.model_copy(update={"replace_foreign": True})
    result = store.write_batch(batch)
    return summarise(batch, result.stats)


def parse_records(body: bytes, *, as_json: bool) -> GraphBatch:
    """Records from a body: a JSON record, array of records or `{records: [...]}` when
    `as_json`, else JSON Lines (one record a line)."""
    if not as_json:
        return parse_jsonl(body.splitlines())
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(
            f"body is not valid JSON ({exc}); send JSON Lines as application/x-ndjson"
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InvalidInput("a JSON body must be a record, an array of records or {records: [...]}")
    return parse_objects(data)


def check_records(batch: GraphBatch, ceiling: int) -> None:
    """422 for a body with no records; 413 past GRAPHSVC_MAX_RECORDS_PER_REQUEST."""
    if batch.is_empty():
        raise InvalidInput("the body holds no records")
    check_record_count(sum(batch.counts().values()), ceiling)
