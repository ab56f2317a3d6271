"""``warwatch load``: the Parquet rows of ``spark analyze`` into a store, without analysing again.

Each analysed row is saved as ``warwatch ingest`` saves a document (``Store.save_batch``: the
article, its revision with the raw document, entities, events and claims from the analysis
JSON); a row whose article and content the store already holds with the same pipeline version
is left alone, so loading the same results twice adds nothing. Failure rows are counted and
listed. Then the corpus stage (merged events, contradictions, control timelines) runs over the
store, as the web app runs it after an ingest. Reads Parquet with pyarrow only (no Spark).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..records import Analysis, Article, Failure, RawDocument, WarwatchError
from ..store import NEW, REVISION, UNCHANGED, Store, article_key, content_hash

BATCH = 50
CORPUS_WINDOW = 5000
"""Newest articles the corpus stage reads (the web app's window)."""


@dataclass(slots=True)
class LoadedAnalysis(Analysis):
    """An analysis made elsewhere (a Spark executor): the article and the stored JSON as they were."""

    payload: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.payload


@dataclass(slots=True)
class LoadSummary:
    new: int = 0
    revisions: int = 0
    unchanged: int = 0
    already: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    corpus: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"loaded": self.new, "new_revisions": self.revisions, "reanalysed": self.unchanged,
                "already_loaded": self.already, "failed": len(self.failures), "seconds": round(self.seconds, 3),
                "corpus": self.corpus,
                "failures": [{"source": f.source, "reason": f.reason} for f in self.failures]}


def _dataset(folder: str | Path):
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise WarwatchError("pyarrow is not installed: pip install 'warwatch[spark]'") from None
    try:
        found = ds.dataset(str(folder), format="parquet")   # Spark's _SUCCESS and .crc files are ignored
    except Exception as exc:  # noqa: BLE001 - pyarrow's ArrowInvalid and OSError: not results
        raise WarwatchError(f"{folder}: not the Parquet results of warwatch spark analyze ({exc})"[:400]) from None
    missing = [c for c in ("source", "url", "analysis", "failure", "pipeline_version", "media_type", "raw")
               if c not in found.schema.names]
    if missing:
        raise WarwatchError(f"{folder}: not the results of warwatch spark analyze (no column {', '.join(missing)})")
    return found


def row_count(folder: str | Path) -> int:
    return _dataset(folder).count_rows()


def iter_rows(folder: str | Path, batch_size: int = 200) -> Iterator[dict[str, Any]]:
    for batch in _dataset(folder).to_batches(batch_size=batch_size):
        yield from batch.to_pylist()


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def to_analysis(row: dict[str, Any]) -> tuple[LoadedAnalysis, RawDocument]:
    payload = json.loads(row["analysis"])
    a = payload["article"]
    article = Article(url=a.get("url"), title=a.get("title"), author=a.get("author"), site=a.get("site"),
                      published=_time(a.get("published")), updated=_time(a.get("updated")),
                      language=a.get("language"), word_count=a.get("word_count") or 0,
                      reading_minutes=a.get("reading_minutes") or 0, text=a.get("text") or "")
    analysis = LoadedAnalysis(article=article, source=row["source"], pipeline_version=row["pipeline_version"] or "",
                              payload=payload)
    raw = RawDocument(source=row["source"], content=row["raw"] or b"", media_type=row["media_type"] or "text/html",
                      url=row["url"])
    return analysis, raw


def load(folder: str | Path, store: Store, *, on_row: Callable[..., None] | None = None,
         corpus: bool = True) -> LoadSummary:
    """Save every analysed row of ``folder`` into ``store``; see the module doc."""
    started = time.perf_counter()
    summary = LoadSummary()
    batch: list[tuple[LoadedAnalysis, RawDocument]] = []

    def flush() -> None:
        keys = {id(a): (article_key(a.article, raw, content_hash(a.article)), content_hash(a.article))
                for a, raw in batch}
        stored = store.stored_versions(keys.values())
        todo = []
        for analysis, raw in batch:
            key = keys[id(analysis)]
            if key in stored and stored[key] == analysis.pipeline_version:
                summary.already += 1
            else:
                todo.append((analysis, raw))
        for result in store.save_batch(todo) if todo else []:
            if result.status == NEW:
                summary.new += 1
            elif result.status == REVISION:
                summary.revisions += 1
            elif result.status == UNCHANGED:
                summary.unchanged += 1
        batch.clear()

    for row in iter_rows(folder):
        if row.get("analysis"):
            try:
                batch.append(to_analysis(row))
            except (ValueError, KeyError, TypeError) as exc:
                summary.failures.append(Failure(row.get("source") or "?", f"unreadable analysis row: {exc}"[:300]))
        else:
            summary.failures.append(Failure(row.get("source") or "?", row.get("failure") or "no analysis"))
        if len(batch) >= BATCH:
            flush()
        if on_row is not None:
            on_row()
    if batch:
        flush()
    if corpus:
        summary.corpus = corpus_stage(store)
    summary.seconds = time.perf_counter() - started
    return summary


def corpus_stage(store: Store) -> dict[str, int]:
    """The corpus view over the newest stored analyses: what it found, in counts."""
    from ..reconcile.corpus import build

    view = build(store.recent_analyses(CORPUS_WINDOW))
    return {"merged_events": len(view.merged),
            "corroborated_events": sum(1 for m in view.merged if len(m.articles) > 1),
            "contradictions": len(view.contradictions), "control_timelines": len(view.timelines)}
