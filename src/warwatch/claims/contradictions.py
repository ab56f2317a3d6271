"""Contradictions within one article: pairs of claims that cannot both be true (issue 5).

The comparison runs on **propositions**, a small normal form of what a claim holds true:

``Proposition(predicate, subject, place, positive, value, victims)``

================  =======================================================================
predicate         from
================  =======================================================================
``control``       control statements (``claims/control.py``) of the claim: taken/held ->
                  positive, lost -> negative (subject = the holder)
``fighting``      contested statements: "clashes continue on the outskirts of X"
``crossed``       "crossed / entered / sent tanks into <country>", "crossed the border"
``withdrawn``     "withdrew / pulled back / returned east / left"; "present in / deployed
                  west of / remain in" is ``withdrawn`` negative
``agreement``     "ceasefire / truce / deal / agreement / agreed"
``killed``        "killed / dead / died / death toll / martyred / casualties", with the
                  number (from the claim's event's ``fatalities``, else the text) and the
                  victims (civilians, soldiers, fighters, ...)
================  =======================================================================

``subject`` is the actor named in the content before the cue (by offsets, when ``actors`` is
given), "its / our / we / they" -> the speaker's actor, else the claim's event actor1.
``positive`` is what the speaker holds: for a ``deny`` claim the polarity of the denied
proposition (``holds_positive`` of the claims stage) for cues in the content's first sentence;
otherwise a local negation ("had not crossed", "agreed to nothing", "no civilians").

Two propositions of **different claims by different speakers** contradict when:

1. same predicate, compatible subject (same side, or either unknown) and place (same id for
   control/fighting; overlapping or unknown otherwise), opposite polarity ("X denied that its
   forces crossed" vs "X crossed");
2. ``control`` of one place by two actors of different sides, both positive;
3. ``control`` positive (taken/held) vs ``fighting`` positive at the same place ("FSA took
   Jarabulus" vs "clashes continue there");
4. ``killed`` with different numbers for the same event (same event id, or same victims,
   overlapping place and dates within a day): a disputed toll.

Control and fighting propositions are compared only when their dates are within
``WINDOW_DAYS`` (a change over a week is a timeline, not a contradiction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .control import Sides, _to_date, as_statement, sides_for

__all__ = ["Proposition", "propositions", "find_contradictions", "compare", "WINDOW_DAYS"]

WINDOW_DAYS = 3

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
              "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12, "dozen": 12}

_CUES = {
    "crossed": re.compile(r"\b(cross(?:ed|es|ing)?(?: the border)?|incursion|sent (?:tanks|troops|forces)|"
                          r"rolled (?:across|into)|moved into|entered (?:Syria|Syrian territory|Iraq|Turkey))\b", re.I),
    "withdrawn": re.compile(r"\b(withdr[ae]wn?|withdrawal|pull(?:ed)? (?:back|out)|returned (?:to )?(?:the )?east|"
                            r"went back|(?:have|had|has) left|left (?:the|this) (?:city|area|town|region)|"
                            r"retreated)\b", re.I),
    "present": re.compile(r"\b((?:are|is|were|was|remain(?:s|ed)?|still) (?:present|deployed|stationed)|"
                          r"present in|deployed (?:west|in)|remain(?:s|ed)? west)\b", re.I),
    "agreement": re.compile(r"\b(cease-?fires?|truces?|deal|agreements?|agreed)\b", re.I),
    "killed": re.compile(r"\b(killed|killing|dead|died|death toll|deaths|martyred|casualties|lives)\b", re.I),
}
_NEG = re.compile(r"\b(not|n't|never|no|nothing|neither|nor|without)\b", re.I)
_NEG_AFTER = re.compile(r"^\W*(?:to )?(?:nothing|no\b|any\b)", re.I)
_VICTIMS = re.compile(r"\b(civilians?|soldiers?|troops|fighters?|militants?|terrorists?|children|women|people|"
                      r"rebels?|policemen|police)\b", re.I)
_NUMBER = re.compile(r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                     r"twenty|thirty|forty|fifty|hundred|a dozen|dozen)\b", re.I)
_KILLED_NEG = re.compile(r"\b(?:no|not|never|zero)\s+(?:\w+\s+){0,1}(?:civilians?|one|people|soldiers?|"
                         r"casualties|deaths|lives|fighters?|was\s+killed|were\s+killed|killed)\b|"
                         r"\b(?:were|was|been)\s+not\s+killed\b", re.I)
_SELF = re.compile(r"\b(its|our|we|their|they|it)\b", re.I)
_VICTIM_CLASS = {"civilian": "civilians", "civilians": "civilians", "children": "civilians", "women": "civilians",
                 "people": "civilians", "soldier": "soldiers", "soldiers": "soldiers", "troops": "soldiers",
                 "policemen": "soldiers", "police": "soldiers", "fighter": "fighters", "fighters": "fighters",
                 "militant": "fighters", "militants": "fighters", "terrorist": "fighters", "terrorists": "fighters",
                 "rebel": "fighters", "rebels": "fighters"}


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
    text: str = ""
    article_id: Any = None
    site: str | None = None
    published: str | None = None

    @property
    def place(self) -> str | None:
        return self.places[0] if self.places else None


def _g(obj, key, default=None):
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _speaker_key(claim) -> str:
    return _g(claim, "speaker_actor") or (_g(claim, "speaker") or "?").strip().lower()


def _holds_positive(claim) -> bool:
    return (_g(claim, "polarity", "assert") == "assert") != bool(_g(claim, "content_negated"))


def _first_sentence_end(content: str) -> int:
    m = re.search(r"[.!?][\"”’']?\s+(?=[\"“A-Z])", content)
    return m.end() if m else len(content)


def _local_negation(content: str, start: int, end: int) -> bool:
    clause_start = max(content.rfind(",", 0, start), content.rfind(";", 0, start), content.rfind(". ", 0, start))
    lead = content[max(clause_start + 1, start - 45):start]
    return bool(_NEG.search(lead) or _NEG_AFTER.search(content[end:end + 12]))


def _number(text: str) -> int | None:
    best = None
    for m in _NUMBER.finditer(text):
        w = m.group(1).lower().replace(",", "")
        v = int(w) if w.isdigit() else _NUM_WORDS.get(w)
        if v is not None and (best is None or v > best):
            best = v
    return best


def propositions(claims: Sequence, events: Sequence = (), control: Sequence = (), *,
                 actors: Sequence[Mapping] = (), site: str | None = None, article_id: Any = None,
                 published: str | None = None) -> list[Proposition]:
    """The propositions the claims of one article hold (see the module doc)."""
    claims = list(claims)
    by_id = {_g(c, "id"): c for c in claims}
    events_by_id = {_g(e, "id"): e for e in events}
    mentions = sorted((m["start"], m["end"], a["id"], a.get("type"), a.get("affiliation"))
                      for a in actors for m in a.get("mentions") or ())
    out: list[Proposition] = []

    def base(c, **kw) -> Proposition:
        return Proposition(claim=_g(c, "id"), speaker=_g(c, "speaker"), speaker_key=_speaker_key(c),
                           deny=_g(c, "polarity") == "deny", speaker_actor=_g(c, "speaker_actor"),
                           article_id=article_id, site=site, published=published, **kw)

    # control statements
    for st in (as_statement(s) for s in control):
        if st.near:
            continue
        for cid in st.according_to:
            c = by_id.get(cid)
            if c is None:
                continue
            if st.status == "contested":
                out.append(base(c, predicate="fighting", subject=None, places=[st.place], positive=st.positive,
                                as_of=st.as_of, text=st.evidence.get("text", "")[:160], event=st.event))
            else:
                pos = st.positive if st.status in ("taken", "held") else not st.positive
                out.append(base(c, predicate="control", subject=st.controller, places=[st.place], positive=pos,
                                as_of=st.as_of, status=st.status, text=st.evidence.get("text", "")[:160],
                                event=st.event, previous=st.previous if st.status == "taken" else None))
    # text cues
    for c in claims:
        content = _g(c, "content") or ""
        cstart = _g(c, "content_start") or 0
        places = list((_g(c, "about") or {}).get("places") or [])
        ev_ids = list((_g(c, "about") or {}).get("events") or [])
        evs = [events_by_id[e] for e in ev_ids if e in events_by_id]
        deny = _g(c, "polarity") == "deny"
        first_end = _first_sentence_end(content)
        as_of = next((_g(e, "date") for e in evs if _g(e, "date")), None)
        if as_of is not None and not isinstance(as_of, str):
            as_of = as_of.isoformat()
        for pred, rx in _CUES.items():
            for m in rx.finditer(content):
                if deny and m.start() < first_end:
                    positive = _holds_positive(c)
                elif pred == "killed":   # "no civilians were killed", "were not killed"; not "no word on casualties"
                    window = content[max(0, m.start() - 40):m.end() + 4]
                    positive = not _KILLED_NEG.search(window)
                else:
                    positive = not _local_negation(content, m.start(), m.end())
                subject = _subject(content, cstart, m.start(), mentions, c, evs)
                predicate = pred
                if pred == "present":
                    predicate, positive = "withdrawn", not positive
                value = victims = None
                event = None
                if pred == "killed":
                    window = content[max(0, m.start() - 80):m.end() + 40]
                    vm = _VICTIMS.search(window)
                    victims = _VICTIM_CLASS.get(vm.group(1).lower()) if vm else None
                    fat = [e for e in evs if _g(e, "fatalities") is not None]
                    if fat:
                        value, event = _g(fat[0], "fatalities"), _g(fat[0], "id")
                    else:
                        value = _number(content[max(0, m.start() - 60):m.start()])
                        if value is None and re.search(r"\b(no|zero)\b", content[max(0, m.start() - 40):m.start()], re.I):
                            value = 0
                    if subject is None and evs:
                        subject = _g(evs[0], "actor1")
                elif pred == "agreement":
                    subject = subject or (_g(evs[0], "actor1") if evs else None)
                out.append(base(c, predicate=predicate, subject=subject, places=places, positive=positive,
                                value=value, victims=victims, event=event or (ev_ids[0] if ev_ids else None),
                                as_of=as_of or published[:10] if (as_of or published) else None,
                                text=content[:160]))
                break   # one proposition per predicate and claim
    return out


def _subject(content: str, cstart: int, at: int, mentions, claim, evs) -> str | None:
    abs_at = cstart + at
    best = None
    for s, e, aid, typ, aff in mentions:
        if cstart <= s and e <= abs_at and abs_at - e <= 120 and typ not in ("media", "monitor"):
            best = aff if typ == "person" and aff else (None if typ == "person" else aid)
    if best:
        return best
    lead = content[max(0, at - 40):at]
    if _SELF.search(lead):
        return _g(claim, "speaker_actor")
    return None


# --------------------------------------------------------------------------------------
# Comparison


def _near_in_time(a: str | None, b: str | None, days: int) -> bool:
    da, db = _to_date(a), _to_date(b)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= days


def _subjects_ok(sides: Sides, a: str | None, b: str | None) -> bool:
    return a is None or b is None or sides.same(a, b) is not False


def _places_ok(p: Proposition, q: Proposition, strict: bool) -> bool:
    if strict:
        return bool(p.places and q.places and p.places[0] == q.places[0])
    return not p.places or not q.places or bool(set(p.places) & set(q.places))


def _name(actor: str | None, names: Mapping[str, str]) -> str:
    if actor is None:
        return "someone"
    return names.get(actor) or actor.split(":", 1)[-1].replace("-", " ")


def _phrase(p: Proposition, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    where = places.get(p.place or "", "") or (p.place or "")
    who = "it" if p.subject and p.subject == p.speaker_actor else _name(p.subject, names)
    if p.predicate == "control":
        if p.positive:
            if p.subject is None:
                return f"{where} was taken" if p.status == "taken" else f"{where} is held"
            verb = "took" if p.status == "taken" else "holds"
            return f"{who} {verb} {where}"
        return f"{who} lost {where}" if p.status == "lost" else f"{who} did not take {where}"
    if p.predicate == "fighting":
        return f"fighting goes on in {where}" if p.positive else f"there is no fighting in {where}"
    if p.predicate == "crossed":
        return f"{who} crossed" + (f" into {where}" if where else "") if p.positive else f"{who} did not cross"
    if p.predicate == "withdrawn":
        return f"{who} withdrew" if p.positive else f"{who} is still present" + (f" ({where})" if where else "")
    if p.predicate == "agreement":
        return "a ceasefire/agreement was reached" if p.positive else "there is no ceasefire/agreement"
    if p.predicate == "killed":
        vict = p.victims or "people"
        if not p.positive:
            return f"the reports of {vict} killed are false"
        return f"{p.value} {vict} were killed" if p.value is not None else f"{vict} were killed"
    return p.text[:60]


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


def compare(p: Proposition, q: Proposition, sides: Sides, *, names: Mapping[str, str] = {},
            places: Mapping[str, str] = {}, window_days: int = WINDOW_DAYS,
            same_event=None) -> str | None:
    """The reason ``p`` and ``q`` cannot both be true, or None."""
    if p.claim == q.claim and p.article_id == q.article_id:
        return None
    if p.speaker_key == q.speaker_key:
        return None
    A, B = p.speaker or p.site or "one source", q.speaker or q.site or "another source"
    spatial = p.predicate in ("control", "fighting") or q.predicate in ("control", "fighting")
    if spatial and not _near_in_time(p.as_of, q.as_of, window_days):
        return None
    if p.predicate == "control" and q.predicate == "control" and _before_after(p, q, sides):
        return None
    if p.predicate == q.predicate and p.positive != q.positive and p.predicate != "killed":
        strict = p.predicate in ("control", "fighting")
        if p.predicate in ("control", "withdrawn", "crossed"):
            # "X lost it" does not deny "Y took it": the same (named) actor on both sides
            if not (p.subject and q.subject and (p.subject == q.subject or sides.same(p.subject, q.subject))):
                return None
        if _subjects_ok(sides, p.subject, q.subject) and _places_ok(p, q, strict):
            pos, neg = (p, q) if p.positive else (q, p)
            PA, PB = (A, B) if p.positive else (B, A)
            return f"{PA} says {_phrase(pos, names, places)}; {PB} says {_phrase(neg, names, places)}"
    if p.predicate == q.predicate == "control" and p.positive and q.positive and _places_ok(p, q, True):
        if p.subject and q.subject and not p.subject.startswith("group:") and not q.subject.startswith("group:") \
                and sides.conflict(p.subject, q.subject):
            return f"{A} says {_phrase(p, names, places)}; {B} says {_phrase(q, names, places)}"
    if {p.predicate, q.predicate} == {"control", "fighting"} and p.positive and q.positive and _places_ok(p, q, True):
        ctl, fight = (p, q) if p.predicate == "control" else (q, p)
        if ctl.status in ("taken", "held"):
            CA, FA = (A, B) if ctl is p else (B, A)
            where = places.get(ctl.place or "", ctl.place or "")
            return f"{CA} says {_phrase(ctl, names, places)}; {FA} says clashes continue there" \
                if where else None
    if p.predicate == q.predicate == "killed":
        neg = q if p.positive else p
        victims_ok = p.victims == q.victims or (None in (p.victims, q.victims) and neg.speaker_key and
                                                 neg is not None and neg.value is None and neg.deny)
        if p.positive != q.positive and victims_ok \
                and _subjects_ok(sides, p.subject, q.subject) and _places_ok(p, q, False) \
                and (same_event is None or same_event(p, q)) and _near_in_time(p.as_of, q.as_of, 1):
            pos, neg = (p, q) if p.positive else (q, p)
            PA, PB = (A, B) if p.positive else (B, A)
            return f"{PA} says {_phrase(pos, names, places)}; {PB} denies it"
        if p.positive and q.positive and p.value is not None and q.value is not None and p.value != q.value:
            related = (p.event is not None and p.event == q.event and p.article_id == q.article_id) or (
                same_event is not None and same_event(p, q))
            if related and p.victims == q.victims:
                return f"disputed toll: {A} says {p.value} {p.victims or 'killed'}, {B} says {q.value}"
    return None


def find_contradictions(claims: Sequence, events: Sequence = (), control: Sequence = (), *,
                        actors: Sequence[Mapping] = (), places: Sequence[Mapping] = (),
                        site: str | None = None, sides: Sides | None = None) -> list[dict[str, Any]]:
    """Pairs of claims of one article that cannot both be true: ``[{a, b, reason, kind, place}]``.

    ``claims``/``events`` as in the analyze JSON (dicts or records); ``control``: the article's
    control statements (``control_statements``; records or their JSON). ``actors`` and
    ``places`` (the analyze JSON keys) give subjects by offset and names in the reasons.
    """
    props = propositions(claims, events, control, actors=actors, site=site)
    sides = sides or sides_for([as_statement(s) for s in control], [e if isinstance(e, Mapping) else e.to_json()
                                                                    for e in events])
    names = {a["id"]: a.get("name") or a["id"] for a in actors}
    place_names = {p["id"]: p.get("name") or p["id"] for p in places}
    out: list[dict[str, Any]] = []
    seen = set()
    for i, p in enumerate(props):
        for q in props[i + 1:]:
            key = tuple(sorted((p.claim, q.claim)))
            if key in seen:
                continue
            reason = compare(p, q, sides, names=names, places=place_names)
            if reason:
                seen.add(key)
                out.append({"a": key[0], "b": key[1], "reason": reason, "kind": p.predicate if p.predicate == q.predicate
                            else f"{p.predicate}/{q.predicate}", "place": p.place or q.place})
    out.sort(key=lambda r: (int(r["a"][1:]) if r["a"][1:].isdigit() else 0, r["b"]))
    return out
