"""Sources: everything that turns a user's input into RawDocuments.

``iter_inputs`` is the one entry point: it takes what a user typed (paths, folders,
URLs) and yields RawDocument, Failure or Skipped items, never raising for a bad item,
so one broken input never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..limits import Limits
from ..records import Failure, RawDocument, Skipped, SourceError
from .files import DEFAULT_MAX_BYTES, iter_path

__all__ = ["iter_inputs", "is_url", "Skipped", "DEFAULT_MAX_BYTES"]


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def iter_inputs(targets: Iterable[str], *, policy=None, max_bytes: int = DEFAULT_MAX_BYTES,
                limits: Limits | None = None) -> Iterator[RawDocument | Failure | Skipped]:
    for target in targets:
        if is_url(target):
            yield fetch_url(target, policy=policy, max_bytes=limits.max_bytes if limits else max_bytes)
        else:
            yield from iter_path(target, max_bytes=max_bytes, limits=limits)


def fetch_url(url: str, *, policy=None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument | Failure:
    from .web import FetchPolicy, fetch_document  # httpx is only imported when a URL is fetched

    if policy is None:
        policy = FetchPolicy(max_bytes=max_bytes)
    try:
        return fetch_document(url, policy)
    except SourceError as exc:
        return Failure(url, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a hostile answer must fail its URL, not the run
        return Failure(url, f"cannot fetch: {type(exc).__name__}: {exc}"[:300])
