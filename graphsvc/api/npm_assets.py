"""npm packages the server hands to browsers (Swagger UI, cytoscape), installed at
build time by `npm ci` in graphsvc/web (setting GRAPHSVC_ASSETS_DIR), never a CDN.

A page whose package is missing is a 503 that says how to install it, not a page that
fetches from the internet or shows blank; the rest of the API answers meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from graphsvc.errors import GraphsvcError


class AssetsMissing(GraphsvcError):
    status = 503
    title = "Browser assets not installed"


def require_installed(folder: Path, probe: str, package: str, meanwhile: str) -> None:
    """AssetsMissing unless `folder/probe` exists (`package` names what to install)."""
    if not (folder / probe).is_file():
        raise AssetsMissing(
            f"{package} is not installed in {folder}: run `make install` (or `npm ci` in "
            f"graphsvc/web, or set GRAPHSVC_ASSETS_DIR); {meanwhile}"
        )


def mount_folder(app: FastAPI, url: str, folder: Path, name: str) -> None:
    """Serve `folder` under `url` (check_dir=False: a missing install is the 503 of the
    page that needs it, not a start-up failure)."""
    app.mount(url, StaticFiles(directory=folder, check_dir=False), name=name)
