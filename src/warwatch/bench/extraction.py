"""Extraction benchmark: ``warwatch bench extraction PATH --format aeb|wcxb --json``.

Runs the same :func:`warwatch.extract.extract` the pipeline uses over a gold folder and
scores the main text (and, for WCXB, the metadata). Gold data is read by path and never
copied anywhere.

Formats
-------
``aeb``  ScrapingHub article-extraction-benchmark: ``html/<id>.html.gz`` and
         ``ground-truth.json`` = ``{id: {"articleBody": ..., "url": ...}}``.
``wcxb`` WCXB: ``html/NNNN.html.gz`` and ``ground-truth/NNNN.json`` with ``url`` and
         ``ground_truth.{main_content,title,author,publish_date}``.

Metrics
-------
AEB, the benchmark's own metric: text is tokenised with ``\\w+`` (case kept), the tokens
become 4-gram shingles counted as a multiset (a text shorter than 4 tokens gives one
shorter shingle), true positives are the multiset overlap. Per page
precision = tp/(tp+fp), recall = tp/(tp+fn); when gold and prediction are both empty the
page scores 1.0 (the benchmark adds one true positive in that case), when there is no
overlap it scores 0. ``f1``, ``precision`` and ``recall`` are the means over pages (F1
computed per page, then averaged), as in the benchmark's ``evaluate.py``.

WCXB, word-level: text is lowercased and tokenised with ``\\w+`` (Unicode word
characters); precision/recall/F1 come from the bag-of-words (multiset) overlap between
the extracted text and ``main_content``, per page, then averaged over pages. Both empty
scores 1.0, one empty scores 0.

Metadata accuracy (WCXB), each over the pages whose gold has the field:

* ``title_accuracy``: normalised exact match (Unicode NFKC, case-folded, every run of
  non-alphanumeric characters reduced to one space, trimmed);
* ``author_accuracy``: normalised exact match of the author string, where "and", "&" and
  ";" count as commas (so "A and B" equals "A, B");
* ``published_accuracy``: same calendar day as ``publish_date`` (the date of the
  published datetime as stated by the page, not converted to UTC).

A page that fails extraction (``ExtractionError``) counts as an empty prediction.
``pages_per_second`` = pages / total seconds spent inside the extraction calls (one
process; reading and un-gzipping the files is not timed). One untimed warm-up call on the
first page comes first, so one-time costs (imports, the language-id model) are not
spread over the pages: the figure is the steady-state rate of a worker.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from warwatch.records import Article, ExtractionError, RawDocument

_WORD = re.compile(r"\w+", re.UNICODE)
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_AND = re.compile(r"\s+(?:and|&)\s+|\s*;\s*", re.IGNORECASE)


# --- metrics -----------------------------------------------------------------------

def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams as in the AEB evaluation (``\\w+`` tokens, case kept)."""
    tokens = _WORD.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        gram = tuple(tokens[i : i + n])
        if gram:
            out[gram] += 1
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    if fp == 0 and fn == 0:
        return 1.0, 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0, 0.0
    p = tp / (tp + fp)
    r = tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)


def _overlap(true: Counter, pred: Counter) -> tuple[int, int, int]:
    tp = sum((true & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    if not true and not pred:
        tp += 1  # AEB: an empty prediction of an empty gold is right
    return tp, fp, fn


def aeb_scores(true: str, pred: str) -> tuple[float, float, float]:
    """(precision, recall, f1) of one page with the AEB 4-gram shingle metric."""
    return _prf(*_overlap(shingles(true), shingles(pred)))


def word_scores(true: str, pred: str) -> tuple[float, float, float]:
    """(precision, recall, f1) of one page with lowercase bag-of-words overlap."""
    t = Counter(_WORD.findall((true or "").lower()))
    p = Counter(_WORD.findall((pred or "").lower()))
    return _prf(*_overlap(t, p))


def norm_text(value: str | None) -> str:
    value = unicodedata.normalize("NFKC", value or "").casefold()
    return _NON_ALNUM.sub(" ", value).strip()


def norm_author(value: str | None) -> str:
    return norm_text(_AND.sub(", ", value or ""))


# --- gold readers -------------------------------------------------------------------

def _read_html(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def _aeb_pages(root: Path) -> Iterator[dict[str, Any]]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = root / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        item = truth[page_id]
        yield {"id": page_id, "path": path, "url": item.get("url"), "text": item.get("articleBody") or ""}


def _wcxb_pages(root: Path) -> Iterator[dict[str, Any]]:
    for gt_path in sorted((root / "ground-truth").glob("*.json")):
        path = root / "html" / f"{gt_path.stem}.html.gz"
        if not path.exists():
            continue
        data = json.loads(gt_path.read_text(encoding="utf-8"))
        gold = data.get("ground_truth") or {}
        yield {
            "id": gt_path.stem,
            "path": path,
            "url": data.get("url"),
            "text": gold.get("main_content") or "",
            "title": gold.get("title"),
            "author": gold.get("author"),
            "published": gold.get("publish_date"),
        }


# --- reference --------------------------------------------------------------------

def trafilatura_baseline(raw: RawDocument) -> Article:
    """Plain trafilatura (default options, metadata on) on the raw bytes: the reference
    figures in docs/extraction.md. ``run(path, fmt, extractor=trafilatura_baseline)``."""
    import trafilatura
    from datetime import datetime

    doc = trafilatura.bare_extraction(raw.content, url=raw.url, with_metadata=True)
    if doc is None:
        raise ExtractionError("trafilatura found no text")
    published = datetime.fromisoformat(doc.date) if doc.date else None
    return Article(raw.url, doc.title, doc.author, doc.sitename, published, None, None, 0, 1, doc.text or "")


# --- runner -------------------------------------------------------------------------

def run(
    path: str | Path,
    fmt: str,
    limit: int | None = None,
    extractor: Callable[[RawDocument], Article] | None = None,
    details: bool = False,
) -> dict[str, Any]:
    """Score ``extractor`` (default: :func:`warwatch.extract.extract`) on a gold folder.

    Returns ``{"pages", "f1", "precision", "recall", "pages_per_second"}`` and, for
    ``wcxb``, ``"title_accuracy", "published_accuracy", "author_accuracy"``. With
    ``details=True`` a ``"per_page"`` list is added (for error analysis).
    """
    if extractor is None:
        from warwatch.extract import extract as extractor  # noqa: PLW0127
    root = Path(path)
    fmt = fmt.lower()
    if fmt == "aeb":
        pages = _aeb_pages(root)
        scorer = aeb_scores
    elif fmt == "wcxb":
        pages = _wcxb_pages(root)
        scorer = word_scores
    else:
        raise ValueError(f"unknown benchmark format {fmt!r} (expected aeb or wcxb)")

    n = 0
    seconds = 0.0
    sums = [0.0, 0.0, 0.0]
    meta_hits = Counter()
    meta_total = Counter()
    per_page = []
    warmed = False
    for page in pages:
        if limit is not None and n >= limit:
            break
        raw = RawDocument(source=str(page["path"]), content=_read_html(page["path"]), url=page["url"])
        if not warmed:  # one-time imports and model loads are not per-page work
            warmed = True
            try:
                extractor(raw)
            except ExtractionError:
                pass
        start = time.perf_counter()
        try:
            article: Article | None = extractor(raw)
        except ExtractionError:
            article = None
        seconds += time.perf_counter() - start
        n += 1
        pred = article.text if article is not None else ""
        p, r, f = scorer(page["text"], pred)
        sums[0] += p
        sums[1] += r
        sums[2] += f
        row = {"id": page["id"], "precision": p, "recall": r, "f1": f}
        if fmt == "wcxb":
            if page["title"]:
                meta_total["title"] += 1
                ok = article is not None and norm_text(article.title) == norm_text(page["title"])
                meta_hits["title"] += ok
                row["title"] = (ok, article.title if article else None, page["title"])
            if page["author"]:
                meta_total["author"] += 1
                ok = article is not None and norm_author(article.author) == norm_author(page["author"])
                meta_hits["author"] += ok
                row["author"] = (ok, article.author if article else None, page["author"])
            if page["published"]:
                meta_total["published"] += 1
                got = article.published.date().isoformat() if article and article.published else None
                ok = got is not None and got == str(page["published"])[:10]
                meta_hits["published"] += ok
                row["published"] = (ok, got, page["published"])
        per_page.append(row)

    result: dict[str, Any] = {
        "pages": n,
        "f1": round(sums[2] / n, 4) if n else 0.0,
        "precision": round(sums[0] / n, 4) if n else 0.0,
        "recall": round(sums[1] / n, 4) if n else 0.0,
        "pages_per_second": round(n / seconds, 1) if seconds > 0 else 0.0,
    }
    if fmt == "wcxb":
        for key in ("title", "published", "author"):
            total = meta_total[key]
            result[f"{key}_accuracy"] = round(meta_hits[key] / total, 4) if total else None
    if details:
        result["per_page"] = per_page
    return result
