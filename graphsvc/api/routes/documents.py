"""News articles in: extract actors, dated events and relations, write them."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query
from pydantic import model_validator

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.service.calls import run_in_thread
from graphsvc.service.ingest import ingest, limits_of
from graphsvc.views import DocumentResult
from loaders.text.article import Article

router = APIRouter(tags=["documents"])


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
