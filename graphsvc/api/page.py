"""`/`: a small page for reading the graph, served by the API itself.

One HTML, one JS and one CSS file from graphsvc/web/page (served under `/page/`) and
cytoscape.js and vis-timeline (its standalone UMD build and its CSS) from the pinned npm
packages installed at build time (`npm ci` in graphsvc/web, like Swagger UI for /docs),
served under `/assets/cytoscape/` and `/assets/vis-timeline/`. Nothing comes from a CDN.
Without them, `/` is a 503 saying how to install them. The page
calls read routes, sending the key the user typed as `X-API-Key` when the server asks
for one; its one write is merging two actors by hand, offered only once the user gives a
key (graphsvc/web/page/names.js).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse

from graphsvc.api.npm_assets import mount_folder, require_installed

PAGE_DIR = Path(__file__).resolve().parent.parent / "web" / "page"
PAGE = "/page"
CYTOSCAPE = "/assets/cytoscape"
VIS_TIMELINE = "/assets/vis-timeline"
#: The files of vis-timeline the page loads, under VIS_TIMELINE.
VIS_TIMELINE_SCRIPT = "standalone/umd/vis-timeline-graph2d.min.js"
VIS_TIMELINE_STYLE = "styles/vis-timeline-graph2d.min.css"


def cytoscape_dir(assets_dir: Path) -> Path:
    """Where `npm ci` put cytoscape's browser builds (setting GRAPHSVC_ASSETS_DIR)."""
    return assets_dir / "cytoscape" / "dist"


def vis_timeline_dir(assets_dir: Path) -> Path:
    """The vis-timeline package (its standalone build and styles)."""
    return assets_dir / "vis-timeline"


router = APIRouter(include_in_schema=False)


@router.get("/")
async def index(request: Request) -> HTMLResponse:
    assets_dir = request.app.state.settings.assets_dir
    require_installed(cytoscape_dir(assets_dir), "cytoscape.min.js", "cytoscape", "the API answers")
    require_installed(
        vis_timeline_dir(assets_dir), VIS_TIMELINE_SCRIPT, "vis-timeline", "the API answers"
    )
    html = (PAGE_DIR / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def install_page(app: FastAPI, assets_dir: Path) -> None:
    """`/`, the page's own files, cytoscape and vis-timeline."""
    app.include_router(router)
    mount_folder(app, PAGE, PAGE_DIR, "page")
    mount_folder(app, CYTOSCAPE, cytoscape_dir(assets_dir), "cytoscape")
    mount_folder(app, VIS_TIMELINE, vis_timeline_dir(assets_dir), "vis-timeline")
