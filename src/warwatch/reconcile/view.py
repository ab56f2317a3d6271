"""The corpus view pages read (``CorpusView``): merged events, contradictions, control timelines,
with look-ups built once (``index``), and the ranking of Top content (``top_events``).
Built by ``state.CorpusState.view()`` (see ``corpus`` for what it holds)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .merge import MergedEvent
from .timeline import TimelineEntry, current_control

__all__ = ["CorpusView", "top_events", "contradiction_id", "CONTESTED_CAP"]

CONTESTED_CAP = 3


@dataclass(slots=True)
class CorpusView:
    merged: list[MergedEvent] = field(default_factory=list)
    """Largest corroboration first (``merge_events`` order)."""
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    """``{id, scope: article|cross, kind, reason, place, published, a: side, b: side}``, newest first;
    a side is ``{article_id, site, title, published, claim, speaker, speaker_actor, content, polarity}``."""
    timelines: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    place_names: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    speaker_contradicted: dict[str, int] = field(default_factory=dict)
    """speaker actor id -> contradictions one of its claims is part of."""
    contested: dict[str, int] = field(default_factory=dict)
    """merged event id -> contradictions about it + claims against it."""
    articles: dict[Any, dict[str, Any]] = field(default_factory=dict)
    """article id -> ``{id, url, site, title, published}``."""
    claims: dict[tuple[Any, str], dict[str, Any]] = field(default_factory=dict)
    """(article id, claim id) -> the claim JSON."""
    statements: int = 0
    """How many control statements the view was built from."""

    _by_id: dict[str, MergedEvent] = field(default_factory=dict)
    _of_merged: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _at_place: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _of_speaker: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def index(self) -> None:
        """Build the look-ups pages use (``get``, ``contradictions_of``, ``contested``...): one
        pass over merged events and contradictions, so no page scans them per item."""
        self._by_id = {m.id: m for m in self.merged}
        by_ref: dict[tuple, set[str]] = defaultdict(set)
        by_place_article: dict[tuple, set[str]] = defaultdict(set)
        for m in self.merged:
            for c in (*m.claims_for, *m.claims_against):
                by_ref[(c["article_id"], c["claim_id"])].add(m.id)
            if m.place:
                for aid in m.articles:
                    by_place_article[(m.place, aid)].add(m.id)
        of_merged: dict[str, list] = defaultdict(list)
        at_place: dict[str, list] = defaultdict(list)
        of_speaker: dict[str, list] = defaultdict(list)
        counts: dict[str, int] = defaultdict(int)
        for c in self.contradictions:
            a, b = c["a"], c["b"]
            ids = by_ref.get((a["article_id"], a["claim"]), set()) | by_ref.get((b["article_id"], b["claim"]), set())
            if c.get("place"):
                at_place[c["place"]].append(c)
                ids = ids | by_place_article.get((c["place"], a["article_id"]), set()) \
                    | by_place_article.get((c["place"], b["article_id"]), set())
            for mid in ids:
                of_merged[mid].append(c)
            for actor in {a.get("speaker_actor"), b.get("speaker_actor")}:
                if actor:
                    counts[actor] += 1
                    of_speaker[actor].append(c)
        self._of_merged, self._at_place, self._of_speaker = dict(of_merged), dict(at_place), dict(of_speaker)
        self.speaker_contradicted = dict(counts)
        self.contested = {m.id: len(of_merged.get(m.id, ())) + len(m.claims_against) for m in self.merged}

    @property
    def merged_by_id(self) -> dict[str, MergedEvent]:
        return self._by_id

    def get(self, merged_id: str) -> MergedEvent | None:
        return self._by_id.get(merged_id)

    def contested_places(self) -> list[tuple[str, TimelineEntry]]:
        """(place id, its current entry) for places whose latest timeline entry is contested."""
        out = []
        for pid, tl in self.timelines.items():
            cur = current_control(tl)
            if cur is not None and cur.status == "contested":
                out.append((pid, cur))
        out.sort(key=lambda x: (x[1].last_seen or x[1].as_of or ""), reverse=True)
        return out

    def contradictions_of(self, merged: MergedEvent) -> list[dict[str, Any]]:
        """Contradictions that involve a claim reporting ``merged``, or the control of its place in one
        of its articles."""
        return list(self._of_merged.get(merged.id, ()))

    def contradictions_at(self, place_id: str) -> list[dict[str, Any]]:
        return list(self._at_place.get(place_id, ()))

    def speaker_contradictions(self, actor_id: str) -> list[dict[str, Any]]:
        return list(self._of_speaker.get(actor_id, ()))


def contradiction_id(*parts: Any) -> str:
    return "x" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:12]


def top_events(view: CorpusView, *, limit: int = 8) -> list[tuple[MergedEvent, int]]:
    """Top content: merged events reported by two or more articles or contested, ranked by
    corroboration + contestedness (each contradiction or claim against it adds one, up to
    ``CONTESTED_CAP``), then corroboration, then reports, then newest date. ``[(merged, contested)]``."""
    chosen = [(m, view.contested.get(m.id, 0)) for m in view.merged
              if len(m.articles) >= 2 or view.contested.get(m.id, 0) > 0]
    chosen.sort(key=lambda x: (-(x[0].corroboration + min(x[1], CONTESTED_CAP)), -x[0].corroboration, -len(x[0].articles),
                               _neg_date(x[0].date), x[0].id))
    return chosen[:limit]


def _neg_date(value: str | None) -> str:
    # newest first inside a tie: invert the ISO date's digits
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in (value or "0000-00-00"))
