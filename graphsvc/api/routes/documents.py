"""News articles in: extract actors, dated events and relations, write them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.model import GraphBatch
from graphsvc.resolve import StoreResolver
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import DocumentResult, ExtractedEvent, Stats
from loaders.text.article import Article
from loaders.text.bounded import IngestLimits, extract_bounded

router = APIRouter(tags=["documents"])


def summarise(batch: GraphBatch, stats: Stats) -> DocumentResult:
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
    return IngestLimits(settings.ingest_timeout_seconds, settings.ingest_memory_mb)


def ingest(
    store: GraphStore,
    article: Article,
    spacy_model: str,
    limits: IngestLimits = IngestLimits(),  # noqa: B008 - frozen, shared safely
    replace: bool = False,
) -> DocumentResult:
    """Extract the article's actors, events and relations and write them (blocking: call
    it from a thread). POST /documents and `graphsvc mcp`'s ingest tool both run this.
    The extraction runs in a child process within `limits` (`loaders.text.bounded`);
    the write happens here, whole, only once the batch is complete. `replace`: replace
    a stored document of that id from another source or URL (409 otherwise, see
    `graphsvc.store.provenance`)."""
    resolver = StoreResolver(store)  # its actors are the stored ones they name
    batch = extract_bounded(article, spacy_model, resolver, limits)
    if replace:
        batch = batch.model_copy(update={"replace_foreign": True})
    result = store.write_batch(batch)
    return summarise(batch, result.stats)


#: POST /documents?replace: the one way to reuse the id of another document.
ReplaceParam = Annotated[
    bool,
    Query(
        description="Replace a stored document of the same id that has another source or "
        "URL, or was written as records: without it such a post is refused with 409 and "
        "nothing is written. A new version of the same article (same source and URL) "
        "replaces its old version without it."
    ),
]


@router.post("/documents", summary="Ingest one article (text or HTML with metadata)")
async def post_document(
    article: Article, store: StoreDep, settings: SettingsDep, replace: ReplaceParam = False
) -> DocumentResult:
    return await run_in_threadpool(
        ingest, store, article, settings.spacy_model, limits_of(settings), replace
    )
