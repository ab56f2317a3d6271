"""``warwatch bench corpus``: time and peak memory of the corpus stage at 1,000 to 100,000 articles.

1. Templates: the real analyses of the demo corpus (ingested into a temporary store with the
   normal pipeline), or of the articles of ``--source STORE``.
2. Generated articles are copies of them in stories: a story takes one template, moves it to
   its own day (every date in it shifted) and its own place (every place id given a region
   suffix and its coordinates moved by the region's offset) and is reported by 1-5 outlets,
   each copy with about a quarter of its words replaced, so copies are not near-duplicates.
   Stories are spread evenly over two years, so places and days fill as the size grows.
3. For each size, in a fresh process: a full build (``CorpusState.add`` in chunks of 2,000 in
   date order, then ``view()`` with its look-ups), then an incremental update with 100 new
   articles (dated after the newest), ``view()`` and its look-ups; wall times and the process's peak RSS. Generation is not timed.

Times are wall-clock (``_s``) and CPU time of the process (``_cpu_s``, steadier on a shared
machine). ``per_article_ms`` (CPU) and ``growth`` (per-article build time against the smallest size, measured in
the same run) show whether the build grows near-linearly (1.0 is linear).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

SITES = [f"outlet-{i}" for i in range(40)]
CHUNK = 2000
REGION_DEG = 0.6
START = datetime(2016, 1, 1, tzinfo=timezone.utc)
SPAN_DAYS = 730


def templates(source: str | Path | None = None, limit: int = 100_000) -> list[dict]:
    """Stored analyses to copy: of ``source`` (a store; its newest ``limit``), else of the demo corpus."""
    from ..store import Store

    if source is not None:
        with Store.open(source, create=False) as store:
            found = store.recent_analyses(limit)
    else:
        from .. import service
        from ..config import load_settings

        folder = service.default_examples()
        if folder is None:
            raise RuntimeError("demo corpus not found: pass --source STORE")
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "demo.db") as store:
            service.ingest_demo(store, load_settings(), folder)
            found = store.recent_analyses(100_000)
    return [a for a in found if a.get("events") or a.get("claims") or a.get("control_statements")]


def _shift_date(value: Any, delta: timedelta) -> Any:
    if not value or not isinstance(value, str):
        return value
    try:
        if len(value) == 10:
            return (datetime.fromisoformat(value) + delta).date().isoformat()
        return (datetime.fromisoformat(value.replace("Z", "+00:00")) + delta).isoformat()
    except ValueError:
        return value


def _place(pid: Any, region: int) -> Any:
    return f"{pid}~{region}" if isinstance(pid, str) else pid


def _copy(template: str, *, aid: int, site: str, day: datetime, region: int, rng: random.Random) -> dict:
    a = json.loads(template)
    art = a["article"]
    old = datetime.fromisoformat(str(art.get("published") or "2016-08-24T00:00:00").replace("Z", "+00:00"))
    if old.tzinfo is None:
        old = old.replace(tzinfo=timezone.utc)
    delta = timedelta(days=(day.date() - old.date()).days)
    words = (art.get("text") or "")[:3000].split()
    for k in range(len(words)):
        if rng.random() < 0.25:
            words[k] = f"v{rng.randrange(100000)}"
    art.update(id=aid, site=site, url=f"https://{site}.example/{aid}", text=" ".join(words),
               published=(day + timedelta(hours=rng.randrange(36))).isoformat())
    dlat, dlon = (region % 40) * REGION_DEG, (region // 40) * REGION_DEG
    for p in a.get("places") or ():
        p["id"] = _place(p["id"], region)
        if p.get("lat") is not None:
            p["lat"], p["lon"] = p["lat"] + dlat, p["lon"] + dlon
    for e in a.get("events") or ():
        e["place"] = _place(e.get("place"), region)
        e["date"] = _shift_date(e.get("date"), delta)
    for c in a.get("claims") or ():
        about = c.get("about") or {}
        about["places"] = [_place(p, region) for p in about.get("places") or ()]
    for s in a.get("control_statements") or ():
        s["place"] = _place(s.get("place"), region)
        s["as_of"] = _shift_date(s.get("as_of"), delta)
        s["published"] = None
    for c in a.get("contradictions") or ():
        c["place"] = _place(c.get("place"), region)
    return a


def generate(tpls: list[str], n: int, *, seed: int = 13, first_id: int = 1, start: datetime = START,
             span_days: int = SPAN_DAYS) -> Iterator[dict]:
    """``n`` analysed articles in stories (see the module doc), oldest first."""
    rng = random.Random(seed)
    regions = max(1, n // 40)
    made = 0
    while made < n:
        day = start + timedelta(days=span_days * made / max(n, 1))
        template = rng.choice(tpls)
        region = rng.randrange(regions)
        for site in rng.sample(SITES, min(n - made, rng.choice((1, 1, 2, 2, 3, 5)))):
            yield _copy(template, aid=first_id + made, site=site, day=day, region=region, rng=rng)
            made += 1


def _measure(args: tuple[list[str], int, int]) -> dict:
    from ..reconcile.state import CorpusState

    tpls, n, update = args
    state = CorpusState()
    built = built_cpu = 0.0
    chunk: list[dict] = []

    def timed(batch: list[dict]) -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        state.add(batch)
        state.view()   # with its look-ups (CorpusView.index)
        return time.perf_counter() - t, time.process_time() - c

    for a in generate(tpls, n):
        chunk.append(a)
        if len(chunk) >= CHUNK:
            t = time.perf_counter()
            c = time.process_time()
            state.add(chunk)
            built += time.perf_counter() - t
            built_cpu += time.process_time() - c
            chunk = []
    w, c = timed(chunk)
    built, built_cpu = built + w, built_cpu + c
    newest = START + timedelta(days=SPAN_DAYS)
    fresh = list(generate(tpls, update, seed=99, first_id=n + 1, start=newest, span_days=2))
    updated, updated_cpu = timed(fresh)
    view = state.view()
    return {"articles": n, "rebuild_s": round(built, 3), "rebuild_cpu_s": round(built_cpu, 3),
            "update_s": round(updated, 3), "update_cpu_s": round(updated_cpu, 3),
            "update_articles": update, "per_article_ms": round(1000 * built_cpu / n, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "merged": len(view.merged), "contradictions": len(view.contradictions),
            "timelines": len(view.timelines)}


def run(sizes: list[int], *, source: str | Path | None = None, update: int = 100) -> dict:
    started = time.perf_counter()
    tpls = [json.dumps(a, default=str) for a in templates(source)]
    if not tpls:
        raise RuntimeError("no analysed articles to copy")
    ctx = mp.get_context("spawn")
    results = []
    for n in sizes:
        with ctx.Pool(1) as pool:   # a fresh process per size: its peak RSS is this size's
            results.append(pool.apply(_measure, ((tpls, n, update),)))
    base = results[0]["per_article_ms"] if results else None
    for r in results:
        r["growth"] = round(r["per_article_ms"] / base, 2) if base else None
    return {"templates": len(tpls), "source": str(source) if source else "demo", "sizes": results,
            "seconds": round(time.perf_counter() - started, 1)}


# -- an analysed store, for ``bench serve --analysed`` -------------------------------------------


def to_article(a: dict):
    """The ``Article`` record of a generated analysed article (for ``Store.bulk_load``)."""
    from ..records import Article

    art = a["article"]
    words = len((art.get("text") or "").split())
    published = datetime.fromisoformat(art["published"])
    return Article(url=art["url"], title=art.get("title") or f"report {art['id']}", author=None, site=art["site"],
                   published=published, updated=None, language="en", word_count=words,
                   reading_minutes=max(1, round(words / 230)), text=art.get("text") or "")


def load_analysed(store, analysed: list[dict]) -> int:
    """Bulk-load generated analysed articles into ``store`` with their analyses (no pipeline run,
    no event rows: what the corpus view reads). Ids are the store's next ones."""
    first = (store.change_marker()[1] or 0) + 1
    n = store.bulk_load((to_article(a) for a in analysed), source="bench")
    store.attach_analyses({first + i: {k: v for k, v in a.items() if k != "article"} for i, a in enumerate(analysed)})
    return n


def build_store(path: str | Path, n: int, *, source: str | Path | None = None) -> int:
    """A store of ``n`` generated analysed articles at ``path`` (see ``generate``)."""
    from ..store import Store

    tpls = [json.dumps(a, default=str) for a in templates(source)]
    with Store.open(path) as store:
        batch: list[dict] = []
        for a in generate(tpls, n):
            batch.append(a)
            if len(batch) >= CHUNK:
                load_analysed(store, batch)
                batch = []
        load_analysed(store, batch)
    return n


def writer(path: str, seconds: float, per_second: int, start_id: int) -> int:
    """Add ``per_second`` generated analysed articles a second to the store for ``seconds`` (the
    writes going on while ``bench serve`` measures)."""
    from ..store import Store

    tpls = [json.dumps(a, default=str) for a in templates(path, limit=200)]   # copies of what the store holds
    stop = time.monotonic() + seconds
    made = 0
    newest = START + timedelta(days=SPAN_DAYS)
    with Store.open(path) as store:
        while time.monotonic() < stop:
            t = time.monotonic()
            batch = list(generate(tpls, per_second, seed=start_id + made, first_id=start_id + made,
                                  start=newest, span_days=1))
            load_analysed(store, batch)
            made += len(batch)
            time.sleep(max(0.0, 1.0 - (time.monotonic() - t)))
    return made
