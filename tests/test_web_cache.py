"""The web cache: one computation per store change; the home page's costly entry may be served
a little stale while the new one is computed in the background."""

from __future__ import annotations

import threading
import time

from warwatch.web.corpus import CorpusCache


class FakeStore:
    def __init__(self):
        self.marker = 0

    def change_marker(self):
        return (self.marker,)

    def mentions_marker(self):
        return 0


def test_a_stale_entry_is_served_while_the_new_one_is_computed():
    store = FakeStore()
    cache = CorpusCache(store, stale_seconds=5.0)
    release = threading.Event()
    calls = []

    def compute():
        calls.append(store.marker)
        if store.marker == 1:
            release.wait(5)   # the recomputation after the change is slow
        return f"value {store.marker}"

    assert cache._get("home", (), compute, stale=True) == "value 0"
    store.marker = 1
    assert cache._get("home", (), compute, stale=True) == "value 0"   # too young to recompute yet
    assert calls == [0]
    time.sleep(2.6)   # past half the bound (5 s)
    t0 = time.monotonic()
    assert cache._get("home", (), compute, stale=True) == "value 0"   # at once, not after the slow compute
    assert time.monotonic() - t0 < 1.0
    assert cache._get("home", (), compute, stale=True) == "value 0"   # and only one computation runs
    release.set()
    deadline = time.monotonic() + 5
    while cache._get("home", (), compute, stale=True) != "value 1" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache._get("home", (), compute, stale=True) == "value 1"
    assert calls == [0, 1]


def test_without_stale_and_past_the_bound_the_value_is_computed_for_the_store_as_it_is():
    store = FakeStore()
    cache = CorpusCache(store, stale_seconds=0.0)
    compute = lambda: f"value {store.marker}"   # noqa: E731
    assert cache._get("api", (), compute) == "value 0"
    store.marker = 1
    assert cache._get("api", (), compute) == "value 1"
    store.marker = 2
    assert cache._get("home", (), compute, stale=True) == "value 2"   # nothing younger than 0 s to serve
    store.marker = 3
    time.sleep(0.01)
    assert cache._get("home", (), compute, stale=True) == "value 3"
