"""The pure per-document pipeline: ``analyze(raw) -> Analysis``.

No database, no network. The CLI, the server, the benchmarks and (later) the Spark
job all call this one function, so a document gives the same analysis wherever it
is processed. Stages, in order:

1. extract: read mode and metadata (``extract/``);
2. understand: actors, dates and places (``nlp/``), then events (``events/``), attributed
   claims, who holds each place and which claims contradict each other (``claims/``), on
   English text only: the bundled spaCy model is English, and
   running it on other languages gives confident nonsense.

Heavy resources (spaCy model, actor matcher, gazetteer) load once per process.
"""

from __future__ import annotations

from .extract import extract
from .records import Analysis, Article, RawDocument

PIPELINE_VERSION = "0.6.1"
"""Bump when the pipeline's output changes; stored analyses of older versions are redone when seen again."""

MAX_NLP_CHARS = 200_000
"""Longer texts (rare for news) are understood only up to here; offsets stay valid."""


def analyze(raw: RawDocument, *, understand: bool = True) -> Analysis:
    """Run every per-document stage on ``raw``. Raises ExtractionError when there is no article.

    ``understand=False`` stops after extraction (fast ingest); such analyses carry a pipeline
    version of their own, so ``warwatch reanalyze`` completes them later.
    """
    article = extract(raw)
    version = PIPELINE_VERSION if understand else f"{PIPELINE_VERSION}+extract-only"
    analysis = Analysis(article=article, source=raw.source, pipeline_version=version)
    if understand and understands(article):
        add_understanding(analysis)
    return analysis


def understands(article: Article) -> bool:
    return bool(article.text) and (article.language or "en").lower().startswith("en")


def add_understanding(analysis: Analysis) -> None:
    """Actors, dates, places, events and claims of ``analysis.article`` (stage 2)."""
    from .claims import find_claims, link_claims
    from .claims.contradictions import find_contradictions
    from .claims.control import control_statements, control_summary
    from .events import detect_events
    from .nlp.actors import claimed_spans, find_actors
    from .nlp.model import load_nlp
    from .nlp.places import resolve_places
    from .nlp.when import resolve_dates

    article = analysis.article
    doc = load_nlp()(article.text[:MAX_NLP_CHARS])
    analysis.actors = find_actors(doc)
    analysis.dates = resolve_dates(doc, article.published)
    analysis.places = resolve_places(doc, exclude=claimed_spans(analysis.actors))
    # events may add actors the registry lacks ("Turkish tanks" -> the Turkish armed forces)
    analysis.events = detect_events(doc, analysis)
    analysis.claims = find_claims(doc, analysis, analysis.events)
    link_claims(analysis.claims, analysis.events)
    # who holds each place, and which claims cannot both be true
    data = analysis.to_json()
    statements = control_statements(doc, data)
    analysis.control_statements = [s.to_json() for s in statements]
    analysis.control = control_summary(statements, events=data["events"])
    analysis.contradictions = find_contradictions(data["claims"], data["events"], statements,
                                                  actors=data["actors"], places=data["places"],
                                                  site=article.site)
