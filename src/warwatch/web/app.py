"""The FastAPI application: pages, /api/, static files, error handling, security layer."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import Settings, load_settings
from ..store import Store
from . import alerts, api, assets, charts, events, pages, reconcile, review
from . import map as map_pages
from .base import LoginRequired
from .corpus import CorpusCache, LiveCorpus
from .security import ApiError, SecurityMiddleware, WebConfig, require_read
from .templating import page

HERE = Path(__file__).parent

DESCRIPTION = """The warwatch article store over HTTP: articles in read mode with their revisions and diffs,
the actors and places they mention, full-text search, Trending and Top content, and ingest.

Reads are open unless the server sets `WARWATCH_API_READ_TOKEN` or `WARWATCH_PRIVATE_READS`; writes need
`Authorization: Bearer <WARWATCH_API_TOKEN>` and are disabled when no token is configured.
Errors are `{"error": "...", "detail": ...}`."""

_PHRASES = {400: "bad request", 401: "authentication required", 403: "forbidden", 404: "not found",
            405: "method not allowed", 413: "request body too large", 422: "invalid request"}


class WarwatchApp(FastAPI):
    """FastAPI with the security layer outermost, so even a 500 carries the security headers."""

    def build_middleware_stack(self):
        return SecurityMiddleware(super().build_middleware_stack(), self.state.web.max_body)


def create_app(store_or_path: Store | str | Path, settings: Settings | None = None, *,
               web: WebConfig | None = None, window: int = 3000) -> FastAPI:
    """The web app over a store (or the path / URL of one). ``web`` defaults to the environment."""
    settings = settings or load_settings()
    store = store_or_path if isinstance(store_or_path, Store) else Store.open(store_or_path)
    owns_store = not isinstance(store_or_path, Store)

    @asynccontextmanager
    async def lifespan(_app):
        # the corpus view is built and kept up to date in the background from startup on, so
        # no page waits for a reconcile (issue 13)
        cache = _app.state.cache
        if cache.live is None:
            cache.live = LiveCorpus(store)
        cache.live.start()
        yield
        cache.live.stop()
        if owns_store:
            store.close()

    app = WarwatchApp(title="warwatch", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                      docs_url=None, redoc_url=None, openapi_url=None)  # /openapi.json below, behind the read gate
    app.state.store = store
    app.state.settings = settings
    app.state.web = web or WebConfig.from_settings(settings)
    app.state.cache = CorpusCache(store, window=window)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    reconcile.install(app)  # merged events, contested, timelines: before the routes their paths would match
    for module in (map_pages, review, alerts):  # the analyst's desk (issue 14): before the routes their paths would match
        app.include_router(module.api)
        app.include_router(module.pages)
    app.include_router(charts.router)
    app.include_router(assets.router)
    app.include_router(api.router)
    events.install(app)  # events, claims, speakers: pages and API
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if _is_api(request):
            error = getattr(exc, "error", None) or _PHRASES.get(exc.status_code, "error")
            detail = exc.detail if isinstance(exc, ApiError) or exc.detail != error else None
            if detail == _PHRASES.get(exc.status_code, "").capitalize() or detail in ("Not Found", "Method Not Allowed"):
                detail = f"{request.method} {request.url.path}"
            return JSONResponse({"error": error, "detail": detail}, status_code=exc.status_code, headers=headers)
        message = {404: "There is no such page.", 405: "That method is not allowed here."}.get(
            exc.status_code, str(getattr(exc, "detail", "") or "Something went wrong."))
        return page(request, "error.html", exc.status_code, status=exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        if _is_api(request):
            return JSONResponse({"error": "invalid request", "detail": jsonable_encoder(errors)}, status_code=422)
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in errors)
        return page(request, "error.html", 400, status=400, message=f"Invalid request ({message}).")

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        from urllib.parse import urlencode

        return RedirectResponse("/login?" + urlencode({"next": exc.next_url}), status_code=303)

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Depends(require_read)])
    def openapi_document(request: Request):
        """FastAPI's OpenAPI document (as its own /openapi.json route gives it), a read like the API."""
        schema = app.openapi()
        root_path = request.scope.get("root_path", "").rstrip("/")
        if root_path and app.root_path_in_servers and root_path not in {s.get("url") for s in schema.get("servers", [])}:
            schema = {**schema, "servers": [{"url": root_path}] + schema.get("servers", [])}
        return JSONResponse(schema)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/healthz", include_in_schema=False)
    def health():
        return {"ok": True}

    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"
