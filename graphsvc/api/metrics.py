"""Prometheus metrics: request counts and latencies by route, and the store's sizes.

One registry per app (tests build many apps in one process). Routes are labelled by
their template (`/actors/{actor_id}`), never by the raw path, so labels stay few.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

from graphsvc.api.auth import ReadAccess
from graphsvc.errors import GraphsvcError

log = logging.getLogger(__name__)
disable_created_metrics()  # `_created` series double the output and say little here
router = APIRouter(tags=["health"])


class StoreSizes(Collector):
    """Store sizes read at scrape time; a store that is away is left out, not an error."""

    def __init__(self, request_app: object) -> None:
        self.app = request_app

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "graphsvc_store_items", "Items in the graph store, by kind.", labels=["kind"]
        )
        store = getattr(getattr(self.app, "state", None), "store", None)
        try:
            stats = store.stats() if store is not None else None
        except GraphsvcError as exc:
            log.warning("metrics: store sizes unavailable: %s", exc.detail)
            stats = None
        if stats is not None:
            for kind, value in stats.model_dump().items():
                family.add_metric([kind], value)
        yield family


class Metrics:
    def __init__(self, app: object) -> None:
        # No auto-describe: it would collect (read the store) when the app is built.
        self.registry = CollectorRegistry(auto_describe=False)
        self.requests = Counter(
            "graphsvc_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "graphsvc_request_duration_seconds",
            "Time to answer, by method and route template (streamed bodies: to the end).",
            ["method", "route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.registry.register(StoreSizes(app))
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answer. The labelled children are looked up once per (method,
        route, status) and kept: `labels()` locks and builds keys on every call. The
        keys are few: methods are a closed set, routes are templates."""
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            children = self._children[key] = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(method, route),
            )
        children[0].inc()
        children[1].observe(seconds)


@router.get(
    "/metrics",
    summary="Prometheus metrics (text format)",
    response_class=Response,
    dependencies=[ReadAccess],
    responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}},
)
def metrics(request: Request) -> Response:
    body = generate_latest(request.app.state.metrics.registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
