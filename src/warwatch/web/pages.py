"""Server-rendered pages: home, article (read mode), revision diff, search, actors and places,
login, API reference.

Templates are Jinja2 with autoescaping on (templating.py); article text is plain text rendered
paragraph by paragraph, so nothing from an ingested page is ever interpreted as markup (see
render.py).
"""

from __future__ import annotations

import math
from datetime import date

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from . import render
from .base import CONTEXT, cache_of, day_range, entity_refs, guard, store_of
from .corpus import Filters
from .reports import event_entity_ids, filter_merged, merged_ids, merged_summary, timeline_rows
from .security import COOKIE, session_value
from .templating import page

PAGE_SIZE = 25
SEARCH_PAGE = 20
ENTITY_LIST_PAGE = 50
ENTITY_ARTICLES_PAGE = 20
PLACE_EVENTS = 20
router = APIRouter(include_in_schema=False)


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
    trend, stories = cache.reconciled(filters, stale=True) if number == 1 else (None, [])
    top_events, names = [], {}
    if number == 1:
        from ..reconcile.corpus import top_events as rank_events

        corpus = cache.reconciled_view()
        view = corpus
        if site or since or until:  # the same filters on the merged events: a source from the site, the event date
            from dataclasses import replace as _replace

            view = _replace(corpus, merged=filter_merged(corpus, site=site, since=since, until=until), ranked=None)
        top_events = [(m, merged_summary(corpus, m)) for m, _ in rank_events(view)]
        names = entity_refs(store, merged_ids([m for m, _ in top_events]))
    params = {k: v for k, v in (("site", site), ("since", since), ("until", until)) if v}
    return page(request, "home.html", latest=latest, total=total, trending=trend, stories=stories,
                top_events=top_events, names=names, reconcile_window=cache.reconciled_articles,
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
    actors, places, body = [], [], None
    events, claims, names = [], [], {}
    if shown is None:  # mentions, events and claims are stored for the current revision
        actors, places = split_mentions(store.article_mentions(article_id))
        body = render.highlight_paragraphs(view.text, highlights(actors + places)) if actors or places else None
        events, claims = store.article_events(article_id), store.article_claims(article_id)
        names = entity_refs(store, event_entity_ids(events) | {c.speaker_actor for c in claims})
    return page(request, "article.html", article=view, shown=shown, current_number=current_number,
                title=(shown.title if shown else view.title), text=(shown.text if shown else view.text),
                actors=actors, places=places, body=body, events=events, claims=claims, names=names)


def split_mentions(found) -> tuple[list, list]:
    """article_mentions -> (actors, places), each [(EntityView, spans)], most mentioned first, then first seen."""
    ordered = sorted(found, key=lambda item: (-len(item[1]), item[1][0][0] if item[1] else 0))
    return ([x for x in ordered if x[0].kind == "actor"], [x for x in ordered if x[0].kind == "place"])


def highlights(found) -> list[render.Highlight]:
    return [render.Highlight(s, e, entity.kind, entity.id, entity.name, role, text)
            for entity, spans in found for s, e, text, role in spans]


def _entity_list(request: Request, kind: str, type_: str | None, country: str | None, q: str, number: int):
    cache = cache_of(request)
    everything = cache.entities(kind)
    q = q.strip()
    chosen = [e for e in everything if (not type_ or e.type == type_) and (not country or e.country == country)
              and (not q or q.casefold() in e.name.casefold() or q.casefold() in e.id.casefold())]
    total = len(chosen)
    items = chosen[(number - 1) * ENTITY_LIST_PAGE: number * ENTITY_LIST_PAGE]
    countries = sorted({e.country for e in everything if e.country})
    params = {k: v for k, v in (("type", type_), ("country", country), ("q", q)) if v}
    return page(request, "entities.html", kind=kind, items=items, total=total, all_count=len(everything),
                types=cache.entity_types(kind), countries=countries, type_=type_, country=country, name_q=q,
                page=number, pages=max(1, math.ceil(total / ENTITY_LIST_PAGE)), params=params,
                filtered=bool(params), offset=(number - 1) * ENTITY_LIST_PAGE)


def _entity_page(request: Request, kind: str, entity_id: str, number: int):
    store = store_of(request)
    entity = store.get_entity(entity_id)
    if entity is None:
        what = "actor" if kind == "actor" else "place"
        return page(request, "error.html", 404, status=404, message=f"There is no {what} with id {entity_id}.")
    if entity.kind != kind:  # /actors/geonames:... -> the place page
        return RedirectResponse(render.entity_url(entity.kind, entity.id), status_code=301)
    offset = (number - 1) * ENTITY_ARTICLES_PAGE
    articles = store.entity_articles(entity_id, limit=ENTITY_ARTICLES_PAGE, offset=offset)
    contexts = store.entity_mention_contexts(entity_id, [a.id for a in articles], context=CONTEXT)
    rows = []
    for a in articles:
        ctx = contexts.get(a.id)
        snippet = None
        if ctx is not None:
            snippet = render.mention_snippet(ctx.window, ctx.start - ctx.window_start, ctx.end - ctx.window_start,
                                             at_text_start=ctx.window_start == 0,
                                             at_text_end=len(ctx.window) < ctx.end - ctx.window_start + CONTEXT)
        rows.append((a, ctx, snippet))
    profile = store.actor_profile(entity_id) if kind == "actor" else {}
    affiliation = None
    if profile.get("affiliation"):
        names = store.entity_names([profile["affiliation"]])
        affiliation = (profile["affiliation"], names.get(profile["affiliation"], (profile["affiliation"], None))[0],
                       profile["affiliation"] in names)
    roles = store.entity_role_counts(entity_id) if kind == "place" else {}
    events, event_total, names = [], 0, {}
    if kind == "place" and number == 1:
        events = store.events_for_place(entity_id, limit=PLACE_EVENTS)
        event_total = store.count_events(place=entity_id) if events else 0
        names = entity_refs(store, event_entity_ids(events))
    speaker = store.speaker_counts(entity_id) if kind == "actor" else None
    timeline, place_contradictions = [], []
    if kind == "place" and number == 1:
        corpus = cache_of(request).reconciled_view()
        timeline = timeline_rows(corpus, entity_id)
        place_contradictions = corpus.contradictions_at(entity_id)[:10]
        ids = {r["entry"].controller for r in timeline} | {s.get("controller") for r in timeline for s in r["entry"].sides}
        ids |= {r["speaker_actor"] for row in timeline for r in row["refs"]}
        ids |= {c[x].get("speaker_actor") for c in place_contradictions for x in ("a", "b")}
        names = {**names, **entity_refs(store, ids)}
    return page(request, "entity.html", kind=kind, entity=entity, rows=rows, profile=profile,
                affiliation=affiliation, roles=roles, events=events, event_total=event_total, names=names,
                speaker=speaker, timeline=timeline, place_contradictions=place_contradictions, page=number,
                pages=max(1, math.ceil(entity.articles / ENTITY_ARTICLES_PAGE)), offset=offset)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, type: str | None = Query(None, max_length=64),
           country: str | None = Query(None, max_length=8), q: str = Query("", max_length=200),
           page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    return _entity_list(request, "actor", type or None, country or None, q, _page_number(page_))


@router.get("/places", response_class=HTMLResponse)
def places(request: Request, type: str | None = Query(None, max_length=64),
           country: str | None = Query(None, max_length=8), q: str = Query("", max_length=200),
           page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    return _entity_list(request, "place", type or None, country or None, q, _page_number(page_))


@router.get("/actors/{entity_id:path}", response_class=HTMLResponse)
def actor(request: Request, entity_id: str, page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    return _entity_page(request, "actor", entity_id, _page_number(page_))


@router.get("/places/{entity_id:path}", response_class=HTMLResponse)
def place(request: Request, entity_id: str, page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    return _entity_page(request, "place", entity_id, _page_number(page_))


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
                                secure=config.secure_cookie(request), max_age=30 * 86400)
            return response
    return page(request, "login.html", 401, next=target, failed=True)


@router.get("/logout", response_class=HTMLResponse)
def logout_form(request: Request):
    """Signing out changes state, so it is a POST; a GET (a link, an image, a prefetch) only shows
    the button and clears nothing."""
    return page(request, "logout.html", signed_in=COOKIE in request.cookies)


@router.post("/logout")
def logout(request: Request):
    """Clears the session cookie, if the request carries it. Like /login, no CSRF token: the cookie
    is SameSite=Strict, so a request another site makes (a cross-site form post) arrives without it
    and signs nobody out; the CSP's ``form-action 'self'`` keeps the app's own forms on the app."""
    response = RedirectResponse("/", status_code=303)
    if COOKIE in request.cookies:
        response.delete_cookie(COOKIE, httponly=True, samesite="strict",
                               secure=request.app.state.web.secure_cookie(request))
    return response


@router.get("/api", response_class=HTMLResponse)
@router.get("/api/", response_class=HTMLResponse)
def api_reference(request: Request):
    """A plain HTML reference of the API, built from the OpenAPI description (no CDN-hosted UI)."""
    guard(request)
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
