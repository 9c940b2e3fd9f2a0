"""Shortest paths over the embedded store's graph: actors and events, documents left out.

Paths are put in one order by `graphsvc.store.paths.canonical_paths`, as on Neo4j.
"""

from __future__ import annotations

from itertools import islice, pairwise
from typing import TYPE_CHECKING

import networkx as nx

from graphsvc.model import Relation, Role
from graphsvc.store.paths import PATH_CAP, canonical_paths
from graphsvc.views import PathEdge, PathNode, PathsResult

if TYPE_CHECKING:
    from graphsvc.store.embedded.memory import MemoryGraph

PARTICIPATED_IN = "PARTICIPATED_IN"
#: Participation edge keys by role, and back.
PARTICIPATION_KEYS = {role: f"{PARTICIPATED_IN}:{role.value}" for role in Role}
_ROLES = {key: role for role, key in PARTICIPATION_KEYS.items()}


def _path_node(graph: MemoryGraph, node: tuple[str, str]) -> PathNode:
    label, node_id = node
    if label == "Actor":
        actor = graph.actors[node_id]
        return PathNode(id=node_id, label="Actor", name=actor.name, kind=actor.kind.value)
    event = graph.events[node_id]
    when = event.when
    return PathNode(
        id=node_id,
        label="Event",
        name=event.summary,
        kind=event.type.value,
        start=when.start if when else None,
        end=when.end if when else None,
    )


def _path_edges(graph: MemoryGraph, u: tuple[str, str], v: tuple[str, str]) -> list[PathEdge]:
    """Every stored edge between two neighbours on a path, in its stored direction."""
    edges = []
    for head, tail in ((u, v), (v, u)):
        for key, attrs in (graph.graph.get_edge_data(head, tail) or {}).items():
            relation: Relation | None = attrs.get("relation")
            if relation is not None:
                edges.append(
                    PathEdge(
                        source=head[1],
                        target=tail[1],
                        type=relation.type.value,
                        since=relation.since,
                        until=relation.until,
                    )
                )
            else:
                edges.append(
                    PathEdge(source=head[1], target=tail[1], type=PARTICIPATED_IN, role=_ROLES[key])
                )
    return edges


def find_paths(
    graph: MemoryGraph, source: str, target: str, max_hops: int, limit: int
) -> PathsResult:
    """Shortest paths over actors and events, ignoring edge direction and documents.

    Documents are left out because every actor of an article would otherwise be two
    hops from every other through the article itself.
    """
    source_ref, target_ref = graph.actor_ref(source), graph.actor_ref(target)
    result = PathsResult(source=source_ref, target=target_ref, max_hops=max_hops, paths=[])
    source, target = source_ref.id, target_ref.id
    if source == target:
        return result
    view = nx.subgraph_view(graph.graph, filter_node=lambda n: n[0] != "Document")
    undirected = view.to_undirected(as_view=True)
    start, goal = ("Actor", source), ("Actor", target)
    try:
        length = nx.shortest_path_length(undirected, start, goal)
    except nx.NetworkXNoPath:
        return result
    if length > max_hops:
        return result
    found = islice(nx.all_shortest_paths(undirected, start, goal), PATH_CAP)
    candidates = (
        (
            [_path_node(graph, n) for n in nodes],
            [_path_edges(graph, u, v) for u, v in pairwise(nodes)],
        )
        for nodes in found
    )
    result.paths.extend(canonical_paths(candidates, limit))
    return result
