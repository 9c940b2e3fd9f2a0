"""`/`: a small page for reading the graph (issue 17), served by the API itself.

One HTML, one JS and one CSS file from graphsvc/web/page (served under `/page/`) and
cytoscape.js from the pinned npm package installed at build time (`npm ci` in
graphsvc/web, like Swagger UI for /docs), served under `/assets/cytoscape/`. Nothing
comes from a CDN. Without cytoscape, `/` is a 503 saying how to install it. The page
calls read routes only, sending the key the user typed as `X-API-Key` when the server
asks for one.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse

from graphsvc.api.npm_assets import mount_folder, require_installed

PAGE_DIR = Path(__file__).resolve().parent.parent / "web" / "page"
PAGE = "/page"
CYTOSCAPE = "/assets/cytoscape"


def cytoscape_dir(assets_dir: Path) -> Path:
    """Where `npm ci` put cytoscape's browser builds (setting GRAPHSVC_ASSETS_DIR)."""
    return assets_dir / "cytoscape" / "dist"


router = APIRouter(include_in_schema=False)


@router.get("/")
async def index(request: Request) -> HTMLResponse:
    installed = cytoscape_dir(request.app.state.settings.assets_dir)
    require_installed(installed, "cytoscape.min.js", "cytoscape", "the API answers")
    html = (PAGE_DIR / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def install_page(app: FastAPI, assets_dir: Path) -> None:
    """`/`, the page's own files and cytoscape."""
    app.include_router(router)
    mount_folder(app, PAGE, PAGE_DIR, "page")
    mount_folder(app, CYTOSCAPE, cytoscape_dir(assets_dir), "cytoscape")
