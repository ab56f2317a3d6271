"""What the CLI (and later the web app) asks for, composed from sources, pipeline and store.

Kept apart from cli.py so that commands stay thin and the same operations can be
called from the server and the tests without click.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .config import Settings
from .ingest import IngestSummary, Item, ingest
from .records import Failure, RawDocument, SourceError
from .sources import is_url, iter_inputs
from .sources.files import iter_path, kind_of
from .store import Store


def run_ingest(store: Store, settings: Settings, *, targets: Iterable[str] = (), feeds: Iterable[str] = (),
               progress: bool = False, only_new: bool = False) -> IngestSummary:
    """Ingest targets (paths, folders, URLs) and feeds; one summary for all of them.

    ``only_new`` (used by ``watch``) skips feed entries already seen in an earlier run.
    """
    targets, feeds = list(targets), list(feeds)
    policy = settings.fetch_policy() if any(is_url(t) for t in targets + feeds) else None
    summary = IngestSummary()
    with _progress(progress, _count(targets) if progress else None) as advance:
        if targets:
            items = iter_inputs(targets, policy=policy, limits=settings.limits())
            summary.merge(ingest(items, store, on_item=advance, **_analysis(settings)))
        for feed in feeds:
            summary.merge(ingest_feed(store, settings, feed, only_new=only_new, on_item=advance))
    return summary


def ingest_feed(store: Store, settings: Settings, feed: str, *, only_new: bool = False,
                on_item=None) -> IngestSummary:
    """Fetch a feed (conditional GET for URLs) and ingest the entries not yet stored."""
    from .sources.feeds import entry_location, fetch_feed

    policy = settings.fetch_policy()
    etag, modified = store.feed_state(feed) if is_url(feed) else (None, None)
    try:
        fetched = fetch_feed(feed, policy, etag=etag, last_modified=modified)
    except SourceError as exc:
        store.record_feed(feed, error=exc.reason, keep_validators=True)
        summary = IngestSummary()
        summary.failures.append(Failure(feed, exc.reason))
        return summary
    if fetched.not_modified:
        store.record_feed(feed, etag=etag, last_modified=modified)
        return IngestSummary()
    entries = list(fetched.feed.entries)
    feed_id = store.record_feed(feed, title=fetched.feed.title, etag=fetched.etag,
                                last_modified=fetched.last_modified)
    keys = {(entry.id or entry.link or ""): entry for entry in entries if entry.id or entry.link}
    wanted = store.unseen_entries(feed_id, keys) if only_new else set(keys)
    by_source: dict[str, str] = {}

    def items() -> Iterator[Item]:
        for key in keys:
            if key not in wanted:
                continue
            entry = keys[key]
            try:
                location = entry_location(entry, fetched.location)
            except SourceError as exc:
                yield Failure(f"{feed} entry {key}", exc.reason)
                continue
            if location is None:
                yield Failure(f"{feed} entry {key}", "feed entry has no link")
                continue
            for item in _read_location(location, settings, policy):
                if isinstance(item, RawDocument):
                    item = replace(item, title=item.title or entry.title,
                                   published=item.published or entry.published,
                                   url=item.url or (entry.link if is_url(entry.link or "") else None))
                    by_source[item.source] = key
                yield item

    summary = ingest(items(), store, on_item=on_item, **_analysis(settings))
    for result in summary.results:
        key = by_source.get(result.source)
        if key is not None:
            store.mark_entry(feed_id, key, keys[key].link, result.article_id)
    return summary


def _read_location(location: str, settings: Settings, policy) -> Iterator[Item]:
    if is_url(location):
        yield from iter_inputs([location], policy=policy, limits=settings.limits())
    else:
        yield from iter_path(location, limits=settings.limits())


def _analysis(settings: Settings) -> dict:
    """How documents are analysed: in how many workers, under which limits."""
    return {"workers": settings.workers, "understand": settings.understand,
            "max_seconds": settings.max_seconds, "memory_mb": settings.worker_memory_mb}


def reanalyze(store: Store, settings: Settings, *, limit: int | None = None, progress: bool = False
              ) -> IngestSummary:
    """Run the current pipeline again on stored revisions analysed by an older version.

    Uses the raw documents the store kept, so no source is read again.
    """
    from .ingest import analyze_stream
    from .pipeline import PIPELINE_VERSION

    ids = store.stale_revisions(PIPELINE_VERSION, limit=limit)
    summary = IngestSummary()
    in_flight: deque[int] = deque()

    def raws() -> Iterator[RawDocument]:
        # read lazily: analyze_stream keeps only a window of documents in memory
        for rid in ids:
            raw = store.raw_document(rid)
            if raw is None:
                summary.skipped += 1
                continue
            in_flight.append(rid)
            yield raw

    with _progress(progress, len(ids) or None, "reanalyze") as advance:
        for _raw, outcome in analyze_stream(raws(), workers=settings.workers, max_seconds=settings.max_seconds,
                                            memory_mb=settings.worker_memory_mb):
            rid = in_flight.popleft()
            if isinstance(outcome, Failure):
                summary.failures.append(outcome)
            else:
                store.record_analysis(rid, outcome)
                summary.unchanged += 1
            if advance:
                advance()
    return summary


def default_examples() -> Path | None:
    """The repository's examples/ folder, when warwatch runs from a checkout."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples"
        if (candidate / "pages").is_dir():
            return candidate
    return None


def ingest_demo(store: Store, settings: Settings, folder: Path) -> IngestSummary:
    """The demo: pages, then the later revisions, then plain texts, then the feeds."""
    summary = IngestSummary()
    for sub in ("pages", "revisions", "text"):
        if (folder / sub).is_dir():
            summary.merge(run_ingest(store, settings, targets=[str(folder / sub)]))
    for feed in sorted(folder.glob("*.xml")):
        summary.merge(run_ingest(store, settings, feeds=[str(feed)]))
    return summary


def _count(targets: list[str]) -> int | None:
    """How many documents the targets hold, when that is cheap to know (plain files only)."""
    total = 0
    for target in targets:
        if is_url(target):
            total += 1
            continue
        path = Path(target)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for file in files:
            source = kind_of(file)
            if source is not None and not source.single:
                return None
            total += source is not None
    return total or None


def _progress(enabled: bool, total: int | None, label: str = "ingest"):
    from .progress import progress

    return progress(label, total=total, enabled=enabled)
