"""Geo benchmark: ``warwatch bench geo PATH --format gwn|trnews|lgl [--gold-spans] --json``.

Runs the pipeline's own spaCy model (``load_nlp()``) and :mod:`warwatch.nlp.places` over a
gold file read by path (never copied).

Formats
-------
``gwn``     GeoWebNews: ``<article><text>`` and ``<toponym>`` with ``<extractedName>``,
            ``<start>``, ``<end>``, ``<latitude>``, ``<longitude>``, ``<geonamesID>``.
``trnews``, ``lgl``  ``<article><text>`` and ``<toponym>`` with ``<phrase>``, ``<start>``,
            ``<end>`` and ``<gaztag geonameid><lat><lon>``.

Offsets are into ``<text>``. Where a file's offsets do not point at the toponym's text
(some TR-News articles are off by one, a few GWN offsets are negative), the nearest
occurrence of the text within 20 characters is used; otherwise the toponym is kept with
its given offsets if they are valid, else skipped (counted in ``bad_offsets``).

Metrics
-------
Only gold toponyms with coordinates are scored (``toponyms``); those without are counted in
``skipped_no_coords`` (GWN marks non-toponyms and some non-literal uses that way).

* ``recall``: share of gold toponyms for which we produced a mention whose span overlaps
  the gold span (end to end), or, with ``--gold-spans``, a resolution (coordinates) for
  the given span.
* ``acc161``: share of ALL scored gold toponyms resolved within 161 km (100 miles) of the
  gold point; a missed or unresolved toponym counts as wrong.
* ``mean_km``, ``median_km``: error distance over the toponyms we resolved (so they do not
  include misses).
* ``per_second``: articles per second of wall time, including spaCy's parse and the
  resolution (one process, gazetteer built beforehand; parsing dominates).

End to end, when several of our mentions overlap a gold span, the one with the largest
overlap is used.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

FORMATS = ("gwn", "trnews", "lgl")


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float


@dataclass(slots=True)
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None and value.strip() else None
    except ValueError:
        return None


def _fix_offsets(text: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    if 0 <= start < end <= len(text) and text[start:end] == name:
        return start, end
    if name:
        lo = max(0, start - 20)
        best = None
        i = text.find(name, lo)
        while i != -1 and i <= start + 20:
            if best is None or abs(i - start) < abs(best - start):
                best = i
            i = text.find(name, i + 1)
        if best is not None:
            return best, best + len(name)
    if 0 <= start < end <= len(text):
        return start, end
    return None


def load(path: str | Path, fmt: str) -> tuple[list[GoldArticle], dict[str, int]]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    root = ET.parse(path).getroot()
    articles, counts = [], {"skipped_no_coords": 0, "bad_offsets": 0}
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            if fmt == "gwn":
                name = t.findtext("extractedName") or ""
                lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            else:
                name = t.findtext("phrase") or ""
                tag = t.find("gaztag")
                lat = _float(tag.findtext("lat")) if tag is not None else None
                lon = _float(tag.findtext("lon")) if tag is not None else None
            if lat is None or lon is None:
                counts["skipped_no_coords"] += 1
                continue
            try:
                start, end = int(t.findtext("start")), int(t.findtext("end"))
            except (TypeError, ValueError):
                counts["bad_offsets"] += 1
                continue
            fixed = _fix_offsets(text, name, start, end)
            if fixed is None:
                counts["bad_offsets"] += 1
                continue
            tops.append(GoldToponym(fixed[0], fixed[1], name, lat, lon))
        articles.append(GoldArticle(text, tops))
    return articles, counts


def run(path: str | Path, fmt: str, gold_spans: bool = False, limit: int | None = None) -> dict:
    """Score resolution (``gold_spans``) or recognition + resolution over a gold file."""
    from warwatch.nlp.gazetteer import Gazetteer, haversine_km
    from warwatch.nlp.model import load_nlp
    from warwatch.nlp.places import resolve_places, resolve_spans

    articles, counts = load(path, fmt)
    if limit is not None:
        articles = articles[:limit]
    nlp = load_nlp()
    gaz = Gazetteer.open()
    gaz.candidates("warm up")
    total = found = correct = 0
    errors: list[float] = []
    t0 = time.perf_counter()
    for art in articles:
        doc = nlp(art.text)
        if gold_spans:
            places = resolve_spans(doc, [(g.start, g.end) for g in art.toponyms], gazetteer=gaz)
        else:
            places = resolve_places(doc, gazetteer=gaz)
        spans = [(m.start, m.end, p) for p in places for m in p.mentions]
        for g in art.toponyms:
            total += 1
            best, best_overlap = None, 0
            for s, e, p in spans:
                overlap = min(e, g.end) - max(s, g.start)
                if overlap > best_overlap:
                    best, best_overlap = p, overlap
            if best is None:
                continue
            if gold_spans and not best.resolved:
                continue
            found += 1
            if best.resolved:
                km = haversine_km(g.lat, g.lon, best.lat, best.lon)
                errors.append(km)
                if km <= 161:
                    correct += 1
    elapsed = time.perf_counter() - t0
    return {
        "toponyms": total,
        "recall": round(found / total, 4) if total else None,
        "acc161": round(correct / total, 4) if total else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "per_second": round(len(articles) / elapsed, 2) if elapsed else None,
        "per_second_unit": "articles",
        "articles": len(articles),
        "resolved": len(errors),
        "gold_spans": gold_spans,
        **counts,
    }


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - until the CLI wires it
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m warwatch.bench.geo")
    ap.add_argument("path")
    ap.add_argument("--format", required=True, choices=FORMATS)
    ap.add_argument("--gold-spans", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.path, args.format, args.gold_spans, args.limit)))


if __name__ == "__main__":  # pragma: no cover
    main()
