"""Query parameters shared by several routes, as FastAPI declares them (the OpenAPI
descriptions); what they mean is read in `graphsvc.service.params`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from graphsvc.service.params import DATE_HELP

SinceParam = Annotated[
    str | None, Query(description=DATE_HELP.format(name="since", edge="first day of it on"))
]
UntilParam = Annotated[
    str | None, Query(description=DATE_HELP.format(name="until", edge="last day of it back"))
]

AsOfParam = Annotated[
    str | None,
    Query(
        description="Only relations that held on this day (a month or year: at some time "
        "in it), and events overlapping it: the same as since=until=this date. Not "
        "together with since or until."
    ),
]

BasisParam = Annotated[
    list[str] | None,
    Query(
        description="Keep dated events whose date has one of these bases: `text` (stated "
        "for the event), `context` (carried from earlier text), `publication` (inferred "
        "from the publication date). Comma-separated or repeated; default all."
    ),
]

FactualityParam = Annotated[
    list[str] | None,
    Query(
        description="Keep events of these factualities: asserted, negated, planned, "
        "possible, reported. Comma-separated or repeated; default asserted, planned and "
        "reported (negated and possible events are kept but shown only when asked)."
    ),
]
