"""Typed dependencies: the store and settings live on `app.state`, set by `create_app`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
