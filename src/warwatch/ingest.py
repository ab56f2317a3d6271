"""Ingestion: sources -> pipeline (in worker processes) -> store, with a summary.

The pipeline is pure, so documents are analysed in a small process pool while the
main process does the only writing. Results are saved in short transactions: a run
killed half way keeps what it finished, and the same run started again finds those
documents unchanged and carries on.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from . import pipeline
from .pipeline import analyze
from .records import Analysis, Failure, RawDocument, WarwatchError
from .sources import Skipped
from .store import NEW, REVISION, UNCHANGED, SaveResult, Store

log = logging.getLogger(__name__)

Item = RawDocument | Failure | Skipped


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    revisions: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    results: list[SaveResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.new + self.unchanged + self.revisions + len(self.failures)

    def add(self, result: SaveResult) -> None:
        self.results.append(result)
        if result.status == NEW:
            self.new += 1
        elif result.status == UNCHANGED:
            self.unchanged += 1
        elif result.status == REVISION:
            self.revisions += 1

    def merge(self, other: "IngestSummary") -> None:
        self.new += other.new
        self.unchanged += other.unchanged
        self.revisions += other.revisions
        self.skipped += other.skipped
        self.failures.extend(other.failures)
        self.results.extend(other.results)
        self.seconds += other.seconds

    def to_json(self) -> dict:
        return {
            "ingested": self.new, "unchanged": self.unchanged, "new_revisions": self.revisions,
            "failed": len(self.failures), "skipped": self.skipped, "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }

    def reasons(self) -> Counter[str]:
        return Counter(f.reason.split(":")[0] for f in self.failures)


def analyze_safely(raw: RawDocument, understand: bool = True) -> Analysis | Failure:
    """``analyze`` that never raises: an expected problem or a bug becomes a Failure."""
    try:
        return analyze(raw, understand=understand)
    except WarwatchError as exc:
        return Failure(raw.source, exc.reason)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        log.debug("pipeline crashed on %s", raw.source, exc_info=True)
        return Failure(raw.source, f"internal error: {type(exc).__name__}: {exc}"[:300])


def analyze_many(raws: list[RawDocument], understand: bool = True) -> list[Analysis | Failure]:
    """Worker-side: one task analyses a chunk, so pickling and queueing cost less per document,
    and the chunk goes through each component as one batch."""
    return pipeline.analyze_many(raws, understand=understand, batch_size=max(1, len(raws)))


def analyze_stream(items: Iterable[Item], *, workers: int = 2, window: int | None = None, chunk: int = 8,
                   understand: bool = True) -> Iterator[tuple[Item, Analysis | Failure | Skipped]]:
    """Analyse documents in order, in ``workers`` processes, with a bounded number in flight.

    At most ``window`` chunks of ``chunk`` documents are queued, which bounds memory on
    archives of any size (``Pool.imap`` would read its whole input ahead). Failures and
    skipped items pass straight through, in order.
    """
    if workers <= 1:
        for item in items:
            yield item, (analyze_safely(item, understand) if isinstance(item, RawDocument) else item)
        return
    if understand:
        pipeline.validate_settings()   # a pipeline that cannot start fails here, not in every worker
    window = window or workers * 3
    pending: deque[tuple[list[Item], Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        def submit(group: list[Item]) -> None:
            raws = [i for i in group if isinstance(i, RawDocument)]
            pending.append((group, pool.submit(analyze_many, raws, understand)))

        group: list[Item] = []
        for item in items:
            group.append(item)
            if len(group) >= chunk:
                submit(group)
                group = []
            while len(pending) >= window or (pending and pending[0][1].done()):
                yield from _resolve(*pending.popleft())
        if group:
            submit(group)
        while pending:
            yield from _resolve(*pending.popleft())


def _resolve(group: list[Item], future: Future) -> Iterator[tuple[Item, Analysis | Failure | Skipped]]:
    raws = [i for i in group if isinstance(i, RawDocument)]
    try:
        outcomes = iter(future.result())
    except Exception as exc:  # noqa: BLE001 - a worker died (out of memory, killed)
        reason = f"internal error: worker failed: {type(exc).__name__}: {exc}"[:300]
        outcomes = iter([Failure(raw.source, reason) for raw in raws])
    for item in group:
        yield item, (next(outcomes) if isinstance(item, RawDocument) else item)


def ingest(items: Iterable[Item], store: Store, *, workers: int = 2, batch_size: int = 50,
           flush_seconds: float = 1.0, on_item: Callable[[Item, object], None] | None = None,
           understand: bool = True) -> IngestSummary:
    """Analyse and store every item; returns counts and every failure with its reason."""
    summary = IngestSummary()
    started = time.perf_counter()
    batch: list[tuple[Analysis, RawDocument]] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        if batch:
            try:
                results = store.save_batch(batch)
            except Exception:  # noqa: BLE001 - find the one document the database refuses
                log.exception("batch save failed; saving one by one")
                results = []
                for analysis, raw in batch:
                    try:
                        results.append(store.save(analysis, raw))
                    except Exception as exc:  # noqa: BLE001 - details (SQL, parameters) go to the log only
                        log.warning("store refused %s", raw.source, exc_info=True)
                        summary.failures.append(Failure(raw.source, f"store error: {type(exc).__name__}"))
            for result in results:
                summary.add(result)
            batch.clear()
        last_flush = time.monotonic()

    for item, outcome in analyze_stream(items, workers=workers, understand=understand):
        if isinstance(outcome, Skipped):
            summary.skipped += 1
        elif isinstance(outcome, Failure):
            summary.failures.append(outcome)
        else:
            batch.append((outcome, item))
            if len(batch) >= batch_size or time.monotonic() - last_flush > flush_seconds:
                flush()
        if on_item is not None:
            on_item(item, outcome)
    flush()
    summary.seconds = time.perf_counter() - started
    return summary
