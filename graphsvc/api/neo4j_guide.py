"""`/neo4j/`: a Neo4j Browser guide and graph style for graphsvc's graph, for people
who read the graph in Neo4j Browser.

Static files from graphsvc/web/neo4j, for Neo4j Browser 5 to fetch:

- `guide.html`: `:play http://127.0.0.1:8000/neo4j/guide.html` (or `:guide` with the same
  URL) sets the parameters, loads the style and runs the graph versions of the ready
  queries in cypher/explore/. Its `:style` step names this server: GRAPHSVC_PUBLIC_URL
  when set, else the address `graphsvc serve` binds. Never the request's Host header: a
  client (or a cache in front) could make the guide point Browser at any server;
- `graphsvc.grass`: `:style http://127.0.0.1:8000/neo4j/graphsvc.grass`.

Browser fetches them from its own origin (Neo4j's HTTP port) with headers of its own,
so Chromium sends a CORS preflight first: these files, and only these, answer CORS for
Browser's origins (GRAPHSVC_NEO4J_BROWSER_ORIGINS, `graphsvc.api.path_cors`). They hold
no data (the queries run in Browser, on Neo4j), so no key is asked for, and they are not
in OpenAPI.
Neo4j only lets Browser fetch from hosts in its setting
`browser.remote_content_hostname_whitelist` (see tests/neo4j/README.md).
"""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse, Response
from starlette.types import Scope

from graphsvc.http.ports import browser_url
from graphsvc.settings import Settings

GUIDE_DIR = Path(__file__).resolve().parent.parent / "web" / "neo4j"
PREFIX = "/neo4j"
GUIDE = "guide.html"
WRITTEN_ORIGIN = "http://127.0.0.1:8000"  # the origin the guide's file names, for `make run`
MEDIA_TYPES = {".grass": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8"}


class _GuideFiles(StaticFiles):
    """StaticFiles with a text type for `.grass`."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        media_type = MEDIA_TYPES.get(Path(path).suffix)
        if media_type and response.status_code == 200:
            response.headers["Content-Type"] = media_type
        return response


def guide_for(origin: str) -> str:
    """The guide with its `:style` URL on `origin` (escaped, though the settings allow
    no character HTML would read)."""
    text = (GUIDE_DIR / GUIDE).read_text(encoding="utf-8")
    return text.replace(WRITTEN_ORIGIN, html.escape(origin))


def public_origin(settings: Settings) -> str:
    """Where readers reach this server, from configuration only."""
    return settings.public_url or browser_url(settings.host, settings.port)


async def guide(request: Request) -> Response:
    """`/neo4j/guide.html`, naming this server as configured."""
    if not (GUIDE_DIR / GUIDE).is_file():
        return Response(status_code=404)
    origin = public_origin(request.app.state.settings)
    return HTMLResponse(guide_for(origin))


def install_neo4j_guide(app: FastAPI) -> None:
    """Serve graphsvc/web/neo4j under `/neo4j/`; the guide itself through `guide`."""
    app.add_api_route(f"{PREFIX}/{GUIDE}", guide, methods=["GET"], include_in_schema=False)
    # check_dir=False: an install without the folder answers 404 here, it does not fail
    # at start-up.
    app.mount(PREFIX, _GuideFiles(directory=GUIDE_DIR, check_dir=False), name="neo4j-guide")
