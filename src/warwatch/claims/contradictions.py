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
    speaker_type: str | None = None
    text: str = ""
    article_id: Any = None
    site: str | None = None
    published: str | None = None
    cue: str = ""
    """The words that gave the proposition ("ceasefire", "crossed the border"), for the reason."""
    place_name: str | None = None
    """control/fighting: the statement's place name, for the reason when ``places`` lacks it."""

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
                           speaker_type=_g(c, "speaker_type"), article_id=article_id, site=site,
                           published=published, **kw)

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
        content = _g(c, "content") or ""
        cstart = _g(c, "content_start") or 0
        ev_ids = list((_g(c, "about") or {}).get("events") or [])
        evs = [events_by_id[e] for e in ev_ids if e in events_by_id]
        # the place of the event the claim is about first: detection picked the most specific
        # one ("strikes on Jeb al-Kussa" rather than the "Turkish" of "Turkish strikes")
        places = list(dict.fromkeys([_g(e, "place") for e in evs if _g(e, "place")]
                                    + list((_g(c, "about") or {}).get("places") or [])))
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
                                text=content[:160], cue=m.group(1)))
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


# --------------------------------------------------------------------------------------
# Wording of the reasons. They are shown as sentences (Contested page, event, place and
# speaker pages, exports): "The Syrian Observatory for Human Rights says 35 civilians were
# killed; Turkey's military denies that civilians were killed."

_ORG_HEADS = frozenset(
    "administration alliance army authority battalion brigade brigades command commission committee corps council "
    "department division force forces front government guard guards legion military militia ministry mission "
    "movement nations observatory office party police regime regiment staff unit units".split())
"""A multi-word name ending in one of these reads with "the": "the Hamza Division", "the Turkish government"."""
_NAMED_TYPES_WITHOUT_ARTICLE = frozenset({"person", "place", "outlet", "described", "unknown"})
_ROLE_NOUNS = frozenset(
    "activist activists analyst analysts commander commanders diplomat diplomats doctor doctors farmer fighter "
    "fighters locals man medic medics men officer officers official officials people rebel rebels report reports "
    "resident residents soldier soldiers source sources spokesman spokesperson spokeswoman statement witness "
    "witnesses woman women".split())
_DETERMINERS = frozenset(
    "the a an some several many few two three four five six seven eight nine ten both other one local senior "
    "unnamed anonymous".split())
_PRONOUNS = frozenset("he she it they we i you that which who this these those".split())
_IRREGULAR_PLURALS = frozenset({"people", "police", "children", "women", "men", "media"})
_PLURAL_NAME_HEADS = frozenset({"forces", "units", "guards", "brigades"})
"""Names plural in form that read with a plural verb: "the Turkish Armed Forces hold"."""
_HEAD_END = re.compile(r"\s+(?:from|in|of|at|with|for|on|near|inside|outside|close\s+to|familiar\s+with|who|whom|"
                       r"whose|which|that|reached|speaking|quoted|cited|based\s+in)\b|\s*[,;(]|\s+[—–]\s", re.I)
_RELATIVE = re.compile(r"\s*(?:,|\s(?:who|whom|whose|which)\b|\s[—–]\s|\().*$", re.S)
_LONG_SPEAKER = 60
_AGREEMENT_NOUNS = (("cease", "ceasefire"), ("truce", "truce"), ("deal", "deal"))


def _clean(text: str | None) -> str:
    return " ".join((text or "").split()).strip(" \"'“”‘’.,:;")


def _short(text: str) -> str:
    """A speaker description without its relative clause or apposition ("a farmer from the village
    who fled to Manbij" -> "a farmer from the village"); a long one also loses its trailing phrase."""
    short = _RELATIVE.sub("", text).strip() or text
    if len(short) > _LONG_SPEAKER:
        m = re.search(r"\s(?:from|in|of|at|with|for|on|near)\s", short)
        if m and m.start() > 0:
            short = short[:m.start()]
    return short


def _head(text: str) -> list[str]:
    m = _HEAD_END.search(text)
    words = (text[:m.start()] if m and m.start() > 0 else text).split()
    return words or text.split()


def _plural(text: str) -> bool:
    """Whether a speaker or subject phrase takes a plural verb: "Turkish officials", "two rebel
    commanders and a resident", "Commanders from the Hamza Division", "Turkish Armed Forces"; not
    other names that end in -s ("Reuters", "United Nations") nor "the Syrian Observatory for Human
    Rights"."""
    if re.search(r"\sand\s+[a-z0-9]", text):
        return True
    head = _head(text)
    if not head:
        return False
    last = head[-1].strip(".,'\"’")
    low = last.lower()
    if low in _IRREGULAR_PLURALS:
        return low != "media" or not last[:1].isupper()
    if not low.endswith("s") or low.endswith(("ss", "us", "is", "'s", "’s")):
        return False
    if last[:1].isupper():   # a capitalised word is a name, unless it is a role noun opening the phrase
        return (len(head) == 1 and low in _ROLE_NOUNS) or (len(head) > 1 and low in _PLURAL_NAME_HEADS)
    return True


def _the(name: str) -> str:
    """ "the" before a multi-word organisation name: "Hamza Division" -> "the Hamza Division"."""
    words = name.split()
    if len(words) < 2 or words[0].lower() in _DETERMINERS:
        return name
    if ("'" in words[0] or "’" in words[0]) and words[0].lower().replace("’", "'") not in ("people's", "women's"):
        return name   # "YPG's general command"
    return f"the {name}" if _head(name)[-1].lower() in _ORG_HEADS else name


def _lower_first(text: str) -> str:
    """ "The source" -> "the source", "Commanders from ..." -> "commanders from ...": a description
    capitalised only because it opened a sentence of the article."""
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()) and first.lower() in _DETERMINERS | _ROLE_NOUNS:
        return first.lower() + (" " + rest if rest else "")
    return text


def _speaker(p: Proposition) -> tuple[str, bool]:
    """How a proposition's source reads in a reason, and whether it takes a plural verb."""
    text = _clean(p.speaker)
    if not text or text.lower() in _PRONOUNS:
        return (f"an unnamed source in {p.site}" if p.site else "an unnamed source"), False
    if p.speaker_type == "outlet":
        return text, False
    text = _short(text)
    plural = _plural(text)
    if p.speaker_type in _NAMED_TYPES_WITHOUT_ARTICLE or p.speaker_type is None:
        return _lower_first(text), plural
    return _lower_first(_the(text)), plural


def _verb(third_singular: str, plural: bool) -> str:
    if not plural:
        return third_singular
    return {"says": "say", "denies": "deny", "holds": "hold", "does": "do", "has": "have", "was": "were",
            "is": "are"}.get(third_singular, third_singular)


def _pluralize(noun: str) -> str:
    *lead, last = noun.split()
    low = last.lower()
    if low in _IRREGULAR_PLURALS or low.endswith("s"):
        plural = last
    elif low.endswith("man"):
        plural = last[:-3] + "men"
    elif low.endswith("y") and low[-2:-1] not in ("a", "e", "i", "o", "u"):
        plural = last[:-1] + "ies"
    elif low.endswith(("ch", "sh", "x")):
        plural = last + "es"
    else:
        plural = last + "s"
    return " ".join([*lead, plural])


def _title(slug: str) -> str:
    """An id's slug as a name: "islamic-state-group" -> "Islamic State Group", "fsa" -> "FSA"."""
    words = [w for w in slug.replace("_", "-").split("-") if w]
    if len(words) == 1 and len(words[0]) <= 3:
        return words[0].upper()
    return " ".join(w if (i and w in ("of", "for", "and", "the", "al", "in", "on")) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _actor(actor: str, names: Mapping[str, str]) -> tuple[str, bool]:
    """An actor id as words, and whether it takes a plural verb. Generic groups are plural nouns
    (``group:rebel`` -> "rebels", ``group:groups`` -> "armed groups"); an id with no name becomes
    its slug in title case, never the id."""
    kind, _, slug = actor.rpartition(":")
    if kind == "group":
        noun = _pluralize(slug.replace("-", " "))
        return ("armed groups" if noun == "groups" else noun), True
    name = _clean(names.get(actor)) or _title(slug)
    if name == actor:
        name = _title(slug)
    if kind == "person":
        return name, False
    return _the(name), _plural(name)


def _who(p: Proposition, names: Mapping[str, str], speaker_plural: bool) -> tuple[str, bool]:
    """The subject of a proposition as words: "it" / "they" when it is the speaker's own side."""
    if p.subject is None:
        return "", False
    if p.subject == p.speaker_actor:
        if speaker_plural:
            return "they", True
        if p.speaker_type == "person":
            return "their side", False
        if p.speaker_type == "described" and p.subject in names:
            return _actor(p.subject, names)
        return "it", False
    return _actor(p.subject, names)


def _where(p: Proposition, places: Mapping[str, str]) -> str:
    if not p.place:
        return ""
    name = _clean(places.get(p.place))
    if not name or name == p.place:
        name = _clean(p.place_name)
    return name or "the place"


def _agreement_noun(cue: str) -> str:
    low = cue.lower()
    return next((noun for key, noun in _AGREEMENT_NOUNS if low.startswith(key)), "agreement")


_SINGULAR = {"civilians": "civilian", "soldiers": "soldier", "fighters": "fighter", "people": "person"}


def _toll(value: int | None, victims: str | None) -> str:
    """ "35 civilians were killed", "one soldier was killed", "civilians were killed"."""
    vict = victims or "people"
    if value is None:
        return f"{vict} were killed"
    if value == 0:
        return "no one was killed" if victims is None else f"no {vict} were killed"
    if value == 1:
        return f"one {_SINGULAR.get(vict, vict)} was killed"
    return f"{value} {vict} were killed"


def _clause(p: Proposition, names: Mapping[str, str], places: Mapping[str, str], *,
            speaker_plural: bool = False, positive: bool | None = None) -> str:
    """What ``p`` holds, as a clause after "says"; with ``positive=True``, the affirmative
    version of a negative proposition, for "denies that ..."."""
    pos = p.positive if positive is None else positive
    where = _where(p, places)
    who, plural = _who(p, names, speaker_plural)
    if p.predicate == "control":
        if pos:
            if p.status == "taken":
                return f"{who} took {where}" if who else f"{where} was taken"
            return f"{who} {_verb('holds', plural)} {where}" if who else f"{where} is held"
        if p.status == "lost":
            return f"{who} lost {where}" if who else f"{where} was lost"
        if p.status == "held":
            return f"{who} {_verb('does', plural)} not hold {where}" if who else f"{where} is not held"
        return f"{who} did not take {where}" if who else f"{where} was not taken"
    if p.predicate == "fighting":
        if pos:
            return f"fighting goes on in {where}" if where else "fighting goes on"
        return f"there is no fighting in {where}" if where else "there is no fighting"
    if p.predicate == "crossed":
        who = who or "forces"
        into = f"into {where}" if where and where != "the place" else "the border"
        return f"{who} crossed {into}" if pos else f"{who} did not cross {into}"
    if p.predicate == "withdrawn":
        who, plural = (who, plural) if who else ("forces", True)
        return f"{who} withdrew" if pos else f"{who} {_verb('has', plural)} not withdrawn"
    if p.predicate == "agreement":
        noun = _agreement_noun(p.cue)
        return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun} was reached" if pos else f"there is no {noun}"
    if p.predicate == "killed":
        if pos:
            return _toll(p.value, p.victims)
        return f"no {p.victims} were killed" if p.victims else "no one was killed"
    return _clean(p.text[:60])


def _says(p: Proposition, names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """ "<speaker> says <clause>"; for a denial of something affirmative, "<speaker> denies that
    <the affirmative clause>" (never a bare "denies it")."""
    who, plural = _speaker(p)
    if p.deny and not p.positive and (p.predicate != "control" or p.status in ("taken", "held")):
        return f"{who} {_verb('denies', plural)} that {_clause(p, names, places, speaker_plural=plural, positive=True)}"
    return f"{who} {_verb('says', plural)} {_clause(p, names, places, speaker_plural=plural)}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


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


def compare(p: Proposition, q: Proposition, sides: Sides, *, names: Mapping[str, str] = {},
            places: Mapping[str, str] = {}, window_days: int = WINDOW_DAYS,
            same_event=None) -> str | None:
    """The reason ``p`` and ``q`` cannot both be true, or None."""
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
            # "X lost it" does not deny "Y took it": the same (named) actor on both sides
            if not (p.subject and q.subject and (p.subject == q.subject or sides.same(p.subject, q.subject))):
                return None
        if _subjects_ok(sides, p.subject, q.subject) and _places_ok(p, q, strict):
            pos, neg = in_reason_order(p, q)
            return _sentence(f"{_says(pos, names, places)}; {_says(neg, names, places)}")
    if p.predicate == q.predicate == "control" and p.positive and q.positive and _places_ok(p, q, True):
        if p.subject and q.subject and not p.subject.startswith("group:") and not q.subject.startswith("group:") \
                and sides.conflict(p.subject, q.subject):
            return _sentence(f"{_says(p, names, places)}; {_says(q, names, places)}")
    if {p.predicate, q.predicate} == {"control", "fighting"} and p.positive and q.positive and _places_ok(p, q, True):
        ctl, fight = in_reason_order(p, q)
        if ctl.status in ("taken", "held") and ctl.place:
            FA, plural = _speaker(fight)
            return _sentence(f"{_says(ctl, names, places)}; {FA} {_verb('says', plural)} clashes continue there")
    if p.predicate == q.predicate == "killed":
        neg = q if p.positive else p
        victims_ok = p.victims == q.victims or (None in (p.victims, q.victims) and neg.speaker_key and
                                                 neg is not None and neg.value is None and neg.deny)
        if p.positive != q.positive and victims_ok \
                and _subjects_ok(sides, p.subject, q.subject) and _places_ok(p, q, False) \
                and (same_event is None or same_event(p, q)) and _near_in_time(p.as_of, q.as_of, 1):
            pos, neg = in_reason_order(p, q)
            return _sentence(f"{_says(pos, names, places)}; {_says(neg, names, places)}")
        if p.positive and q.positive and p.value is not None and q.value is not None and p.value != q.value:
            related = (p.event is not None and p.event == q.event and p.article_id == q.article_id) or (
                same_event is not None and same_event(p, q))
            if related and p.victims == q.victims:
                return f"Disputed toll: {_says(p, names, places)}; {_says(q, names, places)}"
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
                first, second = in_reason_order(p, q)
                out.append({"a": first.claim, "b": second.claim, "reason": reason,
                            "kind": p.predicate if p.predicate == q.predicate
                            else f"{first.predicate}/{second.predicate}", "place": first.place or second.place})
    out.sort(key=lambda r: (int(r["a"][1:]) if r["a"][1:].isdigit() else 0, r["b"]))
    return out
