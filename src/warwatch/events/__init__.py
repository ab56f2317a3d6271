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

__all__ = ["CODES", "TAXONOMY", "Event", "EventType", "classify", "detect_events"]


def classify(texts: Sequence[str], *, model=None) -> list[str]:
    """The most likely event type for each text (never ``NONE``), in one batch."""
    from .model import load_model

    return (model or load_model()).predict(list(texts))


def __getattr__(name):   # lazy: detection pulls in nothing heavy until used
    if name in ("Event", "detect_events"):
        from . import detect

        return getattr(detect, name)
    raise AttributeError(name)
