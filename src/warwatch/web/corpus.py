"""Per-store-change caches of corpus-level results (Trending, Top content, entity lists, counts,
the /events filter counts).

Each entry is keyed on the store's change marker (largest article id, largest revision id,
and for results that read entity mentions the largest mention id, which a reanalysis also
moves) and the request's filters, so a cached result is not stale and the home page does not
recompute anything until something is ingested. Top content, and keyword Trending for stores
without entity mentions, are computed over a bounded window: the newest ``window`` articles
matching the filters (and their leads). Entity Trending reads two aggregate counts bounded by
the date windows. So their cost does not grow with the store.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..reconcile import StoryCluster, TrendingResult, entity_trending, top_content, trending
from ..reconcile.corpus import CorpusView
from ..reconcile.state import CorpusState
from ..reconcile.trending import windows
from ..desk.review import apply as apply_reviews
from ..store import EntityView, Store
from ..store.review import all_reviews, review_marker

RECENT_DAYS = 3
BASELINE_DAYS = 14
log = logging.getLogger(__name__)

RECONCILE_WINDOW = 5000
"""Kept for callers that pass it; the corpus view now covers every article (``LiveCorpus``)."""


@dataclass(frozen=True, slots=True)
class EventFacets:
    """What the /events filters offer: events of current revisions per type, actor (as actor1 or
    actor2) and place, and the names of those actors and places."""

    types: dict[str, int]
    actors: list[tuple[str, int]]
    places: list[tuple[str, int]]
    names: dict[str, tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Filters:
    site: str | None = None
    since: datetime | None = None
    until: datetime | None = None


STALE_SECONDS = 2.0
"""How old the home page's trending and top stories may be while a newer version is computed
in the background (writes every second would otherwise make every visit recompute them); the
API's ``/api/trending`` and ``/api/top`` are always computed for the store as it is."""


class CorpusCache:
    def __init__(self, store: Store, *, window: int = 3000, size: int = 64, reconcile_window: int = RECONCILE_WINDOW,
                 stale_seconds: float = STALE_SECONDS):
        self.store = store
        self.window = window
        self.reconcile_window = reconcile_window
        self.size = size
        self.stale_seconds = stale_seconds
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}
        self._latest: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self._refreshing: set[tuple] = set()
        self.live: LiveCorpus | None = None

    def _get(self, name: str, params: tuple, compute: Callable[[], object], *, entities: bool = False,
             stale: bool = False):
        """The value of ``compute`` for the store as it is now, computed once per store change.
        With ``stale``, a value computed less than ``stale_seconds`` ago for an older store is
        returned at once, and one older than half that is recomputed in a background thread."""
        marker = self.store.change_marker()
        if entities:
            marker = (*marker, self.store.mentions_marker())
        key = (name, marker, params)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            latest = self._latest.get((name, params)) if stale else None
            age = time.monotonic() - latest[0] if latest is not None else None
            if age is not None and age <= self.stale_seconds:
                # one refresh at a time, and none while the value is younger than half the bound:
                # writes every second must not keep a core busy recomputing it
                if (name, params) not in self._refreshing and age >= self.stale_seconds / 2:
                    self._refreshing.add((name, params))
                    threading.Thread(target=self._refresh, args=(name, params, key, compute), daemon=True).start()
                return latest[1]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:  # one computation per key; concurrent requests wait for it
            with self._lock:
                if key in self._entries:
                    return self._entries[key]
            return self._store(name, params, key, compute(), stale=stale)

    def _store(self, name: str, params: tuple, key: tuple, value, *, stale: bool = False):
        with self._lock:
            self._entries[key] = value
            if stale:   # kept for stale reads, as many as the entries
                self._latest[(name, params)] = (time.monotonic(), value)
                self._latest.move_to_end((name, params))
                while len(self._latest) > self.size:
                    self._latest.popitem(last=False)
            self._computing.pop(key, None)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def _refresh(self, name: str, params: tuple, key: tuple, compute: Callable[[], object]) -> None:
        try:
            self._store(name, params, key, compute(), stale=True)
        except Exception:  # noqa: BLE001 - the next request computes it in the open and reports the error
            log.exception("refreshing %s in the background failed", name)
        finally:
            with self._lock:
                self._refreshing.discard((name, params))

    def _window(self, f: Filters):
        return self.store.recent_articles(limit=self.window, site=f.site, since=f.since, until=f.until,
                                          lead_chars=600)

    def reconciled(self, f: Filters, *, stale: bool = False) -> tuple[TrendingResult, list[StoryCluster]]:
        """Trending and top stories over the newest ``window`` articles; ``stale``: the home
        page's, which may be up to ``stale_seconds`` old while writes go on (the API's are not)."""
        def compute():
            articles = self._window(f)
            trend = self._entity_trending(f) if self.store.mentions_marker() else None
            if trend is None:
                trend = trending(articles, recent_days=RECENT_DAYS, baseline_days=BASELINE_DAYS)
            return trend, top_content(articles)
        return self._get("reconciled", (f.site, f.since, f.until), compute, entities=True, stale=stale)

    def trending(self, f: Filters) -> TrendingResult:
        return self.reconciled(f)[0]

    def _entity_trending(self, f: Filters) -> TrendingResult:
        """Actors and places by article counts in the recent window against the baseline.

        The clock is the newest published article matching the filters; the recent window is
        [end - 3 days, end], the baseline the 14 days before, both clipped to the filters.
        """
        newest = self.store.list_articles(limit=1, site=f.site, since=f.since, until=f.until)
        end = newest[0].published if newest else None
        if end is None:
            return TrendingResult(basis="entities")
        recent_start, baseline_start = windows(end, recent_days=RECENT_DAYS, baseline_days=BASELINE_DAYS)
        stop = end + timedelta(microseconds=1)
        r_since = max(recent_start, f.since) if f.since else recent_start
        b_since = max(baseline_start, f.since) if f.since else baseline_start
        b_until = max(b_since, recent_start)
        recent = self.store.entity_article_counts(since=r_since, until=stop, site=f.site)
        baseline = self.store.entity_article_counts(since=b_since, until=b_until, site=f.site) \
            if b_until > b_since else {}
        n_recent = self.store.count_articles(site=f.site, since=r_since, until=stop)
        n_baseline = self.store.count_articles(site=f.site, since=b_since, until=b_until) if b_until > b_since else 0
        ranked = entity_trending(recent, baseline, n_recent=n_recent, n_baseline=n_baseline)
        ids = [t.entity_id for t in ranked.terms]
        labels = self.store.entity_names(ids)
        found: dict[str, list] = {}
        for entity_id, article_id, site, published in self.store.entity_window_articles(
                ids, since=r_since, until=stop, site=f.site):
            found.setdefault(entity_id, []).append((published, article_id, site))
        return entity_trending(recent, baseline, n_recent=n_recent, n_baseline=n_baseline, labels=labels,
                               articles=found, recent_start=recent_start, recent_end=end,
                               baseline_start=baseline_start)

    def entities(self, kind: str) -> list[EntityView]:
        """Every entity of ``kind`` mentioned by a current revision, most articles first."""
        return self._get("entities", (kind,), lambda: self.store.list_entities(kind=kind, limit=10_000_000),
                         entities=True)

    def entity_types(self, kind: str) -> list[tuple[str, int]]:
        """(type, number of entities) for the filter of the entity list, most first."""
        def compute():
            counts: dict[str, int] = {}
            for e in self.entities(kind):
                if e.type:
                    counts[e.type] = counts.get(e.type, 0) + 1
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return self._get("entity_types", (kind,), compute, entities=True)

    def top(self, f: Filters) -> list[StoryCluster]:
        return self.reconciled(f)[1]

    def sites(self) -> list[tuple[str, int]]:
        return self._get("sites", (), self.store.sites)

    def count(self, f: Filters) -> int:
        return self._get("count", (f.site, f.since, f.until),
                         lambda: self.store.count_articles(site=f.site, since=f.since, until=f.until))

    def search_count(self, query: str) -> int:
        return self._get("search_count", (query,), lambda: self.store.search_count(query))

    def event_facets(self) -> EventFacets:
        """The /events filter counts and names, once per store change (articles, revisions, and
        the event/claim marker, which a reanalysis moves)."""
        def compute():
            actors, places = self.store.event_actor_counts(), self.store.event_place_counts()
            ids = sorted({a for a, _ in actors} | {p for p, _ in places})
            return EventFacets(types=self.store.event_type_counts(), actors=actors, places=places,
                               names=self.store.entity_names(ids))
        return self._get("event_facets", (self.store.events_marker(),), compute)

    # -- issue 5: merged events, contradictions, control timelines ---------------------------

    def raw_view(self) -> CorpusView:
        """The corpus view of every article (``LiveCorpus.view``): kept up to date as articles
        arrive, never rebuilt on a request; before the analysts' reviews."""
        if self.live is None:
            with self._lock:
                if self.live is None:
                    self.live = LiveCorpus(self.store)
        return self.live.view()

    @property
    def reconciled_articles(self) -> int:
        """How many articles the corpus view covers (for the pages' notes)."""
        return len(self.raw_view().articles)

    def reviewed(self) -> tuple[CorpusView, dict]:
        """(the corpus view with the analysts' reviews applied, {merged id: review}), once per store
        or review change (``desk.review.apply``)."""
        raw = self.raw_view()
        return self._get("reviewed_view", (self.live.updates, review_marker(self.store)),
                         lambda: apply_reviews(raw, all_reviews(self.store)))

    def reconciled_view(self) -> CorpusView:
        """The corpus view the pages show: corrected by reviews (see ``reviewed``)."""
        return self.reviewed()[0]


class LiveCorpus:
    """One ``CorpusState`` per store, updated from the store's changes (issue 13).

    ``refresh()`` reads only the articles changed since the last ``Store.corpus_marker`` (new
    revisions, reanalyses) in pages of ``PAGE`` and adds them to the state, then publishes a
    new view. ``start()`` runs it every ``interval`` seconds in a daemon thread (the server does
    this at startup, so the first build happens then, not on a page). ``view()`` returns the
    latest published view at once; only when nothing was ever built and no build is running
    (a test client, a one-off) does it build inline. While an update runs, pages get the
    previous view.
    """

    PAGE = 2000

    def __init__(self, store: Store, *, interval: float = 2.0):
        self.store = store
        self.interval = interval
        self.state = CorpusState()
        self.seen: tuple[int, int, int] = (0, 0, 0)
        self._view: CorpusView | None = None
        self._updating = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.updates = 0

    def view(self) -> CorpusView:
        view = self._view
        if view is not None:
            if self._thread is None and self._updating.acquire(blocking=False):
                try:   # no refresher thread: catch up here, incrementally (new articles only)
                    self._refresh_locked()
                finally:
                    self._updating.release()
            return self._view
        with self._updating:   # the first build (or wait for the one running)
            if self._view is None:
                self._refresh_locked()
        return self._view

    def refresh(self) -> bool:
        """Bring the state up to date with the store; True when something changed."""
        with self._updating:
            return self._refresh_locked()

    def _refresh_locked(self) -> bool:
        marker = self.store.corpus_marker()
        if marker == self.seen and self._view is not None:
            return False
        after = 0
        changed = 0
        while True:
            page = self.store.changed_analyses(self.seen, after_id=after, limit=self.PAGE)
            if not page:
                break
            changed += self.state.add(page)
            after = page[-1]["article"]["id"]
            if len(page) < self.PAGE:
                break
        self.seen = marker
        self._view = self.state.view()
        self.updates += 1
        return bool(changed)

    def start(self) -> None:
        if self._thread is not None:
            return

        def loop():
            while not self._stop.is_set():
                try:
                    self.refresh()
                except Exception:  # noqa: BLE001 - a failed update keeps the last view; retried next tick
                    log.exception("corpus update failed")
                self._stop.wait(self.interval)

        self._thread = threading.Thread(target=loop, name="warwatch-corpus", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
