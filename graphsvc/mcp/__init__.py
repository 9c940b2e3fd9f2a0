"""graphsvc as a Model Context Protocol server (`graphsvc mcp`): the read routes, the
read-only Cypher and, with the API key, article ingest, as MCP tools and resources.

- `server`: the MCPServer over a store, and the stdio and streamable HTTP transports;
- `tools`: the tools, over the API's parameter parsing, guards and limits;
- `text`: answers as compact text a model can cite;
- `resources`: graphsvc://schema and the explore queries;
- `auth`: the key check of the HTTP transport.
"""
