"""The HTTP API: FastAPI over a GraphStore."""

from graphsvc.api.app import create_app

__all__ = ["create_app"]
