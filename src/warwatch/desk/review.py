"""Reviews of merged events: statuses, corrections, and applying them to a corpus view (pure).

A review is ``{id, status, corrections, note, refs, updated, updated_by}``; ``refs`` are the
keys of the reports (``keys.merged_keys``) of the merged event it was made on. A merged event carries the
review that shares a report with it (the newest one when a re-merge joined two reviewed events).
``apply(view, reviews)`` returns a copy of the view whose merged events have the corrected type,
place, date, actors and fatalities, and ``{merged id: review}``.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Iterable, Mapping

from ..events.taxonomy import TAXONOMY
from .keys import identifying_keys, merged_keys

STATUSES = ("confirmed", "rejected", "needs-check")
FIELDS = ("type", "place", "date", "actor1", "actor2", "fatalities")


class ReviewError(ValueError):
    """A review that cannot be saved (unknown status, a bad corrected value); the message says why."""


def clean_corrections(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validated corrections from a form or JSON: only ``FIELDS``, empty values dropped."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, str):
            value = value.strip()
        if name == "type" and value not in TAXONOMY:
            raise ReviewError(f"unknown event type {value!r} (a taxonomy code such as AIR_STRIKE)")
        if name == "date":
            try:
                value = date.fromisoformat(str(value)).isoformat()
            except ValueError:
                raise ReviewError(f"date {value!r} is not YYYY-MM-DD") from None
        if name == "fatalities":
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ReviewError(f"fatalities {value!r} is not a whole number") from None
            if value < 0:
                raise ReviewError("fatalities cannot be negative")
        if name in ("place", "actor1", "actor2") and len(str(value)) > 255:
            raise ReviewError(f"{name} is longer than 255 characters")
        out[name] = value
    return out


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
    return status


def corrected(merged, corrections: Mapping[str, Any]):
    """A copy of ``merged`` with the corrections applied (the actors list follows actor1/actor2)."""
    changes = {k: v for k, v in corrections.items() if k in FIELDS}
    if not changes:
        return merged
    out = dataclasses.replace(merged, **changes)
    actors = list(merged.actors)
    for name in ("actor1", "actor2"):
        if name in changes and changes[name] not in actors:
            actors.insert(0 if name == "actor1" else min(1, len(actors)), changes[name])
    out.actors = actors
    return out


def match(merged_events: Iterable, reviews: Iterable[Mapping]) -> dict[str, Mapping]:
    """merged id -> its review: the newest review sharing a key that names the event alone
    (``keys.identifying_keys``: a report, or a sentence no other merged event has a report in)."""
    by_key: dict[str, Mapping] = {}
    for r in sorted(reviews, key=lambda r: str(r.get("updated") or "")):
        for key in r.get("refs") or ():
            by_key[key] = r
    out: dict[str, Mapping] = {}
    for mid, keys in identifying_keys(merged_events).items():
        exact = [by_key[k] for k in keys if k.startswith("x|") and k in by_key]
        found = exact or [by_key[k] for k in keys if k in by_key]
        if found:
            out[mid] = max(found, key=lambda r: str(r.get("updated") or ""))
    return out


def refs_of(merged) -> list[str]:
    """What a review of ``merged`` (the machine's, uncorrected) is attached to: all its keys."""
    return merged_keys(merged)


def apply(view, reviews: Iterable[Mapping]):
    """(a copy of ``view`` with corrected merged events, {merged id: review})."""
    found = match(view.merged, list(reviews))
    if not found:
        return view, {}
    merged = [corrected(m, found[m.id].get("corrections") or {}) if m.id in found else m for m in view.merged]
    changes: dict = {"merged": merged}
    if hasattr(view, "by_id"):   # the view's own index by id, when it keeps one
        changes["by_id"] = {m.id: m for m in merged}
    return dataclasses.replace(view, **changes), found


def priority(m, contested: int, review: Mapping | None) -> tuple:
    """Sort key of the review queue: not yet reviewed (and needs-check) first, then contested, then
    most independent sources, then reports, then newest date."""
    status = (review or {}).get("status")
    rank = 0 if status is None else 1 if status == "needs-check" else 2
    return (rank, -min(contested, 3) - m.corroboration, -m.corroboration, -len(m.sources), _neg(m.date), m.id)


def _neg(value: str | None) -> str:
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in (value or "0000-00-00"))
