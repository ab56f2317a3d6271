"""Incremental clustering of event reports into merged events, through indexes (issue 13).

A report (one stored event of one article) joins an existing cluster only when it is
compatible with every member (complete link, see ``merge``'s module doc for the tests).
Candidate clusters come from indexes keyed by (place, day), (grid cell of about 25 km, day)
and (actor, day) over the days a report may have happened on, so adding a report costs the
size of its candidates, not of the corpus: a full build is near-linear and adding 100 new
articles to a large corpus touches only the clusters of their places and days.

Attacks (battles, remote violence, violence against civilians) need more agreement than
other reports: a place on both sides (or, without a place, a shared named actor and stated
dates), actors compatible with every member, and tolls within the merge ratio. In a wide
place (a capital, a provincial capital, a district: "Aleppo" names a city of two million and
its province) several attacks happen on one day, so there two attack reports must also be of
the same type, and on the same day when both texts give their day: an air strike and a
shelling in Aleppo are two incidents, and so are Saturday's shelling and Sunday's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterator, Mapping

from ..claims.control import Sides
from ..nlp.gazetteer import Gazetteer, gazetteer_path, haversine_km
from ..nlp.normalize import fold
from .rules import attack_family, event_span, families_compatible, family, stated

__all__ = ["Item", "Clusterer", "MAX_KM", "DAY_SLACK", "CELL_DEG", "WIDE_FEATURES", "wide_place"]

MAX_KM = 25.0
DAY_SLACK = 1
"""Date ranges may be this many days apart and still match."""
CELL_DEG = 0.25
"""Grid cell of the place index, in degrees (about 28 km of latitude): neighbours within
``MAX_KM`` are always in the same or an adjacent cell."""
LONG_SPAN = 40
"""Reports dated more loosely than this many days (a year) are indexed without their days."""
WIDE_FEATURES = ("P.PPLC", "P.PPLA", "A.ADM2")
"""Places where one day holds many incidents: capitals, provincial capitals, districts ..."""
WIDE_POP = 250_000
"""... cities of this many people, and towns that share their province's name ("Idlib")."""


def wide_place(pid: str, feature: str | None = None) -> bool:
    """Whether ``pid`` is a place where one day holds several incidents (see ``WIDE_FEATURES``);
    the gazetteer knows a place's population and province."""
    if feature and str(feature).startswith(WIDE_FEATURES):
        return True
    if not str(pid).startswith("geonames:") or not gazetteer_path().exists():
        return False   # the corpus stage never builds the gazetteer (a load of Spark results may run without it)
    try:
        c = Gazetteer.open().get(pid)
    except Exception:  # noqa: BLE001 - no gazetteer at hand: the feature alone decides
        return False
    return c is not None and (c.population >= WIDE_POP or c.feature_code in ("PPLC", "PPLA")
                              or (c.admin1 is not None and fold(c.admin1) == fold(c.name)))


@dataclass(slots=True)
class Item:
    article_id: Any
    site: str | None
    event: Mapping[str, Any]
    claims: list
    span: tuple[date, date] | None
    published: date | None
    family: str = ""
    outlet: str = ""


class Clusterer:
    """Clusters of :class:`Item`; ``add`` returns the cluster id an item joined or opened."""

    def __init__(self, *, sides: Sides | None = None, max_km: float = MAX_KM, families=None,
                 compatible_families=None):
        self.family = families or family
        self.families_compatible = compatible_families or families_compatible
        self.sides = sides or Sides()
        self.max_km = max_km
        self.coords: dict[str, tuple[float, float]] = {}
        self.wide: set[str] = set()
        self.clusters: dict[int, list[Item]] = {}
        self.index: dict[tuple, set[int]] = defaultdict(set)
        self._keys: dict[int, set[tuple]] = defaultdict(set)
        self._next = 0
        self.dirty: set[int] = set()
        self.removed: set[int] = set()

    # -- places ---------------------------------------------------------------------------

    def learn_place(self, pid: str, lat: float | None, lon: float | None, feature: str | None = None) -> None:
        if lat is not None and lon is not None and pid not in self.coords:
            self.coords[pid] = (float(lat), float(lon))   # a place is looked at once, with its coordinates
            if wide_place(pid, feature):
                self.wide.add(pid)

    def same_place(self, x: Mapping, y: Mapping) -> bool | None:
        px, py = x.get("place"), y.get("place")
        if px is None or py is None:
            return None
        if px == py:
            return True
        if px in self.coords and py in self.coords:
            return haversine_km(*self.coords[px], *self.coords[py]) <= self.max_km
        return False

    # -- tests ----------------------------------------------------------------------------

    def actors_ok(self, x: Mapping, y: Mapping) -> bool:
        sides = self.sides

        def ok(a, b):
            return a is None or b is None or a.startswith("group:") or b.startswith("group:") or \
                sides.same(a, b) is not False
        a1, b1 = x.get("actor1"), y.get("actor1")
        if ok(a1, b1) and ok(x.get("actor2"), y.get("actor2")):
            return True
        if self.family(x["type"]) == "battle":   # clash: sides may be listed either way
            return ok(a1, y.get("actor2")) and ok(x.get("actor2"), b1)
        return False

    def compatible(self, i: Item, j: Item) -> bool:
        x, y = i.event, j.event
        if not self.families_compatible(x["type"], y["type"]):
            return False
        slack = timedelta(days=DAY_SLACK)
        if i.span is None or j.span is None or i.span[0] > j.span[1] + slack or j.span[0] > i.span[1] + slack:
            return False
        fx, fy = x.get("fatalities"), y.get("fatalities")
        if fx is not None and fy is not None and max(fx, fy) > 3 * min(fx, fy) + 2:
            return False   # 1 soldier vs 35 civilians: two events
        sp = self.same_place(x, y)
        if sp is False:
            return False
        if sp and attack_family(i.family) and attack_family(j.family) and (
                x.get("place") in self.wide or y.get("place") in self.wide):
            if x["type"] != y["type"]:
                return False   # an air strike and a shelling in Aleppo on one day: two incidents
            if _day(x) and _day(y) and x["date"] != y["date"]:
                return False   # stated days in a city: Saturday's shelling is not Sunday's
        if sp is None:
            # one or both without a place: a shared named actor and dates the texts give
            shared = {x.get("actor1"), x.get("actor2")} & {y.get("actor1"), y.get("actor2")} - {None}
            shared = {a for a in shared if not str(a).startswith("group:")}
            if not shared or not stated(x) or not stated(y):
                return False
            if attack_family(i.family) and (x.get("place") is not None or y.get("place") is not None):
                return False   # an attack somewhere and one nowhere: not enough to say it is one
        return True

    def fits(self, it: Item, cluster: list[Item]) -> bool:
        if any(m.article_id == it.article_id and m.event.get("id") == it.event.get("id") for m in cluster):
            return False
        if not all(self.compatible(it, m) for m in cluster):
            return False
        agree = sum(self.actors_ok(it.event, m.event) for m in cluster)
        if attack_family(it.family) or any(attack_family(m.family) for m in cluster):
            return agree == len(cluster)
        return 2 * agree >= len(cluster)

    # -- index ----------------------------------------------------------------------------

    def _cells(self, pid: str) -> tuple[int, int] | None:
        c = self.coords.get(pid)
        return None if c is None else (int(c[0] // CELL_DEG), int(c[1] // CELL_DEG))

    def _anchors(self, it: Item) -> list[tuple]:
        ev = it.event
        out: list[tuple] = []
        if ev.get("place") is not None:
            out.append(("p", ev["place"]))
        for a in (ev.get("actor1"), ev.get("actor2")):
            if a and not str(a).startswith("group:"):
                out.append(("a", a))
        return out

    def _days(self, span: tuple[date, date] | None, slack: int) -> Iterator[Any]:
        if span is None:
            return
        n = (span[1] - span[0]).days
        if n > LONG_SPAN:
            yield "long"
            return
        for k in range(-slack, n + slack + 1):
            yield span[0] + timedelta(days=k)

    def _own_keys(self, it: Item) -> set[tuple]:
        keys = set()
        cell = self._cells(it.event["place"]) if it.event.get("place") is not None else None
        for d in self._days(it.span, 0):
            for anchor in self._anchors(it):
                keys.add((*anchor, d))
            if cell is not None:
                keys.add(("g", *cell, d))
        return keys

    def candidates(self, it: Item) -> list[int]:
        found: set[int] = set()
        cell = self._cells(it.event["place"]) if it.event.get("place") is not None else None
        anchors = self._anchors(it)
        for d in self._days(it.span, DAY_SLACK):
            for anchor in anchors:
                found |= self.index.get((*anchor, d), set())
            if cell is not None:
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        found |= self.index.get(("g", cell[0] + dx, cell[1] + dy, d), set())
        for anchor in anchors:   # loosely dated reports of the same place or actor
            found |= self.index.get((*anchor, "long"), set())
        return sorted(found)

    # -- changes --------------------------------------------------------------------------

    def add(self, it: Item) -> int:
        for cid in self.candidates(it):
            cl = self.clusters.get(cid)
            if cl and self.fits(it, cl):
                cl.append(it)
                self._index(cid, it)
                self.dirty.add(cid)
                return cid
        cid = self._next
        self._next += 1
        self.clusters[cid] = [it]
        self._index(cid, it)
        self.dirty.add(cid)
        return cid

    def _index(self, cid: int, it: Item) -> None:
        for key in self._own_keys(it):
            self.index[key].add(cid)
            self._keys[cid].add(key)

    def remove(self, cid: int, article_id: Any) -> None:
        """Take ``article_id``'s reports out of cluster ``cid`` (a revised or reanalysed article)."""
        cl = self.clusters.get(cid)
        if cl is None:
            return
        keep = [m for m in cl if m.article_id != article_id]
        for key in self._keys.pop(cid, set()):
            bucket = self.index.get(key)
            if bucket is not None:
                bucket.discard(cid)
                if not bucket:
                    del self.index[key]
        if keep:
            self.clusters[cid] = keep
            for m in keep:
                self._index(cid, m)
            self.dirty.add(cid)
        else:
            del self.clusters[cid]
            self.dirty.discard(cid)
            self.removed.add(cid)


def _day(ev: Mapping) -> bool:
    return stated(ev) and (ev.get("date_precision") or "day") == "day"


def item_of(ev: Mapping, article: Mapping, claims: list, published: date | None, family: str,
            outlet: str) -> Item:
    return Item(article.get("id"), article.get("site"), ev, claims, event_span(ev, published), published,
                family, outlet)
