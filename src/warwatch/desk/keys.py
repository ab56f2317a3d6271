"""Stable keys of reports, so reviews and alert hits find their merged event again.

A merged event's id is anchored to its earliest report's local event id (``e1``...), which a
reanalysis may renumber. A report key is the article id and a hash of the report's evidence
sentence (its text, whitespace-normalised), which survives a reanalysis that finds the same
sentence; with no evidence text it falls back to the local id.
"""

from __future__ import annotations

import hashlib
from typing import Any, Mapping


def report_key(article_id: Any, event_id: str | None, evidence: Mapping | None) -> str:
    text = " ".join(str((evidence or {}).get("text") or "").split())
    if text:
        return f"{article_id}:s{hashlib.sha1(text.encode()).hexdigest()[:12]}"
    return f"{article_id}:{event_id}"


def merged_report_keys(merged) -> list[str]:
    """The report keys of a merged event (``reconcile.merge.MergedEvent``), its shown source first."""
    out = []
    for s in merged.sources:
        key = report_key(s.get("article_id"), s.get("event_id"), s.get("evidence"))
        if key not in out:
            out.append(key)
    return out
