"""Server-rendered pages: home, article (read mode), revision diff, search, login, API reference.

Templates are Jinja2 with autoescaping on; article text is plain text rendered paragraph by
paragraph, so nothing from an ingested page is ever interpreted as markup (see render.py).
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from . import render
from .api import cache_of, day_range, store_of
from .corpus import Filters
from .security import COOKIE, read_allowed, session_value

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
env = templates.env
env.filters["date"] = render.fmt_date
env.filters["day"] = render.fmt_short
env.filters["paragraphs"] = render.paragraphs
env.filters["snippet"] = render.snippet_html
env.filters["safe_url"] = render.safe_url
env.filters["host"] = render.host
env.globals["urlencode"] = urlencode

PAGE_SIZE = 25
SEARCH_PAGE = 20
router = APIRouter(include_in_schema=False)


class LoginRequired(Exception):
    def __init__(self, next_url: str):
        self.next_url = next_url


def guard(request: Request) -> None:
    if not read_allowed(request, request.app.state.web):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)


def page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("q", "")
    context["web"] = request.app.state.web
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _page_number(value: int | None) -> int:
    return max(1, value or 1)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, site: str | None = None, since: date | None = None, until: date | None = None,
         page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    site = site or None
    start, end = day_range(since, until)
    filters = Filters(site, start, end)
    cache, store = cache_of(request), store_of(request)
    number = _page_number(page_)
    latest = store.list_articles(limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE, site=site, since=start, until=end)
    total = cache.count(filters)
    trend, stories = cache.reconciled(filters) if number == 1 else (None, [])
    params = {k: v for k, v in (("site", site), ("since", since), ("until", until)) if v}
    return page(request, "home.html", latest=latest, total=total, trending=trend, stories=stories,
                sites=cache.sites(), site=site, since=since, until=until, page=number,
                pages=max(1, math.ceil(total / PAGE_SIZE)), params=params,
                filtered=bool(params), window=cache.window)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: int, revision: int | None = Query(None, ge=1)):
    guard(request)
    store = store_of(request)
    view = store.get_article(article_id)
    if view is None:
        return page(request, "error.html", 404, status=404, message=f"There is no article with id {article_id}.")
    shown = None
    if revision is not None:
        shown = store.get_revision(article_id, revision)
        if shown is None:
            return page(request, "error.html", 404, status=404,
                        message=f"Article {article_id} has no revision {revision}.")
        if shown.id == view.current_revision_id:
            shown = None
    current_number = next((r.number for r in view.revisions if r.id == view.current_revision_id), None)
    return page(request, "article.html", article=view, shown=shown, current_number=current_number,
                title=(shown.title if shown else view.title), text=(shown.text if shown else view.text))


@router.get("/articles/{article_id}/diff", response_class=HTMLResponse)
def diff(request: Request, article_id: int, from_: int | None = Query(None, alias="from", ge=1),
         to: int | None = Query(None, ge=1)):
    guard(request)
    store = store_of(request)
    view = store.get_article(article_id)
    if view is None:
        return page(request, "error.html", 404, status=404, message=f"There is no article with id {article_id}.")
    if view.revision_count < 2:
        return RedirectResponse(f"/articles/{article_id}", status_code=303)
    to = to or view.revision_count
    from_ = from_ or max(1, to - 1)
    a, b = store.get_revision(article_id, from_), store.get_revision(article_id, to)
    if a is None or b is None:
        missing = from_ if a is None else to
        return page(request, "error.html", 404, status=404, message=f"Article {article_id} has no revision {missing}.")
    segments = render.diff_words(a.text or "", b.text or "")
    title_segments = render.diff_words(a.title or "", b.title or "") if a.title != b.title else None
    return page(request, "diff.html", article=view, a=a, b=b, body=render.diff_html(segments),
                stats=render.diff_stats(segments),
                title_diff=render.diff_inline(title_segments) if title_segments else None)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500),
           page_: int | None = Query(None, alias="page", ge=1, le=5000)):
    guard(request)
    q = q.strip()
    number = _page_number(page_)
    hits, total = [], 0
    if q:
        hits = store_of(request).search(q, limit=SEARCH_PAGE, offset=(number - 1) * SEARCH_PAGE)
        total = cache_of(request).search_count(q) if hits or number > 1 else 0
    return page(request, "search.html", q=q, hits=hits, total=total, page=number,
                pages=max(1, math.ceil(total / SEARCH_PAGE)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return page(request, "login.html", next=_local(next), failed=False)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request):
    from urllib.parse import parse_qs

    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    target = _local((form.get("next") or ["/"])[0])
    config = request.app.state.web
    for expected in config.read_tokens():
        if token and _same_token(token, expected):
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, session_value(expected), httponly=True, samesite="strict",
                                secure=request.url.scheme == "https", max_age=30 * 86400)
            return response
    return page(request, "login.html", 401, next=target, failed=True)


@router.get("/logout")
def logout():
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/api", response_class=HTMLResponse)
@router.get("/api/", response_class=HTMLResponse)
def api_reference(request: Request):
    """A plain HTML reference of the API, built from the OpenAPI description (no CDN-hosted UI)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [(p["name"], p.get("in"), p.get("required", False), p.get("description", ""))
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params, "body": "requestBody" in op})
    return page(request, "api.html", endpoints=endpoints, version=spec.get("info", {}).get("version"))


def _same_token(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode(), b.encode())


def _local(target: str) -> str:
    """Only same-site paths as redirect targets (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
