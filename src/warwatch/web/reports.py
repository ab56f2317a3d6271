"""Events as the reader shows them, for every router and the templates: the reader's names of
taxonomy codes, the paths of event and speaker pages, the entities a list of events names, and
the merged events of the reconciled corpus view (filters, the numbers a row shows, a place's
control timeline).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from ..events.taxonomy import TAXONOMY
from ..reconcile.corpus import CorpusView
from ..reconcile.merge import MergedEvent
from ..store.events import EventView

_NON_ACLED_LABELS = {"ORG_CRIME": "Organised crime", "NATURAL_DISASTER": "Natural disaster",
                     "MAN_MADE_DISASTER": "Man-made disaster", "ATTRIB": "Responsibility claimed or denied",
                     "DIPLO": "Diplomatic activity"}


def type_label(code: str | None) -> str:
    """A reader's name for a taxonomy code: ACLED's sub-event type, or ours for the five others."""
    if not code:
        return "Event"
    kind = TAXONOMY.get(code)
    if kind is not None and kind.acled_sub_event_type:
        return kind.acled_sub_event_type
    return _NON_ACLED_LABELS.get(code) or code.replace("_", " ").capitalize()


def type_definition(code: str | None) -> str:
    kind = TAXONOMY.get(code or "")
    return kind.definition if kind else ""


def type_group(code: str | None) -> str:
    kind = TAXONOMY.get(code or "")
    return (kind.acled_event_type or "Other (outside ACLED)") if kind else ""


def event_url(article_id: int, local_id: str) -> str:
    return f"/events/{article_id}/{quote(local_id, safe='')}"


def speaker_url(actor_id: str) -> str:
    return f"/speakers/{quote(actor_id, safe=':')}"


def event_entity_ids(events: list[EventView]) -> set[str]:
    found: set[str] = set()
    for ev in events:
        found.update(ev.actor_ids)
        if ev.place_id:
            found.add(ev.place_id)
    return found


def merged_ids(events: list[MergedEvent]) -> set[str]:
    out: set[str] = set()
    for m in events:
        out.update(m.actors)
        if m.place:
            out.add(m.place)
    return out


def filter_merged(view: CorpusView, *, type: str | None = None, actor: str | None = None, place: str | None = None,
                  since: date | None = None, until: date | None = None, site: str | None = None) -> list[MergedEvent]:
    out = []
    for m in view.merged:
        if type and m.type != type:
            continue
        if actor and actor not in m.actors:
            continue
        if place and m.place != place:
            continue
        if (since or until) and not m.date:
            continue
        if since and m.date < since.isoformat():
            continue
        if until and m.date > until.isoformat():
            continue
        if site and site not in {s.get("site") for s in m.sources}:
            continue
        out.append(m)
    return out


def merged_summary(view: CorpusView, m: MergedEvent) -> dict[str, Any]:
    """Numbers a row shows: independent sources, articles, sites, contested."""
    sites = []
    for s in m.sources:
        if s.get("site") and s["site"] not in sites:
            sites.append(s["site"])
    return {"sources": m.corroboration, "articles": len(m.articles), "sites": sites,
            "contested": view.contested.get(m.id, 0), "evidence": next(
                (s["evidence"].get("text") for s in m.sources if (s.get("evidence") or {}).get("text")), None)}


def timeline_rows(view: CorpusView, place_id: str) -> list[dict[str, Any]]:
    """Timeline entries of a place with their sources resolved (site, claim speaker and text), newest first."""
    rows = []
    for e in view.timelines.get(place_id, []):
        refs = []
        for r in e.according_to:
            claim = view.claims.get((r.get("article_id"), r.get("claim_id"))) or {}
            refs.append({"article_id": r.get("article_id"), "site": r.get("site"), "claim_id": r.get("claim_id"),
                         "speaker": claim.get("speaker"), "speaker_actor": claim.get("speaker_actor"),
                         "content": claim.get("content")})
        rows.append({"entry": e, "refs": refs})
    return list(reversed(rows))
