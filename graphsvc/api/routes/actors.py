"""Actors: search by name or alias, fetch one, and who they are connected to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.params import SinceParam, UntilParam, at_most, window_from
from graphsvc.model import Actor, ActorKind
from graphsvc.store.base import MAX_LIMIT
from graphsvc.views import RelatedActorsPage

router = APIRouter(prefix="/actors", tags=["actors"])


class ActorsPage(BaseModel):
    items: list[Actor]
    count: int


@router.get("", summary="Search actors by name or alias")
def search_actors(
    store: StoreDep,
    settings: SettingsDep,
    q: Annotated[
        str, Query(max_length=200, description="Name or alias; empty lists actors by name.")
    ] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> ActorsPage:
    limit = at_most(limit, settings.max_page_size, "limit", "GRAPHSVC_MAX_PAGE_SIZE")
    items = store.search_actors(q, limit)
    return ActorsPage(items=items, count=len(items))


@router.get("/{actor_id}", summary="One actor")
def get_actor(store: StoreDep, actor_id: str) -> Actor:
    return store.get_actor(actor_id)


@router.get(
    "/{actor_id}/relations",
    summary="Related actors: direct relations and shared events, with counts and dates",
)
def related_actors(
    store: StoreDep,
    settings: SettingsDep,
    actor_id: str,
    since: SinceParam = None,
    until: UntilParam = None,
    kind: Annotated[
        ActorKind | None, Query(description="Only related actors of this kind.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> RelatedActorsPage:
    limit = at_most(limit, settings.max_page_size, "limit", "GRAPHSVC_MAX_PAGE_SIZE")
    return store.related_actors(actor_id, window_from(since, until), kind, limit)
