"""The map: ``/map`` (Leaflet over Natural Earth country borders, no tiles) and ``/api/map``
(GeoJSON of the same layers).

Layers: merged events (reviews applied; rejected ones left out unless ``status=rejected``) as
points coloured by event family, sized by independent sources (``size=sources``) or
fatalities (``size=fatalities``); places with a control timeline, coloured by their current
status (held, taken, contested) with the controller. Filters as on ``/events``: type, actor,
place, since, until; the page's date slider replays the period in the browser.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse

from ..desk.series import COLOURS, family_of
from ..events.taxonomy import TYPES
from ..reconcile.timeline import current_control
from . import assets
from .base import cache_of, entity_refs, guard, store_of
from .desk import corrected
from .reports import filter_merged, type_label
from .security import require_read
from .templating import page

CONTROL_COLOURS = {"contested": "#d7191c", "taken": "#7b3294", "held": "#2c7bb6"}


def map_features(request: Request, *, type=None, actor=None, place=None, since=None, until=None,
                 status: str | None = None) -> dict:
    view, reviews = corrected(request)
    store = store_of(request)
    events = filter_merged(view, type=type, actor=actor, place=place, since=since, until=until)
    if status:
        events = [m for m in events if (reviews.get(m.id) or {}).get("status", "unreviewed") == status]
    else:
        events = [m for m in events if (reviews.get(m.id) or {}).get("status") != "rejected"]
    place_ids = {m.place for m in events if m.place} | set(view.timelines)
    places = store.entity_details(sorted(place_ids)) if place_ids else {}
    actor_ids = {m.actor1 for m in events if m.actor1} | {e.controller for tl in view.timelines.values() for e in tl
                                                         if e.controller}
    names = entity_refs(store, actor_ids)
    features, unlocated = [], 0
    for m in events:
        p = places.get(m.place or "")
        if p is None or p.lat is None or p.lon is None:
            unlocated += 1
            continue
        fam = family_of(m.type)
        review = reviews.get(m.id) or {}
        features.append({"type": "Feature", "id": f"event:{m.id}",
                         "geometry": {"type": "Point", "coordinates": [round(p.lon, 5), round(p.lat, 5)]},
                         "properties": {"kind": "event", "id": m.id, "type": m.type, "type_label": type_label(m.type),
                                        "family": fam, "colour": COLOURS[fam], "date": m.date,
                                        "place": m.place, "place_name": p.name, "country": p.country,
                                        "actor1": m.actor1, "actor1_name": names.get(m.actor1 or "", (m.actor1,))[0],
                                        "sources": m.corroboration, "articles": len(m.articles),
                                        "fatalities": m.fatalities, "review": review.get("status"),
                                        "contested": view.contested.get(m.id, 0),
                                        "url": f"/events/merged/{m.id}"}})
    for pid, timeline in sorted(view.timelines.items()):
        if place and pid != place:
            continue
        p = places.get(pid)
        cur = current_control(timeline)
        if p is None or p.lat is None or p.lon is None or cur is None:
            continue
        features.append({"type": "Feature", "id": f"place:{pid}",
                         "geometry": {"type": "Point", "coordinates": [round(p.lon, 5), round(p.lat, 5)]},
                         "properties": {"kind": "place", "id": pid, "name": p.name, "status": cur.status,
                                        "controller": cur.controller,
                                        "controller_name": names.get(cur.controller or "", (cur.controller,))[0],
                                        "as_of": cur.as_of, "colour": CONTROL_COLOURS.get(cur.status, "#4d4d4d"),
                                        "url": f"/places/{pid}"}})
    return {"type": "FeatureCollection", "features": features,
            "warwatch": {"events_without_coordinates": unlocated, "families": COLOURS,
                         "control": CONTROL_COLOURS}}


pages = APIRouter(include_in_schema=False)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestValidationError([{"loc": ("query", "date"), "msg": f"{value!r} is not YYYY-MM-DD",
                                       "type": "value_error"}]) from None


@pages.get("/map", response_class=HTMLResponse)
def map_page(request: Request, type: str | None = Query(None, max_length=64),
             actor: str | None = Query(None, max_length=255), place: str | None = Query(None, max_length=255),
             since: str | None = Query(None, max_length=10), until: str | None = Query(None, max_length=10),
             size: Literal["sources", "fatalities"] = "sources"):
    """The map page. An empty date field of the filter form means no bound (``since=`` is no error)."""
    guard(request)
    since, until = _day(since), _day(until)
    params = {k: v for k, v in (("type", type), ("actor", actor), ("place", place), ("since", since),
                                ("until", until)) if v}
    facets = cache_of(request).event_facets()
    return page(request, "map.html", params=params, type_=type, actor=actor, place=place, since=since, until=until,
                size=size, types=[(t, facets.types.get(t.code, 0)) for t in TYPES if facets.types.get(t.code)],
                actor_counts=facets.actors[:200], place_counts=facets.places[:200], names=facets.names,
                assets=assets.available(), families=COLOURS, control=CONTROL_COLOURS)


api = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_read)])


@api.get("/map", summary="GeoJSON of merged events (by family, sources, fatalities, review) and places by control status")
def api_map(request: Request, type: str | None = Query(None, max_length=64),
            actor: str | None = Query(None, max_length=255), place: str | None = Query(None, max_length=255),
            since: date | None = None, until: date | None = None,
            status: Literal["confirmed", "rejected", "needs-check", "unreviewed"] | None = None):
    return map_features(request, type=type or None, actor=actor or None, place=place or None, since=since,
                        until=until, status=status)
