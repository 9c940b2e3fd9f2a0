"""Loaders turn outside data into `GraphBatch`es. They never import the API or a store."""
