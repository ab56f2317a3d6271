"""Exports of the store (see docs/exports.md):

- ``jsonl``: one line per article: its fields, current text, revision history and the stored
  analysis of its current revision (actors, places, dates, events, claims);
- ``csv``: one row per article;
- ``acled-csv``: one row per event, ACLED's column names plus warwatch's (``export/acled.py``);
- ``geojson``: a FeatureCollection of located events and places (``export/geojson.py``).
"""

from __future__ import annotations

import csv
import json
from typing import TextIO

from ..store import Store

CSV_COLUMNS = ["id", "url", "site", "title", "author", "published", "updated", "language", "word_count",
               "reading_minutes", "revision_count", "first_seen", "last_seen", "text"]
FORMATS = ("jsonl", "csv", "acled-csv", "geojson")
UNITS = {"jsonl": "articles", "csv": "articles", "acled-csv": "events", "geojson": "features"}
"""What ``write_export``'s count counts, per format."""
ANALYSIS_KEYS = ("schema_version", "pipeline_version", "actors", "places", "dates", "events", "claims")


def write_export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store to ``out`` in ``fmt`` (one of ``FORMATS``); returns the count (``UNITS[fmt]``)."""
    count = 0
    if fmt == "jsonl":
        for view in store.iter_articles():
            full = store.get_article(view.id)
            record = view.to_json()
            record["revisions"] = full.to_json(with_text=False).get("revisions", []) if full else []
            analysis = store.current_analysis(view.id)
            record["analysis"] = ({k: analysis.get(k) for k in ANALYSIS_KEYS if k in analysis}
                                  if analysis is not None else None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for view in store.iter_articles():
            writer.writerow(view.to_json())
            count += 1
    elif fmt == "acled-csv":
        from .acled import write_acled_csv

        count = write_acled_csv(store, out)
    elif fmt == "geojson":
        from .geojson import write_geojson

        count = write_geojson(store, out)
    else:
        raise ValueError(f"unknown export format: {fmt}")
    return count
