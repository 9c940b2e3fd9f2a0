"""Actors: search by name or alias, fetch one, who they are connected to, where they
appear, and merging two by hand.

An id merged away answers 301 to the actor it went into, so links and bookmarks to the
old id keep working and a client learns the id to use from now on.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.params import AsOfParam, SinceParam, UntilParam
from graphsvc.api.routes.answer import JsonAnswer, json_answer
from graphsvc.model import ActorKind
from graphsvc.service import reads
from graphsvc.service.calls import keeps_answers
from graphsvc.service.params import page_limit
from graphsvc.store.base import MAX_LIMIT
from graphsvc.views import ActorDetail, ActorDocumentsPage, ActorsPage, RelatedActorsPage

router = APIRouter(prefix="/actors", tags=["actors"])
#: The write route: app.py guards it with the API key like the other writes.
write_router = APIRouter(prefix="/actors", tags=["actors"])

MOVED: dict[int | str, dict[str, Any]] = {
    301: {
        "description": "The id was merged into another actor; `Location` gives the path "
        "of the same answer for that actor.",
        "headers": {"Location": {"schema": {"type": "string"}}},
    }
}


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: str = Field(
        min_length=1, max_length=200, description="The id of the actor to merge into."
    )


def _moved(request: Request, asked: str, actor_id: str, suffix: str = "") -> JSONResponse:
    """301 to the same route for the actor `asked` was merged into (a relative path:
    never built from the Host header), with the query string kept."""
    location = f"/actors/{actor_id}{suffix}"
    if request.url.query:
        location += f"?{request.url.query}"
    body = {"detail": f"actor {asked} was merged into {actor_id}", "location": location}
    return JSONResponse(body, status_code=301, headers={"Location": location})


@router.get("", summary="Search actors by name or alias")
def search_actors(
    store: StoreDep,
    settings: SettingsDep,
    q: Annotated[
        str, Query(max_length=200, description="Name or alias; empty lists actors by name.")
    ] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> ActorsPage:
    return reads.search_actors(store, settings, q, limit)


@router.get(
    "/{actor_id}",
    summary="One actor, with its same-as candidates",
    response_model=ActorDetail,
    responses=MOVED,
)
def get_actor(store: StoreDep, request: Request, actor_id: str) -> ActorDetail | JSONResponse:
    detail = store.actor_detail(actor_id)
    if detail.id != actor_id:
        return _moved(request, actor_id, detail.id)
    return detail


@router.get(
    "/{actor_id}/relations",
    summary="Related actors: direct relations and shared events, with counts and dates",
    response_model=RelatedActorsPage,
    responses=MOVED,
)
async def related_actors(
    store: StoreDep,
    settings: SettingsDep,
    request: Request,
    actor_id: str,
    since: SinceParam = None,
    until: UntilParam = None,
    as_of: AsOfParam = None,
    kind: Annotated[
        ActorKind | None, Query(description="Only related actors of this kind.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> JsonAnswer | JSONResponse:
    """Each related actor with the direct relations either way (type, role text,
    validity `since`..`until` with precision, `current`, basis and the sentence that
    states it) and the events both took part in. A relation whose bounds the text does
    not give is kept by any window (its bounds are open)."""
    page = await reads.related_actors(
        store, settings, actor_id, since=since, until=until, as_of=as_of, kind=kind, limit=limit
    )
    if page.actor.id != actor_id:
        return _moved(request, actor_id, page.actor.id, "/relations")
    return json_answer(page, kept=keeps_answers(store))


@router.get(
    "/{actor_id}/documents",
    summary="Documents where the actor appears, newest first, with a count each",
    response_model=ActorDocumentsPage,
    responses=MOVED,
)
def actor_documents(
    store: StoreDep,
    settings: SettingsDep,
    request: Request,
    actor_id: str,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> ActorDocumentsPage | JSONResponse:
    page = store.actor_documents(actor_id, page_limit(settings, limit))
    if page.actor.id != actor_id:
        return _moved(request, actor_id, page.actor.id, "/documents")
    return page


@write_router.post(
    "/{actor_id}/merge",
    summary="Merge this actor into another, by hand; the old id keeps resolving",
)
def merge_actor(store: StoreDep, actor_id: str, body: MergeRequest) -> ActorDetail:
    """Moves participations, relations, reported_by references and same-as candidates
    to `into`, adds this actor's name and aliases to its aliases, keeps `into`'s name and
    kind, deletes this actor and redirects its id to `into`; all or nothing."""
    merged = store.merge_actors(actor_id, body.into)
    return store.actor_detail(merged.id)
