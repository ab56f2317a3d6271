"""Per-store-change caches of corpus-level results (Trending, Top content, sites, counts).

Each entry is keyed on the store's change marker (largest article id, largest revision id)
and the request's filters, so a cached result is never stale and the home page does not
recompute anything until something is ingested. Trending and Top content are computed over
a bounded window: the newest ``window`` articles matching the filters (and their leads), so
their cost does not grow with the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..reconcile import StoryCluster, TrendingResult, top_content, trending
from ..store import Store


@dataclass(frozen=True, slots=True)
class Filters:
    site: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class CorpusCache:
    def __init__(self, store: Store, *, window: int = 3000, size: int = 64):
        self.store = store
        self.window = window
        self.size = size
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}

    def _get(self, name: str, params: tuple, compute: Callable[[], object]):
        key = (name, self.store.change_marker(), params)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:  # one computation per key; concurrent requests wait for it
            with self._lock:
                if key in self._entries:
                    return self._entries[key]
            value = compute()
            with self._lock:
                self._entries[key] = value
                self._computing.pop(key, None)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            return value

    def _window(self, f: Filters):
        return self.store.recent_articles(limit=self.window, site=f.site, since=f.since, until=f.until,
                                          lead_chars=600)

    def reconciled(self, f: Filters) -> tuple[TrendingResult, list[StoryCluster]]:
        def compute():
            articles = self._window(f)
            return trending(articles), top_content(articles)
        return self._get("reconciled", (f.site, f.since, f.until), compute)

    def trending(self, f: Filters) -> TrendingResult:
        return self.reconciled(f)[0]

    def top(self, f: Filters) -> list[StoryCluster]:
        return self.reconciled(f)[1]

    def sites(self) -> list[tuple[str, int]]:
        return self._get("sites", (), self.store.sites)

    def count(self, f: Filters) -> int:
        return self._get("count", (f.site, f.since, f.until),
                         lambda: self.store.count_articles(site=f.site, since=f.since, until=f.until))

    def search_count(self, query: str) -> int:
        return self._get("search_count", (query,), lambda: self.store.search_count(query))
