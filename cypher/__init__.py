"""Cypher queries as files, read by name through `graphsvc.store.cypher`."""
