"""Incidents, not sentences: the reports of one document grouped into the incidents they report.

A wire story reports one attack in its headline, its lead, a monitor's toll, an official's
version and a caption; each is a report (``reports.py``), and together they are one event.
Reports join an incident, in text order, when they can be about the same thing:

* **type**: the same family of violence (battles; explosions and remote violence; violence
  against civilians), or another family when the report names the same place, gives the same
  toll or refers back to the incident ("the attack", "the blast"); any other type only with
  itself; a claim of responsibility (``ATTRIB``) or a denial joins an incident and never makes
  one;
* **place**: the same place, or one holds the other (a country holds its towns, a first-level
  area the towns in it, a town its districts within ``SAME_TOWN_KM``), or a report names none;
* **date**: the same day, a week or month that holds the other, or a report gives none;
* **sides**: the acting sides are not two enemies who each strike alone.

A report joins, of the incidents it can be about, the one that shares its place, else its
toll, else the nearest before it ("the toll rose to 44"). A round-up ("strikes on towns across
the country killed 32", the language's ``ROUND_UP``) is an incident of its own that no other
report joins. The event then takes, from its reports: the type (the most
specific method a report gives over a generic attack or clash; else the most reported), the
most specific place, the most precise date (else the report's own date, precision
``reported``), the sides of its first report that names them, the toll of its first report that
gives one, the first body sentence as ``evidence`` and every report as ``mentions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .records import Event
from .reports import VIOLENT, Report, report_json

AFTERMATH = frozenset({"MAN_MADE_DISASTER"})
"""Types a strike's aftermath is often taken for (collapsed buildings, people under rubble)."""
SAME_TOWN_KM = 12.0
"""Two places this close are one locality (a town and its districts, a city and its airport)."""

METHODS = ("CHEM_WEAP", "SUIC_BOMB", "AIR_STRIKE", "REM_EXPLOS", "GRENADE", "ART_MISS_ATTACK")
"""Violent types that name how: preferred, in this order, over a report of the same incident
that names only a clash or an attack."""
TERRITORIAL = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
GENERIC = ("ARMED_CLASH", "ATTACK")
_RANK = {"P": 0, "S": 0, "H": 1, "T": 1, "L": 2}
FAMILY = {**{t: "battles" for t in ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")},
          **{t: "remote" for t in ("AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SUIC_BOMB", "CHEM_WEAP")},
          **{t: "civilians" for t in ("ATTACK", "SEX_VIOL", "ABDUCT_DISSAP")}}
_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(slots=True)
class Incident:
    reports: list[Report] = field(default_factory=list)
    round_up: bool = False
    """A round-up sentence's incident (the language's ``ROUND_UP``): no other report joins it."""

    @property
    def violent(self) -> bool:
        return any(r.type in VIOLENT for r in self.reports)

    @property
    def types(self) -> set[str]:
        return {r.type for r in self.reports if not r.denied and r.type != "ATTRIB"}


class Places:
    """How the document's places relate: the same, one within the other, or apart."""

    def __init__(self, places):
        self.by_id = {p.id: p for p in places}
        self._admin1: dict[str, str | None] = {}

    def rank(self, pid: str | None) -> int:
        p = self.by_id.get(pid) if pid else None
        if p is None or p.lat is None:
            return 9
        feature = p.feature or ""
        if feature == "A.PCLI":
            return 5
        if feature.startswith("A.ADM"):
            return 3 if feature == "A.ADM1" else 2
        return _RANK.get(feature[:1], 3)

    def admin1(self, pid: str) -> str | None:
        if pid not in self._admin1:
            try:
                from ..nlp.gazetteer import Gazetteer

                cand = Gazetteer.open().get(pid)
            except Exception:  # noqa: BLE001 - no gazetteer: containment by country and distance only
                cand = None
            self._admin1[pid] = cand.admin1 if cand is not None else None
        return self._admin1[pid]

    def related(self, a: str | None, b: str | None) -> bool:
        """Whether two places can be the place of one incident (see the module doc)."""
        if a is None or b is None or a == b:
            return True
        pa, pb = self.by_id.get(a), self.by_id.get(b)
        unplaced = [p is None or p.lat is None for p in (pa, pb)]
        if all(unplaced):
            return False   # two names we cannot place: two villages or districts, not one
        if any(unplaced):
            return True   # a name we cannot place may be a district of the other
        ra, rb = self.rank(a), self.rank(b)
        if 5 in (ra, rb):
            # a country holds its places; and a country a sentence names is as often a side
            # ("Russia said", "U.S. missiles") as where it happened: it never splits an incident
            return True
        if pa.country and pb.country and pa.country != pb.country:
            return False
        if ra == 3 or rb == 3:   # a first-level area holds the towns of its admin1
            area, other = (a, b) if ra == 3 else (b, a)
            return self.admin1(area) is not None and self.admin1(area) == self.admin1(other)
        from ..nlp.gazetteer import haversine_km

        return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= SAME_TOWN_KM


def _period(d: date | None, precision: str | None) -> tuple[date, date] | None:
    if d is None:
        return None
    if precision == "week":
        return d, d + timedelta(days=6)
    if precision == "month":
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d, nxt - timedelta(days=1)
    if precision == "year":
        return d, date(d.year, 12, 31)
    return d, d


def _dates_meet(r: Report, inc: Incident) -> bool:
    mine = _period(r.date, r.date_precision)
    if mine is None:
        return True
    for other in inc.reports:
        theirs = _period(other.date, other.date_precision)
        if theirs is not None and (mine[1] < theirs[0] or theirs[1] < mine[0]):
            return False
    return True


def _named(actor: str | None) -> bool:
    """A side the registry knows (not a person, an unknown organisation or a generic group)."""
    return bool(actor) and ":" not in actor


def _sides_meet(r: Report, inc: Incident, sides) -> bool:
    if not _named(r.actor1) or sides is None:
        return True
    for other in inc.reports:
        if not _named(other.actor1) or other.actor1 == r.actor1:
            continue
        if sides.conflict(r.actor1, other.actor1) and r.actor1 not in (other.actor2, *other.associated) \
                and other.actor1 not in (r.actor2, *r.associated):
            return False
    return True


def _types_meet(r: Report, inc: Incident, back_reference) -> bool:
    if r.denied:   # a denial is a report of this incident only when it denies this kind of act
        return (r.type in inc.types or FAMILY.get(r.type, r.type) in {FAMILY.get(t) for t in inc.types}
                or (r.type in GENERIC and inc.violent))   # "denied carrying out the attack"
    if r.type == "ATTRIB":
        return inc.violent or not inc.types or r.type in inc.types
    if r.type in VIOLENT:
        if not inc.violent:
            return False
        if FAMILY[r.type] in {FAMILY.get(t) for t in inc.types}:
            return True
        if r.type in GENERIC and not any(o.place and o.place != r.place for o in inc.reports if r.place):
            return True   # "25 civilians were killed" after the strike that killed them
        return bool((r.place and any(o.place == r.place for o in inc.reports))
                    or (r.fatalities is not None and any(o.fatalities == r.fatalities for o in inc.reports))
                    or (_named(r.actor1) and any(o.actor1 == r.actor1 for o in inc.reports))
                    or back_reference.search(r.text))
    return r.type in {x.type for x in inc.reports}


def _aftermath(r: Report, inc: Incident) -> bool:
    """"Two buildings collapsed", "dozens were trapped under rubble": what a strike left, told
    after it with no place of its own or the strike's place, is a report of the strike."""
    return (r.type in AFTERMATH and inc.violent
            and (r.place is None or any(o.place == r.place for o in inc.reports)))


def _headline_into_lead(incidents: list[Incident], places: Places, body_start: int) -> list[Incident]:
    """A headline's incident that no body report joined is the body's first incident of the same
    kind (violent or not) it can be about: the headline and the lead often word one attack
    differently ("U.S. attack" / "a U.S. missile strike")."""
    out = list(incidents)
    for inc in incidents:
        if any(r.start >= body_start for r in inc.reports):
            continue
        lead = next((o for o in out if o is not inc and any(r.start >= body_start for r in o.reports)
                     and o.violent == inc.violent and (inc.violent or o.types & inc.types)
                     and all(_dates_meet(r, o) for r in inc.reports)
                     and all(places.related(r.place, x.place) for r in inc.reports for x in o.reports)), None)
        if lead is not None:
            lead.reports[:0] = inc.reports
            out.remove(inc)
    return out


def group(reports: list[Report], places: Places, sides=None, language: str | None = None,
          body_start: int | None = None) -> list[Incident]:
    """The incidents the reports make (see the module doc). ``body_start``: where the text
    starts after the headline, when the headline was read with it."""
    from .. import lang

    lx = lang.get(language).events
    back_reference = lx.BACK_REFERENCE
    incidents: list[Incident] = []
    for r in reports:
        if lx.ROUND_UP.search(r.text) and not r.denied and r.type != "ATTRIB":
            incidents.append(Incident([r], round_up=True))
            continue
        aftermath = [inc for inc in incidents if not inc.round_up and _aftermath(r, inc)]
        if aftermath:
            max(aftermath, key=lambda inc: inc.reports[-1].order).reports.append(r)
            continue
        fits = [inc for inc in incidents if not inc.round_up
                and _types_meet(r, inc, back_reference) and _dates_meet(r, inc)
                and _sides_meet(r, inc, sides) and all(places.related(r.place, o.place) for o in inc.reports)]
        if lx.NEW_INCIDENT.search(r.text) and not back_reference.search(r.text):
            # "Separately, ...", "To the west, ...": another incident, unless at the same place
            fits = [inc for inc in fits if r.place and any(o.place == r.place for o in inc.reports)]
        if fits:
            # the incident that shares its place, else its toll ("barrel bombs on the camp
            # killed 10" after a car bomb in another town: the strike on the camp that killed
            # 10), else the nearest ("the toll rose to 44" is about the incident just told)
            def closeness(inc: Incident):
                same = bool(r.place) and any(o.place == r.place for o in inc.reports)
                toll = r.fatalities is not None and any(o.fatalities == r.fatalities for o in inc.reports)
                return (not same, not toll, -inc.reports[-1].order)
            min(fits, key=closeness).reports.append(r)
            continue
        if r.type == "ATTRIB" or r.denied:
            continue   # a claim of responsibility or a denial makes no incident of its own
        incidents.append(Incident([r]))
    if body_start:
        incidents = _headline_into_lead(incidents, places, body_start)
    return [inc for inc in incidents if inc.types]


def _type_of(inc: Incident) -> str:
    votes: dict[str, float] = {}
    told = [x for x in inc.reports if not x.denied and x.type != "ATTRIB"]
    if inc.violent:   # a strike's aftermath does not vote on what the strike was
        told = [x for x in told if x.type not in AFTERMATH] or told
    for k, r in enumerate(told):
        votes[r.type] = votes.get(r.type, 0.0) + (1.5 if k == 0 else 1.0)
    best = max(votes, key=lambda t: (votes[t], -list(votes).index(t)))
    if best in GENERIC or best in TERRITORIAL:
        if best in GENERIC:
            territorial = [t for t in TERRITORIAL if t in votes]
            if territorial:
                return max(territorial, key=lambda t: votes[t])
        methods = [t for t in METHODS if t in votes]
        if methods and best in GENERIC:
            return methods[0]
    return best


def build(incidents: list[Incident], places: Places, *, body_start: int, report_day: date | None) -> list[Event]:
    """One event per incident (see the module doc), numbered in text order."""
    events = []
    for inc in incidents:
        reps = sorted(inc.reports, key=lambda r: r.start)
        live = [r for r in reps if not r.denied and r.type != "ATTRIB"]
        lead = next((r for r in live if r.start >= body_start), live[0])
        place = min((r.place for r in live if r.place), key=lambda p: (places.rank(p), 0), default=None)
        if place is None:
            place = next((r.place for r in reps if r.place and not r.denied), None)   # a claim of responsibility's
        dated = [r for r in live if r.date is not None]
        dated.sort(key=lambda r: (_PRECISION.get(r.date_precision or "day", 4), r.start))
        if dated:
            when, precision = dated[0].date, dated[0].date_precision
        else:
            when, precision = report_day, ("reported" if report_day else None)
        first_side = next((r for r in [lead, *live] if r.actor1 or r.actor2), lead)
        associated = []
        for r in live:
            for a in r.associated:
                if a not in associated and a not in (first_side.actor1, first_side.actor2):
                    associated.append(a)
        toll = next((r.fatalities for r in [lead, *live] if r.fatalities is not None), None)
        events.append(Event(
            id="", type=_type_of(inc), date=when, date_precision=precision,
            actor1=first_side.actor1, actor2=first_side.actor2 if first_side.actor2 != first_side.actor1 else None,
            associated=associated, place=place, fatalities=toll,
            evidence={"start": lead.start, "end": lead.end, "text": lead.text},
            mentions=[report_json(r) for r in reps]))
    events.sort(key=lambda e: e.mentions[0]["start"])
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events


def report_day(published: datetime | date | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else None
