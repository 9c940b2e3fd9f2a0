"""The page's ego graph keeps its labels apart: no edge label (relation types, shared
events and roles) lies over an actor's name or node, nor over another edge's label,
for an actor with a dozen neighbours and labels of one to three lines. Measured from
cytoscape's own label boxes, in a real browser on a real server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2

from tests.e2e.server import running_server, server_env

HUB = "person:alexandra-konstantinou"
DOCUMENT = "graph-test-document"
#: (id, name, kind, relations from the hub, events shared with it)
NEIGHBOURS = [
    ("organization:northwind-rail", "Northwind Rail", "organization", ["WORKS_FOR"], 2),
    ("organization:meridian-terminals", "Meridian Terminals", "organization", ["HEAD_OF"], 1),
    ("place:valmora", "Valmora", "place", ["LIVES_IN"], 3),
    ("person:ana-pereira", "Ana Pereira", "person", ["ALLY_OF"], 1),
    ("person:tomas-lind", "Tomas Lind", "person", [], 2),
    ("group:valmora-dockers-union", "Valmora Dockers Union", "group", ["MEMBER_OF"], 0),
    ("organization:coastal-freight-lines", "Coastal Freight Lines", "organization", [], 1),
    ("person:elena-marsh", "Elena Marsh", "person", ["OPPOSES"], 2),
    ("person:erik-halvorsen", "Erik Halvorsen", "person", [], 1),
    (
        "organization:transport-competition-authority",
        "Transport Competition Authority",
        "organization",
        ["OPPOSES"],
        1,
    ),
    ("person:priya-raman", "Priya Raman", "person", ["ALLY_OF"], 3),
    ("place:harbour-district", "Harbour District", "place", [], 1),
]
ROLES = ["agent", "target", "participant", "location"]


def _records() -> str:
    lines: list[dict[str, Any]] = [
        {"record": "document", "id": DOCUMENT, "published": "2024-03-12", "source": "test"},
        {"record": "actor", "id": HUB, "name": "Alexandra Konstantinou", "kind": "person"},
    ]
    for n, (actor, name, kind, relations, shared) in enumerate(NEIGHBOURS):
        lines.append({"record": "actor", "id": actor, "name": name, "kind": kind})
        for relation in relations:
            lines.append({"record": "relation", "source": HUB, "type": relation, "target": actor})
        for k in range(shared):
            day = f"2024-0{1 + k}-1{n % 10}"
            lines.append(
                {
                    "record": "event",
                    "id": f"event:meeting-{n}-{k}",
                    "type": "consult",
                    "summary": f"Alexandra Konstantinou meets {name}",
                    "when": {"start": day, "end": day, "precision": "day"},
                    "participants": [
                        {"actor": HUB, "role": ROLES[k % 3]},
                        {"actor": actor, "role": ROLES[(k + n) % 4]},
                    ],
                    "sources": [{"document": DOCUMENT, "sentence": f"Konstantinou met {name}."}],
                }
            )
    return "\n".join(json.dumps(line) for line in lines) + "\n"


#: Every edge label's box against every actor's name and node and every other edge
#: label, in graph coordinates (cytoscape's boxes, as drawn).
OVERLAPS = """() => {
  const cy = document.getElementById("graph")._cyreg.cy;
  const only = { includeNodes: false, includeEdges: false, includeLabels: true };
  const hit = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const edges = cy.edges().map((e) => [e.id(), e.boundingBox(only)]);
  const others = [
    ...cy.nodes().map((n) => [`name ${n.id()}`, n.boundingBox(only)]),
    ...cy.nodes().map((n) => [`node ${n.id()}`, n.boundingBox({ includeLabels: false })]),
  ];
  const found = [];
  edges.forEach(([id, box], i) => {
    others.forEach(([what, other]) => { if (hit(box, other)) found.push(`${id} / ${what}`); });
    edges.slice(i + 1).forEach(([id2, other]) => {
      if (hit(box, other)) found.push(`${id} / ${id2}`);
    });
  });
  const labels = cy.edges().map((e) => e.data("label"));
  return { found, edges: edges.length, labels };
}"""


def test_edge_labels_clear_every_name_node_and_each_other(
    tmp_path: Path, offline_page: tuple[Any, list[str]], screenshot: Callable[[Any, str], Path]
) -> None:
    page, refused = offline_page
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"))
    with running_server(env, tmp_path / "server.log") as (base, _):
        posted = httpx2.post(f"{base}/records", content=_records(), timeout=60)
        assert posted.status_code == 200, posted.text
        page.goto(f"{base}/#actor={HUB}")
        page.wait_for_selector("#relations tbody tr [data-type]", timeout=10_000)
        page.wait_for_selector("#graph canvas", timeout=10_000)
        page.wait_for_timeout(500)  # cytoscape draws on its next frame
        measured = page.evaluate(OVERLAPS)
        page.locator("#graph").scroll_into_view_if_needed()
        screenshot(page, "page-ego-graph")
    assert measured["edges"] == len(NEIGHBOURS)
    # Labels of one line and of several (a relation and shared events with their roles).
    assert any("\n" in label for label in measured["labels"]), measured["labels"]
    assert measured["found"] == [], measured["found"]
    assert refused == []
