"""The use cases, free of any transport: what the HTTP API, the MCP server and the
command line do, each of them parsing its own input, calling these and shaping the
answer its own way.

- `params`: user parameters (dates as text, choices, ceilings, text lengths);
- `reads`: search, timeline, relations and paths from those parameters;
- `cypher`: read-only Cypher behind its guards, limits and slots;
- `ingest`: an article or records in, written whole or not at all;
- `documents`: list, open and delete stored documents;
- `bulk_load`: files and folders in (`graphsvc load`);
- `exports`: a timeline export, streamed;
- `keys`: who may read and write, from the key a caller presents;
- `calls`: how an event loop calls the blocking store;
- `schema`: the vocabularies; `stores`: the store a server runs on.
"""
