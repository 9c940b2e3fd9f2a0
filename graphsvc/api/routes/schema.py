"""The service's closed vocabularies, read from the code's enums: what a client may
pass as `type`, `basis` or `factuality`, and what answers may contain."""

from __future__ import annotations

from typing import get_args

from fastapi import APIRouter
from pydantic import BaseModel, Field

from graphsvc.model import (
    SHOWN_FACTUALITIES,
    ActorKind,
    DateBasis,
    EventType,
    Factuality,
    Precision,
    RelationType,
    Role,
)

router = APIRouter(tags=["schema"])


class Schema(BaseModel):
    """Each vocabulary as a list of its values, in the code's order."""

    event_types: list[EventType] = Field(description="Event types (`type=` of /timeline).")
    actor_kinds: list[ActorKind] = Field(description="Actor kinds (`kind=` of relations).")
    relation_types: list[RelationType] = Field(description="Actor-to-actor relation types.")
    roles: list[Role] = Field(description="Roles of an actor in an event.")
    date_bases: list[DateBasis] = Field(
        description="Where a date comes from (`basis=` of /timeline): text, context or publication."
    )
    factualities: list[Factuality] = Field(
        description="What the text says of an event's reality (`factuality=` of /timeline)."
    )
    shown_factualities: list[Factuality] = Field(
        description="The factualities a timeline shows when `factuality` is not given."
    )
    precisions: list[Precision] = Field(description="Date precisions, finest first.")


SCHEMA = Schema(
    event_types=list(EventType),
    actor_kinds=list(ActorKind),
    relation_types=list(RelationType),
    roles=list(Role),
    date_bases=list(get_args(DateBasis)),
    factualities=list(get_args(Factuality)),
    shown_factualities=list(SHOWN_FACTUALITIES),
    precisions=list(get_args(Precision)),
)


@router.get("/schema", summary="The vocabularies: event types, kinds, roles, bases and more")
def schema() -> Schema:
    """Values the service knows, from the code itself: filters take them and answers
    use them. The page fills its choices from here."""
    return SCHEMA
