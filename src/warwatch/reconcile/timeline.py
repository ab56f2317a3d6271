"""Control timeline of one place over many articles: who held it when, according to whom (issue 5).

``control_timeline(place_id, statements)`` takes control statements (``claims.control``
records or their JSON, with ``article_id``, ``site`` and ``published`` set) from any number
of articles:

1. statements about the place, not about its surroundings (``near``), with a date (``as_of``)
   are ordered by ``as_of``, then by publication time;
2. statements with the same ``as_of`` day form one period and are judged together with the
   per-article rule (``control.judge``): one side holding it -> ``held``/``taken``; two sides,
   or a capture against fighting or against a denial -> ``contested`` with both sides listed;
   only fighting -> ``contested``; only a loss -> ``lost``;
3. within a period, a report published more than ``LATE_DAYS`` after the others that
   disagrees with them is a **late report**: it updates the period instead of contesting it
   (the others were superseded);
4. consecutive periods that agree (same side, neither contested) merge into one entry, whose
   ``as_of`` is the first and ``last_seen`` the last; a generic holder ("rebels") takes the
   name of a named one ("fsa");
5. a period that only says an actor lost the place, when the current holder is someone else,
   changes nothing.

``current_control(timeline)`` is the last entry (the latest report updates the holder).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from ..claims.control import ControlStatement, Sides, as_statement, is_vague, judge, sides_for, to_date

__all__ = ["TimelineEntry", "control_timeline", "current_control", "LATE_DAYS"]

LATE_DAYS = 1


@dataclass(slots=True)
class TimelineEntry:
    as_of: str
    controller: str | None
    status: str
    according_to: list[dict[str, Any]] = field(default_factory=list)
    last_seen: str | None = None
    sides: list[dict[str, Any]] = field(default_factory=list)
    """contested: each side with its controller, status and sources."""
    precision: str = "day"
    """Of ``as_of``: ``day``, or ``week`` / ``month`` / ``year`` when no statement of the
    period is dated to the day ("held the town since 2013" is 2013, not 1 January)."""
    last_seen_precision: str = "day"
    """Of ``last_seen`` (the last merged period's)."""

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "precision": self.precision,
                "last_seen_precision": self.last_seen_precision if self.last_seen else self.precision,
                "last_seen": self.last_seen or self.as_of, "controller": self.controller,
                "status": self.status, "according_to": list(self.according_to), "sides": list(self.sides)}


def _published(st: ControlStatement) -> datetime:
    v = st.published
    if not v:
        return datetime.min.replace(tzinfo=timezone.utc)
    try:
        d = datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def _ref(st: ControlStatement) -> list[dict[str, Any]]:
    if st.according_to:
        return [{"article_id": st.article_id, "site": st.site, "claim_id": c} for c in st.according_to]
    return [{"article_id": st.article_id, "site": st.site, "claim_id": None}]


def _judge(period: list[ControlStatement], sides: Sides) -> dict[str, Any] | None:
    """``control.judge`` with references that name articles, as JSON."""
    keyed = [replace(st, according_to=[f"#{i}"]) for i, st in enumerate(period)]
    verdict = judge(keyed, sides)
    if verdict is None:
        return None
    res = verdict.to_json()

    def refs(keys):
        out = []
        for k in keys:
            if isinstance(k, str) and k.startswith("#"):
                for r in _ref(period[int(k[1:])]):
                    if r not in out:
                        out.append(r)
        return out

    res["according_to"] = refs(res.get("according_to") or [])
    for s in res.get("sides") or []:
        s["according_to"] = refs(s.get("according_to") or [])
    return res


def control_timeline(place_id: str, statements: Sequence[ControlStatement | Mapping], *,
                     sides: Sides | None = None, events: Sequence = (),
                     late_days: int = LATE_DAYS) -> list[TimelineEntry]:
    """The control timeline of ``place_id`` (see the module doc), oldest first."""
    sts = [as_statement(s) for s in statements]
    # alliances: the statements' own "backed by" phrases (events' ``associated`` actors only
    # when given: over a corpus they are too noisy and chain every side into one)
    sides = sides or sides_for(sts, events)
    mine = [s for s in sts if s.place == place_id and not s.near and s.as_of]
    mine.sort(key=lambda s: (str(s.as_of)[:10], _published(s)))
    periods: list[tuple[str, list[ControlStatement]]] = []
    for st in mine:
        day = str(st.as_of)[:10]
        if periods and periods[-1][0] == day:
            periods[-1][1].append(st)
        else:
            periods.append((day, [st]))

    out: list[TimelineEntry] = []
    for day, period in periods:
        res = _judge(period, sides)
        if res is not None and res["status"] == "contested" and len({_published(s).date() for s in period}) > 1:
            # late reports: a disagreeing report published well after the others supersedes them
            latest = max(_published(s) for s in period)
            recent = [s for s in period if latest - _published(s) <= timedelta(days=late_days)]
            older = [s for s in period if s not in recent]
            if older and recent:
                res_recent = _judge(recent, sides)
                if res_recent is not None and res_recent["status"] != "contested":
                    res = res_recent
        if res is None:
            continue
        precs = {s.as_of_precision or "day" for s in period}
        precision = next((p for p in ("day", "week", "month", "year") if p in precs), "day")
        entry = TimelineEntry(as_of=day, controller=res.get("controller"), status=res["status"],
                              according_to=res["according_to"], last_seen=day, sides=res.get("sides") or [],
                              precision=precision, last_seen_precision=precision)
        cur = out[-1] if out else None
        if entry.status == "lost" and cur is not None and cur.status != "lost" and not (
                cur.controller and entry.controller and sides.same(cur.controller, entry.controller)):
            continue   # someone other than the known holder lost it: nothing changes
        if cur is not None and _agrees(cur, entry, sides):
            cur.last_seen, cur.last_seen_precision = day, entry.precision
            if (is_vague(cur.controller) and not is_vague(entry.controller)) or (
                    cur.controller is None and entry.controller is not None):
                cur.controller = entry.controller
            for r in entry.according_to:
                if r not in cur.according_to:
                    cur.according_to.append(r)
            continue
        out.append(entry)
    return out


def _agrees(a: TimelineEntry, b: TimelineEntry, sides: Sides) -> bool:
    if a.status == "contested" or b.status == "contested":
        return a.status == b.status == "contested"
    if a.status == "lost" or b.status == "lost":
        return a.status == b.status and a.controller == b.controller
    if b.status == "taken":
        # a capture is a change of hands, unless the holder is known to be the same side or it
        # repeats a capture reported within the last two days
        if not is_vague(a.controller) and not is_vague(b.controller):
            return sides.same(a.controller, b.controller) is True
        last, start = to_date(a.last_seen or a.as_of), to_date(b.as_of)
        return a.status == "taken" and last is not None and start is not None and (start - last).days <= 2
    if is_vague(a.controller) or is_vague(b.controller):
        return True
    return sides.same(a.controller, b.controller) is not False


def current_control(timeline: Sequence[TimelineEntry]) -> TimelineEntry | None:
    """Who holds the place now according to the latest reports (the last entry), or None."""
    return timeline[-1] if timeline else None
