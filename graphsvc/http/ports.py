"""Addresses a server listens on: whether it can, and what to open in a browser."""

from __future__ import annotations

import errno
import socket


def why_not_listening(host: str, port: int) -> str | None:
    """Why a server could not listen on host:port now (None: it can), checked by
    binding it as uvicorn will (SO_REUSEADDR), before anything slow starts: a port
    taken by another server is one clear line, not a log record after start-up. The
    caller adds how to choose another port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return f"port {port} on {host} is already in use"
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None


def browser_url(host: str, port: int) -> str:
    """The address to open in a browser: a wildcard bind is reached on loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"
