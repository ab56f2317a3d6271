"""When two propositions cannot both be true, and the contradictions of one article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ... import lang
from ..control import Sides, sides_for, to_date
from .propositions import Proposition, propositions

WINDOW_DAYS = 3


@dataclass(slots=True)
class Contradiction:
    """Two claims of one article that cannot both be true, in the order the reason names them."""

    a: str
    b: str
    reason: str
    kind: str
    """The predicate both share (``killed``), or both joined (``control/fighting``)."""
    place: str | None

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "reason": self.reason, "kind": self.kind, "place": self.place}


def _near_in_time(a: str | None, b: str | None, days: int) -> bool:
    da, db = to_date(a), to_date(b)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= days


def _subjects_ok(sides: Sides, a: str | None, b: str | None) -> bool:
    return a is None or b is None or sides.same(a, b) is not False


def _places_ok(p: Proposition, q: Proposition, strict: bool) -> bool:
    if strict:
        return bool(p.places and q.places and p.places[0] == q.places[0])
    return not p.places or not q.places or bool(set(p.places) & set(q.places))


def _before_after(p: Proposition, q: Proposition, sides: Sides) -> bool:
    """One says X holds the place, the other (published no earlier) that it was taken from X
    or that X lost it: the state before a change, not a contradiction."""
    for a, b in ((p, q), (q, p)):
        if not (a.positive and a.status == "held" and a.subject):
            continue
        if b.positive and b.status == "taken" and (a.published or "") < (b.published or ""):
            return True   # held, then reported taken later: a change of hands
        change_from = b.previous if (b.positive and b.status == "taken") else (
            b.subject if (not b.positive and b.status == "lost") else None)
        if change_from and (change_from == a.subject or sides.same(change_from, a.subject)) \
                and (a.published or "") <= (b.published or "~"):
            return True
    return False


def in_reason_order(p: Proposition, q: Proposition) -> tuple[Proposition, Proposition]:
    """``(p, q)`` in the order :func:`compare`'s reason names them (the assertion before the
    denial, the holder before the report of fighting), so a pair's ``a`` and ``b`` read in
    the reason's order."""
    if p.predicate == q.predicate and p.positive != q.positive:
        return (p, q) if p.positive else (q, p)
    if {p.predicate, q.predicate} == {"control", "fighting"}:
        return (p, q) if p.predicate == "control" else (q, p)
    return p, q


def kind_of(p: Proposition, q: Proposition) -> str:
    first, second = in_reason_order(p, q)
    return p.predicate if p.predicate == q.predicate else f"{first.predicate}/{second.predicate}"


def compare(p: Proposition, q: Proposition, sides: Sides, *, names: Mapping[str, str] = {},
            places: Mapping[str, str] = {}, window_days: int = WINDOW_DAYS,
            same_event=None, language: str | None = None) -> str | None:
    """The reason ``p`` and ``q`` cannot both be true, or None."""
    words = lang.get(language).reasons
    if p.claim == q.claim and p.article_id == q.article_id:
        return None
    if p.speaker_key == q.speaker_key:
        return None
    spatial = p.predicate in ("control", "fighting") or q.predicate in ("control", "fighting")
    if spatial and not _near_in_time(p.as_of, q.as_of, window_days):
        return None
    if p.predicate == "control" and q.predicate == "control" and _before_after(p, q, sides):
        return None
    if p.predicate == q.predicate and p.positive != q.positive and p.predicate != "killed":
        strict = p.predicate in ("control", "fighting")
        if p.predicate in ("control", "withdrawn", "crossed"):
            # "X lost it" does not deny "Y took it": the same (named) actor on both sides; but "the town
            # has not fallen" (taken by nobody named) denies that anyone took it
            neg = q if p.positive else p
            fall_denied = p.predicate == "control" and neg.subject is None and neg.status == "taken"
            if not fall_denied and not (p.subject and q.subject
                                        and (p.subject == q.subject or sides.same(p.subject, q.subject))):
                return None
        if _subjects_ok(sides, p.subject, q.subject) and _places_ok(p, q, strict):
            pos, neg = in_reason_order(p, q)
            return words.pair(pos, neg, names, places)
    if p.predicate == q.predicate == "control" and p.positive and q.positive and _places_ok(p, q, True):
        if p.subject and q.subject and not p.subject.startswith("group:") and not q.subject.startswith("group:") \
                and sides.conflict(p.subject, q.subject):
            return words.pair(p, q, names, places)
    if {p.predicate, q.predicate} == {"control", "fighting"} and p.positive and q.positive and _places_ok(p, q, True):
        ctl, fight = in_reason_order(p, q)
        if ctl.status in ("taken", "held") and ctl.place:
            return words.fighting_goes_on(ctl, fight, names, places)
    if p.predicate == q.predicate == "blame":
        same = (p.event is not None and p.event == q.event and p.article_id == q.article_id) or (
            same_event is not None and same_event(p, q))
        if not same:
            return None
        if p.positive and q.positive and all(sides.conflict(a, b) for a in (p.subject, *p.also)
                                             for b in (q.subject, *q.also)):
            return words.blame(p, q, names, places)   # two sides each said to have done it
        if p.positive != q.positive and (p.subject == q.subject or sides.same(p.subject, q.subject)):
            pos, neg = in_reason_order(p, q)
            return words.pair(pos, neg, names, places)   # one says X did it, X denies it
        return None
    if p.predicate == q.predicate == "killed":
        neg = q if p.positive else p
        victims_ok = p.victims == q.victims or (None in (p.victims, q.victims) and neg.speaker_key and
                                                 neg is not None and neg.value is None and neg.deny)
        if p.positive != q.positive and victims_ok \
                and _subjects_ok(sides, p.subject, q.subject) and _places_ok(p, q, False) \
                and (same_event is None or same_event(p, q)) and _near_in_time(p.as_of, q.as_of, 1):
            pos, neg = in_reason_order(p, q)
            return words.pair(pos, neg, names, places)
        if p.positive and q.positive and p.value is not None and q.value is not None and p.value != q.value:
            related = (p.event is not None and p.event == q.event and p.article_id == q.article_id) or (
                same_event is not None and same_event(p, q))
            if related and p.victims == q.victims:
                return words.disputed_toll(p, q, names, places)
    return None


def find_contradictions(analysis, *, sides: Sides | None = None) -> list[Contradiction]:
    """Pairs of claims of one analysed article that cannot both be true (``claims``, ``events``,
    ``control_statements``, ``actors`` and ``places`` of ``analysis``)."""
    return contradictions_between(analysis.claims, analysis.events, analysis.control_statements,
                                  actors=analysis.actors, places=analysis.places, site=analysis.article.site,
                                  sides=sides, language=analysis.doc.lang_ if analysis.doc is not None else None)


def contradictions_between(claims: Sequence, events: Sequence = (), control: Sequence = (), *,
                           actors: Sequence = (), places: Sequence = (), site: str | None = None,
                           sides: Sides | None = None, language: str | None = None) -> list[Contradiction]:
    """Pairs of ``claims`` (of one article) that cannot both be true, given the article's
    ``events``, control statements, ``actors`` (subjects by offset, names) and ``places`` (names)."""
    props = propositions(claims, events, control, actors=actors, site=site, language=language)
    sides = sides or sides_for(control, events)
    names = {a.id: a.name or a.id for a in actors}
    place_names = {p.id: p.name or p.id for p in places}
    out: list[Contradiction] = []
    seen = set()
    for i, p in enumerate(props):
        for q in props[i + 1:]:
            key = tuple(sorted((p.claim, q.claim)))
            if key in seen:
                continue
            reason = compare(p, q, sides, names=names, places=place_names, language=language)
            if reason:
                seen.add(key)
                first, second = in_reason_order(p, q)
                out.append(Contradiction(first.claim, second.claim, reason, kind_of(p, q),
                                         first.place or second.place))
    out.sort(key=lambda r: (int(r.a[1:]) if r.a[1:].isdigit() else 0, r.b))
    return out
