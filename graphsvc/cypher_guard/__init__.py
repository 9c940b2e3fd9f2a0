"""The backend-free guard of ad-hoc Cypher (`POST /cypher`, the MCP tool): the write
guard on tokens, the nesting bound, the parameter check, and the reading of Neo4j's plan.
It imports no store; each store runs the query that passed (`graphsvc.store.*.adhoc`)."""
