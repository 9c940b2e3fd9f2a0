"""Pick and order shortest paths the same way on every backend.

networkx yields node sequences and Neo4j yields relationship sequences, and two
actors may be linked by several edges; so paths are grouped by their nodes, each step
keeps its smallest edge, and paths are ordered by their nodes before the limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graphsvc.views import GraphPath, PathEdge, PathNode

#: Shortest paths considered before ordering; bounds work on densely linked actors.
PATH_CAP = 1000


def _edge_key(edge: PathEdge) -> tuple[str, str, str, str, str, str]:
    return (
        edge.type,
        edge.role or "",
        edge.source,
        edge.target,
        str(edge.since or ""),
        str(edge.until or ""),
    )


def canonical_paths(
    candidates: Iterable[tuple[Sequence[PathNode], Sequence[Sequence[PathEdge]]]], limit: int
) -> list[GraphPath]:
    """`candidates`: (nodes, edges that may take each step); returns at most `limit` paths."""
    grouped: dict[tuple[tuple[str, str], ...], tuple[list[PathNode], list[PathEdge]]] = {}
    for nodes, steps in candidates:
        key = tuple((n.label, n.id) for n in nodes)
        best = [min(step, key=_edge_key) for step in steps]
        if key in grouped:
            kept = grouped[key][1]
            best = [min(a, b, key=_edge_key) for a, b in zip(kept, best, strict=True)]
        grouped[key] = (list(nodes), best)
    return [
        GraphPath(hops=len(edges), nodes=nodes, edges=edges)
        for nodes, edges in (grouped[key] for key in sorted(grouped)[:limit])
    ]
