"""News articles in: extract actors, dated events and relations, write them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.service.calls import run_in_thread
from graphsvc.service.ingest import ingest, limits_of
from graphsvc.views import DocumentResult
from loaders.text.article import Article

router = APIRouter(tags=["documents"])

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
    limits = limits_of(settings)
    return await run_in_thread(ingest, store, article, settings.spacy_model, limits, replace)
