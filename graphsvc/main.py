"""The `graphsvc` program: the command line's data commands (`graphsvc.cli`) and the
two that start a server, `graphsvc serve` (the HTTP API) and `graphsvc mcp` (the MCP
server). Each server is loaded only when its command runs, so `graphsvc load` does not
load FastAPI or the MCP SDK; the API is named by its app factory (`API_APP`) for the
HTTP server to import, so no module outside `graphsvc.api` imports it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from graphsvc import cli
from graphsvc.cli import DataDirOption, err, load_settings
from graphsvc.http.ports import browser_url, why_not_listening
from graphsvc.logs import configure as configure_logging

#: The app `graphsvc serve` serves: a factory taking the settings (none in a worker).
API_APP = "graphsvc.api.server:serving_app"

app = typer.Typer(
    help="Event timeline knowledge graph service.",
    no_args_is_help=True,
    rich_markup_mode=cli.HELP_MARKUP,
)
#: The data commands first, as `graphsvc --help` lists them.
app.registered_commands.extend(cli.app.registered_commands)
app.registered_groups.extend(cli.app.registered_groups)  # `graphsvc documents ...`


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="Port (default 8000).")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes on one port (Neo4j store only: the embedded store's "
            "graph lives in one process).",
        ),
    ] = 1,
    data_dir: DataDirOption = None,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    from graphsvc.http.server import serve as serve_http

    settings = load_settings(data_dir)
    if workers > 1 and settings.backend != "neo4j":
        err.print(
            f"[red]error:[/red] --workers {workers} needs GRAPHSVC_BACKEND=neo4j: the "
            "embedded store keeps its graph in one process's memory, so it serves with "
            "--workers 1"
        )
        raise typer.Exit(2)
    host, port = host or settings.host, port or settings.port
    problem = why_not_listening(host, port)
    if problem is not None:
        remedy = (
            " (another `graphsvc serve` or `make run`?): stop that server, or choose "
            "another port with --port or GRAPHSVC_PORT"
            if "already in use" in problem
            else ": choose another address with --host or GRAPHSVC_HOST"
        )
        err.print(f"[red]error:[/red] {problem}{remedy}")
        raise typer.Exit(2)
    url = browser_url(host, port)
    err.print(f"graphsvc: serving {url}/ (API docs: {url}/docs); Ctrl-C stops it")
    configure_logging(settings.log_level)
    # The app names the address it serves (the Neo4j guide) from its settings.
    settings = settings.model_copy(update={"host": host, "port": port})
    serve_http(API_APP, settings, host, port, workers)


class McpTransportOption(StrEnum):
    """How `graphsvc mcp` talks to its client."""

    stdio = "stdio"
    http = "http"


@app.command()
def mcp(
    transport: Annotated[
        McpTransportOption,
        typer.Option(
            help="stdio (the MCP host starts graphsvc and trusts it: no keys) or http "
            "(streamable HTTP at /mcp; the read key or the API key when either is set)."
        ),
    ] = McpTransportOption.stdio,
    host: Annotated[str, typer.Option(help="Bind address of --transport http.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port of --transport http.")] = 8765,
    data_dir: DataDirOption = None,
) -> None:
    """Run an MCP server (Model Context Protocol) over the same store as the API: tools
    for search, timelines, relations, paths, events and read-only Cypher (and article
    ingest when GRAPHSVC_API_KEY is set); see docs/mcp.md."""
    from graphsvc.mcp.server import run_http, run_stdio

    settings = load_settings(data_dir)
    if transport is McpTransportOption.stdio:
        configure_logging(settings.log_level)  # stderr: stdout carries the protocol
        run_stdio(settings)
        return
    problem = why_not_listening(host, port)
    if problem is not None:
        err.print(f"[red]error:[/red] {problem}: choose another with --port or --host")
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1") and not (
        settings.api_key or settings.read_key
    ):
        err.print(
            f"[yellow]warning:[/yellow] serving {host} with no key: anyone who reaches it "
            "may read the graph; set GRAPHSVC_READ_KEY or GRAPHSVC_API_KEY"
        )
    configure_logging(settings.log_level)
    run_http(settings, host, port)
