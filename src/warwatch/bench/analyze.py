"""``warwatch bench analyze``: per-document pipeline throughput and memory on a folder of pages.

Runs in a fresh process per repeat so peak memory is that of one analysing process (spaCy
model, actor matcher, gazetteer): the model and indexes are loaded before timing starts and
reported separately. The baseline measured in the same process is extraction alone
(``analyze(..., understand=False)``), so the understanding stage's cost reads as a ratio.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def one_run(folder: str) -> dict:
    from ..pipeline import analyze, default_pipeline
    from ..records import RawDocument
    from ..sources import iter_inputs

    raws = [r for r in iter_inputs([folder]) if isinstance(r, RawDocument)]
    started = time.perf_counter()
    if raws:  # load the model, matcher and gazetteer once, untimed
        default_pipeline()(analyze(raws[0], understand=False))
    load_seconds = time.perf_counter() - started
    t0 = time.perf_counter()
    plain = [analyze(raw, understand=False) for raw in raws]
    extract_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    full = [analyze(raw) for raw in raws]
    full_seconds = time.perf_counter() - t1
    words = sum(a.article.word_count for a in plain)
    return {"articles": len(full), "words": words, "load_seconds": load_seconds,
            "extract_seconds": extract_seconds, "full_seconds": full_seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run(path: str | Path, repeat: int = 3) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-m", "warwatch.bench.analyze", str(path)],
                             check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
    full, extract = med("full_seconds"), med("extract_seconds")
    articles, words = runs[0]["articles"], runs[0]["words"]
    return {
        "articles": articles, "words": words, "runs": repeat,
        "articles_per_second": round(articles / full, 2) if full else None,
        "words_per_second": round(words / full) if full else None,
        "extract_only_articles_per_second": round(articles / extract, 2) if extract else None,
        "ratio_to_extract_only": round(extract / full, 3) if full else None,
        "load_seconds": round(med("load_seconds"), 2),
        "peak_rss_mb": round(med("peak_rss_mb"), 1),
    }


if __name__ == "__main__":
    print(json.dumps(one_run(sys.argv[1])))
