"""GET /schema: the vocabularies, read from the code's enums (never a copy)."""

from __future__ import annotations

from typing import get_args

from fastapi.testclient import TestClient

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


def test_schema_lists_every_vocabulary_from_the_code(client: TestClient) -> None:
    answer = client.get("/schema")
    assert answer.status_code == 200
    assert answer.json() == {
        "event_types": [t.value for t in EventType],
        "actor_kinds": [k.value for k in ActorKind],
        "relation_types": [r.value for r in RelationType],
        "roles": [r.value for r in Role],
        "date_bases": list(get_args(DateBasis)),
        "factualities": list(get_args(Factuality)),
        "shown_factualities": list(SHOWN_FACTUALITIES),
        "precisions": list(get_args(Precision)),
        "link_bases": list(get_args(LinkBasis)),
    }
    assert "yield" in answer.json()["event_types"]  # the value, not the member name


def test_schema_is_documented_as_a_read_route(make_client) -> None:
    client = make_client(read_key="k")
    assert client.get("/schema").status_code == 401
    assert client.get("/schema", headers={"X-API-Key": "k"}).status_code == 200
    operation = client.get("/openapi.json", headers={"X-API-Key": "k"}).json()["paths"]["/schema"]
    schema = operation["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Schema"}
