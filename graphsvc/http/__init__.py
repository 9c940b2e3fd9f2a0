"""What the two HTTP adapters (the API and the MCP server's streamable HTTP transport)
share, and nothing else: serving with uvicorn under bounds (`server`), checking and
naming the address (`ports`), the problem+json error shape (`problems`) and reading the
key a request presents (`keys`). No use case lives here: those are `graphsvc.service`.
"""
