"""The MCP resources: the vocabularies (`graphsvc://schema`, what GET /schema answers)
and the ready Cypher queries of `cypher/explore/` (`graphsvc://explore/<name>`), which
the cypher tool runs once their `$parameters` are given."""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.resources import FunctionResource, TextResource

from graphsvc.service.schema import SCHEMA
from graphsvc.store.cypher import load_query, query_files

EXPLORE = "explore/"


def explore_queries() -> dict[str, str]:
    """Name (`actor_timeline`) to Cypher text, for every file in cypher/explore/."""
    return {
        name.removeprefix(EXPLORE): load_query(name)
        for name in sorted(query_files())
        if name.startswith(EXPLORE)
    }


def _summary(query: str) -> str:
    """The header comment of a query file, up to its `Parameters` line."""
    said = []
    for line in query.splitlines():
        if not line.startswith("//"):
            break
        words = line.removeprefix("//").strip()
        if words.startswith("Parameters"):
            said.append(words)
            break
        said.append(words)
    return " ".join(said)


def register(server: MCPServer) -> None:
    server.add_resource(
        FunctionResource.from_function(
            fn=lambda: SCHEMA.model_dump_json(indent=1),
            uri="graphsvc://schema",
            name="schema",
            title="graphsvc vocabularies",
            description="Event types, actor kinds, relation types, roles, date bases, "
            "factualities and precisions: what the tools' filters take and answers use "
            "(as GET /schema).",
            mime_type="application/json",
        )
    )
    for name, query in explore_queries().items():
        server.add_resource(
            TextResource(
                uri=f"graphsvc://explore/{name}",
                name=f"explore/{name}",
                title=f"Cypher: {name.replace('_', ' ')}",
                description=_summary(query),
                mime_type="text/plain",
                text=query,
            )
        )
