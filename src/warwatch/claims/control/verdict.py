"""The verdict on a place from the statements of one period: held, taken, lost or contested.

The same rule serves one article (``control_summary``, the ``control`` key of the analysis)
and many (``reconcile/timeline.py`` judges each dated period of a place's statements).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Iterable, Sequence

from .records import ControlSide, ControlStatement, PlaceControl, Verdict, as_statement, to_date
from .sides import Sides, is_vague, sides_for

WINDOW_DAYS = 3
"""Statements about a place within this many days of its latest statement are compared for
the per-article status; older ones are history (the timeline keeps them)."""


def control_summary(statements: Sequence[ControlStatement], *, sides: Sides | None = None,
                    events: Iterable = (), window_days: int = WINDOW_DAYS) -> list[PlaceControl]:
    """One article's ``control``: a verdict per place on its statements of the latest
    ``window_days`` (``events``' associated actors count as allies)."""
    sts = [as_statement(s) for s in statements]
    sides = sides or sides_for(sts, events)
    by_place: dict[str, list[ControlStatement]] = {}
    for st in sts:
        by_place.setdefault(st.place, []).append(st)
    out = []
    for place, group in by_place.items():
        current = [s for s in group if not s.background] or group
        dated = [to_date(s.as_of) for s in current if s.as_of]
        if dated:
            latest = max(dated)
            current = [s for s in current if not s.as_of or to_date(s.as_of) >= latest - timedelta(days=window_days)]
        verdict = judge(current, sides)
        if verdict is not None:
            out.append(PlaceControl(place=place, place_name=group[0].place_name, verdict=verdict))
    return out


def _refs(sts: Iterable[ControlStatement]) -> list[str]:
    out = []
    for s in sts:
        for c in s.according_to or ([f"outlet:{s.site}"] if s.site else []):
            if c not in out:
                out.append(c)
    return out


def _agree(sides: Sides, a: str | None, b: str | None) -> bool:
    if is_vague(a) or is_vague(b):
        return True
    return sides.same(a, b) is not False


def _status(members: Sequence[ControlStatement]) -> str:
    return "taken" if any(m.status == "taken" for m in members) else "held"


def judge(current: Sequence[ControlStatement], sides: Sides) -> Verdict | None:
    """Status of one place from the statements of one period.

    Views: ``holds X`` (taken/held, or a negated loss), ``not_holds X`` (lost, or a negated
    or denied capture/holding), ``fighting`` (contested), ``near`` (someone holds the
    surroundings). Holders are grouped by side (a generic or unknown holder joins any group);
    two groups, or one group against fighting, a dispute of that same holder, or the former
    holder still around it, make the place ``contested``.
    """
    holds: list[tuple[ControlStatement, str | None]] = []
    against: list[ControlStatement] = []
    fighting: list[ControlStatement] = []
    near: list[ControlStatement] = []
    for s in current:
        if s.near:
            if s.positive:
                near.append(s)
            continue
        kind, actor = s.view()
        if kind == "holds":
            holds.append((s, actor))
        elif kind == "not_holds":
            against.append(s)
        elif kind == "fighting":
            fighting.append(s)
    as_of = max((s.as_of for s in current if s.as_of), default=None)
    # "IS-held Jarabulus" beside "rebels took Jarabulus from IS": the before-state of a capture
    losers = [s.previous for s, _ in holds if s.status == "taken" and s.positive and s.previous]
    holds = [(s, a) for s, a in holds if not (
        s.status == "held" and a and any(a == p or sides.same(a, p) for p in losers))]
    groups: list[list] = []   # [representative, members]
    for s, actor in holds:
        for g in groups:
            if _agree(sides, g[0], actor) and not any(
                    (m.previous and not is_vague(actor) and sides.same(m.previous, actor))
                    or (s.previous and not is_vague(m.controller) and sides.same(s.previous, m.controller))
                    for m in g[1]):
                if is_vague(g[0]) and not is_vague(actor):
                    g[0] = actor
                elif g[0] is None and actor is not None:
                    g[0] = actor
                g[1].append(s)
                break
        else:
            groups.append([actor, [s]])
    previous = next((s.previous for s, _ in holds if s.previous), None)
    if len(groups) >= 2:
        return Verdict(controller=None, status="contested", as_of=as_of, according_to=_refs(current),
                       sides=[ControlSide(rep, _status(m), _refs(m)) for rep, m in groups]
                       + ([ControlSide(None, "contested", _refs(fighting))] if fighting else []))
    if groups:
        rep, members = groups[0]
        disputes = [s for s in against if s.controller is None or (rep is not None and (
            s.controller == rep or (not is_vague(rep) and not is_vague(s.controller) and sides.same(s.controller, rep))))]
        around = [s for s in near if any(p and ((previous and sides.same(p, previous)) or (
            rep and not is_vague(rep) and sides.conflict(p, rep))) for p in s.parties)]
        if fighting or disputes or around:
            sides_list = [ControlSide(rep, _status(members), _refs(members))]
            if disputes:
                sides_list.append(ControlSide(None, "disputed", _refs(disputes)))
            if fighting or around:
                sides_list.append(ControlSide(None, "contested", _refs(fighting + around),
                                              parties=sorted({p for s in fighting + around for p in s.parties if p})))
            return Verdict(controller=None, status="contested", as_of=as_of, according_to=_refs(current),
                           sides=sides_list, previous=previous, states_previous=True)
        return Verdict(controller=rep, status=_status(members), as_of=as_of, according_to=_refs(members),
                       previous=previous, states_previous=True)
    if fighting:
        return Verdict(controller=None, status="contested", as_of=as_of, according_to=_refs(fighting),
                       parties=sorted({p for s in fighting for p in s.parties}))
    lost = [s for s in against if s.status == "lost" and s.positive]
    if lost:
        return Verdict(controller=lost[0].controller, status="lost", as_of=as_of, according_to=_refs(lost))
    return None
