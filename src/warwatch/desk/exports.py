"""Reviews in the exports: for each report (an article's event) of a reviewed merged event, the
review and the merged event's corrections, so per-report exports (``acled-csv``, ``geojson``)
carry the status and use the corrected values. Nothing is computed when no review exists.
"""

from __future__ import annotations

from typing import Any

from ..store import review as review_store
__all__ = ["report_reviews"]


def report_reviews(store, *, window: int | None = None) -> dict[tuple[Any, str], tuple[str, dict[str, Any]]]:
    """(article id, local event id) -> (merged event id, review) over the corpus view's merged
    events (built from the same current analyses the export reads)."""
    if not review_store.all_reviews(store):
        return {}
    from .run import WINDOW, corrected_view

    view, reviews = corrected_view(store, window=window or WINDOW)
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for m in view.merged:
        r = reviews.get(m.id)
        if r is None:
            continue
        for src in m.sources:
            out[(src.get("article_id"), src.get("event_id"))] = (m.id, r)
    return out
