"""Events: typed, dated, located incidents reported in an article (issue 5).

Public surface:

* ``detect_events(doc, analysis) -> list[Event]``: the events an analysed article reports
  (one per event-reporting sentence, background mentions of past events skipped);
* ``classify(texts) -> list[str]``: one of the 30 CASE 2021 / ACLED-style codes per text;
* ``TAXONOMY``: code -> :class:`~warwatch.events.taxonomy.EventType` (definition, ACLED names).

See docs/events.md.
"""

from __future__ import annotations

from typing import Sequence

from .taxonomy import CODES, TAXONOMY, EventType

__all__ = ["CODES", "TAXONOMY", "Event", "EventCandidate", "EventType", "classify", "detect_events"]


def classify(texts: Sequence[str], *, model=None) -> list[str]:
    """The most likely event type for each text (never ``NONE``), in one batch. Between the
    two territorial types, the kind of the first side the text names decides
    (:func:`~warwatch.events.model.acting_side`)."""
    from .features import acting_side, territory_side
    from .model import load_model

    texts = list(texts)
    labels = (model or load_model()).predict(texts)
    return [territory_side(label, acting_side(text)) for text, label in zip(texts, labels)]


def __getattr__(name):   # lazy: detection pulls in nothing heavy until used
    if name in ("Event", "EventCandidate", "detect_events"):
        from . import detect

        return getattr(detect, name)
    raise AttributeError(name)
