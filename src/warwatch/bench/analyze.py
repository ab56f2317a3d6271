"""``warwatch bench analyze``: per-document pipeline throughput and memory, against spaCy.

Each repeat runs in fresh processes so peak memory is that of one analysing process (spaCy
model, actor matcher, gazetteer, classifier). Models and indexes load before timing starts and
are reported separately. In the same run, over the same texts, two baselines:

* extraction alone (``analyze(..., understand=False)``), in the pipeline's process;
* spaCy's own full pipeline of the same model (every component enabled) through ``nlp.pipe``,
  in a process of its own, on the extracted texts: ``vs_spacy`` is the whole analysis' speed
  over spaCy's (above 1: the whole analysis is faster than spaCy's full pipeline alone).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _raws(path: str):
    """The documents of ``path``: any input warwatch reads, or FA-KES's CSV (its articles as
    plain-text documents, ``bench realnews`` style)."""
    from ..records import RawDocument
    from ..sources import iter_inputs

    if str(path).lower().endswith(".csv"):
        from .realnews import fakes_documents

        return [raw for _, raw in fakes_documents(path)]
    return [r for r in iter_inputs([path]) if isinstance(r, RawDocument)]


def pipeline_run(path: str) -> dict:
    """The whole analysis (``analyze_many``) and extraction alone, timed in this process."""
    from ..pipeline import analyze, analyze_many, default_pipeline

    raws = _raws(path)
    started = time.perf_counter()
    pipeline = default_pipeline()           # models, matcher, gazetteer, classifier
    analyze_many(raws[:1], pipeline=pipeline)
    load_seconds = time.perf_counter() - started
    t0 = time.perf_counter()
    plain = [analyze(raw, understand=False) for raw in raws]
    extract_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    full = analyze_many(raws, pipeline=pipeline)
    full_seconds = time.perf_counter() - t1
    return {"articles": len(full), "words": sum(a.article.word_count for a in plain),
            "load_seconds": load_seconds, "extract_seconds": extract_seconds, "full_seconds": full_seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def spacy_run(path: str) -> dict:
    """spaCy's full pipeline (nothing disabled) over the same extracted texts, through ``nlp.pipe``."""
    import spacy

    from ..nlp.model import model_names
    from ..pipeline import analyze

    texts = [analyze(raw, understand=False).article.text for raw in _raws(path)]
    nlp = None
    for name in model_names():
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    list(nlp.pipe(texts[:1]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"spacy_seconds": time.perf_counter() - t0, "spacy_pipeline": list(nlp.pipe_names),
            "spacy_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(kind: str, path: str | Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "warwatch.bench.analyze", kind, str(path)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(path: str | Path, repeat: int = 3) -> dict:
    runs, base = [], []
    for i in range(repeat):   # alternate which goes first, so neither always meets a warm machine
        pair = [("pipeline", runs), ("spacy", base)]
        for kind, into in (pair if i % 2 == 0 else pair[::-1]):
            into.append(_child(kind, path))
    med = lambda rows, key: statistics.median(r[key] for r in rows)  # noqa: E731
    full, extract, spacy_s = med(runs, "full_seconds"), med(runs, "extract_seconds"), med(base, "spacy_seconds")
    articles, words = runs[0]["articles"], runs[0]["words"]
    aps = articles / full if full else None
    spacy_aps = articles / spacy_s if spacy_s else None
    return {
        "articles": articles, "words": words, "runs": repeat,
        "articles_per_second": round(aps, 2) if aps else None,
        "words_per_second": round(words / full) if full else None,
        "spacy_articles_per_second": round(spacy_aps, 2) if spacy_aps else None,
        "vs_spacy": round(aps / spacy_aps, 3) if aps and spacy_aps else None,
        "spacy_pipeline": base[0]["spacy_pipeline"],
        "extract_only_articles_per_second": round(articles / extract, 2) if extract else None,
        "ratio_to_extract_only": round(extract / full, 3) if full else None,
        "load_seconds": round(med(runs, "load_seconds"), 2),
        "peak_rss_mb": round(med(runs, "peak_rss_mb"), 1),
        "spacy_peak_rss_mb": round(med(base, "spacy_peak_rss_mb"), 1),
    }


if __name__ == "__main__":
    kind, target = sys.argv[1], sys.argv[2]
    print(json.dumps(pipeline_run(target) if kind == "pipeline" else spacy_run(target)))
