"""`/docs`: Swagger UI from files this server serves itself, never from a CDN.

FastAPI's own `/docs` page loads Swagger UI from jsDelivr, so it is blank offline or
behind a firewall. The pinned npm package `swagger-ui-dist` is installed at build time
(`npm ci` in graphsvc/web by `make install`; the image sets GRAPHSVC_ASSETS_DIR) and
served under `/assets/swagger-ui/`. Without it, `/docs` is a 503 saying how to install
it, not a page that silently fetches from the internet. ReDoc is not served.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from graphsvc.api.npm_assets import mount_folder, require_installed

ASSETS = "/assets/swagger-ui"


def swagger_ui_dir(assets_dir: Path) -> Path:
    """Where `npm ci` put Swagger UI (setting GRAPHSVC_ASSETS_DIR)."""
    return assets_dir / "swagger-ui-dist"


router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    installed = swagger_ui_dir(request.app.state.settings.assets_dir)
    require_installed(installed, "swagger-ui-bundle.js", "Swagger UI", "/openapi.json answers")
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="graphsvc API",
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
    )


def install_docs(app: FastAPI, assets_dir: Path) -> None:
    """`/docs` and its assets."""
    app.include_router(router)
    mount_folder(app, ASSETS, swagger_ui_dir(assets_dir), "swagger-ui")
