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
from fastapi.staticfiles import StaticFiles

from graphsvc.errors import GraphsvcError

PAGE_DIR = Path(__file__).resolve().parent.parent / "web" / "page"
PAGE = "/page"
CYTOSCAPE = "/assets/cytoscape"


def cytoscape_dir(assets_dir: Path) -> Path:
    """Where `npm ci` put cytoscape's browser builds (setting GRAPHSVC_ASSETS_DIR)."""
    return assets_dir / "cytoscape" / "dist"


router = APIRouter(include_in_schema=False)


class PageAssetsMissing(GraphsvcError):
    status = 503
    title = "Page assets not installed"


@router.get("/")
async def index(request: Request) -> HTMLResponse:
    installed = cytoscape_dir(request.app.state.settings.assets_dir)
    if not (installed / "cytoscape.min.js").is_file():
        raise PageAssetsMissing(
            f"cytoscape is not installed in {installed.parent.parent}: run `make install` "
            "(or `npm ci` in graphsvc/web, or set GRAPHSVC_ASSETS_DIR); the API answers "
            "meanwhile"
        )
    html = (PAGE_DIR / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def install_page(app: FastAPI, assets_dir: Path) -> None:
    """`/`, the page's own files and cytoscape (check_dir=False: a missing install is
    the 503 above)."""
    app.include_router(router)
    app.mount(PAGE, StaticFiles(directory=PAGE_DIR, check_dir=False), name="page")
    files = StaticFiles(directory=cytoscape_dir(assets_dir), check_dir=False)
    app.mount(CYTOSCAPE, files, name="cytoscape")
