"""The pure per-document pipeline: ``analyze(raw) -> Analysis``.

No database, no network. The CLI, the server, the benchmarks and (later) the Spark
job all call this one function, so a document gives the same analysis wherever it
is processed. Later stages (NLP, events, claims) plug in after extraction.
"""

from __future__ import annotations

from .extract import extract
from .records import Analysis, RawDocument


def analyze(raw: RawDocument) -> Analysis:
    """Run every per-document stage on ``raw``. Raises ExtractionError when there is no article."""
    article = extract(raw)
    return Analysis(article=article, source=raw.source)
