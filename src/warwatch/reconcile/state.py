"""The corpus state: merged events, contradictions and control timelines kept up to date as
articles arrive (issue 13), instead of recomputed over the whole store.

``CorpusState.add(articles)`` takes stored analyses (``{article: {id, url, site, published,
title, text}, events, claims, actors, places, control_statements, contradictions}``) and
updates, through indexes, only what they touch:

* independence groups (union-find; near-duplicate texts found through an index of sampled
  word 5-gram shingles; one outlet or one wire credit is one group);
* clusters of event reports (``clusters.Clusterer``, indexed by place, grid cell, actor and
  day); the merged event of a changed cluster is rebuilt, the others kept;
* cross-article contradictions: a new article's propositions are compared only with those
  at the same place within ``PAIR_DAYS`` days, or about the same merged event (see
  ``rules``), at most one pair per claim and other outlet and ``PAIRS_PER_CLAIM`` per claim;
* control timelines of the places its statements name (statements with a named holder, at a
  place of the country the article is about).

An article added again (a new revision or analysis) first has its reports taken out. A full
rebuild is ``CorpusState().add(all)`` (in publication order); ``view()`` gives the
``CorpusView`` pages read. Adding in another order can group reports differently (the
clustering is greedy), never more loosely.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping

from ..claims import Claim
from ..claims.contradictions import Proposition, compare, in_reason_order, kind_of, propositions
from ..claims.control import ControlStatement, CorpusSides, as_statement, to_date
from ..events import Event
from ..nlp.actors import Actor
from .clusters import Clusterer, item_of
from .merge import WIRE_JACCARD, MergedEvent, _normalised, build_merged, coarse, family, wire_credit
from .rules import (NOT_HOLDERS, PAIR_DAYS, PAIRS_PER_CLAIM, denies_deal, is_scope, named_holder, outlet, toll_range,
                    tolls_agree)
from .timeline import control_timeline
from .view import CorpusView, chain, contradiction_id, contradiction_ids, top_events

__all__ = ["CorpusState", "SHINGLE_SAMPLE"]

SHINGLE = 5
SHINGLE_SAMPLE = 8
"""Keep the shingles whose hash is 0 modulo this: Jaccard over the kept ones estimates the whole."""
COMMON_SHINGLE = 20
"""A shingle in more articles than this is a common phrase, not a sign of a copy."""
SHINGLE_CHARS = 2000
"""Copies of one story share their opening: only this much of a text is compared."""
_WORD = re.compile(r"[^\W_]+", re.U)


def _shingles(text: str) -> frozenset[int]:
    words = _WORD.findall((text or "")[:SHINGLE_CHARS].lower())
    if len(words) < SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        h = zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
        if h % SHINGLE_SAMPLE == 0:
            out.add(h)
    return frozenset(out)


class Independence:
    """Union-find over article ids: articles that are not independent sources of each other."""

    def __init__(self):
        self.parent: dict[Any, Any] = {}
        self.members: dict[Any, list[Any]] = {}
        self.shingles: dict[Any, frozenset[int]] = {}
        self.index: dict[int, list[Any]] = defaultdict(list)
        self.keys: dict[str, Any] = {}

    def find(self, x: Any) -> Any:
        parent = self.parent
        if x not in parent:
            return ("solo", x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def get(self, x: Any, default: Any = None) -> Any:
        """A mapping-like "group of" for ``build_merged``."""
        return self.find(x)

    def _union(self, a: Any, b: Any, moved: list[Any]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        moved.extend(self.members[rb])
        self.members[ra].extend(self.members.pop(rb))

    def add(self, aid: Any, art: Mapping[str, Any]) -> list[Any]:
        """Put ``aid`` in its group; returns the older articles whose group changed."""
        moved: list[Any] = []
        if aid in self.parent:
            return moved
        self.parent[aid] = aid
        self.members[aid] = [aid]
        sh = _shingles(art.get("text") or "")
        self.shingles[aid] = sh
        shared: dict[Any, int] = {}
        index = self.index
        for h in sh:
            bucket = index[h]
            if len(bucket) <= COMMON_SHINGLE:
                for other in bucket:
                    shared[other] = shared.get(other, 0) + 1
            bucket.append(aid)
        for other, n in shared.items():
            union_size = len(sh) + len(self.shingles[other]) - n
            if union_size and n / union_size >= WIRE_JACCARD:
                self._union(other, aid, moved)
        credit = wire_credit(art.get("text"))
        known = art.get("site") or art.get("url")
        key = f"src:{credit}" if credit else (f"src:{outlet(art)}" if known else None)
        if key:
            if key in self.keys:
                self._union(self.keys[key], aid, moved)
            else:
                self.keys[key] = aid
        return [m for m in moved if m != aid]


@dataclass(slots=True)
class _Article:
    info: dict[str, Any]
    outlet: str
    clusters: dict[str, int] = field(default_factory=dict)
    """event id -> cluster id."""
    props: list[tuple[Proposition, tuple]] = field(default_factory=list)
    """(proposition, its index keys)."""
    statements: list[ControlStatement] = field(default_factory=list)
    statements_all: list[ControlStatement] = field(default_factory=list)
    tolls: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    claim_ids: list[str] = field(default_factory=list)
    pair_ids: set[str] = field(default_factory=set)


def _main_country(places: list[Mapping]) -> str | None:
    counts: Counter = Counter()
    for p in places:
        if p.get("country"):
            counts[p["country"]] += max(1, len(p.get("mentions") or ()))
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n > rest[0][1] else None


class CorpusState:
    """See the module doc."""

    def __init__(self, *, window_days: int = PAIR_DAYS):
        self.window_days = window_days
        # events' "associated" actors, two articles or more per pair: enough to keep sides apart
        self.merge_sides = CorpusSides(min_support=2)
        # stated alliances only ("backed by X"), for contradictions and control
        self.claim_sides = CorpusSides(min_support=1)
        self.clusterer = Clusterer(sides=self.merge_sides)
        self.groups = Independence()
        self.arts: dict[Any, _Article] = {}
        self.kinds: dict[str, str] = {}
        self.actor_names: dict[str, str] = {}
        self.place_names: dict[str, str] = {}
        self.claims: dict[tuple[Any, str], dict[str, Any]] = {}
        self.prop_index: dict[tuple, list[tuple[Any, int]]] = defaultdict(list)
        self.pairs: dict[str, dict[str, Any]] = {}
        """Every contradiction (within articles and across), by id."""
        self.pairs_of: dict[tuple[Any, str], list[str]] = defaultdict(list)
        """(article id, claim id) -> its cross-article pairs (for the per-claim caps)."""
        # look-ups the view copies: values are immutable chains (view.chain), replaced, never changed, so a
        # shallow copy is a consistent snapshot
        self.refs: dict[tuple[Any, str], Any] = {}
        self.place_articles: dict[tuple[str, Any], Any] = {}
        self.at_place: dict[str, Any] = {}
        self.of_speaker: dict[str, Any] = {}
        self.speaker_counts: dict[str, int] = {}
        self.infos: dict[Any, dict[str, Any]] = {}
        self._touched: set[int] = set()
        self._contested: dict[int, int] = {}
        self._mid: dict[int, str] = {}
        self._by_id: dict[str, MergedEvent] = {}
        self.statements_by_place: dict[str, list[ControlStatement]] = defaultdict(list)
        self.timelines: dict[str, list] = {}
        self._dirty_places: set[str] = set()
        self._merged: dict[int, MergedEvent] = {}
        self._view = None
        self.version = 0

    # -- public ------------------------------------------------------------------------------

    def add(self, articles: Iterable[Mapping]) -> int:
        """Add (or replace) ``articles``; returns how many were added."""
        batch = sorted(articles, key=lambda a: (str((a.get("article") or {}).get("published") or ""),
                                                str((a.get("article") or {}).get("id"))))
        for a in batch:
            aid = (a.get("article") or {}).get("id")
            if aid in self.arts:
                self.remove(aid)
            self._add(a)
        if batch:
            self.version += 1
            self._view = None
        return len(batch)

    def remove(self, aid: Any) -> None:
        art = self.arts.pop(aid, None)
        if art is None:
            return
        for cid in set(art.clusters.values()):
            self.clusterer.remove(cid, aid)
        self.merge_sides.forget(aid)
        self.claim_sides.forget(aid)
        for i, (p, keys) in enumerate(art.props):
            for key in keys:
                bucket = self.prop_index.get(key)
                if bucket:
                    bucket[:] = [x for x in bucket if x[0] != aid]
        for pid in list(art.pair_ids):
            self._drop_pair(pid)
        for st in art.statements:
            lst = self.statements_by_place.get(st.place)
            if lst is not None:
                lst[:] = [s for s in lst if s.article_id != aid]
                self._dirty_places.add(st.place)
        for cid in art.claim_ids:
            self.claims.pop((aid, cid), None)
        self.infos.pop(aid, None)
        self.version += 1
        self._view = None

    def view(self):
        """The ``corpus.CorpusView`` of the current state (cached until the next change)."""
        if self._view is not None:
            return self._view
        cl = self.clusterer
        for cid in cl.removed:
            self._merged.pop(cid, None)
            self._contested.pop(cid, None)
            self._by_id.pop(self._mid.pop(cid, None), None)
        cl.removed.clear()
        touched = (self._touched | cl.dirty) & set(cl.clusters)
        for cid in cl.dirty:
            members = cl.clusters.get(cid)
            if members:
                m = build_merged(members, self.groups, self.kinds, self.merge_sides)
                self._merged[cid] = m
                old = self._mid.get(cid)
                if old is not None and old != m.id:
                    self._by_id.pop(old, None)
                self._mid[cid] = m.id
                self._by_id[m.id] = m
        cl.dirty.clear()
        for cid in touched:
            m = self._merged.get(cid)
            if m is not None:
                self._contested[cid] = len(contradiction_ids(m, self.refs, self.place_articles)) + \
                    len(m.claims_against)
        self._touched.clear()
        for pid in self._dirty_places:
            tl = control_timeline(pid, self.statements_by_place.get(pid) or [], sides=self.claim_sides)
            if tl:
                self.timelines[pid] = tl
            else:
                self.timelines.pop(pid, None)
        self._dirty_places.clear()
        merged = sorted(self._merged.values(), key=lambda m: (-m.corroboration, -len(m.sources), m.date or "", m.id))
        found = sorted(self.pairs.values(), key=lambda c: (c["published"] or "", c["id"]), reverse=True)
        contested = {self._mid[cid]: n for cid, n in self._contested.items() if n and cid in self._mid}
        view = CorpusView(merged=merged, contradictions=found, timelines=dict(self.timelines),
                          place_names=dict(self.place_names), actor_names=dict(self.actor_names),
                          contested=contested, articles=dict(self.infos), claims=dict(self.claims),
                          statements=sum(len(v) for v in self.statements_by_place.values()),
                          pairs=dict(self.pairs), refs=dict(self.refs), place_articles=dict(self.place_articles),
                          at_place=dict(self.at_place), of_speaker=dict(self.of_speaker),
                          speaker_contradicted={a: n for a, n in self.speaker_counts.items() if n > 0},
                          by_id=dict(self._by_id))
        top_events(view)   # ranked once here, not on the home page
        self._view = view
        return view

    # -- the pair registry ---------------------------------------------------------------------

    def _register(self, pair: dict[str, Any]) -> None:
        pid = pair["id"]
        self.pairs[pid] = pair
        place = pair.get("place")
        for side in (pair["a"], pair["b"]):
            aid = side["article_id"]
            _push(self.refs, (aid, side["claim"]), pid)
            if place:
                _push(self.place_articles, (place, aid), pid)
            art = self.arts.get(aid)
            if art is not None:
                art.pair_ids.add(pid)
                self._touched.update(art.clusters.values())
        if place:
            _push(self.at_place, place, pid)
        for actor in {pair["a"].get("speaker_actor"), pair["b"].get("speaker_actor")} - {None}:
            _push(self.of_speaker, actor, pid)
            self.speaker_counts[actor] = self.speaker_counts.get(actor, 0) + 1

    def _drop_pair(self, pid: str) -> None:
        pair = self.pairs.pop(pid, None)
        if pair is None:
            return
        place = pair.get("place")
        for side in (pair["a"], pair["b"]):
            aid = side["article_id"]
            _pull(self.refs, (aid, side["claim"]), pid)
            if place:
                _pull(self.place_articles, (place, aid), pid)
            art = self.arts.get(aid)
            if art is not None:
                art.pair_ids.discard(pid)
                self._touched.update(art.clusters.values())
            lst = self.pairs_of.get((aid, side["claim"]))
            if lst and pid in lst:
                lst.remove(pid)
                if not lst:
                    del self.pairs_of[(aid, side["claim"])]
        if place:
            _pull(self.at_place, place, pid)
        for actor in {pair["a"].get("speaker_actor"), pair["b"].get("speaker_actor")} - {None}:
            _pull(self.of_speaker, actor, pid)
            self.speaker_counts[actor] = self.speaker_counts.get(actor, 1) - 1

    # -- adding one article ------------------------------------------------------------------

    def _add(self, a: Mapping) -> None:
        art = dict(a.get("article") or {})
        aid = art.get("id")
        info = {k: art.get(k) for k in ("id", "url", "site", "title", "published")}
        rec = _Article(info=info, outlet=outlet(art))
        self.arts[aid] = rec
        self.infos[aid] = info
        pub = to_date(art.get("published"))
        places = [p for p in a.get("places") or () if isinstance(p, Mapping) and p.get("id")]
        for p in places:
            self.place_names.setdefault(p["id"], p.get("name") or p["id"])
            self.clusterer.learn_place(p["id"], p.get("lat"), p.get("lon"), p.get("feature"))
        for x in a.get("actors") or ():
            if isinstance(x, Mapping) and x.get("id"):
                self.actor_names.setdefault(x["id"], x.get("name") or x["id"])
                if x.get("type"):
                    self.kinds.setdefault(x["id"], x["type"])
        claims = [c for c in a.get("claims") or () if isinstance(c, Mapping) and c.get("id") is not None]
        for c in claims:
            self.claims[(aid, c["id"])] = c
            rec.claim_ids.append(c["id"])

        # independence: an older article whose group changed changes its merged events' count
        for other in self.groups.add(aid, art):
            o = self.arts.get(other)
            if o is not None:
                self.clusterer.dirty.update(o.clusters.values())

        # merging
        wide = {p["id"] for p in places if coarse(p)}
        events = [e for e in a.get("events") or () if isinstance(e, Mapping) and e.get("type")]
        for ev in events:
            for x in ev.get("associated") or ():
                self.merge_sides.ally(ev.get("actor1"), x, aid)
        for ev in events:
            norm = _normalised(ev, wide)
            it = item_of(norm, art, claims, pub, family(norm["type"]), rec.outlet)
            rec.clusters[str(ev.get("id"))] = self.clusterer.add(it)
            texts = [m.get("text") or "" for m in ev.get("mentions") or ()] or [(ev.get("evidence") or {}).get("text") or ""]
            rec.tolls[str(ev.get("id"))] = toll_range(ev.get("fatalities"), texts)

        # control statements
        country = _main_country(places)
        country_of = {p["id"]: p.get("country") for p in places}
        sts = []
        for s in a.get("control_statements") or ():
            st = as_statement(s)
            st.article_id = aid if st.article_id is None else st.article_id
            st.site = st.site or art.get("site")
            st.published = st.published or art.get("published")
            sts.append(st)
            rec.statements_all.append(st)
            for ally in st.allies:
                self.claim_sides.ally(st.controller if st.status in ("taken", "held") else None, ally, aid)
            if st.place_name and st.place:
                self.place_names.setdefault(st.place, st.place_name)
            if not st.place or st.near or not st.as_of or not named_holder(st) or not self._holder(st.controller):
                continue
            if country and country_of.get(st.place) and country_of[st.place] != country:
                continue   # "NE Syria" read as Nebraska in an article about Syria
            rec.statements.append(st)
            self.statements_by_place[st.place].append(st)
            self._dirty_places.add(st.place)

        # contradictions within the article (its analysis), without round-up pairs
        self._own(a, aid, rec, claims, events)
        # contradictions with other articles
        props = propositions([Claim.from_json(c) for c in claims], [Event.from_json(e) for e in events], sts,
                             actors=[Actor.from_json(x) for x in a.get("actors") or ()], site=art.get("site"),
                             article_id=aid, published=art.get("published"))
        props = [p for p in props if self._usable(p)]
        self._pair(aid, rec, props, pub)

    def _holder(self, actor: str | None) -> bool:
        """``actor`` can hold territory (not an international body, a medium or a monitor)."""
        if actor is None or actor.startswith("group:"):
            return True
        kind = self.kinds.get(actor)
        if kind is None:
            entry = self.claim_sides.registry.get(actor) if self.claim_sides.registry is not None else None
            kind = getattr(entry, "type", None)
        return kind not in NOT_HOLDERS

    def _usable(self, p: Proposition) -> bool:
        """Propositions the corpus compares: a negative deal statement must deny the deal (not
        limit its scope or say who did not keep it); a control statement needs a holder that
        can hold a place."""
        if p.predicate == "agreement" and not p.positive:
            return not is_scope(p.text) and denies_deal(p.text, p.deny)
        if p.predicate == "control":
            return self._holder(p.subject)
        return True

    def _own(self, a: Mapping, aid: Any, rec: _Article, claims: list, events: list) -> None:
        ev_place = {e.get("id"): e.get("place") for e in events}
        about = {c["id"]: {ev_place.get(e) for e in (c.get("about") or {}).get("events") or ()} - {None}
                 for c in claims}
        by_id = {c["id"]: c for c in claims}
        for c in a.get("contradictions") or ():
            pa, pb = about.get(c.get("a"), set()), about.get(c.get("b"), set())
            if c.get("kind") == "killed" and not (pa & pb):
                continue   # a round-up's tolls of two places, or two incidents
            ca, cb = by_id.get(c.get("a")) or {}, by_id.get(c.get("b")) or {}
            if c.get("kind") == "agreement" and not any(
                    denies_deal(x.get("content"), x.get("polarity") == "deny") and not is_scope(x.get("content"))
                    for x in (ca, cb)):
                continue
            if str(c.get("kind")).startswith("control") and not self._control_pair_ok(aid, c, events):
                continue
            self._register(self._resolved("article", c.get("kind"), c.get("reason"), c.get("place"),
                                          (aid, c.get("a")), (aid, c.get("b"))))

    def _control_pair_ok(self, aid: Any, c: Mapping, events: list) -> bool:
        """An article's own control pair stands when its holders can hold a place."""
        mine = [st for st in self.arts[aid].statements_all
                if c.get("a") in st.according_to or c.get("b") in st.according_to]
        if c.get("kind") == "control/fighting" and any(st.status == "held" for st in mine):
            return False   # holding a place and fighting in it can both be true
        return all(self._holder(st.controller) for st in mine)

    def _resolved(self, scope: str, kind, reason, place, a: tuple, b: tuple) -> dict[str, Any]:
        out = {"scope": scope, "kind": kind, "reason": reason, "place": place,
               "a": self._side(*a), "b": self._side(*b)}
        out["id"] = contradiction_id(a[0], a[1], b[0], b[1], kind)
        out["published"] = max((str(s["published"]) for s in (out["a"], out["b"]) if s.get("published")), default=None)
        return out

    def _side(self, aid: Any, claim_id: str | None) -> dict[str, Any]:
        art = self.arts[aid].info if aid in self.arts else {}
        claim = self.claims.get((aid, claim_id)) or {}
        return {"article_id": aid, "site": art.get("site"), "title": art.get("title"),
                "published": art.get("published"), "claim": claim_id, "speaker": claim.get("speaker"),
                "speaker_actor": claim.get("speaker_actor"), "content": claim.get("content"),
                "polarity": claim.get("polarity") or "assert"}

    # -- cross-article pairs -------------------------------------------------------------------

    def _cluster_of(self, p: Proposition) -> int | None:
        art = self.arts.get(p.article_id)
        return None if art is None or p.event is None else art.clusters.get(str(p.event))

    def _pair(self, aid: Any, rec: _Article, props: list[Proposition], pub: date | None) -> None:
        names, places = self.actor_names, self.place_names

        def same_event(p: Proposition, q: Proposition) -> bool:
            cp = self._cluster_of(p)
            return cp is not None and cp == self._cluster_of(q)

        for n, p in enumerate(props):
            day = to_date(p.as_of) or pub
            bucket = "place" if p.predicate in ("control", "fighting") else p.predicate
            keys: list[tuple] = []
            if p.place and day is not None:
                keys.append(("pl", bucket, p.place, day))
            cid = self._cluster_of(p)
            if cid is not None:
                keys.append(("ev", cid))
            seen: set[tuple[Any, int]] = set()
            cands: list[tuple[int, Any, int]] = []
            if p.place and day is not None:
                for k in range(-self.window_days, self.window_days + 1):
                    for x in self.prop_index.get(("pl", bucket, p.place, day + timedelta(days=k)), ()):
                        if x not in seen:
                            seen.add(x)
                            cands.append((abs(k), *x))
            if cid is not None:
                for x in self.prop_index.get(("ev", cid), ()):
                    if x not in seen:
                        seen.add(x)
                        cands.append((0, *x))
            cands.sort(key=lambda c: (c[0], str(c[1]), c[2]))
            for _, other, idx in cands:
                if other == aid or other not in self.arts:
                    continue
                q = self.arts[other].props[idx][0]
                if self.groups.find(other) == self.groups.find(aid):
                    continue   # copies of one story, or one outlet: not two sources
                if not self._room(p, q, rec.outlet) or not self._room(q, p, self.arts[other].outlet):
                    continue
                # the earlier-stored report first, as a reader met them
                reason = compare(q, p, self.claim_sides, names=names, places=places, window_days=self.window_days,
                                 same_event=same_event)
                if not reason or not self._holds(p, q, same_event(p, q)):
                    continue
                first, second = in_reason_order(q, p)
                pair = self._resolved("cross", kind_of(q, p), reason, first.place or second.place,
                                      (first.article_id, first.claim), (second.article_id, second.claim))
                if pair["id"] in self.pairs:
                    continue
                self._register(pair)
                self.pairs_of[(p.article_id, p.claim)].append(pair["id"])
                self.pairs_of[(q.article_id, q.claim)].append(pair["id"])
            rec.props.append((p, tuple(keys)))
            for key in keys:
                self.prop_index[key].append((aid, n))

    def _room(self, p: Proposition, q: Proposition, p_outlet: str) -> bool:
        """``p``'s claim may take one more pair, with ``q``'s outlet: one pair per claim and other
        outlet, ``PAIRS_PER_CLAIM`` per claim (a background sentence cannot meet every report)."""
        ids = self.pairs_of.get((p.article_id, p.claim), ())
        if len(ids) >= PAIRS_PER_CLAIM:
            return False
        q_outlet = self.arts[q.article_id].outlet if q.article_id in self.arts else None
        for pid in ids:
            pair = self.pairs.get(pid)
            if pair is None:
                continue
            for side in (pair["a"], pair["b"]):
                if side["article_id"] != p.article_id and side["article_id"] in self.arts \
                        and self.arts[side["article_id"]].outlet == q_outlet:
                    return False
        return True

    def _holds(self, p: Proposition, q: Proposition, same: bool) -> bool:
        """The corpus rules on top of ``compare``: pairs about different places need the same
        merged event; two tolls must not overlap as ranges (nor be a later, higher count)."""
        if not same and not (p.place and q.place and p.place == q.place):
            return False
        if {p.predicate, q.predicate} == {"control", "fighting"} and any(
                x.predicate == "control" and x.status == "held" for x in (p, q)):
            return False   # holding a place and fighting in it can both be true (a divided city)
        if p.predicate == q.predicate == "killed" and p.positive and q.positive:
            if not same:
                return False
            ra, rb = self._toll(p), self._toll(q)
            if tolls_agree(ra, rb, published_a=p.published, published_b=q.published):
                return False
        return True

    def _toll(self, p: Proposition) -> tuple[float, float] | None:
        """The range of ``p``'s toll: from its event's report sentences when the value is the
        event's, else from the claim's own words."""
        if p.value is None:
            return None
        art = self.arts.get(p.article_id)
        known = art.tolls.get(str(p.event)) if art is not None else None
        if known is not None and known[0] <= p.value <= known[1]:
            return known
        return toll_range(p.value, p.text)


def _push(index: dict, key: Any, value: str) -> None:
    index[key] = (value, index.get(key))


def _pull(index: dict, key: Any, value: str) -> None:
    rest = None
    for v in reversed([v for v in chain(index.get(key)) if v != value]):
        rest = (v, rest)
    if rest is None:
        index.pop(key, None)
    else:
        index[key] = rest
