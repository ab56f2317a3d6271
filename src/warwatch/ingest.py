"""Ingestion: sources -> pipeline (in worker processes) -> store, with a summary.

The pipeline is pure, so documents are analysed in a small process pool (``workers.py``)
while the main process does the only writing. Results are saved in short transactions: a run
killed half way keeps what it finished, and the same run started again finds those
documents unchanged and carries on.

Every item is isolated: a source that raises, a document whose analysis crashes, runs out of
time or kills its worker becomes a Failure with a one-line reason, and the run goes on. Only
the store itself may stop a run.
"""

from __future__ import annotations

import functools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from . import pipeline
from .pipeline import analyze
from .records import Analysis, Failure, RawDocument, Skipped, WarwatchError
from .store import NEW, REVISION, UNCHANGED, SaveResult, Store
from .workers import Pool, TaskFailed

log = logging.getLogger(__name__)

Item = RawDocument | Failure | Skipped


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    revisions: int = 0
    skipped: int = 0
    skips: list[Skipped] = field(default_factory=list)
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
        self.skips.extend(other.skips)
        self.failures.extend(other.failures)
        self.results.extend(other.results)
        self.seconds += other.seconds

    def to_json(self) -> dict:
        return {
            "ingested": self.new, "unchanged": self.unchanged, "new_revisions": self.revisions,
            "failed": len(self.failures), "skipped": self.skipped, "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "skips": [{"source": s.source, "reason": s.reason} for s in self.skips],
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


def warm_up(understand: bool = True) -> None:
    """Worker-side, before the first task: load the pipeline, so that loading models does not
    count against a document's time limit."""
    if understand:
        pipeline.default_pipeline()


def analyze_stream(items: Iterable[Item], *, workers: int = 2, window: int | None = None, chunk: int = 8,
                   understand: bool = True, max_seconds: float | None = None, memory_mb: int | None = None
                   ) -> Iterator[tuple[Item, Analysis | Failure | Skipped]]:
    """Analyse documents in order, in ``workers`` processes (0: in this one), with a bounded
    number in flight.

    At most ``window`` chunks of ``chunk`` documents are queued, which bounds memory on
    archives of any size. Failures and skipped items pass straight through, in order. A
    document whose worker dies or passes ``max_seconds`` is a Failure; the others go on.
    """
    items = _isolated(items)
    if workers <= 0:
        for item in items:
            yield item, (analyze_safely(item, understand) if isinstance(item, RawDocument) else item)
        return
    if understand:
        pipeline.validate_settings()   # a pipeline that cannot start fails here, not in every worker

    def groups() -> Iterator[list[Item]]:
        group: list[Item] = []
        for item in items:
            group.append(item)
            if len(group) >= chunk:
                yield group
                group = []
        if group:
            yield group

    grouped = groups()
    tasks: list[list[Item]] = []   # the groups in flight, oldest first, for the items that are not documents

    def raws() -> Iterator[list[RawDocument]]:
        for group in grouped:
            tasks.append(group)
            yield [i for i in group if isinstance(i, RawDocument)]

    func = functools.partial(analyze_many, understand=understand)
    with Pool(func, workers, initializer=functools.partial(warm_up, understand),
              max_seconds=max_seconds, memory_mb=memory_mb) as pool:
        for _raws, outcomes in pool.map(raws(), window=window or workers * 3):
            group = tasks.pop(0)
            results = iter(outcomes)
            for item in group:
                if not isinstance(item, RawDocument):
                    yield item, item
                    continue
                outcome = next(results)
                yield item, (Failure(item.source, outcome.reason) if isinstance(outcome, TaskFailed) else outcome)


def _isolated(items: Iterable[Item]) -> Iterator[Item]:
    """``items``, with an exception raised by the source itself turned into a last Failure
    (a source is meant to report its own bad records; this is the net under it)."""
    iterator = iter(items)
    last = "input"
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - a source's bug must not stop the documents already read
            log.debug("source failed after %s", last, exc_info=True)
            yield Failure(f"after {last}", f"cannot read: {type(exc).__name__}: {exc}"[:300])
            return
        last = item.source
        yield item


def ingest(items: Iterable[Item], store: Store, *, workers: int = 2, batch_size: int = 50,
           flush_seconds: float = 1.0, on_item: Callable[[Item, object], None] | None = None,
           understand: bool = True, max_seconds: float | None = None, memory_mb: int | None = None
           ) -> IngestSummary:
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

    for item, outcome in analyze_stream(items, workers=workers, understand=understand,
                                        max_seconds=max_seconds, memory_mb=memory_mb):
        if isinstance(outcome, Skipped):
            summary.skipped += 1
            summary.skips.append(outcome)
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
