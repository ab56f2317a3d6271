"""Exports of the store: JSONL (every article with its revision history) and CSV (one row an article)."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from ..store import Store

CSV_COLUMNS = ["id", "url", "site", "title", "author", "published", "updated", "language", "word_count",
               "reading_minutes", "revision_count", "first_seen", "last_seen", "text"]


def write_export(store: Store, fmt: str, out: TextIO) -> int:
    """Write every article to ``out`` in ``fmt`` (``jsonl`` or ``csv``); returns the count."""
    count = 0
    if fmt == "jsonl":
        for view in store.iter_articles():
            full = store.get_article(view.id)
            record = view.to_json()
            record["revisions"] = full.to_json(with_text=False).get("revisions", []) if full else []
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for view in store.iter_articles():
            writer.writerow(view.to_json())
            count += 1
    else:
        raise ValueError(f"unknown export format: {fmt}")
    return count
