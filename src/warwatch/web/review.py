"""The review queue: ``/review`` (merged events by priority: not yet reviewed, contested, many
sources), ``/review/{id}`` (status, corrections, note, and the audit log), and the API
(``GET /api/review``, ``POST /api/review/{id}`` with the write token, ``GET /api/review/{id}/log``).

A review is attached to the reports of the merged event (``desk.keys``), so it survives
``warwatch reanalyze`` and re-merging; pages, the API and the map show corrected values with the
status (``CorpusCache.reviewed``).
"""

from __future__ import annotations

import math
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from ..desk.review import FIELDS, STATUSES, ReviewError, check_status, clean_corrections, priority, refs_of
from ..events.taxonomy import TYPES
from ..store import review as review_store
from .base import ERRORS, cache_of, entity_refs, guard, store_of
from .desk import can_write, check_form_write, corrected, csrf_token, form_of
from .reports import merged_ids, merged_summary
from .security import ApiError, require_read, require_write
from .templating import page

QUEUE_PAGE = 30


def queue(request: Request, status: str | None = None):
    view, reviews = corrected(request)
    rows = []
    for m in view.merged:
        r = reviews.get(m.id)
        s = (r or {}).get("status", "unreviewed")
        if status and s != status:
            continue
        rows.append((m, r, view.contested.get(m.id, 0)))
    rows.sort(key=lambda x: priority(x[0], x[2], x[1]))
    return view, rows


def save(request: Request, merged_id: str, status: str, raw_corrections: dict, note: str | None, who: str | None):
    raw = cache_of(request).raw_view().get(merged_id)
    view, reviews = corrected(request)
    if raw is None:
        raise ApiError(404, "not found", f"no merged event {merged_id}")
    try:
        check_status(status)
        fixes = clean_corrections(raw_corrections)
    except ReviewError as exc:
        raise ApiError(422, "invalid review", str(exc)) from None
    # a correction equal to the machine's value is no correction
    fixes = {k: v for k, v in fixes.items() if getattr(raw, k) != v}
    existing = reviews.get(merged_id)
    return review_store.save_review(store_of(request), merged_id=merged_id, refs=refs_of(raw),
                                    status=status, corrections=fixes, note=(note or "").strip()[:4000] or None,
                                    who=(who or "").strip()[:255] or None,
                                    review_id=existing["id"] if existing else None)


# -- pages -------------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)


@pages.get("/review", response_class=HTMLResponse)
def review_page(request: Request, status: Literal["unreviewed", "confirmed", "rejected", "needs-check"] | None = None,
                page_: int | None = Query(None, alias="page", ge=1, le=100_000)):
    guard(request)
    view, rows = queue(request, status)
    number = max(1, page_ or 1)
    shown = rows[(number - 1) * QUEUE_PAGE: number * QUEUE_PAGE]
    names = entity_refs(store_of(request), merged_ids([m for m, _, _ in shown]))
    counts = {"unreviewed": 0, **{s: 0 for s in STATUSES}}
    for m in view.merged:
        r = cache_of(request).reviewed()[1].get(m.id)
        counts[(r or {}).get("status", "unreviewed")] += 1
    return page(request, "review.html", rows=[(m, r, c, merged_summary(view, m)) for m, r, c in shown], names=names,
                status=status, counts=counts, total=len(rows), page=number,
                pages=max(1, math.ceil(len(rows) / QUEUE_PAGE)), writer=can_write(request))


@pages.get("/review/{merged_id}", response_class=HTMLResponse)
def review_one(request: Request, merged_id: str, error: str | None = None):
    guard(request)
    view, reviews = corrected(request)
    m = view.get(merged_id)
    raw = cache_of(request).raw_view().get(merged_id)
    if m is None or raw is None:
        return page(request, "error.html", 404, status=404, message=f"There is no merged event {merged_id}.")
    r = reviews.get(merged_id)
    store = store_of(request)
    names = entity_refs(store, merged_ids([m, raw]))
    return page(request, "review_event.html", m=m, raw=raw, review=r, info=merged_summary(view, m), names=names,
                log=review_store.review_log(store, r["id"]) if r else [], statuses=STATUSES, fields=FIELDS,
                types=TYPES, writer=can_write(request), csrf=csrf_token(request), error=error,
                articles=view.articles)


@pages.post("/review/{merged_id}")
async def review_post(request: Request, merged_id: str):
    guard(request)
    form = await form_of(request)
    check_form_write(request, form)
    try:
        save(request, merged_id, form.get("status", ""), {k: form.get(k) for k in FIELDS}, form.get("note"),
             form.get("who"))
    except ApiError as exc:
        if exc.status_code == 422:
            return review_one(request, merged_id, error=str(exc.detail))
        raise
    return RedirectResponse(f"/review/{merged_id}", status_code=303)


# -- API ---------------------------------------------------------------------------------------

class ReviewBody(BaseModel):
    status: Literal["confirmed", "rejected", "needs-check"]
    corrections: dict = Field(default_factory=dict, description=f"Any of {', '.join(FIELDS)}")
    note: str | None = Field(None, max_length=4000)
    who: str | None = Field(None, max_length=255, description="The analyst, for the audit log")


api = APIRouter(prefix="/api", tags=["api"], responses=ERRORS, dependencies=[Depends(require_read)])


@api.get("/review", summary="Merged events by review priority, with their review status")
def api_queue(request: Request, status: Literal["unreviewed", "confirmed", "rejected", "needs-check"] | None = None,
              limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    _, rows = queue(request, status)
    items = [{"id": m.id, "type": m.type, "date": m.date, "place": m.place, "sources": m.corroboration,
              "contested": c, "status": (r or {}).get("status", "unreviewed"), "page": f"/api/events/merged/{m.id}"}
             for m, r, c in rows[offset:offset + limit]]
    return {"items": items, "total": len(rows), "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < len(rows) else None}


@api.post("/review/{merged_id}", dependencies=[Depends(require_write)],
          summary="Review a merged event: status, corrections, note (write token)")
def api_review(request: Request, merged_id: str, body: ReviewBody):
    return save(request, merged_id, body.status, body.corrections, body.note, body.who or "api")


@api.get("/review/{merged_id}/log", summary="The audit log of a merged event's review (who, when, before, after)")
def api_review_log(request: Request, merged_id: str):
    r = corrected(request)[1].get(merged_id)
    return {"merged_event": merged_id, "review": r, "log": review_store.review_log(store_of(request), r["id"]) if r else []}
