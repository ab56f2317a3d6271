"""Watch rules matched against a corpus view (pure: no database, no clock, no network).

A rule is ``{id, name, actor, place, area, type, keyword, min_sources, watch_for}``; every
condition it sets must hold:

- ``watch_for="event"``: a merged event whose ``actors`` include ``actor``, at ``place`` (or
  within ``area``, ``"lat,lon,km"``), of ``type`` (a taxonomy code, or a family such as
  ``remote``), whose evidence or source titles contain ``keyword`` (case-insensitive), with at
  least ``min_sources`` independent sources. Key: the event's first report; a merged event
  any of whose reports already fired the rule does not fire it again (a re-merge, a new source).
- ``watch_for="contradiction"``: a contradiction at ``place`` (or within ``area``), with a
  speaker ``actor``, about content containing ``keyword``. Key: the contradiction id.
- ``watch_for="control"``: a change of control (a new controller or status after an earlier
  one) of ``place`` (or any place within ``area``). Key: place, date, controller, status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..events.taxonomy import TAXONOMY
from ..nlp.gazetteer import haversine_km
from ..reconcile.rules import family
from .keys import identifying_keys

WATCH_FOR = ("event", "contradiction", "control")


class RuleError(ValueError):
    """A rule that cannot be saved; the message says why."""


@dataclass(slots=True)
class Hit:
    key: str
    kind: str
    title: str
    link: str | None
    payload: dict[str, Any]
    reports: list[str] = field(default_factory=list)


def _label(code: str) -> str:
    kind = TAXONOMY.get(code)
    return (kind.acled_sub_event_type if kind is not None and kind.acled_sub_event_type else None) or \
        code.replace("_", " ").capitalize()


def parse_area(area: str | None) -> tuple[float, float, float] | None:
    if not area:
        return None
    try:
        lat, lon, km = (float(x) for x in str(area).split(","))
    except ValueError:
        raise RuleError(f"area {area!r} is not 'lat,lon,km'") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 5000):
        raise RuleError(f"area {area!r}: latitude -90..90, longitude -180..180, radius 0..5000 km")
    return lat, lon, km


def check_rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's fields, validated (raises RuleError)."""
    out = {k: (rule.get(k).strip() if isinstance(rule.get(k), str) else rule.get(k)) or None
           for k in ("name", "actor", "place", "area", "type", "keyword", "min_sources", "webhook_url",
                     "webhook_secret")}
    out["watch_for"] = rule.get("watch_for") or "event"
    if out["watch_for"] not in WATCH_FOR:
        raise RuleError(f"watch_for must be one of {', '.join(WATCH_FOR)}")
    parse_area(out["area"])
    if out["min_sources"] is not None:
        try:
            out["min_sources"] = int(out["min_sources"])
        except (TypeError, ValueError):
            raise RuleError("min_sources must be a whole number") from None
        if out["min_sources"] < 1:
            raise RuleError("min_sources must be at least 1")
    if not any(out[k] for k in ("actor", "place", "area", "type", "keyword", "min_sources")) \
            and out["watch_for"] == "event":
        raise RuleError("a rule needs at least one condition (actor, place, area, type, keyword or min_sources)")
    url = out["webhook_url"]
    if url and not str(url).lower().startswith(("http://", "https://")):
        raise RuleError("webhook_url must be an http(s) URL")
    if url and not out["webhook_secret"]:
        raise RuleError("a webhook needs a secret (its body is signed with HMAC-SHA256)")
    out["name"] = out["name"] or _describe(out)
    for k in ("name", "actor", "place", "type", "keyword"):
        if out[k] and len(str(out[k])) > 255:
            raise RuleError(f"{k} is longer than 255 characters")
    out["allow_private"] = bool(rule.get("allow_private"))
    return out


def _describe(rule: Mapping[str, Any]) -> str:
    parts = [f"{k} {rule[k]}" for k in ("type", "actor", "place", "area", "keyword") if rule.get(k)]
    if rule.get("min_sources"):
        parts.append(f"{rule['min_sources']}+ sources")
    head = {"event": "Events", "contradiction": "Contradictions", "control": "Control changes"}[rule["watch_for"]]
    return head + (": " + ", ".join(parts) if parts else "")


def _near(coords: Mapping[str, tuple[float, float]], place: str | None, area) -> bool:
    if area is None:
        return True
    point = coords.get(place or "")
    return point is not None and haversine_km(point[0], point[1], area[0], area[1]) <= area[2]


def _has(keyword: str | None, texts: Iterable[str | None]) -> bool:
    if not keyword:
        return True
    k = keyword.casefold()
    return any(k in (t or "").casefold() for t in texts)


def match_rule(view, rule: Mapping[str, Any], fired: set[str], *,
               coords: Mapping[str, tuple[float, float]] | None = None,
               machine_types: Mapping[str, str] | None = None) -> list[Hit]:
    """New hits of ``rule`` over ``view`` (a corrected ``CorpusView``); ``fired`` holds the keys and
    report keys the rule already fired for (it is updated); ``machine_types``: merged id -> the
    type before an analyst's correction (report keys are made from it, ``keys``)."""
    machine_types = machine_types or {}
    coords = coords or {}
    area = parse_area(rule.get("area"))
    kind = rule.get("watch_for") or "event"
    names_alone = identifying_keys(view.merged, machine_types) if kind == "event" else {}
    out: list[Hit] = []
    if kind == "event":
        for m in view.merged:
            reports = names_alone[m.id]
            if any(r in fired for r in reports):
                continue
            if rule.get("actor") and rule["actor"] not in m.actors:
                continue
            if rule.get("place") and m.place != rule["place"]:
                continue
            if not _near(coords, m.place, area):
                continue
            if rule.get("type") and rule["type"] not in (m.type, family(m.type)):
                continue
            if rule.get("min_sources") and m.corroboration < int(rule["min_sources"]):
                continue
            texts = [(s.get("evidence") or {}).get("text") for s in m.sources]
            texts += [(view.articles.get(a) or {}).get("title") for a in m.articles]
            if not _has(rule.get("keyword"), texts):
                continue
            key = "event:" + reports[0]
            fired.update(reports)
            fired.add(key)
            place = view.place_names.get(m.place or "", m.place)
            title = _label(m.type) + (f" at {place}" if place else "") + \
                    (f" on {m.date}" if m.date else "") + f" ({m.corroboration} source{'s' if m.corroboration != 1 else ''})"
            payload = {"merged_event": m.id, "type": m.type, "date": m.date, "place": m.place, "place_name": place,
                       "actors": list(m.actors), "fatalities": m.fatalities, "sources": m.corroboration,
                       "articles": list(m.articles), "evidence": next((t for t in texts if t), None)}
            out.append(Hit(key, "event", title, f"/events/merged/{m.id}", payload, reports))
    elif kind == "contradiction":
        for c in view.contradictions:
            key = "contradiction:" + c["id"]
            if key in fired:
                continue
            if rule.get("place") and c.get("place") != rule["place"]:
                continue
            if area is not None and not _near(coords, c.get("place"), area):
                continue
            if rule.get("actor") and rule["actor"] not in (c["a"].get("speaker_actor"), c["b"].get("speaker_actor")):
                continue
            if not _has(rule.get("keyword"), [c["a"].get("content"), c["b"].get("content")]):
                continue
            fired.add(key)
            place = view.place_names.get(c.get("place") or "", c.get("place"))
            title = f"Contradiction ({c.get('kind')})" + (f" about {place}" if place else "") + \
                f": {c['a'].get('site') or '?'} vs {c['b'].get('site') or '?'}"
            out.append(Hit(key, "contradiction", title, f"/articles/{c['a']['article_id']}", dict(c)))
    else:
        for pid, timeline in view.timelines.items():
            if rule.get("place") and pid != rule["place"]:
                continue
            if not _near(coords, pid, area):
                continue
            for before, entry in zip(timeline, timeline[1:]):
                if (before.controller, before.status) == (entry.controller, entry.status):
                    continue
                key = f"control:{pid}:{entry.as_of}:{entry.controller}:{entry.status}"
                if key in fired:
                    continue
                if rule.get("actor") and rule["actor"] not in (entry.controller, before.controller):
                    continue
                fired.add(key)
                name = view.place_names.get(pid, pid)
                who = view.actor_names.get(entry.controller or "", entry.controller) or "no one"
                title = f"Control of {name} changed on {entry.as_of}: {entry.status} ({who})"
                out.append(Hit(key, "control", title, None, {"place": pid, "place_name": name, **entry.to_json(),
                                                             "before": before.to_json()}))
    return out
