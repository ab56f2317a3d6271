"""The corpus view pages read (``CorpusView``): merged events, contradictions, control timelines,
with look-ups built once (``index``), and the ranking of Top content (``top_events``).
Built by ``state.CorpusState.view()`` (see ``corpus`` for what it holds)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

from .merge import MergedEvent
from .timeline import TimelineEntry, current_control

__all__ = ["CorpusView", "top_events", "contradiction_id", "CONTESTED_CAP"]

CONTESTED_CAP = 3


@dataclass(slots=True)
class CorpusView:
    """A consistent snapshot of the corpus state: the state goes on changing (in another thread)
    while pages read a view, so everything here is a copy or an immutable value."""

    merged: list[MergedEvent] = field(default_factory=list)
    """Largest corroboration first."""
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    """``{id, scope: article|cross, kind, reason, place, published, a: side, b: side}``, newest first;
    a side is ``{article_id, site, title, published, claim, speaker, speaker_actor, content, polarity}``."""
    timelines: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    place_names: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    contested: dict[str, int] = field(default_factory=dict)
    """merged event id -> contradictions about it + claims against it."""
    articles: dict[Any, dict[str, Any]] = field(default_factory=dict)
    """article id -> ``{id, url, site, title, published}``."""
    claims: dict[tuple[Any, str], dict[str, Any]] = field(default_factory=dict)
    """(article id, claim id) -> the claim JSON."""
    statements: int = 0
    """How many control statements the view was built from."""
    pairs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """contradiction id -> the contradiction."""
    refs: dict[tuple[Any, str], Any] = field(default_factory=dict)
    """(article id, claim id) -> ids of the contradictions the claim is part of (a ``chain``)."""
    place_articles: dict[tuple[str, Any], Any] = field(default_factory=dict)
    """(place id, article id) -> ids of contradictions at that place with a side in that article."""
    at_place: dict[str, Any] = field(default_factory=dict)
    of_speaker: dict[str, Any] = field(default_factory=dict)
    speaker_contradicted: dict[str, int] = field(default_factory=dict)
    """speaker actor id -> contradictions one of its claims is part of."""
    by_id: dict[str, MergedEvent] = field(default_factory=dict)
    ranked: list[tuple[MergedEvent, int]] | None = None
    """``top_events`` of the whole view, computed once (the state does it before publishing)."""

    @property
    def merged_by_id(self) -> dict[str, MergedEvent]:
        return self.by_id

    def get(self, merged_id: str) -> MergedEvent | None:
        return self.by_id.get(merged_id)

    def contested_places(self) -> list[tuple[str, TimelineEntry]]:
        """(place id, its current entry) for places whose latest timeline entry is contested."""
        out = []
        for pid, tl in self.timelines.items():
            cur = current_control(tl)
            if cur is not None and cur.status == "contested":
                out.append((pid, cur))
        out.sort(key=lambda x: (x[1].last_seen or x[1].as_of or ""), reverse=True)
        return out

    def _resolve(self, ids) -> list[dict[str, Any]]:
        found = [self.pairs[i] for i in set(chain(ids)) if i in self.pairs]
        found.sort(key=lambda c: (c["published"] or "", c["id"]), reverse=True)
        return found

    def contradictions_of(self, merged: MergedEvent) -> list[dict[str, Any]]:
        """Contradictions that involve a claim reporting ``merged``, or the control of its place in one
        of its articles."""
        return self._resolve(contradiction_ids(merged, self.refs, self.place_articles))

    def contradictions_at(self, place_id: str) -> list[dict[str, Any]]:
        return self._resolve(self.at_place.get(place_id))

    def speaker_contradictions(self, actor_id: str) -> list[dict[str, Any]]:
        return self._resolve(self.of_speaker.get(actor_id))


def chain(node: Any):
    """The values of an immutable linked list ``(value, rest)`` (``None`` is empty): the state
    adds to a key in O(1) and a view's shallow copy of the index stays a consistent snapshot."""
    while node is not None:
        if isinstance(node, (set, frozenset, list)):
            yield from node
            return
        value, node = node
        yield value


def contradiction_ids(merged: MergedEvent, refs: Mapping, place_articles: Mapping) -> set[str]:
    """Ids of the contradictions about ``merged`` (see ``CorpusView.contradictions_of``)."""
    ids: set[str] = set()
    for c in (*merged.claims_for, *merged.claims_against):
        ids.update(chain(refs.get((c["article_id"], c["claim_id"]))))
    if merged.place:
        for aid in merged.articles:
            ids.update(chain(place_articles.get((merged.place, aid))))
    return ids


def contradiction_id(*parts: Any) -> str:
    return "x" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:12]


def top_events(view: CorpusView, *, limit: int = 8) -> list[tuple[MergedEvent, int]]:
    """See ``rank_events``; the whole view's ranking is computed once per view."""
    if limit <= RANKED:
        if view.ranked is None:
            view.ranked = rank_events(view, limit=RANKED)
        return view.ranked[:limit]
    return rank_events(view, limit=limit)


RANKED = 50


def rank_events(view: CorpusView, *, limit: int = 8) -> list[tuple[MergedEvent, int]]:
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
