"""What the time charts draw (pure): merged events per day or week by family, with fatalities,
and a place's control timeline as bands.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from ..reconcile.rules import FAMILIES, family

FAMILY_ORDER = (*FAMILIES, "other")
COLOURS = {"territorial": "#7b3294", "battle": "#d7191c", "remote": "#fdae61", "civilians": "#2c7bb6",
           "protest": "#1a9641", "riot": "#a6611a", "agreement": "#4d4d4d", "other": "#9e9e9e"}


def family_of(code: str | None) -> str:
    f = family(code or "")
    return f if f in FAMILIES else "other"


@dataclass(slots=True)
class Bin:
    start: date
    counts: dict[str, int] = field(default_factory=dict)
    fatalities: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _start(d: date, unit: str) -> date:
    return d - timedelta(days=d.weekday()) if unit == "week" else d


def event_series(events: Iterable, unit: str = "auto") -> tuple[str, list[Bin]]:
    """(unit, bins) over merged events with a date; every day or week between the first and last is
    a bin (empty ones too). ``unit="auto"``: days up to 62 days of span, else weeks."""
    dated = []
    for m in events:
        try:
            dated.append((date.fromisoformat(str(m.date)[:10]), m))
        except ValueError:
            continue
    if not dated:
        return ("day" if unit == "auto" else unit), []
    lo, hi = min(d for d, _ in dated), max(d for d, _ in dated)
    if unit == "auto":
        unit = "day" if (hi - lo).days <= 62 else "week"
    step = timedelta(days=7 if unit == "week" else 1)
    bins: dict[date, Bin] = {}
    cur = _start(lo, unit)
    while cur <= hi:
        bins[cur] = Bin(cur)
        cur += step
    for d, m in dated:
        b = bins[_start(d, unit)]
        f = family_of(m.type)
        b.counts[f] = b.counts.get(f, 0) + 1
        b.fatalities += m.fatalities or 0
    return unit, list(bins.values())


@dataclass(slots=True)
class Band:
    start: date
    end: date
    controller: str | None
    status: str


def control_bands(timeline: list) -> list[Band]:
    """One band per timeline entry, from its date to the next entry's (the last to its last report)."""
    out = []
    for i, e in enumerate(timeline):
        try:
            start = date.fromisoformat(str(e.as_of)[:10])
            if i + 1 < len(timeline):
                end = date.fromisoformat(str(timeline[i + 1].as_of)[:10])
            else:
                end = date.fromisoformat(str(e.last_seen or e.as_of)[:10]) + timedelta(days=1)
        except ValueError:
            continue
        out.append(Band(start, max(end, start + timedelta(days=1)), e.controller, e.status))
    return out


def families_used(bins: list[Bin]) -> list[str]:
    used = defaultdict(int)
    for b in bins:
        for f, n in b.counts.items():
            used[f] += n
    return [f for f in FAMILY_ORDER if used.get(f)]
