"""Executor side: each unit read by warwatch's own sources and analysed by the pipeline.

The pipeline (spaCy model, gazetteer, classifiers) is built once per executor Python process,
at its first unit, and kept in this module for every later task that process runs (Spark reuses
its Python workers); tasks ship only their units and three settings. A bad record, an unreadable
file or a pipeline error becomes a failure row: a task never fails because of its input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import pipeline
from ..records import Failure, RawDocument, Skipped
from ..sources import iter_inputs, jsonl, warc
from .units import Unit

COLUMNS = ("source", "url", "analysis", "failure", "pipeline_version", "media_type", "raw")
"""One row per document: ``analysis`` is the ``warwatch analyze --json`` object (as JSON text) and
``failure`` None, or ``analysis`` None and ``failure`` the reason; ``raw`` is the document as read
(so a store can analyse it again later), None for a failure."""

Row = tuple
BATCH = 8
"""Documents analysed together (spaCy's ``nlp.pipe``), as ``warwatch ingest`` does."""

_pipelines: dict[bool, pipeline.Pipeline | None] = {}


def executor_pipeline(understand: bool) -> pipeline.Pipeline | None:
    """This process's pipeline, built at its first use and kept for every later task."""
    if understand not in _pipelines:
        _pipelines[understand] = pipeline.default_pipeline() if understand else None
    return _pipelines[understand]


def warm(_index: int, understand: bool = True) -> int:
    """A task that only builds this executor process's pipeline (benchmarks run it before timing)."""
    executor_pipeline(understand)
    return 0


def read_unit(unit: Unit, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """The documents of one unit, read as ``warwatch ingest`` reads them."""
    if unit.kind == "failure":
        yield Failure(unit.path, unit.reason)
    elif unit.kind == "files":
        yield from iter_inputs(unit.paths, max_bytes=max_bytes)
    elif unit.kind == "warc":
        yield from warc.iter_warc(Path(unit.path), max_bytes=max_bytes, start=unit.start, end=unit.end,
                                  first=unit.first)
    elif unit.kind == "jsonl":
        yield from jsonl.iter_jsonl(Path(unit.path), max_bytes=max_bytes, start=unit.start, first=unit.first,
                                    lines=unit.lines)
    else:
        yield from iter_inputs([unit.path], max_bytes=max_bytes)


def _safely(unit: Unit, max_bytes: int) -> Iterator[RawDocument | Failure]:
    try:
        for item in read_unit(unit, max_bytes):
            if not isinstance(item, Skipped):   # a file or record that is no article is not a document
                yield item
    except Exception as exc:  # noqa: BLE001 - an unreadable input is a failure row, not a failed job
        yield Failure(unit.path or ",".join(unit.paths), f"cannot read: {type(exc).__name__}: {exc}"[:300])


def failure_row(failure: Failure, raw: RawDocument | None = None) -> Row:
    return (failure.source, raw.url if raw else None, None, failure.reason, pipeline.PIPELINE_VERSION,
            raw.media_type if raw else None, None)


def analyse(items: list[RawDocument | Failure], understand: bool) -> list[Row]:
    """The rows of ``items`` in their order, the documents analysed as one batch."""
    raws = [i for i in items if isinstance(i, RawDocument)]
    try:
        outcomes = pipeline.analyze_many(raws, understand=understand, pipeline=executor_pipeline(understand),
                                         batch_size=max(1, len(raws))) if raws else []
    except Exception as exc:  # noqa: BLE001 - a pipeline that breaks on a batch fails its documents only
        outcomes = [Failure(raw.source, f"internal error: {type(exc).__name__}: {exc}"[:300]) for raw in raws]
    done = iter(outcomes)
    rows = []
    for item in items:
        if isinstance(item, Failure):
            rows.append(failure_row(item))
            continue
        outcome = next(done)
        if isinstance(outcome, Failure):
            rows.append(failure_row(outcome, item))
        else:
            rows.append((item.source, outcome.article.url or item.url,
                         json.dumps(outcome.to_json(), ensure_ascii=False), None, outcome.pipeline_version,
                         item.media_type, item.content))
    return rows


def run_partition(units: Iterable[Unit], *, understand: bool = True, max_bytes: int) -> Iterator[Row]:
    """``mapPartitions`` body: the rows of every document of ``units``, in reading order."""
    batch: list[RawDocument | Failure] = []
    for unit in units:
        for item in _safely(unit, max_bytes):
            batch.append(item)
            if len(batch) >= BATCH:
                yield from analyse(batch, understand)
                batch = []
    if batch:
        yield from analyse(batch, understand)
