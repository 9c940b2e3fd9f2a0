"""Where the client connects, and with which key, when the caller does not say."""

from __future__ import annotations

from graphsvc.client.config import DEFAULT_URL, api_key, base_url


def test_the_url_argument_then_the_environment_then_the_default() -> None:
    env = {"GRAPHSVC_URL": "http://graph.example:9000/"}
    assert base_url("http://given:1/", env) == "http://given:1"
    assert base_url(None, env) == "http://graph.example:9000"
    assert base_url(None, {}) == DEFAULT_URL == "http://127.0.0.1:8000"


def test_the_key_argument_then_the_api_key_then_the_read_key() -> None:
    both = {"GRAPHSVC_API_KEY": "write", "GRAPHSVC_READ_KEY": "read"}
    assert api_key("given", both) == "given"
    assert api_key(None, both) == "write"
    assert api_key(None, {"GRAPHSVC_API_KEY": "", "GRAPHSVC_READ_KEY": "read"}) == "read"
    assert api_key(None, {}) is None
