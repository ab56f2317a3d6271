"""``warwatch bench realnews``: the pipeline end to end on real news (FA-KES, UCDP GED, our labels).

The shared files are read by path (``../shared/eval/realnews/``), never copied. Their rows
become the ``RawDocument`` a source would deliver (``fakes_documents``, ``ged_rows``), go
through ``pipeline.analyze_many`` and the events that come out are scored:

``fakes``
    FA-KES dev: gold is the governorate and date of each article's main event. ``main``: an
    event in the gold governorate dated from 3 days before the gold date up to it;
    ``event_place``: an event in the gold governorate; ``event_date``: an event dated in that
    window; ``detected``: any event. An event's governorate is its place's first-level area in
    the gazetteer; its date counts when it is a day (or the report's date, precision
    ``reported``) in the window, or a week that holds the gold date.
``ged``
    UCDP GED events in Iraq, each with its real source headline(s) (analysed one by one, with
    their own publication date). Rows are drawn with a fixed seed (``--sample``). Two groups:
    news headlines, and incident titles ("May 21st 2015: Mosul, Nineveh province, Iraq"), which
    name no act. ``detected``, ``date`` (an event dated within a day of the GED range),
    ``actor`` (an event side that is a GED side), ``fatalities`` (an event toll within GED's
    low-high range) count over news headlines; ``place_50km`` over all rows: an event's place
    (for an incident title, the most specific place it names) within 50 km of GED's point.
    Most GED headlines name only the country ("Attacks kill 11 in Iraq") while GED places the
    event from the story's body, so headlines also give ``names_place`` (the share that names a
    place below the country) and ``place_50km_named`` (``place_50km`` over those).
``labels``
    Our own incident labels on 80 FA-KES dev articles (``bench/labels/``, offsets into the CSV,
    no text; see docs/realnews-labels.md). An event matches an incident when one of its report
    sentences overlaps one of the incident's mentions; when it overlaps several incidents' (one
    sentence can report two), it is counted for the one whose place it names, then of its
    family, then one no other event was counted for yet. ``incident_precision``: events that match
    an incident the article reports as news (not background, not denied) over all events;
    ``incident_recall``: such incidents with an event; ``events_per_incident``: events per
    matched incident; ``type_accuracy`` (and ``family_accuracy``) over matched pairs.
"""

from __future__ import annotations

import csv
import json
import random
import re
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..records import TEXT, Failure, RawDocument

LABELS = Path(__file__).with_name("labels") / "fakes-dev-incidents.jsonl"
FORMATS = ("fakes", "ged", "labels")

# FA-KES's governorate names -> the gazetteer's first-level areas of Syria (facts, not gold):
# "damascus" in FA-KES covers the city and its countryside (Rif Dimashq, the Ghouta).
GOVERNORATES = {
    "aleppo": {"Aleppo"}, "damascus": {"Dimashq", "Rif-dimashq"}, "idlib": {"Idlib"},
    "deir ezzor": {"Deir ez-Zor"}, "raqqa": {"Ar-Raqqah"}, "hasakeh": {"Al-Hasakah"}, "homs": {"Homs"},
    "hama": {"Hama"}, "daraa": {"Daraa"}, "lattakia": {"Latakia"}, "quneitra": {"Quneitra"},
    "tartous": {"Tartus"}, "sweida": {"Sweida", "As-Suwayda"}, "rif dimashq": {"Rif-dimashq"},
}
INCIDENT_TITLE = re.compile(r"^[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}\s*:")
FAMILIES = {
    "ARMED_CLASH": "battles", "GOV_REGAINS_TERIT": "battles", "NON_STATE_ACTOR_OVERTAKES_TER": "battles",
    "AIR_STRIKE": "remote", "ART_MISS_ATTACK": "remote", "REM_EXPLOS": "remote", "GRENADE": "remote",
    "SUIC_BOMB": "remote", "CHEM_WEAP": "remote", "ATTACK": "civilians", "SEX_VIOL": "civilians",
    "ABDUCT_DISSAP": "civilians", "PEACE_PROTEST": "protests", "PROTEST_WITH_INTER": "protests",
    "FORCE_AGAINST_PROTEST": "protests", "VIOL_DEMONSTR": "riots", "MOB_VIOL": "riots",
}


# --------------------------------------------------------------------------------------
# Reading the files


def fakes_documents(path: str | Path, *, limit: int | None = None) -> Iterator[tuple[dict, RawDocument]]:
    """FA-KES rows as plain-text documents: the headline as the document's title and the
    article text as its content. The CSV's ``date`` is gold (the main event's date), so it is
    not given as the publication time: the text's own dateline has to be found."""
    with open(path, newline="", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            if limit is not None and n >= limit:
                return
            yield row, RawDocument(source=f"{Path(path).name}:{row['unit_id']}",
                                   content=row["article_content"].encode("utf-8"), media_type=TEXT,
                                   encoding="utf-8", title=row["article_title"] or None)


def ged_rows(path: str | Path, *, sample: int | None = 400, seed: int = 2026) -> list[dict]:
    """GED rows (the HXL tag row skipped), ``sample`` of them drawn with ``seed`` in file order."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("id", "").strip().isdigit()]
    if sample is not None and sample < len(rows):
        keep = set(random.Random(seed).sample(range(len(rows)), sample))
        rows = [r for i, r in enumerate(rows) if i in keep]
    return rows


def ged_documents(row: dict) -> list[RawDocument]:
    """Each headline of a GED row as a one-line document published on its source date."""
    heads = [h.strip() for h in (row.get("source_headline") or "").split(";")]
    dates = [d.strip() for d in (row.get("source_date") or "").split(";")]
    out = []
    for i, head in enumerate(heads):
        if not head:
            continue
        when = _day(dates[i] if i < len(dates) else dates[-1] if dates else "")
        published = datetime(when.year, when.month, when.day, 12, tzinfo=timezone.utc) if when else None
        out.append(RawDocument(source=f"ged:{row['id']}#{i + 1}", content=head.encode("utf-8"),
                               media_type=TEXT, encoding="utf-8", published=published))
    return out


def _day(value: str) -> date | None:
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    return None


# --------------------------------------------------------------------------------------
# What an event says


def _event_dates(event: dict) -> tuple[date, date] | None:
    """The period an event's date stands for, when it is precise enough to score: a day (or
    the report's date) is itself, a week its seven days; month and year are too vague."""
    d = _day(event.get("date") or "")
    prec = event.get("date_precision")
    if d is None:
        return None
    if prec in ("day", "reported", None):
        return d, d
    if prec == "week":
        return d, d + timedelta(days=6)
    return None


def _place_of(analysis: dict, place_id: str | None) -> dict | None:
    return next((p for p in analysis.get("places") or () if p["id"] == place_id), None) if place_id else None


class _Areas:
    """The first-level area of a place, from the gazetteer (the place itself when it is one)."""

    def __init__(self):
        from ..nlp.gazetteer import Gazetteer

        self.gaz = Gazetteer.open()
        self.cache: dict[str, str | None] = {}

    def admin1(self, place: dict | None) -> str | None:
        if not place or place.get("lat") is None:
            return None
        pid = place["id"]
        if pid not in self.cache:
            cand = self.gaz.get(pid)
            self.cache[pid] = cand.admin1 if cand is not None and cand.country == "SY" else None
        return self.cache[pid]


def _km(a_lat, a_lon, b_lat, b_lon) -> float:
    from ..nlp.gazetteer import haversine_km

    return haversine_km(a_lat, a_lon, b_lat, b_lon)


def _analyse(raws: list[RawDocument]) -> list[dict | None]:
    from ..pipeline import analyze_many

    return [r.to_json() if not isinstance(r, Failure) else None for r in analyze_many(raws)]


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


# --------------------------------------------------------------------------------------
# FA-KES


def run_fakes(path: str | Path, *, limit: int | None = None) -> dict:
    rows, raws = zip(*fakes_documents(path, limit=limit)) if Path(path).exists() else ((), ())
    started = time.perf_counter()
    analyses = _analyse(list(raws))
    seconds = time.perf_counter() - started
    areas = _Areas()
    counts = {"main": 0, "event_place": 0, "event_date": 0, "detected": 0}
    events = 0
    for row, analysis in zip(rows, analyses):
        gold_area = GOVERNORATES.get(row["location"].strip().lower(), set())
        gold_day = _day(row["date"])
        evs = (analysis or {}).get("events") or []
        events += len(evs)
        in_area = in_window = main = False
        for ev in evs:
            area_ok = areas.admin1(_place_of(analysis, ev.get("place"))) in gold_area
            period = _event_dates(ev)
            date_ok = bool(period and gold_day and period[0] <= gold_day and period[1] >= gold_day - timedelta(days=3))
            in_area |= area_ok
            in_window |= date_ok
            main |= area_ok and date_ok
        counts["main"] += main
        counts["event_place"] += in_area
        counts["event_date"] += in_window
        counts["detected"] += bool(evs)
    n = len(rows)
    return {"format": "fakes", "articles": n, **{k: _rate(v, n) for k, v in counts.items()},
            "events_per_article": round(events / n, 2) if n else None, "seconds": round(seconds, 1)}


# --------------------------------------------------------------------------------------
# GED


def _side_ids(name: str, registry) -> set[str] | tuple[str, str]:
    """Registry ids a GED side stands for, or ``("state", ISO)`` for "Government of X"."""
    name = name.strip()
    m = re.match(r"Government of (.+)$", name)
    if m:
        from ..nlp.normalize import COUNTRY_ALIASES

        country = m.group(1).strip()
        iso = next((iso for alias, iso in COUNTRY_ALIASES.items() if alias.lower() == country.lower()), None)
        if iso is None:
            cand = _country_iso(country)
            iso = cand
        return ("state", iso or "")
    ident = registry.lookup(name) if registry is not None else None
    return {ident} if ident else set()


def _country_iso(name: str) -> str | None:
    from ..nlp.gazetteer import Gazetteer

    for cand in Gazetteer.open().candidates(name):
        if cand.feature_code == "PCLI":
            return cand.country
    return None


def _actor_matches(actor_id: str, side, registry) -> bool:
    if not actor_id or registry is None:
        return False
    entry = registry.get(actor_id)
    if isinstance(side, tuple):
        _, iso = side
        return bool(entry and iso and entry.country == iso and entry.type in ("state_force", "government", "militia"))
    seen = set()
    while entry is not None and entry.id not in seen:
        if entry.id in side:
            return True
        seen.add(entry.id)
        entry = registry.get(entry.parent) if entry.parent else None
    return actor_id in side


def _specific_place(analysis: dict) -> dict | None:
    rank = {"P": 0, "S": 0, "H": 1, "T": 1, "L": 2}
    places = [p for p in analysis.get("places") or () if p.get("lat") is not None]
    if not places:
        return None

    def key(p):
        feat = p.get("feature") or ""
        if feat == "A.PCLI":
            return 5
        if feat.startswith("A."):
            return 3 if feat == "A.ADM1" else 2
        return rank.get(feat[:1], 2)

    return min(places, key=key)


def run_ged(path: str | Path, *, sample: int | None = 400, seed: int = 2026) -> dict:
    from ..nlp.actors import default_registry

    rows = ged_rows(path, sample=sample, seed=seed)
    docs = [(i, raw) for i, row in enumerate(rows) for raw in ged_documents(row)]
    started = time.perf_counter()
    analyses = _analyse([raw for _, raw in docs])
    seconds = time.perf_counter() - started
    by_row: dict[int, list[dict]] = {}
    for (i, _), analysis in zip(docs, analyses):
        if analysis is not None:
            by_row.setdefault(i, []).append(analysis)
    registry = default_registry()
    groups = {"headlines": {"rows": 0, "detected": 0, "date": 0, "actor": 0, "fatalities": 0, "place_50km": 0,
                            "names_place": 0, "place_50km_named": 0},
              "incident_titles": {"rows": 0, "detected": 0, "place_50km": 0}}
    for i, row in enumerate(rows):
        kind = "incident_titles" if INCIDENT_TITLE.match(row.get("source_headline") or "") else "headlines"
        g = groups[kind]
        g["rows"] += 1
        found = by_row.get(i, [])
        evs = [(a, ev) for a in found for ev in a.get("events") or []]
        g["detected"] += bool(evs)
        lat, lon = float(row["latitude"]), float(row["longitude"])
        places = [_place_of(a, ev.get("place")) for a, ev in evs]
        if kind == "incident_titles":
            places += [_specific_place(a) for a in found]
        near = any(p and p.get("lat") is not None and _km(p["lat"], p["lon"], lat, lon) <= 50 for p in places)
        g["place_50km"] += near
        if kind != "headlines":
            continue
        # most GED headlines name only the country ("Attacks kill 11 in Iraq"): the place is scored
        # apart on those that name a place below it
        named = any(p.get("feature") and p["feature"] != "A.PCLI" for a in found for p in a.get("places") or [])
        g["names_place"] += named
        g["place_50km_named"] += named and near
        start, end = _day(row["date_start"]), _day(row["date_end"])
        g["date"] += any((period := _event_dates(ev)) and start and end and period[0] <= end + timedelta(days=1)
                         and period[1] >= start - timedelta(days=1) for _, ev in evs)
        sides = [_side_ids(s, registry) for s in (row.get("side_a"), row.get("side_b"))
                 if s and s.strip() != "Civilians"]
        g["actor"] += any(_actor_matches(x, side, registry) for _, ev in evs for side in sides
                          for x in [ev.get("actor1"), ev.get("actor2"), *(ev.get("associated") or [])])
        low, high = int(row.get("low") or 0), int(row.get("high") or 0)
        g["fatalities"] += any(ev.get("fatalities") is not None and low <= ev["fatalities"] <= high for _, ev in evs)
    out: dict = {"format": "ged", "rows": len(rows), "seed": seed, "seconds": round(seconds, 1)}
    for name, g in groups.items():
        n = g.pop("rows")
        named = g.pop("place_50km_named", None)
        out[name] = {"rows": n, **{k: _rate(v, n) for k, v in g.items()}}
        if named is not None:
            out[name]["place_50km_named"] = _rate(named, g["names_place"])
    n_all = sum(out[k]["rows"] for k in groups)
    out["place_50km"] = _rate(sum(round((out[k]["place_50km"] or 0) * out[k]["rows"]) for k in groups), n_all)
    return out


# --------------------------------------------------------------------------------------
# Our labels


def read_labels(path: str | Path = LABELS) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {(rec := json.loads(line))["unit_id"]: rec for line in fh if line.strip()}


def _locate(text: str, field_text: str) -> tuple[int, int] | None:
    """Where an event's report sentence lies in the CSV field (exact, then with spaces folded)."""
    at = field_text.find(text)
    if at >= 0:
        return at, at + len(text)
    words = text.split()
    if not words:
        return None
    rx = re.compile(r"\s+".join(re.escape(w) for w in words))
    m = rx.search(field_text)
    return (m.start(), m.end()) if m else None


def _reports(ev: dict) -> list[str]:
    """The sentences an event reports from: its mentions when it has them, else its evidence."""
    texts = [m.get("text") for m in ev.get("mentions") or () if m.get("text")]
    return texts or [t for t in [(ev.get("evidence") or {}).get("text")] if t]


def _same_place(name: str | None, label: str | None) -> bool:
    """Whether an event's place name and a label's place are one name (folded: spelling variants
    of the gazetteer's key meet)."""
    if not name or not label:
        return False
    from ..nlp.normalize import name_key

    a, b = name_key(name), name_key(label)
    return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def run_labels(path: str | Path, *, labels: str | Path = LABELS) -> dict:
    gold = read_labels(labels)
    # two unit ids occur twice in the CSV; the labels refer to the later row, as a dict keyed by id keeps it
    rows = list({row["unit_id"]: (row, raw) for row, raw in fakes_documents(path) if row["unit_id"] in gold}.values())
    started = time.perf_counter()
    analyses = _analyse([raw for _, raw in rows])
    seconds = time.perf_counter() - started
    n_events = n_correct = 0
    reported = found = 0
    per_incident: list[int] = []
    typed = type_ok = family_ok = 0
    for (row, _), analysis in zip(rows, analyses):
        incidents = gold[row["unit_id"]]["incidents"]
        fields = {"title": row["article_title"], "content": row["article_content"]}
        spans = []   # (field, start, end, incident index)
        for k, inc in enumerate(incidents):
            for m in inc["mentions"]:
                spans.append((m["field"], m["start"], m["end"], k))
        news = {k for k, inc in enumerate(incidents)
                if not inc.get("background") and inc.get("status") != "denied"}
        hits: dict[int, int] = {}
        for ev in (analysis or {}).get("events") or []:
            n_events += 1
            matched: list[int] = []
            for sentence in _reports(ev):
                for field, ftext in fields.items():
                    where = _locate(sentence, ftext)
                    if where is None:
                        continue
                    s, e = where
                    matched += [k for f, ms, me, k in spans if f == field and ms < e and s < me]
            good = [k for k in dict.fromkeys(matched) if k in news]
            if not good:
                continue
            n_correct += 1
            name = (_place_of(analysis, ev.get("place")) or {}).get("name")
            k = max(good, key=lambda k: (_same_place(name, incidents[k].get("place")),
                                         FAMILIES.get(ev["type"], ev["type"]) == FAMILIES.get(incidents[k]["type"], incidents[k]["type"]),
                                         k not in hits, -good.index(k)))
            hits[k] = hits.get(k, 0) + 1
            typed += 1
            type_ok += ev["type"] == incidents[k]["type"]
            family_ok += FAMILIES.get(ev["type"], ev["type"]) == FAMILIES.get(incidents[k]["type"], incidents[k]["type"])
        reported += len(news)
        found += sum(1 for k in news if k in hits)
        per_incident += [hits[k] for k in hits]
    return {"format": "labels", "articles": len(rows), "incidents": reported, "events": n_events,
            "incident_precision": _rate(n_correct, n_events), "incident_recall": _rate(found, reported),
            "events_per_incident": round(sum(per_incident) / len(per_incident), 2) if per_incident else None,
            "type_accuracy": _rate(type_ok, typed), "family_accuracy": _rate(family_ok, typed),
            "seconds": round(seconds, 1)}


def run(path: str | Path, fmt: str, *, limit: int | None = None, sample: int | None = 400,
        labels: str | Path | None = None) -> dict:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "fakes":
        return run_fakes(path, limit=limit)
    if fmt == "ged":
        return run_ged(path, sample=sample)
    return run_labels(path, labels=labels or LABELS)
