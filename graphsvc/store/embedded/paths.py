"""Shortest paths over the embedded store's graph: actors and events, documents left out.

Breadth first over the store's own indexes (an actor's relations in the networkx graph,
its events by key, an event's participants), so events need no graph nodes.

Paths are put in one order by `graphsvc.store.paths.canonical_paths`, as on Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from graphsvc.model import Relation
from graphsvc.store.paths import PATH_CAP, canonical_paths
from graphsvc.views import PathEdge, PathNode, PathsResult

if TYPE_CHECKING:
    from graphsvc.store.embedded.memory import MemoryGraph

PARTICIPATED_IN = "PARTICIPATED_IN"
#: A node of a path: ("Actor", id) or ("Event", id).
Node = tuple[str, str]


def _path_node(graph: MemoryGraph, node: Node) -> PathNode:
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


def _path_edges(graph: MemoryGraph, u: Node, v: Node) -> list[PathEdge]:
    """Every stored edge between two neighbours on a path, in its stored direction:
    an actor's participations in an event (actor to event), or relations."""
    if u[0] == "Event" or v[0] == "Event":
        (_, actor_id), (_, event_id) = (v, u) if u[0] == "Event" else (u, v)
        roles = dict.fromkeys(
            p.role for p in graph.events[event_id].participants if p.actor == actor_id
        )
        return [
            PathEdge(source=actor_id, target=event_id, type=PARTICIPATED_IN, role=role)
            for role in roles
        ]
    edges = []
    for head, tail in ((u, v), (v, u)):
        for attrs in (graph.graph.get_edge_data(head, tail) or {}).values():
            relation: Relation = attrs["relation"]
            edges.append(
                PathEdge(
                    source=head[1],
                    target=tail[1],
                    type=relation.type.value,
                    since=relation.since,
                    until=relation.until,
                )
            )
    return edges


def _neighbours(graph: MemoryGraph, node: Node) -> Iterator[Node]:
    """Either direction: an event's actors; an actor's related actors and its events."""
    label, node_id = node
    if label == "Event":
        for participant in graph.events[node_id].participants:
            yield ("Actor", participant.actor)
        return
    yield from graph.graph.successors(node)
    yield from graph.graph.predecessors(node)
    for key in graph.event_keys_of(node_id):
        yield ("Event", key[2])


def _predecessors(
    graph: MemoryGraph, start: Node, goal: Node, max_hops: int
) -> dict[Node, dict[Node, None]] | None:
    """Breadth first from `start`, a whole level at a time, until the level that
    reaches `goal`: each node's neighbours one step nearer `start` (in the order
    found). None when `goal` is more than `max_hops` away or not connected."""
    depth_of = {start: 0}
    before: dict[Node, dict[Node, None]] = {start: {}}
    level = [start]
    for depth in range(1, max_hops + 1):
        following = []
        for node in level:
            for near in _neighbours(graph, node):
                found = depth_of.get(near)
                if found is None:
                    depth_of[near] = depth
                    before[near] = {node: None}
                    following.append(near)
                elif found == depth:
                    before[near][node] = None
        if goal in depth_of:
            return before
        if not following:
            return None
        level = following
    return None


def _shortest(
    before: dict[Node, dict[Node, None]], start: Node, node: Node
) -> Iterator[list[Node]]:
    """Every shortest path from `start` to `node`, walking the predecessors back."""
    if node == start:
        yield [start]
        return
    for previous in before[node]:
        for path in _shortest(before, start, previous):
            yield [*path, node]


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
    start, goal = ("Actor", source), ("Actor", target)
    before = _predecessors(graph, start, goal, max_hops)
    if before is None:
        return result
    found = islice(_shortest(before, start, goal), PATH_CAP)
    candidates = (
        (
            [_path_node(graph, n) for n in nodes],
            [_path_edges(graph, u, v) for u, v in pairwise(nodes)],
        )
        for nodes in found
    )
    result.paths.extend(canonical_paths(candidates, limit))
    return result
