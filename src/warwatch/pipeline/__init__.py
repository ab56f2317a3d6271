"""The pure per-document pipeline: ``analyze(raw) -> Analysis``.

No database, no network. The CLI, the server, the benchmarks and the Spark job all call this
one function (or ``analyze_many`` for a batch), so a document gives the same analysis wherever
it is processed. Stages:

1. extract: read mode and metadata (``extract/``);
2. understand: the components of the configured pipeline (``warwatch.plugins.Component``,
   built by :class:`Pipeline` from the ``pipeline`` setting) on the typed document, for
   articles in the pipeline's language: spaCy, actors, dates, places, event candidates and
   their types, events, attributions, claims, control and contradictions.

Heavy resources (spaCy model, actor matcher, gazetteer, event classifier) load once per
process, when the pipeline is built.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..extract import extract
from ..records import Analysis, Article, Failure, RawDocument, WarwatchError
from .build import DEFAULT_COMPONENTS, Pipeline, PipelineError, default_pipeline, validate, validate_settings

__all__ = ["PIPELINE_VERSION", "DEFAULT_COMPONENTS", "Pipeline", "PipelineError", "analyze",
           "analyze_many", "default_pipeline", "understands", "validate", "validate_settings"]

PIPELINE_VERSION = "0.7.1"
"""Bump when the pipeline's output changes; stored analyses of older versions are redone when seen again."""


def analyze(raw: RawDocument, *, understand: bool = True, pipeline: Pipeline | None = None) -> Analysis:
    """Run every per-document stage on ``raw``. Raises ExtractionError when there is no article.

    ``understand=False`` stops after extraction (fast ingest); such analyses carry a pipeline
    version of their own, so ``warwatch reanalyze`` completes them later.
    """
    analysis = _extracted(raw, understand)
    if understand:
        pipeline = pipeline or default_pipeline()
        if understands(analysis.article, pipeline.lang) and _within_limit(analysis, max_text_chars()):
            pipeline(analysis)
    return analysis


def analyze_many(raws: Iterable[RawDocument], *, understand: bool = True, pipeline: Pipeline | None = None,
                 batch_size: int = 16) -> list[Analysis | Failure]:
    """``analyze`` over many documents, a batch at a time through each component (spaCy's
    ``nlp.pipe``, one classifier call per batch). A document that fails, in extraction or in a
    component, becomes a ``Failure`` with the reason; the others go on."""
    pipeline = (pipeline or default_pipeline()) if understand else None
    limit = max_text_chars()
    results: list[Analysis | Failure] = []
    batch: list[int] = []

    def flush() -> None:
        if batch:
            errors = pipeline.pipe([results[i] for i in batch])
            for i, error in zip(batch, errors):
                if error is not None:
                    results[i] = Failure(results[i].source, f"internal error: {error}")
            batch.clear()

    for raw in raws:
        try:
            analysis = _extracted(raw, understand)
        except WarwatchError as exc:
            results.append(Failure(raw.source, exc.reason))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug in extraction fails one document
            results.append(Failure(raw.source, f"internal error: {type(exc).__name__}: {exc}"[:300]))
            continue
        results.append(analysis)
        if pipeline is not None and understands(analysis.article, pipeline.lang) and _within_limit(analysis, limit):
            batch.append(len(results) - 1)
            if len(batch) >= batch_size:
                flush()
    flush()
    return results


def _extracted(raw: RawDocument, understand: bool) -> Analysis:
    article = extract(raw)
    version = PIPELINE_VERSION if understand else f"{PIPELINE_VERSION}+extract-only"
    return Analysis(article=article, source=raw.source, pipeline_version=version)


def max_text_chars() -> int:
    from ..config import load_settings

    return load_settings().max_text_chars


def _within_limit(analysis: Analysis, limit: int) -> bool:
    """Whether the text is short enough to understand (``max_text_chars``); a longer one (no news
    article is) is stored as extracted, marked extract-only, instead of holding a worker for
    minutes and hundreds of megabytes."""
    if len(analysis.article.text) <= limit:
        return True
    analysis.pipeline_version = f"{PIPELINE_VERSION}+extract-only"
    return False


def understands(article: Article, lang: str = "en") -> bool:
    """Whether the pipeline (of language ``lang``) reads ``article``: it has text, in that language."""
    return bool(article.text) and (article.language or lang).lower().startswith(lang)
