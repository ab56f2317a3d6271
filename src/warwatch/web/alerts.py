"""Alerts: watch rules and their hits on ``/alerts`` (unread counts, create, delete, mark read),
an Atom feed per rule (``/alerts/{id}.atom``), and the API (``/api/alerts/rules`` CRUD with the
write token, ``/api/alerts`` hits). Matching is ``desk.alerts``, run after every ingest.
"""

from __future__ import annotations

from typing import Literal
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from ..desk.alerts import WATCH_FOR, RuleError
from ..desk.run import create_rule
from ..events.taxonomy import TYPES
from ..store import alerts as alert_store
from .base import ERRORS, guard, store_of
from .desk import can_write, check_form_write, csrf_token, form_of
from .security import ApiError, require_read, require_write
from .templating import page


def _public(rule: dict) -> dict:
    out = {k: v for k, v in rule.items() if k != "webhook_secret"}
    out["webhook_secret"] = "set" if rule.get("webhook_secret") else None
    return out


pages = APIRouter(include_in_schema=False)


@pages.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, rule: int | None = Query(None, ge=1), error: str | None = None):
    guard(request)
    store = store_of(request)
    rules = alert_store.list_rules(store)
    hits = alert_store.list_hits(store, rule_id=rule, limit=200)
    names = {r["id"]: r["name"] for r in rules}
    return page(request, "alerts.html", rules=rules, hits=hits, names=names, rule=rule,
                unread=sum(r["unread"] for r in rules), writer=can_write(request), csrf=csrf_token(request),
                types=TYPES, watch_for=WATCH_FOR, error=error)


@pages.post("/alerts/rules")
async def create_rule_form(request: Request):
    guard(request)
    form = await form_of(request)
    check_form_write(request, form)
    fields = {k: form.get(k) for k in ("name", "actor", "place", "area", "type", "keyword", "min_sources",
                                       "watch_for", "webhook_url", "webhook_secret")}
    try:
        create_rule(store_of(request), fields, backfill=form.get("backfill") == "on")
    except RuleError as exc:
        return alerts_page(request, error=str(exc))
    return RedirectResponse("/alerts", status_code=303)


@pages.post("/alerts/rules/{rule_id}/delete")
async def delete_rule_form(request: Request, rule_id: int):
    guard(request)
    check_form_write(request, await form_of(request))
    alert_store.delete_rule(store_of(request), rule_id)
    return RedirectResponse("/alerts", status_code=303)


@pages.post("/alerts/read")
async def read_form(request: Request):
    guard(request)
    form = await form_of(request)
    check_form_write(request, form)
    rule = int(form["rule"]) if form.get("rule", "").isdigit() else None
    alert_store.mark_read(store_of(request), rule_id=rule)
    return RedirectResponse("/alerts" + (f"?rule={rule}" if rule else ""), status_code=303)


@pages.get("/alerts/{rule_id}.atom")
def atom(request: Request, rule_id: int):
    guard(request)
    store = store_of(request)
    rule = alert_store.get_rule(store, rule_id)
    if rule is None:
        raise ApiError(404, "not found", f"no alert rule {rule_id}")
    hits = alert_store.list_hits(store, rule_id=rule_id, limit=100)
    base = str(request.base_url).rstrip("/")
    updated = hits[0]["created"] if hits else rule["created"]
    entries = []
    for h in hits:
        link = base + (h["link"] or "/alerts")
        summary = h["payload"].get("evidence") or h["title"]
        entries.append(f"<entry><id>urn:warwatch:alert:{rule_id}:{escape(h['key'])}</id><title>{escape(h['title'])}</title>"
                       f"<updated>{h['created']}</updated><link href=\"{escape(link)}\"/>"
                       f"<category term=\"{escape(h['kind'])}\"/><summary>{escape(str(summary))}</summary></entry>")
    xml = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
           f"<id>urn:warwatch:alerts:{rule_id}</id><title>warwatch alert: {escape(rule['name'])}</title>"
           f"<updated>{updated}</updated><link rel=\"self\" href=\"{escape(base)}/alerts/{rule_id}.atom\"/>"
           f"<author><name>warwatch</name></author>{''.join(entries)}</feed>")
    return Response(xml, media_type="application/atom+xml")


class RuleBody(BaseModel):
    name: str | None = Field(None, max_length=255)
    actor: str | None = Field(None, max_length=255, description="Actor id among the event's actors")
    place: str | None = Field(None, max_length=255, description="Place id")
    area: str | None = Field(None, max_length=64, description="lat,lon,km")
    type: str | None = Field(None, max_length=64, description="Taxonomy code or family (remote, battle...)")
    keyword: str | None = Field(None, max_length=255)
    min_sources: int | None = Field(None, ge=1)
    watch_for: Literal["event", "contradiction", "control"] = "event"
    webhook_url: str | None = Field(None, max_length=2000)
    webhook_secret: str | None = Field(None, max_length=255)
    allow_private: bool = False
    backfill: bool = Field(False, description="Report what already matches as new (default: only what comes later)")


api = APIRouter(prefix="/api", tags=["api"], responses=ERRORS, dependencies=[Depends(require_read)])


@api.get("/alerts/rules", summary="Watch rules with their unread and total hits")
def api_rules(request: Request):
    return {"items": [_public(r) for r in alert_store.list_rules(store_of(request))]}


@api.post("/alerts/rules", status_code=201, dependencies=[Depends(require_write)], summary="Create a watch rule")
def api_create_rule(request: Request, body: RuleBody):
    fields = body.model_dump()
    backfill = fields.pop("backfill")
    try:
        return _public(create_rule(store_of(request), fields, backfill=backfill))
    except RuleError as exc:
        raise ApiError(422, "invalid rule", str(exc)) from None


@api.delete("/alerts/rules/{rule_id}", dependencies=[Depends(require_write)], summary="Delete a watch rule")
def api_delete_rule(request: Request, rule_id: int):
    if not alert_store.delete_rule(store_of(request), rule_id):
        raise ApiError(404, "not found", f"no alert rule {rule_id}")
    return {"deleted": rule_id}


@api.get("/alerts", summary="Alert hits, newest first")
def api_hits(request: Request, rule: int | None = Query(None, ge=1), unread: bool = False,
             limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
    return {"items": alert_store.list_hits(store_of(request), rule_id=rule, unread_only=unread, limit=limit,
                                           offset=offset), "unread": alert_store.unread_count(store_of(request))}


@api.post("/alerts/read", dependencies=[Depends(require_write)], summary="Mark hits read (all, or of one rule)")
def api_read(request: Request, rule: int | None = Query(None, ge=1)):
    return {"marked": alert_store.mark_read(store_of(request), rule_id=rule)}


