"""Graph stores behind one protocol, and the factory that picks one from settings."""

from graphsvc.store.base import GraphStore, TimelineQuery, Window
from graphsvc.store.factory import open_store

__all__ = ["GraphStore", "TimelineQuery", "Window", "open_store"]
