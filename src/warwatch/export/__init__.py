"""Exports of the store (see docs/exports.md), each a registered exporter (``warwatch.exporters``
entry points, ``plugins.Exporter``; a package can add a format without editing warwatch):

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

from .. import plugins
from ..records import WarwatchError
from ..store import Store

CSV_COLUMNS = ["id", "url", "site", "title", "author", "published", "updated", "language", "word_count",
               "reading_minutes", "revision_count", "first_seen", "last_seen", "text"]
ANALYSIS_KEYS = ("schema_version", "pipeline_version", "actors", "places", "dates", "events", "claims")
JSONL_BATCH = 250
"""Articles read per batch by the JSONL export: three queries a batch (articles with their current text,
revision summaries, analyses of the current revisions), and memory bounded by one batch."""


class UnknownFormat(WarwatchError):
    pass


def exporters() -> dict[str, type[plugins.Exporter]]:
    return plugins.load("warwatch.exporters")


def exporter(fmt: str) -> plugins.Exporter:
    """The exporter for ``fmt``; a clear error naming the available formats otherwise."""
    found = exporters()
    if fmt not in found:
        raise UnknownFormat(f"unknown export format {fmt!r}; available: {', '.join(sorted(found))}")
    return found[fmt]()


def write_export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store to ``out`` in ``fmt``; returns the count of the exporter's ``unit``."""
    return exporter(fmt).write(store, out)


class JsonlExport(plugins.Exporter):
    name = "jsonl"
    help = "articles with their revisions and analysis, one JSON object a line"
    suffix = ".jsonl"
    unit = "articles"

    def write(self, store, out, **options) -> int:
        return write_jsonl(store, out)


class CsvExport(plugins.Exporter):
    name = "csv"
    help = "one row an article"
    suffix = ".csv"
    unit = "articles"

    def write(self, store, out, **options) -> int:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        count = 0
        for view in store.iter_articles():
            writer.writerow(view.to_json())
            count += 1
        return count


class AcledCsvExport(plugins.Exporter):
    name = "acled-csv"
    help = "one row an event, in ACLED's columns"
    suffix = ".csv"
    unit = "events"

    def write(self, store, out, **options) -> int:
        from .acled import write_acled_csv

        return write_acled_csv(store, out)


class GeojsonExport(plugins.Exporter):
    name = "geojson"
    help = "located events and places as a FeatureCollection"
    suffix = ".geojson"
    unit = "features"

    def write(self, store, out, **options) -> int:
        from .geojson import write_geojson

        return write_geojson(store, out)


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
