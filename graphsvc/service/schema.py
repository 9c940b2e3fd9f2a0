"""The service's closed vocabularies, read from the code's enums: what a caller may
pass as `type`, `basis` or `factuality`, and what answers may contain."""

from __future__ import annotations

from typing import get_args

from graphsvc.model import (
    SHOWN_FACTUALITIES,
    ActorKind,
    DateBasis,
    EventType,
    Factuality,
    LinkBasis,
    Precision,
    RelationType,
    Role,
)
from graphsvc.views import Schema

SCHEMA = Schema(
    event_types=list(EventType),
    actor_kinds=list(ActorKind),
    relation_types=list(RelationType),
    roles=list(Role),
    date_bases=list(get_args(DateBasis)),
    factualities=list(get_args(Factuality)),
    shown_factualities=list(SHOWN_FACTUALITIES),
    precisions=list(get_args(Precision)),
    link_bases=list(get_args(LinkBasis)),
)
