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
JSONL_BATCH = 250
"""Articles read per batch by the JSONL export: three queries a batch (articles with their current text,
revision summaries, analyses of the current revisions), and memory bounded by one batch."""


def write_export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store to ``out`` in ``fmt`` (one of ``FORMATS``); returns the count (``UNITS[fmt]``)."""
    count = 0
    if fmt == "jsonl":
        count = write_jsonl(store, out)
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


def write_jsonl(store: Store, out: TextIO, *, batch: int = JSONL_BATCH) -> int:
    """One line per article (see docs/exports.md), read ``batch`` articles at a time."""
    count = 0
    for views in store.iter_article_batches(with_revisions=True, batch=batch):
        analyses = store.revision_analyses([v.current_revision_id for v in views if v.current_revision_id])
        for view in views:
            record = view.to_json()
            record["revisions"] = record.get("revisions", [])
            analysis = analyses.get(view.current_revision_id) if view.current_revision_id else None
            record["analysis"] = ({k: analysis.get(k) for k in ANALYSIS_KEYS if k in analysis}
                                  if analysis is not None else None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
