"""Stable keys of reports, so reviews and alert hits find their merged event again.

A merged event's id is anchored to its earliest report's local event id (``e1``...), which a
reanalysis may renumber. A report is keyed instead by its article id and a hash of its evidence
sentence (whitespace-normalised), which survive a reanalysis that finds the same sentence:

- the **weak** key ``"<article>:s<hash>"`` names the sentence; one sentence may report two
  events (a strike and the attack on civilians it caused), so it may be shared;
- the **strong** key adds the event family of the merged event it belongs to
  (``"<article>:s<hash>:<family>"``, the machine's type, before any correction).

Reviews and alert hits keep both; a strong key decides, a weak key only when no other merged
event has a report in the same sentence. Without evidence text the local id stands in.
"""

from __future__ import annotations

import hashlib
from typing import Any, Mapping

from ..reconcile.merge import family


def report_key(article_id: Any, event_id: str | None, evidence: Mapping | None) -> str:
    """The weak key of a report (its sentence)."""
    text = " ".join(str((evidence or {}).get("text") or "").split())
    if text:
        return f"{article_id}:s{hashlib.sha1(text.encode()).hexdigest()[:12]}"
    return f"{article_id}:{event_id}"


def merged_weak_keys(merged) -> list[str]:
    out = []
    for s in merged.sources:
        key = report_key(s.get("article_id"), s.get("event_id"), s.get("evidence"))
        if key not in out:
            out.append(key)
    return out


def merged_report_keys(merged, type_code: str | None = None) -> list[str]:
    """The strong keys of a merged event's reports, its shown source first; ``type_code``: the
    machine's type when ``merged`` carries a corrected one."""
    fam = family(type_code or merged.type)
    return [f"{k}:{fam}" for k in merged_weak_keys(merged)]
