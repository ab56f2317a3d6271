"""Stable keys of reports, so reviews and alert hits find their merged event again.

A merged event's id is anchored to its earliest report's local event id (``e1``...), which a
reanalysis may renumber. Each report of a merged event has three keys, from the most to the
least precise:

- ``x|<article>|<event id>|<sentence hash>``: the report itself;
- ``f|<article>|<sentence hash>|<family>``: its sentence and the merged event's family (the
  machine's type, before any correction): survives a renumbering;
- ``s|<article>|<sentence hash>``: its sentence: survives a retyping too.

One sentence may report two events (two towns taken, a strike and the attack it caused), so the
last two may be shared. ``identifying_keys`` gives, per merged event, its report keys and those
sentence keys that no other merged event of the view has: what reviews and alert hits match on.
The sentence is the evidence text, whitespace-normalised; without one the local id stands in.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, Iterable, Mapping

from ..reconcile.rules import family


def sentence_hash(article_id: Any, event_id: str | None, evidence: Mapping | None) -> str:
    text = " ".join(str((evidence or {}).get("text") or "").split())
    return hashlib.sha1(text.encode()).hexdigest()[:12] if text else f"id-{event_id}"


def merged_keys(merged, type_code: str | None = None) -> list[str]:
    """Every key of a merged event's reports (see the module doc), its shown source first;
    ``type_code``: the machine's type when ``merged`` carries a corrected one."""
    fam = family(type_code or merged.type)
    out: list[str] = []
    for s in merged.sources:
        aid, eid = s.get("article_id"), s.get("event_id")
        h = sentence_hash(aid, eid, s.get("evidence"))
        for key in (f"x|{aid}|{eid}|{h}", f"f|{aid}|{h}|{fam}", f"s|{aid}|{h}"):
            if key not in out:
                out.append(key)
    return out


def identifying_keys(merged_events: Iterable, machine_types: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """merged id -> the keys that name it alone in this view: its report keys, and its sentence
    keys no other merged event shares."""
    machine_types = machine_types or {}
    every = {m.id: merged_keys(m, machine_types.get(m.id)) for m in merged_events}
    owners = Counter(k for keys in every.values() for k in set(keys))
    return {mid: [k for k in keys if k.startswith("x|") or owners[k] == 1] for mid, keys in every.items()}
