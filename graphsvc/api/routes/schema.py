"""The service's closed vocabularies (`graphsvc.service.schema`)."""

from __future__ import annotations

from fastapi import APIRouter

from graphsvc.service.schema import SCHEMA
from graphsvc.views import Schema

router = APIRouter(tags=["schema"])


@router.get("/schema", summary="The vocabularies: event types, kinds, roles, bases and more")
def schema() -> Schema:
    """Values the service knows, from the code itself: filters take them and answers
    use them. The page fills its choices from here."""
    return SCHEMA
