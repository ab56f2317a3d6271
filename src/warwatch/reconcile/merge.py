"""One real-world event reported by several articles becomes one merged event (issue 5).

``merge_events(articles, places=None)`` takes analysed articles, each
``{article: {id, url, site, published, text?}, events: [...], claims: [...], places?: [...]}``
(the analyze JSON plus the stored article id), and returns :class:`MergedEvent` records.

Two events are the same event when all of these hold (see docs/reconcile.md):

* **type family**: territorial (GOV_REGAINS_TERIT, NON_STATE_ACTOR_OVERTAKES_TER,
  NON_VIOL_TERRIT_TRANSFER), battle, remote violence (air/drone strike, shelling, IED, ...),
  violence against civilians (remote violence and attacks on civilians may merge: "strikes
  killed 35 civilians" is typed either way), protest, riot, agreement; any other type is its
  own family;
* **place**: the same place id, or both with coordinates within ``max_km`` (25 km), coordinates
  from ``places`` (``{place_id: (lat, lon)}`` or place dicts) or the articles' ``places`` keys;
  a country or region counts as no place; an event without a place merges only with dated
  events that share one of its actors (within the date slack);
* **date**: their date ranges overlap: a day-precision date is ``[d - 1, d + 1]``, a week
  its seven days, a month its days; an undated event, or one dated only by its report's day
  (precision ``reported``), is ``[day - 1, day]`` (``rules.event_span``);
* **fatalities**: when both give a number, the larger is at most three times the smaller plus
  two (1 soldier and 35 civilians are two events; 20 and 35 may be one);
* **actors**: no conflict between actor1s (different sides per ``control.Sides``; a generic
  "rebels" conflicts with no one); for battles the pair may be swapped.

Clustering is greedy in date order: an event joins the first cluster whose *every* member
passes the type, date, place and fatality tests (complete link, so a chain of near matches
cannot drift) and at least half of whose members pass the actor test (event actors are the
noisiest field; one wrong actor1 must not split a story).

**Independence** (``independent_groups``): articles whose texts are near-duplicates (Jaccard
similarity of word 5-gram shingles >= ``WIRE_JACCARD``, 0.5), that carry the same wire
credit (a dateline "(Meridian)", "provided by the Meridian Press wire service") form one
group; so do articles of one outlet that credit no wire (an outlet is one source however often
it repeats itself; a wire copy it republished counts as the wire, not as the outlet). ``corroboration`` is the number of groups among an event's
source articles: two wire copies and one independent report give 3 sources, corroboration 2.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from ..claims.control import CorpusSides, Sides, to_date
from .clusters import MAX_KM, Item, Clusterer, item_of
from .rules import family, outlet

__all__ = ["MergedEvent", "merge_events", "independent_groups", "family", "WIRE_JACCARD", "MAX_KM"]

WIRE_JACCARD = 0.5
SHINGLE = 5
_WITHDRAWAL = re.compile(r"\b(withdr[ae]w\w*|pull(?:ed|s)? (?:out|back)|retreat\w*|left|abandon\w*|fled|evacuat\w*)\b",
                         re.I)

@dataclass(slots=True)
class MergedEvent:
    id: str
    type: str
    date: str | None
    date_precision: str | None
    place: str | None
    actor1: str | None
    actor2: str | None
    actors: list[str] = field(default_factory=list)
    fatalities: int | None = None
    fatalities_reported: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    corroboration: int = 0
    claims_for: list[dict[str, Any]] = field(default_factory=list)
    claims_against: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles(self) -> list[Any]:
        out = []
        for s in self.sources:
            if s["article_id"] not in out:
                out.append(s["article_id"])
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "date": self.date, "date_precision": self.date_precision,
            "place": self.place, "actor1": self.actor1, "actor2": self.actor2, "actors": list(self.actors),
            "fatalities": self.fatalities, "fatalities_reported": list(self.fatalities_reported),
            "sources": list(self.sources), "corroboration": self.corroboration,
            "claims_for": list(self.claims_for), "claims_against": list(self.claims_against),
        }


# --------------------------------------------------------------------------------------
# Independence

_WORD = re.compile(r"[^\W_]+", re.U)
_DATELINE_CREDIT = re.compile(r"^\s*[A-Z][A-Z .,'/-]{1,60}\(([A-Z][\w .&-]{1,40})\)\s*[—–-]", re.M)
_PROVIDED = re.compile(r"provided by (?:the )?([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}?)(?: wire service| news agency| agency)",
                       re.I)
_NOISE = frozenset("the press wire news agency service daily tribune courier ledger".split())


def _norm_name(name: str | None) -> str | None:
    if not name:
        return None
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _NOISE]
    return " ".join(words) or name.lower().strip()


def wire_credit(text: str | None) -> str | None:
    """The wire agency a text credits: a dateline "(Meridian)" or "provided by the X wire service"."""
    if not text:
        return None
    m = _DATELINE_CREDIT.search(text[:400])
    if m:
        return _norm_name(m.group(1))
    m = _PROVIDED.search(text[-600:])
    if m:
        return _norm_name(m.group(1))
    return None


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text or "")]
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i:i + k])) for i in range(len(words) - k + 1)}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _art(a: Mapping) -> Mapping:
    return a.get("article") or a


def independent_groups(articles: Sequence[Mapping], *, threshold: float = WIRE_JACCARD,
                       same_site: bool = True) -> list[list[Any]]:
    """Groups of article ids that are not independent of each other (see the module doc).

    ``articles``: dicts with ``article: {id, site, text}`` (or the article dicts themselves).
    Candidate pairs come from an inverted index over shingles (shingles in more than 50
    articles are skipped), so near-duplicate detection does not compare every pair.
    """
    arts = [_art(a) for a in articles]
    ids = [a.get("id") for a in arts]
    parent = list(range(len(arts)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    sh = [shingles(a.get("text") or "") for a in arts]
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sh):
        for h in s:
            index[h].append(i)
    shared: Counter = Counter()
    for h, members in index.items():
        if len(members) < 2 or len(members) > 50:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    for (i, j), n in shared.items():
        inter = n
        union_size = len(sh[i]) + len(sh[j]) - inter
        if union_size and inter / union_size >= threshold:
            union(i, j)
    keys: dict[str, int] = {}
    for i, a in enumerate(arts):
        # a wire copy counts as its agency, not as the outlet that republished it
        credit = wire_credit(a.get("text"))
        # an outlet is its site, else its URL's registered domain (records with no site)
        known = a.get("site") or a.get("url")
        key = f"src:{credit}" if credit else (f"src:{outlet(a)}" if same_site and known else None)
        if not key:
            continue
        if key in keys:
            union(i, keys[key])
        else:
            keys[key] = i
    groups: dict[int, list[Any]] = defaultdict(list)
    for i, ident in enumerate(ids):
        groups[find(i)].append(ident)
    return list(groups.values())


# --------------------------------------------------------------------------------------
# Merging


def _coords(articles: Sequence[Mapping], places) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for a in articles:
        for p in a.get("places") or ():
            if p.get("lat") is not None and p.get("lon") is not None:
                out[p["id"]] = (p["lat"], p["lon"])
    if places:
        items = places.items() if isinstance(places, Mapping) else ((p["id"], p) for p in places)
        for pid, v in items:
            if isinstance(v, Mapping):
                if v.get("lat") is not None and v.get("lon") is not None:
                    out[pid] = (v["lat"], v["lon"])
            elif v:
                out[pid] = (float(v[0]), float(v[1]))
    return out


def merge_events(articles: Sequence[Mapping], *, places=None, max_km: float = MAX_KM,
                 sides: Sides | None = None, groups: list[list[Any]] | None = None) -> list[MergedEvent]:
    """Merge the events of ``articles`` (see the module doc); largest corroboration first.

    ``groups``: independence groups (``independent_groups``), computed from the articles'
    texts when not given. The clustering is ``clusters.Clusterer`` (indexed, the one the
    corpus state uses), fed in date order.
    """
    sides = sides or CorpusSides(min_support=2)
    for a in articles:
        aid = _art(a).get("id")
        for ev in a.get("events") or ():
            for x in ev.get("associated") or ():
                sides.ally(ev.get("actor1"), x, aid)
    clusterer = Clusterer(sides=sides, max_km=max_km)
    features = {p["id"]: p.get("feature") for a in articles for p in a.get("places") or ()
                if isinstance(p, Mapping) and p.get("id")}
    for pid, (lat, lon) in _coords(articles, places).items():
        clusterer.learn_place(pid, lat, lon, features.get(pid))
    coarse = coarse_places(articles)
    items: list[Item] = []
    for a in articles:
        art = _art(a)
        pub = to_date(art.get("published"))
        for ev in a.get("events") or ():
            ev = _normalised(ev, coarse)
            items.append(item_of(ev, art, list(a.get("claims") or ()), pub, family(ev["type"]), outlet(art)))
    items.sort(key=lambda it: (it.span[0] if it.span else date.max, _sort_key(it.article_id)))
    for it in items:
        clusterer.add(it)

    if groups is None:
        groups = independent_groups(articles)
    group_of = {aid: n for n, g in enumerate(groups) for aid in g}
    kinds = {x["id"]: x.get("type") for a in articles for x in a.get("actors") or ()
             if isinstance(x, Mapping) and x.get("id")}
    merged = [build_merged(cl, group_of, kinds, sides) for cl in clusterer.clusters.values()]
    return sorted(merged, key=lambda m: (-m.corroboration, -len(m.sources), m.date or "", m.id))


def coarse_places(articles: Sequence[Mapping]) -> set[str]:
    """Places that are too wide to locate an incident (a country, a first-level area, a region,
    a water body)."""
    return {p["id"] for a in articles for p in a.get("places") or () if coarse(p)}


def coarse(place: Mapping) -> bool:
    return str(place.get("feature") or "").startswith(("A.PCL", "A.ADM1", "L.", "H."))


def _normalised(ev: Mapping, coarse: set[str]) -> dict:
    """A view of ``ev`` for matching: a withdrawal-worded NON_VIOL_TERRIT_TRANSFER names the
    actor that left first, so its actors are swapped (the gainer first, as in a capture); a
    country or region as the place of a local event is no location (left to ``place``)."""
    ev = dict(ev)
    text = (ev.get("evidence") or {}).get("text") or ""
    if ev.get("type") == "NON_VIOL_TERRIT_TRANSFER" and _WITHDRAWAL.search(text):
        ev["actor1"], ev["actor2"] = ev.get("actor2"), ev.get("actor1")
    if ev.get("place") in coarse:
        ev["place"] = None
    return ev


def _mode(values: Iterable, default=None):
    vals = [v for v in values if v is not None]
    if not vals:
        return default
    return Counter(vals).most_common(1)[0][0]


def _stance(claims: Sequence[Mapping], ev: Mapping) -> list[tuple[Mapping, bool]]:
    out = []
    rb = ev.get("reported_by") or []
    by_id = {c.get("id"): c for c in claims}
    ids = []
    for r in rb:
        if isinstance(r, Mapping):
            ids.append(r.get("claim"))
        else:
            ids.append(r)
    for c in claims:
        if ev.get("id") in ((c.get("about") or {}).get("events") or ()) and c.get("id") not in ids:
            ids.append(c.get("id"))
    for cid in ids:
        c = by_id.get(cid)
        if c is None:
            continue
        holds = (c.get("polarity", "assert") == "assert") != bool(c.get("content_negated"))
        out.append((c, holds))
    return out


def _sort_key(value: Any) -> tuple:
    """Numbers in their order ("e2" before "e10", article 9 before 10), then text."""
    text = str(value)
    digits = re.sub(r"\D", "", text)
    return (int(digits) if digits else -1, text)


_SIDE_KINDS = {"GOV_REGAINS_TERIT": ("state_force", "government"),
               "NON_STATE_ACTOR_OVERTAKES_TER": ("armed_group", "militia")}


def build_merged(cl: list[Item], group_of: Mapping[Any, Any], kinds: Mapping[str, str],
                 sides: Sides) -> MergedEvent:
    """The merged event of one cluster; ``group_of``: article id -> its independence group."""
    evs = [it.event for it in cl]
    typ = _mode(e["type"] for e in evs if e.get("date")) or _mode(e["type"] for e in evs)
    dated = [(e.get("date"), e.get("date_precision")) for e in evs if e.get("date")]
    day = [d for d, p in dated if (p or "day") == "day"]
    date_value = _mode(day) or (min(d for d, _ in dated) if dated else None)
    prec = "day" if day else (dated[0][1] if dated else None)
    place = _mode(e.get("place") for e in evs)
    # the acting side of a territorial event is of the kind its type names (ACLED: a state
    # regains, a non-state actor overtakes): reports that name the backer as the doer
    # ("Turkish forces liberated...") must not outvote those naming the fighters who took it
    pool = [e["actor1"] for e in evs if e.get("actor1")]
    fitting = [a for a in pool if kinds.get(a) in _SIDE_KINDS.get(typ, ())]
    pool = fitting or pool
    actor1 = _mode(a for a in pool if not str(a).startswith("group:")) or _mode(pool)
    # the side acted on is never the acting side nor one of its allies or branches (reports
    # that swap the two must not make "Turkish Armed Forces against Turkish Air Force")
    opposed = [e["actor2"] for e in evs if e.get("actor2") and e["actor2"] != actor1
               and sides.same(actor1, e["actor2"]) is not True]
    actor2 = _mode(a for a in opposed if not str(a).startswith("group:")) or _mode(opposed)
    actors: list[str] = []
    for e in evs:
        for a in (e.get("actor1"), e.get("actor2"), *(e.get("associated") or ())):
            if a and a not in actors:
                actors.append(a)
    fat = [{"value": it.event["fatalities"], "article_id": it.article_id, "site": it.site,
            "event_id": it.event.get("id")} for it in cl if it.event.get("fatalities") is not None]
    # the first source is the one that best shows the merged event (its title on the web):
    # a report with the merged type, place, date and acting side, the earliest such
    def fit(it: Item) -> tuple:
        e = it.event
        return (-(e.get("type") == typ) - (e.get("place") == place) - (e.get("date") == date_value)
                - (e.get("actor1") == actor1), _sort_key(it.article_id), _sort_key(e.get("id")))
    shown = sorted(cl, key=fit)[0]
    sources = [{"article_id": it.article_id, "site": it.site, "event_id": it.event.get("id"),
                "evidence": dict(it.event.get("evidence") or {})}
               for it in [shown, *(x for x in cl if x is not shown)]]
    seen_groups = set()
    for it in cl:
        seen_groups.add(group_of.get(it.article_id, ("solo", it.article_id)))
    claims_for, claims_against = [], []
    for it in cl:
        for c, holds in _stance(it.claims, it.event):
            ref = {"article_id": it.article_id, "site": it.site, "claim_id": c.get("id"),
                   "speaker": c.get("speaker"), "speaker_actor": c.get("speaker_actor")}
            (claims_for if holds else claims_against).append(ref)
    # The id is anchored to the earliest report (the first stored article's event): later
    # reports joining the cluster, or changing its majority type, place or date, keep the
    # id, so links to a merged event survive new ingests.
    anchor = min(cl, key=lambda it: (_sort_key(it.article_id), _sort_key(it.event.get("id"))))
    key = f"{anchor.article_id}/{anchor.event.get('id')}"
    mid = "m" + hashlib.sha1(key.encode()).hexdigest()[:12]
    return MergedEvent(id=mid, type=typ, date=date_value, date_precision=prec, place=place,
                       actor1=actor1, actor2=actor2, actors=actors,
                       fatalities=max((f["value"] for f in fat), default=None), fatalities_reported=fat,
                       sources=sources, corroboration=len(seen_groups), claims_for=claims_for,
                       claims_against=claims_against)
