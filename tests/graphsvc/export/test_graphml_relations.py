"""GraphML carries actor-to-actor relations between exported actors: type, role text,
validity and basis on each edge, next to the participation edges."""

from __future__ import annotations

import io

import networkx as nx
from fastapi.testclient import TestClient

RECORDS = [
    {"record": "document", "id": "acme-news", "title": "Acme news", "published": "2016-01-22"},
    {"record": "actor", "id": "person:maria-lopez", "name": "Maria Lopez", "kind": "person"},
    {"record": "actor", "id": "organization:acme", "name": "Acme", "kind": "organization"},
    {
        "record": "event",
        "id": "event:acme-results",
        "type": "statement",
        "summary": "Maria Lopez presented Acme's results",
        "when": {"start": "2016-01-21", "end": "2016-01-21", "precision": "day"},
        "participants": [
            {"actor": "person:maria-lopez", "role": "agent"},
            {"actor": "organization:acme", "role": "target"},
        ],
    },
    {
        "record": "relation",
        "source": "person:maria-lopez",
        "type": "WORKS_FOR",
        "target": "organization:acme",
        "role": "chief financial officer",
        "since": "2009-01-01",
        "since_precision": "year",
        "current": True,
        "stated_on": "2016-01-22",
        "basis": "stated",
        "document": "acme-news",
        "sentence": "Maria Lopez, Acme's chief financial officer since 2009, spoke.",
    },
]


def test_relations_are_edges_with_role_and_validity(client: TestClient) -> None:
    written = client.post("/records", json=RECORDS)
    assert written.status_code == 200, written.text
    answer = client.get(
        "/timeline/export", params={"format": "graphml", "actor": "person:maria-lopez"}
    )
    assert answer.status_code == 200, answer.text
    graph = nx.read_graphml(io.BytesIO(answer.content))
    edges = [d for _, _, d in graph.edges(data=True) if d.get("relation") == "WORKS_FOR"]
    assert len(edges) == 1, edges
    (edge,) = edges
    assert edge["role"] == "chief financial officer"
    assert edge["since"] == "2009-01-01"
    assert edge["validity"] == "since 2009, still on 2016-01-22"
    assert edge["relation_basis"] == "stated"
    assert graph.has_edge("person:maria-lopez", "organization:acme")


def test_a_learned_relation_says_so_in_graphml(client: TestClient) -> None:
    records = [dict(r) for r in RECORDS]
    records[-1] = {**records[-1], "basis": "learned", "role": None}
    written = client.post("/records", json=records)
    assert written.status_code == 200, written.text
    params = {"actor": "person:maria-lopez"}
    answer = client.get("/timeline/export", params={"format": "graphml", **params})
    graph = nx.read_graphml(io.BytesIO(answer.content))
    edges = [d for _, _, d in graph.edges(data=True) if d.get("relation") == "WORKS_FOR"]
    assert [e["relation_basis"] for e in edges] == ["learned"]
