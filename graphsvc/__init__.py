"""graphsvc: an event timeline knowledge graph service."""
