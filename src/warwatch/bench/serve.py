"""``warwatch bench serve``: latency and throughput of the web app over a 100,000-article store.

1. Generate ``articles`` news-like articles (fixed seed) straight into a temporary SQLite store
   with ``Store.bulk_load`` (no extraction: this measures serving, not ingest). Articles come
   in stories: one event at one place reported by 1-8 of 20 sites within two days, spread
   over two years, so the home page's Top content and Trending have real work to do and a
   place-name search matches a realistic share of the store (~0.5%).
2. Start the server (``warwatch.web.serve``) in a separate process on 127.0.0.1.
3. Drive load from another process: ``concurrency`` threads with keep-alive HTTP clients,
   ``seconds`` per endpoint, for: the home page, an article page (random ids), a search page
   (random place names), the list API (random offset up to 1,000) and the list API filtered
   by a random site.
4. Repeat ``repeat`` times; report medians of p50, p95 and requests/s per endpoint, and the
   first (cold-cache) home page time.
"""

from __future__ import annotations

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

SITES = [f"{a} {b}" for a, b in zip(
    ("Levant", "Anatolia", "Euphrates", "Northern", "Mesopotamia", "Harran", "Orontes", "Taurus", "Badia",
     "Jazira", "Aleppo", "Idlib", "Tigris", "Hama", "Qalamoun", "Golan", "Raqqa", "Homs", "Latakia", "Deir"),
    ("Courier", "Daily", "Monitor", "Wire", "Post", "Gazette", "Herald", "Observer", "Tribune", "Review",
     "Times", "Ledger", "Journal", "Press", "Dispatch", "Chronicle", "Bulletin", "Record", "Standard", "Mail"))]
SYLLABLES = "al bab tal qar mar sab rin jar ab lus man bij kob ane haz ra hal ka ras ain deir zor mis hir sha dad".split()
EVENTS = [("clashes erupt near", "Clashes erupted near {p} as {a} fighters pushed toward {q}."),
          ("shelling hits", "Shelling hit {p} overnight, residents said, as {a} and {b} traded fire."),
          ("{a} takes", "{A} fighters took control of {p} after a day of fighting with {b}."),
          ("{a} withdraws from", "{A} forces withdrew from {p} toward {q}, commanders said."),
          ("air strikes on", "Air strikes on {p} killed several people, a monitoring group said."),
          ("aid convoy reaches", "An aid convoy reached {p} carrying flour, blankets and medicine."),
          ("ceasefire holds in", "A local ceasefire held in {p} for a second day, officials said."),
          ("displaced families return to", "Displaced families returned to {p} after {a} forces left.")]
ACTORS = ["rebel", "militia", "army", "Kurdish", "Turkish-backed", "government", "tribal", "coalition"]
FILLER = ("the road the town villages fighting residents front line officials monitor statement said reported "
          "according commanders positions artillery convoy checkpoint families camps river bridge hills "
          "morning night heavy local council water electricity schools fields market hospital").split()


def places(rng: random.Random, n: int = 400) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if rng.random() < 0.3:
            name = rng.choice(["Tal", "Ain", "Deir", "Ras", "Jisr"]) + " " + name
        out.add(name)
    return sorted(out)


def vocabulary(rng: random.Random, n: int = 1500) -> list[str]:
    """Common words plus invented ones, drawn with a Zipf-like skew, so texts are not all alike."""
    words = list(FILLER)
    while len(words) < n:
        words.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + rng.choice(("", "s", "ed", "ing")))
    return words


def generate(n: int, seed: int = 20160824):
    """Yield ``n`` Article records, grouped in stories, oldest first."""
    from ..records import Article

    rng = random.Random(seed)
    names = places(rng)
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    span = 2 * 365 * 86400
    made = 0
    story = 0
    while made < n:
        story += 1
        place, other = rng.sample(names, 2)
        a, b = rng.sample(ACTORS, 2)
        head, lead = rng.choice(EVENTS)
        when = start + timedelta(seconds=span * made / n + rng.randint(0, 3600))
        reports = min(n - made, rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 8)))
        for k, site in enumerate(rng.sample(SITES, reports)):
            fmt = dict(p=place, q=other, a=a, b=b, A=a.capitalize())
            title = (head.format(**fmt).capitalize() + " " + place).replace("  ", " ")
            if k:
                title = rng.choice((f"{place}: ", "", "Report: ")) + title
            paras = [lead.format(**fmt)]
            for _ in range(rng.randint(5, 10)):
                words = rng.choices(vocab, weights=weights, k=rng.randint(25, 55))
                if rng.random() < 0.3:
                    words.insert(rng.randrange(len(words)), rng.choice(names))
                paras.append(" ".join(words).capitalize() + ".")
            text = "\n\n".join(paras)
            words = len(text.split())
            yield Article(url=f"https://{site.lower().replace(' ', '-')}.example/{story}/{k}", title=title,
                          author=f"Reporter {rng.randint(1, 300)}", site=site,
                          published=when + timedelta(hours=rng.randint(0, 40)), updated=None, language="en",
                          word_count=words, reading_minutes=max(1, round(words / 230)), text=text)
            made += 1


def build(db: Path, articles: int) -> float:
    from ..store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        store.bulk_load(generate(articles), source="bench")
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARWATCH_API") and k != "WARWATCH_PRIVATE_READS"}
    code = ("import sys; from warwatch.web import serve; "
            "serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]), log_level='warning')")
    return subprocess.Popen([sys.executable, "-c", code, str(db), str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def load(base: str, endpoint: str, seconds: float, concurrency: int, max_id: int, seed: int = 1) -> dict:
    """Drive one endpoint; runs in the load-generator process."""
    import threading

    import httpx

    rng = random.Random(seed)
    names = places(random.Random(20160824))
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def target() -> str:
        if endpoint == "home":
            return "/"
        if endpoint == "article":
            return f"/articles/{rng.randint(1, max_id)}"
        if endpoint == "events":
            return "/events?view=merged"
        if endpoint == "contested":
            return "/contested"
        if endpoint == "search":
            return "/search?q=" + rng.choice(names).replace(" ", "+")
        offset = rng.randint(0, 20) * 50
        if endpoint == "list_api_site":
            return f"/api/articles?limit=50&offset={offset}&site=" + rng.choice(SITES).replace(" ", "+")
        return f"/api/articles?limit=50&offset={offset}"

    def worker(stop: float) -> None:
        nonlocal errors
        mine, bad = [], 0
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.perf_counter() < stop:
                url = target()
                t = time.perf_counter()
                r = client.get(url)
                mine.append(time.perf_counter() - t)
                bad += r.status_code != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    stop = time.perf_counter() + seconds
    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(stop,)) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 2) if latencies else 0.0

    return {"requests": len(latencies), "errors": errors, "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "rps": round(len(latencies) / elapsed, 1)}


def _load_process(base: str, endpoint: str, seconds: float, concurrency: int, max_id: int, seed: int) -> dict:
    code = ("import json, sys; from warwatch.bench.serve import load; "
            "print(json.dumps(load(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), "
            "int(sys.argv[5]), int(sys.argv[6]))))")
    out = subprocess.run([sys.executable, "-c", code, base, endpoint, str(seconds), str(concurrency), str(max_id),
                          str(seed)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


ENDPOINTS = ("home", "article", "search", "list_api", "list_api_site")
CORPUS_ENDPOINTS = ("home", "events", "contested")
TARGETS_MS = {"article": 50, "list_api": 50, "list_api_site": 50, "search": 150}
CORPUS_TARGETS_MS = {"home": 150, "events": 150, "contested": 150}


def _writer_process(path: Path, seconds: float, per_second: int, start_id: int) -> subprocess.Popen:
    code = ("import sys; from warwatch.bench.corpus import writer; "
            "writer(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))")
    return subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds), str(per_second), str(start_id)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run(articles: int = 100_000, seconds: float = 10.0, concurrency: int = 4, repeat: int = 3,
        db: str | Path | None = None, analysed: bool = False, writes: int = 0) -> dict:
    """Build the store (unless ``db`` names an existing one), serve it, measure; medians of ``repeat`` runs.

    ``analysed``: the store holds generated analysed articles (``bench.corpus``: copies of the
    demo's analyses), and the home, merged-events and contested pages are measured, the pages
    that read the corpus view; ``writes``: articles a second added by another process while
    the load runs (the corpus view is updated in the background meanwhile).
    """
    import httpx

    endpoints = CORPUS_ENDPOINTS if analysed else ENDPOINTS
    targets = CORPUS_TARGETS_MS if analysed else TARGETS_MS
    with tempfile.TemporaryDirectory(prefix="warwatch-bench-serve-") as tmp:
        path = Path(db) if db else Path(tmp) / "serve.db"
        if path.exists():
            build_seconds = 0.0
        elif analysed:
            from .corpus import build_store

            t = time.perf_counter()
            build_store(path, articles)
            build_seconds = time.perf_counter() - t
        else:
            build_seconds = build(path, articles)
        from ..store import Store

        with Store.open(path) as store:
            counts = store.count()
            max_id = store.change_marker()[0]
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = _start_server(path, port)
        try:
            _wait(base, proc)
            t = time.perf_counter()
            httpx.get(base + "/", timeout=300).raise_for_status()
            cold_home = time.perf_counter() - t
            runs: dict[str, list[dict]] = {e: [] for e in endpoints}
            writer = _writer_process(path, repeat * len(endpoints) * (seconds + 2), writes, max_id + 1) \
                if writes else None
            try:
                for r in range(repeat):
                    for endpoint in endpoints:
                        runs[endpoint].append(_load_process(base, endpoint, seconds, concurrency, max_id,
                                                            seed=r + 1))
            finally:
                if writer is not None:
                    writer.terminate()
                    writer.wait(10)
            with Store.open(path) as store:
                written = store.count()["articles"] - counts["articles"]
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    result = {
        "articles": counts["articles"], "build_seconds": round(build_seconds, 1),
        "cold_home_ms": round(cold_home * 1000, 1), "seconds": seconds, "concurrency": concurrency,
        "repeat": repeat, "cpus": os.cpu_count(), "analysed": analysed, "writes_per_second": writes,
        "written_during_load": written, "endpoints": {},
    }
    for endpoint, rows in runs.items():
        med = {k: round(statistics.median(row[k] for row in rows), 2) for k in ("p50_ms", "p95_ms", "rps")}
        med["requests"] = sum(row["requests"] for row in rows)
        med["errors"] = sum(row["errors"] for row in rows)
        if endpoint in targets:
            med["target_p95_ms"] = targets[endpoint]
            med["meets_target"] = med["p95_ms"] <= targets[endpoint]
        result["endpoints"][endpoint] = med
    return result


if __name__ == "__main__":  # python -m warwatch.bench.serve [articles] [seconds] [concurrency]
    argv = sys.argv[1:]
    print(json.dumps(run(articles=int(argv[0]) if argv else 100_000, seconds=float(argv[1]) if len(argv) > 1 else 10.0,
                         concurrency=int(argv[2]) if len(argv) > 2 else 4), indent=2))
