"""Reports reconciled across articles (issue 5): merged events (``/events/merged/{id}``), the
``/contested`` page, place control timelines, and their API (``/api/events/merged``,
``/api/events/merged/{id}``, ``/api/places/{id}/timeline``, ``/api/contested``).

Everything comes from the cached corpus view (``CorpusCache.reconciled_view``), built once per
store change over the newest articles. Claim texts, speakers and evidence come from hostile
pages: templates autoescape them; nothing here builds markup.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..reconcile.corpus import CorpusView
from ..reconcile.merge import MergedEvent
from .desk import review_of
from .base import ERRORS, cache_of, entity_refs, guard, store_of
from .reports import filter_merged, merged_ids, merged_summary
from .security import ApiError, require_read
from .templating import page

MERGED_PAGE = 25
CONTESTED_PAGE = 50


def view_of(request: Request) -> CorpusView:
    return cache_of(request).reconciled_view()


# -- pages -----------------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)


@pages.get("/events/merged/{merged_id}", response_class=HTMLResponse)
def merged_page(request: Request, merged_id: str):
    guard(request)
    view = view_of(request)
    m = view.get(merged_id)
    if m is None:
        return page(request, "error.html", 404, status=404,
                    message=f"There is no merged event {merged_id} (merged events are recomputed when articles arrive).")
    store = store_of(request)
    speakers = {c.get("speaker_actor") for c in (*m.claims_for, *m.claims_against)}
    names = entity_refs(store, merged_ids([m]) | speakers)
    place = store.entity_details([m.place]).get(m.place) if m.place else None
    claims_for = [dict(c, content=(view.claims.get((c["article_id"], c["claim_id"])) or {}).get("content"))
                  for c in m.claims_for]
    claims_against = [dict(c, content=(view.claims.get((c["article_id"], c["claim_id"])) or {}).get("content"))
                      for c in m.claims_against]
    return page(request, "merged_event.html", m=m, info=merged_summary(view, m), names=names, place=place,
                articles=view.articles, claims_for=claims_for, claims_against=claims_against,
                contradictions=view.contradictions_of(m)[:30])


@pages.get("/contested", response_class=HTMLResponse)
def contested_page(request: Request, page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    view = view_of(request)
    store = store_of(request)
    number = max(1, page_ or 1)
    total = len(view.contradictions)
    items = view.contradictions[(number - 1) * CONTESTED_PAGE: number * CONTESTED_PAGE]
    places = view.contested_places()
    ids = {c[s].get("speaker_actor") for c in items for s in ("a", "b")} | {c.get("place") for c in items}
    ids |= {p for p, _ in places}
    for _, e in places:
        for side in e.sides:
            ids.add(side.get("controller"))
    names = entity_refs(store, ids)
    return page(request, "contested.html", items=items, total=total, places=places, names=names,
                page=number, pages=max(1, math.ceil(total / CONTESTED_PAGE)),
                window=cache_of(request).reconciled_articles)


# -- API -----------------------------------------------------------------------------------------

api = APIRouter(prefix="/api", tags=["api"], responses=ERRORS, dependencies=[Depends(require_read)])


def _merged_json(view: CorpusView, m: MergedEvent, *, full: bool = False, review: dict | None = None) -> dict[str, Any]:
    out = m.to_json()
    out["review"] = ({k: review.get(k) for k in ("id", "status", "corrections", "note", "updated", "updated_by")}
                     if review else {"status": "unreviewed"})
    info = merged_summary(view, m)
    out.update(articles=info["articles"], sites=info["sites"], contested=info["contested"],
               page=f"/api/events/merged/{m.id}")
    if not full:
        out.pop("sources")
        out.pop("claims_for")
        out.pop("claims_against")
        out.pop("fatalities_reported")
    else:
        for key in ("claims_for", "claims_against"):
            out[key] = [dict(c, content=(view.claims.get((c["article_id"], c["claim_id"])) or {}).get("content"))
                        for c in out[key]]
        out["contradictions"] = view.contradictions_of(m)
    return out


@api.get("/events/merged", summary="Events merged across articles, most independent sources first")
def api_merged(request: Request, type: str | None = Query(None, max_length=64),
               actor: str | None = Query(None, max_length=255), place: str | None = Query(None, max_length=255),
               since: date | None = None, until: date | None = None,
               limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    view = view_of(request)
    found = filter_merged(view, type=type or None, actor=actor or None, place=place or None, since=since, until=until)
    total = len(found)
    return {"items": [_merged_json(view, m, review=review_of(request, m.id)) for m in found[offset:offset + limit]], "total": total, "limit": limit,
            "offset": offset, "next_offset": offset + limit if offset + limit < total else None}


@api.get("/events/merged/{merged_id}", summary="One merged event: sources with evidence, claims for and against")
def api_merged_one(request: Request, merged_id: str):
    view = view_of(request)
    m = view.get(merged_id)
    if m is None:
        raise ApiError(404, "not found", f"no merged event {merged_id}")
    return _merged_json(view, m, full=True, review=review_of(request, m.id))


@api.get("/places/{place_id:path}/timeline", summary="Control timeline of a place: who held it when, according to whom")
def api_timeline(request: Request, place_id: str):
    view = view_of(request)
    tl = view.timelines.get(place_id, [])
    if not tl and place_id not in view.place_names and store_of(request).get_entity(place_id) is None:
        raise ApiError(404, "not found", f"no place {place_id}")
    current = tl[-1].to_json() if tl else None
    return {"place": place_id, "name": view.place_names.get(place_id), "current": current,
            "entries": [e.to_json() for e in tl]}


@api.get("/contested", summary="Open contradictions between sources (newest first) and contested places")
def api_contested(request: Request, limit: int = Query(50, ge=1, le=500),
                  offset: int = Query(0, ge=0, le=10_000_000)):
    view = view_of(request)
    total = len(view.contradictions)
    return {"items": view.contradictions[offset:offset + limit], "total": total, "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None,
            "places": [{"place": p, "name": view.place_names.get(p), **e.to_json()} for p, e in view.contested_places()]}


def install(app) -> None:
    """Add these pages and API routes; before the event and entity routes, whose paths would match."""
    app.include_router(api)
    app.include_router(pages)
