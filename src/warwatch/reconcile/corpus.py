"""The corpus view: merged events, contradictions and control timelines over stored analyses (issue 5).

``build(articles) -> CorpusView`` is pure (no database, no clock). Each article is the stored
current analysis with its article fields::

    {article: {id, url, site, published, title, text}, events, claims, actors, places,
     control_statements, contradictions}

It runs, once over all of them:

* ``merge.merge_events`` (with ``merge.independent_groups``): one merged event per real-world
  event, with its sources and corroboration (independent sources);
* ``contradictions.find_cross_contradictions`` over the articles' claims, events and control
  statements, plus each article's own ``contradictions`` (pairs within one article); every
  contradiction is resolved to both claims (speaker, speaker actor, text, article);
* ``timeline.control_timeline`` for every place with a control statement.

and derives per speaker actor how many contradictions one of its claims is part of, and per
merged event how contested it is (see ``CorpusView.contested``). The web app builds it once per
store change over the newest articles (``web/corpus.py``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ..claims.control import as_statement, sides_for
from .contradictions import find_cross_contradictions
from .merge import MergedEvent, independent_groups, merge_events
from .timeline import TimelineEntry, control_timeline, current_control

__all__ = ["CorpusView", "build", "top_events", "CONTESTED_CAP"]

CONTESTED_CAP = 3


@dataclass(slots=True)
class CorpusView:
    merged: list[MergedEvent] = field(default_factory=list)
    """Largest corroboration first (``merge_events`` order)."""
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    """``{id, scope: article|cross, kind, reason, place, published, a: side, b: side}``, newest first;
    a side is ``{article_id, site, title, published, claim, speaker, speaker_actor, content, polarity}``."""
    timelines: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    place_names: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    speaker_contradicted: dict[str, int] = field(default_factory=dict)
    """speaker actor id -> contradictions one of its claims is part of."""
    contested: dict[str, int] = field(default_factory=dict)
    """merged event id -> contradictions about it + claims against it."""
    articles: dict[Any, dict[str, Any]] = field(default_factory=dict)
    """article id -> ``{id, url, site, title, published}``."""
    claims: dict[tuple[Any, str], dict[str, Any]] = field(default_factory=dict)
    """(article id, claim id) -> the claim JSON."""
    statements: int = 0
    """How many control statements the view was built from."""

    @property
    def merged_by_id(self) -> dict[str, MergedEvent]:
        return {m.id: m for m in self.merged}

    def get(self, merged_id: str) -> MergedEvent | None:
        return next((m for m in self.merged if m.id == merged_id), None)

    def contested_places(self) -> list[tuple[str, TimelineEntry]]:
        """(place id, its current entry) for places whose latest timeline entry is contested."""
        out = []
        for pid, tl in self.timelines.items():
            cur = current_control(tl)
            if cur is not None and cur.status == "contested":
                out.append((pid, cur))
        out.sort(key=lambda x: (x[1].last_seen or x[1].as_of or ""), reverse=True)
        return out

    def contradictions_of(self, merged: MergedEvent) -> list[dict[str, Any]]:
        """Contradictions that involve a claim reporting ``merged``, or the control of its place in one
        of its articles."""
        refs = {(c["article_id"], c["claim_id"]) for c in (*merged.claims_for, *merged.claims_against)}
        arts = set(merged.articles)
        out = []
        for c in self.contradictions:
            sides = ((c["a"]["article_id"], c["a"]["claim"]), (c["b"]["article_id"], c["b"]["claim"]))
            if any(s in refs for s in sides) or (
                    merged.place and c.get("place") == merged.place
                    and (c["a"]["article_id"] in arts or c["b"]["article_id"] in arts)):
                out.append(c)
        return out

    def contradictions_at(self, place_id: str) -> list[dict[str, Any]]:
        return [c for c in self.contradictions if c.get("place") == place_id]

    def speaker_contradictions(self, actor_id: str) -> list[dict[str, Any]]:
        return [c for c in self.contradictions
                if actor_id in (c["a"].get("speaker_actor"), c["b"].get("speaker_actor"))]


def _art(a: Mapping) -> Mapping:
    return a.get("article") or {}


def _side(view: CorpusView, article_id: Any, claim_id: str | None, site: str | None = None) -> dict[str, Any]:
    art = view.articles.get(article_id) or {}
    claim = view.claims.get((article_id, claim_id)) or {}
    return {"article_id": article_id, "site": art.get("site") or site, "title": art.get("title"),
            "published": art.get("published"), "claim": claim_id, "speaker": claim.get("speaker"),
            "speaker_actor": claim.get("speaker_actor"), "content": claim.get("content"),
            "polarity": claim.get("polarity") or "assert"}


def _cid(*parts: Any) -> str:
    return "x" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:12]


def build(articles: Sequence[Mapping], *, window_days: int = 3) -> CorpusView:
    """The corpus view of ``articles`` (see the module doc)."""
    view = CorpusView()
    prepared: list[dict[str, Any]] = []
    statements = []
    for a in articles:
        art = dict(_art(a))
        aid = art.get("id")
        view.articles[aid] = {k: art.get(k) for k in ("id", "url", "site", "title", "published")}
        for c in a.get("claims") or ():
            if isinstance(c, Mapping) and c.get("id") is not None:
                view.claims[(aid, c["id"])] = c
        for x in a.get("actors") or ():
            view.actor_names.setdefault(x["id"], x.get("name") or x["id"])
        for p in a.get("places") or ():
            view.place_names.setdefault(p["id"], p.get("name") or p["id"])
        control = []
        for s in a.get("control_statements") or ():
            st = dict(s) if isinstance(s, Mapping) else s.to_json()
            st["article_id"] = aid if st.get("article_id") is None else st["article_id"]
            st.setdefault("site", art.get("site"))
            st["site"] = st.get("site") or art.get("site")
            st["published"] = st.get("published") or art.get("published")
            control.append(st)
            if st.get("place_name"):
                view.place_names.setdefault(st["place"], st["place_name"])
        statements.extend(control)
        prepared.append({"article": art, "events": list(a.get("events") or ()), "claims": list(a.get("claims") or ()),
                         "actors": list(a.get("actors") or ()), "places": list(a.get("places") or ()),
                         "control": control})
    view.statements = len(statements)
    if not prepared:
        return view

    groups = independent_groups(prepared)
    view.merged = merge_events(prepared, groups=groups)

    found: list[dict[str, Any]] = []
    for a in articles:   # pairs within one article, from its analysis
        aid = _art(a).get("id")
        for c in a.get("contradictions") or ():
            found.append({"scope": "article", "kind": c.get("kind"), "reason": c.get("reason"), "place": c.get("place"),
                          "a": _side(view, aid, c.get("a")), "b": _side(view, aid, c.get("b"))})
    for c in find_cross_contradictions(prepared, merged=view.merged, window_days=window_days):
        found.append({"scope": "cross", "kind": c.get("kind"), "reason": c.get("reason"), "place": c.get("place"),
                      "a": _side(view, c["a"]["article_id"], c["a"]["claim"], c["a"].get("site")),
                      "b": _side(view, c["b"]["article_id"], c["b"]["claim"], c["b"].get("site"))})
    for c in found:
        c["id"] = _cid(c["a"]["article_id"], c["a"]["claim"], c["b"]["article_id"], c["b"]["claim"], c["kind"])
        c["published"] = max((str(s["published"]) for s in (c["a"], c["b"]) if s.get("published")), default=None)
    found.sort(key=lambda c: (c["published"] or "", c["id"]), reverse=True)
    view.contradictions = found

    counts: dict[str, int] = defaultdict(int)
    for c in found:
        for actor in {c["a"].get("speaker_actor"), c["b"].get("speaker_actor")}:
            if actor:
                counts[actor] += 1
    view.speaker_contradicted = dict(counts)

    by_place: dict[str, list] = defaultdict(list)
    sts = [as_statement(s) for s in statements]
    for st in sts:
        if st.place and not st.near and st.as_of:
            by_place[st.place].append(st)
    if by_place:
        sides = sides_for(sts)
        for pid, mine in by_place.items():
            tl = control_timeline(pid, mine, sides=sides)
            if tl:
                view.timelines[pid] = tl

    for m in view.merged:
        view.contested[m.id] = len(view.contradictions_of(m)) + len(m.claims_against)
    return view


def top_events(view: CorpusView, *, limit: int = 8) -> list[tuple[MergedEvent, int]]:
    """Top content: merged events reported by two or more articles or contested, ranked by
    corroboration + contestedness (each contradiction or claim against it adds one, up to
    ``CONTESTED_CAP``), then corroboration, then reports, then newest date. ``[(merged, contested)]``."""
    chosen = [(m, view.contested.get(m.id, 0)) for m in view.merged
              if len(m.articles) >= 2 or view.contested.get(m.id, 0) > 0]
    chosen.sort(key=lambda x: (-(x[0].corroboration + min(x[1], CONTESTED_CAP)), -x[0].corroboration, -len(x[0].articles),
                               _neg_date(x[0].date), x[0].id))
    return chosen[:limit]


def _neg_date(value: str | None) -> str:
    # newest first inside a tie: invert the ISO date's digits
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in (value or "0000-00-00"))
