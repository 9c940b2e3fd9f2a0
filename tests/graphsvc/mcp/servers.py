"""`graphsvc mcp` as a subprocess, reached with the MCP SDK's own client: over stdio (the
client starts the server) or streamable HTTP (a server on a free loopback port)."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import IO

import httpx2
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from tests.e2e.server import ROOT, serving
from tests.ports import free_port

#: What a stdio server inherits besides the settings given: no GRAPHSVC_* of the shell.
INHERITED = ("PATH", "HOME", "LANG", "TMPDIR", "JAVA_HOME")


def mcp_env(**settings: str) -> dict[str, str]:
    """The environment of a `graphsvc mcp` child: these settings, nothing else of ours."""
    base = {k: v for k, v in os.environ.items() if k in INHERITED}
    return {**base, "PYTHONPATH": str(ROOT), **settings}


@asynccontextmanager
async def stdio_session(env: dict[str, str], log: IO[str]) -> AsyncIterator[Client]:
    """`graphsvc mcp` (stdio, the default) started by the SDK's stdio client."""
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "graphsvc", "mcp"], env=env, cwd=str(ROOT)
    )
    async with Client(stdio_client(params, errlog=log)) as client:
        yield client


@asynccontextmanager
async def http_session(url: str, key: str | None) -> AsyncIterator[Client]:
    """A client session with `Authorization: Bearer <key>` on every request."""
    headers = {"Authorization": f"Bearer {key}"} if key else None
    async with (
        httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30, read=300)) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        yield client


@contextmanager
def http_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """`graphsvc mcp --transport http` on a free port; yields the /mcp URL once it
    listens (any answer)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/mcp"
    command = [sys.executable, "-m", "graphsvc", "mcp", "--transport", "http"]
    with serving([*command, "--port", str(port)], env, log, url):
        yield url
