"""JavaScript and map data from registry packages, served by the app (no CDN).

``package.json`` at the repository root pins Leaflet (the map), topojson-client (decodes the
borders) and world-atlas (Natural Earth 1:50m country borders as TopoJSON); ``npm ci`` (run
by ``scripts/setup.sh``) installs them into ``node_modules/``. Only the files listed in
``FILES`` are served, at ``/assets/<name>``. The folder is ``WARWATCH_NODE_MODULES`` or the
``node_modules`` of the repository (or of the working directory). When it is missing, the map
page says how to install it and the rest of the reader works.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

FILES = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}


def node_modules() -> Path | None:
    candidates = [os.environ.get("WARWATCH_NODE_MODULES"), Path(__file__).resolve().parents[3] / "node_modules",
                  Path.cwd() / "node_modules"]
    for c in candidates:
        if c and (Path(c) / FILES["leaflet.js"]).is_file():
            return Path(c)
    return None


def available() -> bool:
    return node_modules() is not None


router = APIRouter(include_in_schema=False)


@router.get("/assets/{name}")
def asset(name: str):
    base = node_modules()
    if name not in FILES or base is None:
        raise HTTPException(404, "no such asset (run npm ci at the repository root)")
    path = base / FILES[name]
    return FileResponse(path, media_type=TYPES[path.suffix], headers={"Cache-Control": "public, max-age=86400"})
