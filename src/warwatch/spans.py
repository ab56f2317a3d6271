"""One index of a document's character spans, shared by every component that asks "what is
named here?": actor and place mentions, date expressions, claim contents and event evidence.

Built from an :class:`~warwatch.records.Analysis` on first use (``analysis.spans``) and
dropped when a component changes the spans (``analysis.touch()``). Lookups are binary
searches over start offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any


class _Sorted:
    """``(start, end, item)`` triples sorted by start, then end, then insertion order."""

    def __init__(self, triples):
        rows = sorted(((s, e, n), item) for n, (s, e, item) in enumerate(triples))
        self.keys = [(s, e) for (s, e, _), _ in rows]
        self.starts = [s for s, _ in self.keys]
        self.items = [item for _, item in rows]

    def __len__(self) -> int:
        return len(self.items)

    def within(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """Spans that lie inside ``[start, end)``, in text order."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [(s, e, self.items[k]) for k in range(lo, hi)
                for s, e in (self.keys[k],) if e <= end]

    def starting_in(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """Spans that start inside ``[start, end)``, in text order."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [(*self.keys[k], self.items[k]) for k in range(lo, hi)]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """Spans that overlap ``[start, end)``, in text order (a linear scan of those that start
        before ``end``: spans are short and documents have a few hundred)."""
        hi = bisect_right(self.starts, end - 1) if end > start else bisect_right(self.starts, start)
        return [(s, e, self.items[k]) for k in range(hi) for s, e in (self.keys[k],)
                if s < end and start < e]

    def before(self, at: int) -> list[tuple[int, int, Any]]:
        """Spans that end at or before ``at``, in text order."""
        return [(s, e, self.items[k]) for k in range(bisect_right(self.starts, at))
                for s, e in (self.keys[k],) if e <= at]


class SpanIndex:
    """Spans of one analysed document (see the module doc).

    ``actors``: ``(start, end, Actor)`` per mention; ``places``: ``(start, end, (Place,
    PlaceMention))``; ``dates``: ``(start, end, TimeExpression)``; ``claims``: ``(content_start,
    content_end, Claim)``; ``events``: ``(evidence start, evidence end, Event)``.
    """

    def __init__(self, analysis):
        self.actors = _Sorted((m.start, m.end, a) for a in analysis.actors for m in a.mentions)
        self.places = _Sorted((m.start, m.end, (p, m)) for p in analysis.places for m in p.mentions)
        self.dates = _Sorted((d.start, d.end, d) for d in analysis.dates)
        self.claims = _Sorted((c.content_start, c.content_end, c) for c in analysis.claims)
        self.events = _Sorted((e.evidence["start"], e.evidence["end"], e) for e in analysis.events
                              if e.evidence.get("start") is not None and e.evidence.get("end") is not None)
