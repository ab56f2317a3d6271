"""``warwatch bench ingest``: end-to-end ingest speed into SQLite, and peak memory.

A corpus of news-like pages (navigation, cookie banner, byline, meta tags, sidebar,
8-14 paragraphs) is generated from a fixed seed, so every run reads the same bytes.
Each timed run is a fresh process ingesting into a fresh SQLite file with the real
pipeline and store. Reported: medians over the runs, and a baseline measured in the
same invocation (plain ``trafilatura.extract`` over the same pages, one process, no
store) so the figure can be read as a ratio on a noisy machine.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("army forces town village fighters control offensive border river province spokesman statement "
         "reported said according monitor civilians killed wounded strikes clashes positions frontline "
         "withdrew advanced captured shelling convoy ceasefire negotiations commander officials sources "
         "residents displaced humanitarian checkpoint militia coalition government rebels district "
         "morning night week early late heavy fierce eastern western northern southern outskirts").split()
SITES = ("Levant Courier", "Anatolia Daily", "Euphrates Monitor", "Northern Wire", "Mesopotamia Post")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 26))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _links(rng: random.Random, n: int, words: int) -> str:
    return "".join(f'<li><a href="/section/{rng.randint(1, 999)}">{" ".join(rng.choices(WORDS, k=words)).title()}</a></li>'
                   for _ in range(n))


def make_page(i: int, rng: random.Random) -> str:
    """One page of roughly 60-90 KB, most of it chrome, as on real news sites."""
    site = SITES[i % len(SITES)]
    title = " ".join(rng.choices(WORDS, k=7)).capitalize()
    paragraphs = "\n".join(f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 5)))}</p>"
                           for _ in range(rng.randint(8, 14)))
    day = 1 + i % 28
    teasers = "".join(f'<div class="teaser"><a href="/story/{i + k}"><h4>{" ".join(rng.choices(WORDS, k=6))}</h4></a>'
                      f"<p>{_sentence(rng)}</p></div>" for k in range(1, 21))
    style = "".join(f".c{k}{{margin:{k % 7}px;padding:{k % 5}px;color:#{k * 2731 % 0xFFFFFF:06x}}}" for k in range(300))
    data_layer = ",".join(f'{{"slot":"ad-{k}","sizes":[[300,250],[728,90]],"targeting":{{"k":"{rng.choice(WORDS)}"}}}}'
                          for k in range(120))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<link rel="canonical" href="https://bench{i % 5}.example/story/{i}">
<meta property="article:published_time" content="2016-08-{day:02d}T0{i % 10}:15:00+03:00">
<meta name="author" content="Reporter {i % 37}"><style>{style}</style>
<script>window.dataLayer=[{data_layer}];</script></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><nav class="mega"><ul>{_links(rng, 60, 2)}</ul></nav>
<div class="ticker">Breaking: {_sentence(rng)}</div></header>
<main><article><h1>{title}</h1><p class="byline">By Reporter {i % 37}</p>
<time datetime="2016-08-{day:02d}">August {day}, 2016</time>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
{paragraphs}
</article><aside><h3>Most read</h3>{teasers}<div class="ad">Advertisement</div>
<div class="newsletter">Sign up for our daily briefing <input type="email"><button>Subscribe</button></div></aside></main>
<footer><ul>{_links(rng, 80, 2)}</ul><p>&copy; 2016 {site}. All rights reserved.</p></footer>
</body></html>"""


def generate(folder: Path, pages: int, seed: int = 20160824) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(pages):
        path = folder / f"page-{i:06d}.html"
        path.write_text(make_page(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def one_run(corpus: Path, db: Path, workers: int, understand: bool = True) -> dict:
    """Ingest ``corpus`` into a fresh ``db`` in this process; called in a child process."""
    from ..ingest import ingest
    from ..sources import iter_inputs
    from ..store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        summary = ingest(iter_inputs([str(corpus)]), store, workers=workers, understand=understand)
        stored = store.count()["articles"]
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "ingested": summary.new, "failed": len(summary.failures), "stored": stored,
            "peak_rss_mb_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak_rss_mb_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def baseline_run(corpus: Path) -> float:
    """Plain trafilatura over the same files, one process, no store: seconds."""
    import trafilatura

    files = sorted(corpus.glob("*.html"))
    started = time.perf_counter()
    for path in files:
        trafilatura.extract(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def run(pages: int = 2000, workers: int = 2, repeat: int = 3, understand: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="warwatch-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, pages)
        runs, baselines = [], []
        for n in range(repeat):
            out = subprocess.run([sys.executable, "-m", "warwatch.bench.ingest", str(corpus),
                                  str(Path(tmp) / f"run{n}.db"), str(workers), str(int(understand))],
                                 check=True, capture_output=True, text=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            baselines.append(baseline_run(corpus))
    seconds = statistics.median(r["seconds"] for r in runs)
    base = statistics.median(baselines)
    return {
        "pages": pages, "workers": workers, "runs": repeat, "understand": understand,
        "pages_per_second": round(pages / seconds, 1),
        "seconds_median": round(seconds, 2),
        "baseline_trafilatura_pages_per_second": round(pages / base, 1),
        "ratio_to_baseline": round(base / seconds, 2),
        "peak_rss_mb_main": round(statistics.median(r["peak_rss_mb_main"] for r in runs), 1),
        "peak_rss_mb_worker": round(statistics.median(r["peak_rss_mb_worker"] for r in runs), 1),
        "stored": runs[-1]["stored"], "failed": runs[-1]["failed"],
    }


if __name__ == "__main__":
    corpus_arg, db_arg, workers_arg, understand_arg = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    print(json.dumps(one_run(Path(corpus_arg), Path(db_arg), workers_arg, understand_arg == "1")))
