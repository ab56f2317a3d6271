"""``warwatch bench realnews``: the pipeline end to end on real news (FA-KES, UCDP GED).

The shared files are read by path (``../shared/eval/realnews/``), never copied. This module
turns their rows into the ``RawDocument`` a source would deliver, so every caller (the
benchmark, the refactor's snapshot script) reads them the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..records import TEXT, RawDocument


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
