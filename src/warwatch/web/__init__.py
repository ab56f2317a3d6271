"""The reader: a web app and JSON API over the article store (FastAPI + Jinja2, no CDN).

``create_app(store_or_path, settings)`` builds the app; ``serve(db, host, port, settings)``
runs it with uvicorn. Pages, API, configuration and security are described in docs/web.md.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["create_app", "serve"]


def create_app(store_or_path, settings=None, **kwargs):
    from .app import create_app as build

    return build(store_or_path, settings, **kwargs)


def serve(db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000, settings=None, *,
          log_level: str = "info") -> None:
    """Serve the store at ``db`` (default: the configured store) until interrupted."""
    import uvicorn

    from ..config import load_settings

    settings = settings or load_settings()
    app = create_app(db or settings.db, settings)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
                access_log=log_level == "debug")
