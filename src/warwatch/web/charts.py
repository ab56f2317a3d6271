"""Time charts drawn on the server as SVG (readable without JavaScript, printable, with a
<title>/<desc> and a label on every bar): merged events per day or week by family with their
fatalities, and a place's control timeline as bands. Drawn by hand: a few rectangles and text,
which needs no plotting library; numbers come from ``desk.series``.

Pages: ``/charts`` (the whole store, or ``?place=``, ``?actor=``, ``?country=``), and the SVG
alone at ``/charts/events.svg`` and ``/charts/control/{place}.svg``.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ..desk.series import COLOURS, control_bands, event_series, families_used
from .base import cache_of, entity_refs, guard, store_of
from .desk import corrected
from .templating import env, page

W, H, LEFT, RIGHT, TOP, BOTTOM = 760, 300, 48, 48, 36, 64


def _e(value) -> str:
    return escape(str(value), quote=True)


def chosen_events(request: Request, *, place: str | None = None, actor: str | None = None,
                  country: str | None = None, type: str | None = None):
    view, reviews = corrected(request)
    events = [m for m in view.merged if (reviews.get(m.id) or {}).get("status") != "rejected"]
    if place:
        events = [m for m in events if m.place == place]
    if actor:
        events = [m for m in events if actor in m.actors]
    if type:
        events = [m for m in events if m.type == type]
    if country:
        places = store_of(request).entity_details(sorted({m.place for m in events if m.place}))
        events = [m for m in events if m.place in places and (places[m.place].country or "").upper() == country.upper()]
    return events


def events_svg(events, *, title: str, unit: str = "auto", uid: str = "ev") -> str:
    unit, bins = event_series(events, unit)
    fams = families_used(bins)
    desc = f"{sum(b.total for b in bins)} events in {len(bins)} {unit}s"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11" class="chart" viewBox="0 0 {W} {H}" role="img" '
           f'aria-labelledby="{uid}-t {uid}-d"><title id="{uid}-t">{_e(title)}</title><desc id="{uid}-d">{_e(desc)}</desc>',
           f'<text x="{LEFT}" y="20" class="chart-title">{_e(title)}</text>']
    if not bins:
        out.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="chart-empty">No dated events</text></svg>')
        return "".join(out)
    top = max(max(b.total for b in bins), 1)
    top_f = max(max(b.fatalities for b in bins), 1)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    slot = pw / len(bins)
    bw = max(1.0, slot * 0.8)
    for i in range(0, 5):  # y grid and ticks
        v = round(top * i / 4, 1)
        y = TOP + ph - ph * i / 4
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{v:g}</text>')
    out.append(f'<text x="12" y="{TOP + ph / 2}" class="axis-label" transform="rotate(-90 12 {TOP + ph / 2})" '
               f'text-anchor="middle">events</text>')
    label_every = max(1, len(bins) // 10)
    points = []
    for i, b in enumerate(bins):
        x = LEFT + i * slot + (slot - bw) / 2
        y = TOP + ph
        for f in fams:
            n = b.counts.get(f, 0)
            if not n:
                continue
            h = ph * n / top
            y -= h
            when = b.start.isoformat() + (" (week)" if unit == "week" else "")
            out.append(f'<rect class="bar fam-{f}" data-family="{f}" data-start="{b.start}" data-count="{n}" '
                       f'x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{h:.1f}" fill="{COLOURS[f]}">'
                       f'<title>{_e(when)}: {n} {f} event{"s" if n != 1 else ""}</title></rect>')
        if i % label_every == 0:
            lx = LEFT + i * slot + slot / 2
            out.append(f'<text x="{lx:.1f}" y="{TOP + ph + 16}" text-anchor="end" class="tick" '
                       f'transform="rotate(-35 {lx:.1f} {TOP + ph + 16})">{b.start.strftime("%d %b %Y")}</text>')
        points.append((LEFT + i * slot + slot / 2, TOP + ph - ph * b.fatalities / top_f, b))
    if any(b.fatalities for b in bins):
        out.append('<polyline class="fatalities" fill="none" stroke="#111" stroke-width="1.5" points="'
                   + " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points) + '"/>')
        for x, y, b in points:
            out.append(f'<circle class="fatality-point" cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#111">'
                       f'<title>{b.start}: {b.fatalities} reported killed</title></circle>')
        out.append(f'<text x="{W - RIGHT + 6}" y="{TOP + 4}" class="tick">{top_f}</text>'
                   f'<text x="{W - 8}" y="{TOP + ph / 2}" class="axis-label" text-anchor="middle" '
                   f'transform="rotate(90 {W - 8} {TOP + ph / 2})">killed (line)</text>')
    lx = LEFT
    for f in fams:
        out.append(f'<rect x="{lx}" y="{H - 14}" width="10" height="10" fill="{COLOURS[f]}"/>'
                   f'<text x="{lx + 14}" y="{H - 5}" class="legend">{f}</text>')
        lx += 24 + 7 * len(f)
    out.append("</svg>")
    return "".join(out)


def control_svg(timeline, names: dict, *, title: str, uid: str = "cb") -> str:
    bands = control_bands(timeline)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11" class="chart" viewBox="0 0 {W} 120" role="img" '
           f'aria-labelledby="{uid}-t"><title id="{uid}-t">{_e(title)}</title>',
           f'<text x="{LEFT}" y="18" class="chart-title">{_e(title)}</text>']
    if not bands:
        out.append('<text x="380" y="70" text-anchor="middle" class="chart-empty">No control reports</text></svg>')
        return "".join(out)
    lo, hi = bands[0].start, max(b.end for b in bands)
    span = max((hi - lo).days, 1)
    pw = W - LEFT - RIGHT
    palette = ["#2c7bb6", "#1a9641", "#7b3294", "#a6611a", "#4d4d4d"]
    colour: dict = {}
    for b in bands:
        x = LEFT + pw * (b.start - lo).days / span
        w = max(2.0, pw * (b.end - b.start).days / span)
        who = names.get(b.controller or "", (b.controller or "", ""))[0] or "unknown"
        if b.status == "contested":
            fill, label = "#d7191c", "contested"
        else:
            fill = colour.setdefault(b.controller, palette[len(colour) % len(palette)])
            label = f"{b.status}: {who}"
        out.append(f'<rect class="band status-{_e(b.status)}" x="{x:.1f}" y="30" width="{w:.1f}" height="40" '
                   f'fill="{fill}" data-status="{_e(b.status)}"><title>{b.start} to {b.end - timedelta(days=1)}: '
                   f'{_e(label)}</title></rect>')
        if w > 60:
            out.append(f'<text x="{x + 4:.1f}" y="55" class="band-label">{_e(label[:int(w / 7)])}</text>')
    out.append(f'<text x="{LEFT}" y="90" class="tick">{lo.strftime("%d %b %Y")}</text>'
               f'<text x="{W - RIGHT}" y="90" text-anchor="end" class="tick">{hi.strftime("%d %b %Y")}</text></svg>')
    return "".join(out)


def entity_charts(request: Request, kind: str, entity_id: str, name: str) -> Markup:
    """The charts of a place or actor page, inline (template global ``entity_charts``)."""
    events = chosen_events(request, **{kind: entity_id})
    what = "at" if kind == "place" else "involving"
    out = events_svg(events, title=f"Events {what} {name}", uid="ec")
    timeline = cache_of(request).reconciled_view().timelines.get(entity_id, []) if kind == "place" else []
    if timeline:
        names = entity_refs(store_of(request), {e.controller for e in timeline if e.controller})
        out += control_svg(timeline, names, title=f"Control of {name}", uid="ecb")
    return Markup(out)


env.globals["entity_charts"] = entity_charts

router = APIRouter(include_in_schema=False)


def _title(request, place, actor, country) -> str:
    names = entity_refs(store_of(request), {place, actor} - {None})
    if place:
        return f"Events at {names.get(place, (place,))[0]}"
    if actor:
        return f"Events involving {names.get(actor, (actor,))[0]}"
    if country:
        return f"Events in {country.upper()}"
    return "Events in the store"


@router.get("/charts", response_class=HTMLResponse)
def charts_page(request: Request, place: str | None = Query(None, max_length=255),
                actor: str | None = Query(None, max_length=255), country: str | None = Query(None, max_length=8),
                unit: Literal["auto", "day", "week"] = "auto"):
    guard(request)
    place, actor, country = place or None, actor or None, country or None
    title = _title(request, place, actor, country)
    svg = events_svg(chosen_events(request, place=place, actor=actor, country=country), title=title, unit=unit)
    control = None
    if place:
        timeline = cache_of(request).reconciled_view().timelines.get(place, [])
        if timeline:
            ids = {e.controller for e in timeline if e.controller}
            control = Markup(control_svg(timeline, entity_refs(store_of(request), ids), title="Control timeline"))
    params = {k: v for k, v in (("place", place), ("actor", actor), ("country", country)) if v}
    return page(request, "charts.html", svg=Markup(svg), control=control, title=title, params=params, unit=unit)


@router.get("/charts/events.svg")
def events_chart(request: Request, place: str | None = Query(None, max_length=255),
                 actor: str | None = Query(None, max_length=255), country: str | None = Query(None, max_length=8),
                 unit: Literal["auto", "day", "week"] = "auto"):
    guard(request)
    place, actor, country = place or None, actor or None, country or None
    svg = events_svg(chosen_events(request, place=place, actor=actor, country=country),
                     title=_title(request, place, actor, country), unit=unit)
    return Response(svg, media_type="image/svg+xml")


@router.get("/charts/control/{place_id:path}.svg")
def control_chart(request: Request, place_id: str):
    guard(request)
    timeline = cache_of(request).reconciled_view().timelines.get(place_id, [])
    names = entity_refs(store_of(request), {e.controller for e in timeline if e.controller} | {place_id})
    title = f"Control of {names.get(place_id, (place_id,))[0]}"
    return Response(control_svg(timeline, names, title=title), media_type="image/svg+xml")
