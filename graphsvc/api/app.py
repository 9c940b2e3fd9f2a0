"""Build the FastAPI application around a store.

`create_app` takes settings and, optionally, an open store, so tests and the CLI build
the app without import-time globals.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from graphsvc.api import metrics
from graphsvc.api.auth import ReadAccess, WriteAccess
from graphsvc.api.body_limit import BodyLimitMiddleware
from graphsvc.api.docs_page import install_docs
from graphsvc.api.limits import check_json_depth, check_text_params
from graphsvc.api.metrics import Metrics
from graphsvc.api.neo4j_guide import PREFIX as GUIDE_PREFIX
from graphsvc.api.neo4j_guide import install_neo4j_guide
from graphsvc.api.observability import RequestObservability
from graphsvc.api.openapi import install_openapi
from graphsvc.api.page import install_page
from graphsvc.api.path_cors import PathCORS
from graphsvc.api.problems import install_problem_handlers
from graphsvc.api.routes import (
    actors,
    cypher,
    documents,
    events,
    health,
    paths,
    records,
    schema,
    search,
    timeline,
)
from graphsvc.service.cypher import GuardedCypher
from graphsvc.service.keys import log_access_model
from graphsvc.service.stores import open_for_serving
from graphsvc.settings import Settings, get_settings
from graphsvc.store import GraphStore

log = logging.getLogger("graphsvc")


def _operation_id(route: APIRoute) -> str:
    """Stable OpenAPI ids (`timeline-timeline`) for generated clients."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or get_settings()
    owns_store = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        log_access_model(log, settings)
        if store is None:
            # Served anyway when away: /health answers, /ready says 503 until it is back.
            app.state.store = open_for_serving(settings, log)
        try:
            yield
        finally:
            if owns_store:
                app.state.store.close()

    app = FastAPI(
        title="graphsvc",
        summary="Event timeline knowledge graph: who did what to whom, and when.",
        version="0.1.0",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        # No trailing-slash redirects: Starlette builds their Location from the Host
        # header, which a client controls. `/records/` is a 404, not a redirect.
        redirect_slashes=False,
        docs_url=None,  # graphsvc.api.docs_page serves /docs from local files
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.cypher = GuardedCypher(settings)
    if store is not None:
        app.state.store = store
    install_problem_handlers(app)
    install_openapi(app, settings)
    install_docs(app, settings.assets_dir)
    install_page(app, settings.assets_dir)
    install_neo4j_guide(app)
    app.state.metrics = Metrics(app)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        timeout=settings.body_timeout_seconds,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    # Outside the API's CORS: a preflight for the guide is answered for Browser's
    # origins before GRAPHSVC_CORS_ORIGINS (off by default) could refuse it.
    app.add_middleware(PathCORS, prefix=GUIDE_PREFIX, origins=settings.neo4j_browser_origins)
    app.add_middleware(  # outermost
        RequestObservability,
        metrics=app.state.metrics if settings.request_metrics else None,
        access_log=settings.access_log,
    )
    app.include_router(health.router)
    app.include_router(metrics.router)
    for module in (actors, paths, timeline, events, schema, search):
        app.include_router(module.router, dependencies=[ReadAccess, Depends(check_text_params)])
    app.include_router(documents.read_router, dependencies=[ReadAccess, Depends(check_text_params)])
    for module in (records, documents, cypher):
        app.include_router(module.router, dependencies=[WriteAccess, Depends(check_json_depth)])
    app.include_router(
        actors.write_router,
        dependencies=[WriteAccess, Depends(check_json_depth), Depends(check_text_params)],
    )
    return app
