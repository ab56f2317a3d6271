"""Propositions: a small normal form of what a claim holds true (see the package doc)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ... import lang
from ...events.taxonomy import TYPES
from ..control import ControlStatement, is_vague

ONE_SIDED = frozenset(t.code for t in TYPES
                      if t.acled_event_type in ("Explosions/Remote violence", "Violence against civilians"))
"""Event types with a side that did it and a side (or people) it was done to: who did it can
be disputed ("blame")."""
ARMED = frozenset({"armed_group", "state_force", "government", "militia", "coalition"})
"""Actor types that can carry out an attack (not an outlet, a monitor, an aid group or an
unknown organisation such as a dateline read as a name, "BEIRUT Air")."""


@dataclass(slots=True)
class Proposition:
    predicate: str
    subject: str | None
    places: list[str]
    positive: bool
    claim: str
    speaker: str | None
    speaker_key: str
    value: int | None = None
    victims: str | None = None
    event: str | None = None
    as_of: str | None = None
    status: str | None = None
    """control: the statement's status (taken/held/lost)."""
    previous: str | None = None
    """control: the actor a capture was taken from."""
    deny: bool = False
    """From a deny claim."""
    speaker_actor: str | None = None
    speaker_type: str | None = None
    text: str = ""
    article_id: Any = None
    site: str | None = None
    published: str | None = None
    cue: str = ""
    """The words that gave the proposition ("ceasefire", "crossed the border"), for the reason."""
    place_name: str | None = None
    """control/fighting: the statement's place name, for the reason when ``places`` lacks it."""
    also: tuple[str, ...] = ()
    """blame: the other actors named with the subject as doing it ("Turkish jets and coalition
    aircraft struck")."""

    @property
    def place(self) -> str | None:
        return self.places[0] if self.places else None


def _speaker_key(claim) -> str:
    return claim.speaker_actor or (claim.speaker or "?").strip().lower()


def _first_sentence_end(content: str, lx) -> int:
    m = lx.SENTENCE_END.search(content)
    return m.end() if m else len(content)


def _local_negation(content: str, start: int, end: int, lx) -> bool:
    clause_start = max(content.rfind(",", 0, start), content.rfind(";", 0, start), content.rfind(". ", 0, start))
    lead = content[max(clause_start + 1, start - 45):start]
    return bool(lx.NEGATION.search(lead) or lx.NEGATION_AFTER.search(content[end:end + 12]))


def _number(text: str, lx) -> int | None:
    best = None
    for m in lx.NUMBER.finditer(text):
        w = m.group(1).lower().replace(",", "")
        v = int(w) if w.isdigit() else lx.NUMBER_WORDS.get(w)
        if v is not None and (best is None or v > best):
            best = v
    return best


def propositions(claims: Sequence, events: Sequence = (), control: Sequence[ControlStatement] = (), *,
                 actors: Sequence = (), site: str | None = None, article_id: Any = None,
                 published: str | None = None, language: str | None = None) -> list[Proposition]:
    """The propositions the claims of one article hold (records: ``Claim``, ``Event``,
    ``ControlStatement``, ``Actor``)."""
    lx = lang.get(language).contradictions
    claims = list(claims)
    by_id = {c.id: c for c in claims}
    events_by_id = {e.id: e for e in events}
    mentions = sorted((m.start, m.end, a.id, a.type, a.affiliation) for a in actors for m in a.mentions)
    kinds = {a.id: a.type for a in actors}
    out: list[Proposition] = []

    def base(c, **kw) -> Proposition:
        return Proposition(claim=c.id, speaker=c.speaker, speaker_key=_speaker_key(c),
                           deny=c.polarity == "deny", speaker_actor=c.speaker_actor,
                           speaker_type=c.speaker_type, article_id=article_id, site=site,
                           published=published, **kw)

    # control statements
    for st in control:
        if st.near:
            continue
        for cid in st.according_to:
            c = by_id.get(cid)
            if c is None:
                continue
            if st.status == "contested":
                out.append(base(c, predicate="fighting", subject=None, places=[st.place], positive=st.positive,
                                as_of=st.as_of, text=st.evidence.get("text", "")[:160], event=st.event,
                                place_name=st.place_name))
            else:
                pos = st.positive if st.status in ("taken", "held") else not st.positive
                out.append(base(c, predicate="control", subject=st.controller, places=[st.place], positive=pos,
                                as_of=st.as_of, status=st.status, text=st.evidence.get("text", "")[:160],
                                event=st.event, previous=st.previous if st.status == "taken" else None,
                                place_name=st.place_name))
    # text cues
    for c in claims:
        content = c.content or ""
        cstart = c.content_start or 0
        ev_ids = list(c.about.get("events") or [])
        evs = [events_by_id[e] for e in ev_ids if e in events_by_id]
        # the place of the event the claim is about first: detection picked the most specific
        # one ("strikes on Jeb al-Kussa" rather than the "Turkish" of "Turkish strikes")
        places = list(dict.fromkeys([e.place for e in evs if e.place] + list(c.about.get("places") or [])))
        deny = c.polarity == "deny"
        first_end = _first_sentence_end(content, lx)
        dated = next((e.date for e in evs if e.date), None)
        as_of = dated.isoformat() if dated is not None else None
        for pred, rx in lx.CUES.items():
            for m in rx.finditer(content):
                if pred == "agreement" and lx.SCOPE.search(content[max(0, m.start() - 50):m.start()]):
                    continue   # "X is not covered by the agreement" says whom it binds, not whether there is one
                if deny and m.start() < first_end:
                    positive = (c.polarity == "assert") != bool(c.content_negated)
                elif pred == "killed":   # "no civilians were killed", "were not killed"; not "no word on casualties"
                    window = content[max(0, m.start() - 40):m.end() + 4]
                    positive = not lx.NONE_KILLED.search(window)
                else:
                    positive = not _local_negation(content, m.start(), m.end(), lx)
                subject = _subject(content, cstart, m.start(), mentions, c, lx)
                predicate = pred
                if pred == "present":
                    predicate, positive = "withdrawn", not positive
                value = victims = None
                event = None
                if pred == "killed":
                    window = content[max(0, m.start() - 80):m.end() + 40]
                    vm = lx.VICTIMS.search(window)
                    victims = lx.VICTIM_CLASS.get(vm.group(1).lower()) if vm else None
                    fat = [e for e in evs if e.fatalities is not None]
                    if fat:
                        value, event = fat[0].fatalities, fat[0].id
                    else:
                        value = _number(content[max(0, m.start() - 60):m.start()], lx)
                        if value is None and lx.ZERO.search(content[max(0, m.start() - 40):m.start()]):
                            value = 0
                    if subject is None and evs:
                        subject = evs[0].actor1
                elif pred == "agreement":
                    subject = subject or (evs[0].actor1 if evs else None)
                out.append(base(c, predicate=predicate, subject=subject, places=places, positive=positive,
                                value=value, victims=victims, event=event or (ev_ids[0] if ev_ids else None),
                                as_of=as_of or published[:10] if (as_of or published) else None,
                                text=content[:160], cue=m.group(1)))
                break   # one proposition per predicate and claim
        attacks = [e for e in evs if e.type in ONE_SIDED]
        m = lx.BLAME.search(content) if attacks else None
        if m is not None:
            # who the claim says did the attack it is about: the actor named before the act
            subject = _subject(content, cstart, m.start(), mentions, c, lx)
            if subject and not is_vague(subject) and kinds.get(subject) in ARMED:
                positive = (c.polarity == "assert") != bool(c.content_negated)
                also = tuple(a for a in _doers(content, cstart, m.start(), mentions, kinds, lx) if a != subject)
                out.append(base(c, predicate="blame", subject=subject, places=places, positive=positive,
                                event=attacks[0].id, as_of=as_of or (published[:10] if published else None),
                                text=content[:160], cue=m.group(1), also=also))
    return out


def _doers(content: str, cstart: int, at: int, mentions, kinds, lx) -> list[str]:
    """Every armed actor named in the clause before ``at`` (content offset): "Turkish jets
    and coalition aircraft struck" names two."""
    lead = content[:at]
    clause = max(lead.rfind(ch) for ch in lx.CLAUSE_BREAKS) + 1
    lo, hi = cstart + max(clause, at - 120), cstart + at
    out = []
    for s, e, aid, typ, aff in mentions:
        actor = aff if typ == "person" and aff else aid
        if lo <= s and e <= hi and kinds.get(actor) in ARMED and actor not in out:
            out.append(actor)
    return out


def _subject(content: str, cstart: int, at: int, mentions, claim, lx) -> str | None:
    abs_at = cstart + at
    best = None
    for s, e, aid, typ, aff in mentions:
        if cstart <= s and e <= abs_at and abs_at - e <= 120 and typ not in ("media", "monitor"):
            best = aff if typ == "person" and aff else (None if typ == "person" else aid)
    if best:
        return best
    lead = content[max(0, at - 40):at]
    if lx.SELF.search(lead):
        return claim.speaker_actor
    return None
