"""Request ids, one structured log line a request, Prometheus metrics, CORS off by default."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from graphsvc.settings import Settings
from tests.graphsvc.conftest import MakeClient


def test_request_ids_are_echoed_or_made(client: TestClient) -> None:
    given = client.get("/health", headers={"X-Request-ID": "trace-42"})
    assert given.headers["x-request-id"] == "trace-42"
    made = client.get("/health", headers={"X-Request-ID": "not ok\nheader injection"})
    assert len(made.headers["x-request-id"]) == 32  # a fresh uuid4 hex, not the bad one


def test_one_log_line_a_request_with_timing(client: TestClient, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.INFO, logger="graphsvc.access"):
        client.get("/actors/person:nobody", headers={"X-Request-ID": "r-1"})
    (record,) = [r for r in caplog.records if r.name == "graphsvc.access"]
    fields = record.__dict__
    assert fields["request_id"] == "r-1"
    assert (fields["method"], fields["route"], fields["status"]) == (
        "GET",
        "/actors/{actor_id}",
        404,
    )
    assert fields["duration_ms"] >= 0


def _samples(client: TestClient) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def test_metrics_count_requests_by_route_and_report_store_sizes(loaded_client: TestClient):
    for _ in range(3):
        loaded_client.get("/actors/person:vladimir-putin")
    loaded_client.get("/no/such/route")
    samples = _samples(loaded_client)
    route = (("method", "GET"), ("route", "/actors/{actor_id}"), ("status", "200"))
    assert samples[("graphsvc_requests_total", route)] == 3
    assert (
        samples[
            (
                "graphsvc_requests_total",
                (("method", "GET"), ("route", "unmatched"), ("status", "404")),
            )
        ]
        == 1
    )
    latency = (("method", "GET"), ("route", "/actors/{actor_id}"))
    assert samples[("graphsvc_request_duration_seconds_count", latency)] == 3
    assert samples[("graphsvc_store_items", (("kind", "actors"),))] == 14
    assert samples[("graphsvc_store_items", (("kind", "events"),))] == 12


def test_cors_is_off_unless_origins_are_configured(make_client: MakeClient) -> None:
    preflight = {
        "Origin": "https://newsroom.example",
        "Access-Control-Request-Method": "POST",
    }
    closed = make_client()
    assert (
        "access-control-allow-origin" not in closed.options("/records", headers=preflight).headers
    )
    opened = make_client(cors_origins=["https://newsroom.example"])
    answer = opened.options("/records", headers=preflight)
    assert answer.headers["access-control-allow-origin"] == "https://newsroom.example"
    other = opened.get("/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_origins_read_comma_separated_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("GRAPHSVC_CORS_ORIGINS", "https://a.example, https://b.example")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]
