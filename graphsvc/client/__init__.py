"""A typed Python client of the graphsvc HTTP API.

    from graphsvc.client import Client

    with Client() as graph:  # GRAPHSVC_URL, GRAPHSVC_API_KEY / GRAPHSVC_READ_KEY
        for event in graph.iter_timeline(actor="person:vladimir-putin"):
            print(event.start, event.precision, event.summary)

Modules, one job each: `client` (the methods), `models` (what they return), `errors`
(problem+json answers as exceptions), `params` (query strings), `bodies` (records
bodies), `download` (exports to files), `config` (URL and key from the environment).
"""

from graphsvc.client.client import Client, ExportFormat
from graphsvc.client.errors import (
    BadRequest,
    Conflict,
    ConnectionFailed,
    Forbidden,
    GraphsvcError,
    InsufficientStorage,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    RequestTimeout,
    ServerError,
    Unauthorized,
    Unavailable,
    ValidationFailed,
)

__all__ = [
    "BadRequest",
    "Client",
    "Conflict",
    "ConnectionFailed",
    "ExportFormat",
    "Forbidden",
    "GraphsvcError",
    "InsufficientStorage",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "RequestTimeout",
    "ServerError",
    "Unauthorized",
    "Unavailable",
    "ValidationFailed",
]
