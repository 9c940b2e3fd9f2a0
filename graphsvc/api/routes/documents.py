"""Documents: news articles in (extract actors, dated events and relations, write
them), the list of what was loaded, one document with what was taken from it, and
deleting one with the facts only it supports."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Path, Query
from pydantic import model_validator

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.params import SinceParam, UntilParam
from graphsvc.model import DOCUMENT_ID_PATTERN
from graphsvc.service import documents
from graphsvc.service.calls import run_in_thread
from graphsvc.service.ingest import ingest, limits_of
from graphsvc.store.base import MAX_LIMIT
from graphsvc.views import DocumentDeleted, DocumentDetail, DocumentResult, DocumentsPage
from loaders.text.article import Article

#: The writes (POST, DELETE): app.py guards them with the API key.
router = APIRouter(tags=["documents"])
#: The reads: app.py guards them with the read key, like the other reads.
read_router = APIRouter(tags=["documents"])

DocumentIdParam = Annotated[
    str,
    Path(
        pattern=DOCUMENT_ID_PATTERN,
        max_length=200,
        description="A document id, as GET /documents or an event's source gives it.",
    ),
]


class PostedArticle(Article):
    """The article of a POST /documents body, read as JSON whatever its content type,
    as POST /records reads JSON Lines: `curl -d @article.json` sends form encoding."""

    @model_validator(mode="before")
    @classmethod
    def _json_body(cls, data: Any) -> Any:
        if not isinstance(data, bytes | str):
            return data
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise ValueError(
                f"the body is not JSON ({exc.msg}): post one JSON object such as "
                '{"published": "YYYY-MM-DD", "title": "...", "text": "..."}'
            ) from exc
        if not isinstance(parsed, dict):
            raise ValueError(f"the body is JSON but not an object (a {type(parsed).__name__})")
        return parsed


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
    article: PostedArticle, store: StoreDep, settings: SettingsDep, replace: ReplaceParam = False
) -> DocumentResult:
    limits = limits_of(settings)
    plain = Article.model_validate(article.model_dump(exclude_unset=True))
    return await run_in_thread(ingest, store, plain, settings.spacy_model, limits, replace)


@read_router.get("/documents", summary="List stored documents, newest first")
async def list_documents(
    store: StoreDep,
    settings: SettingsDep,
    since: SinceParam = None,
    until: UntilParam = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Case-insensitive text in the title.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="`next_cursor` of the previous page.")
    ] = None,
) -> DocumentsPage:
    """Documents by publication date, newest first, undated ones last (then by id),
    each with how many events cite it. `since`/`until` keep documents published in
    that window (undated ones only when neither is given); `q` keeps titles containing
    it. Paged: pass `next_cursor` as `cursor` for the next page."""
    return await run_in_thread(
        lambda: documents.list_documents(
            store, settings, since=since, until=until, q=q, limit=limit, cursor=cursor
        )
    )


@read_router.get(
    "/documents/{document_id}",
    summary="One document, with the actors, events and relations taken from it",
)
async def get_document(store: StoreDep, document_id: DocumentIdParam) -> DocumentDetail:
    """The document's metadata; its events in timeline order (each as the timeline
    shows it, with its `date_basis` and each participant's link `basis`); the relations
    taken from it (with their `basis`); and the actors they name, with counts. 404 for
    an unknown id."""
    return await run_in_thread(documents.document_detail, store, document_id)


@router.delete(
    "/documents/{document_id}",
    summary="Delete a document and the facts only it supports",
)
async def delete_document(store: StoreDep, document_id: DocumentIdParam) -> DocumentDeleted:
    """Needs the API key. Events only this document reports are deleted; events other
    documents also report stay, without this document's sources and account (what the
    next document says is shown); relations taken from it are deleted; actors left
    with no event, relation or account are deleted. One atomic write on either store:
    on failure nothing changes. Posting the document again later (POST /documents)
    replaces its facts the same way. 404 for an unknown id."""
    return await run_in_thread(documents.delete_document, store, document_id)
