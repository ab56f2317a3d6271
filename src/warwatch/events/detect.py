"""Events in an analysed article: one per sentence that reports an event.

``detect_events(doc, analysis)`` works on the spaCy doc the understanding stage built (its
text is ``article.text``, so offsets agree) and the actors, places and dates already found.

Per sentence:

1. **Candidate**: the sentence names an event (a cue from the classifier's concept lexicon,
   e.g. killed, clashed, seized, shelled, protest, arrested, ceasefire). Others are skipped
   without running the classifier.
2. **Background filter** (a sentence that only mentions a past event creates none), see
   :func:`background_reason`: the event verb is in the past perfect ("had seized"); a
   state since some time ("has held the town since 2013", "since 2013"); a date in the
   sentence that ended more than ``BACKGROUND_DAYS`` days before publication ("in 2013", "on
   Aug. 2" in a story of Aug. 24) with no recent date beside it; or an explicitly earlier
   period ("earlier this month", "last month", "last year", "three years ago"). In
   reported speech ("an official said special forces had entered") the past perfect is
   only backshift and does not count.
   **Asserted cue** (:func:`unasserted_reason`): at least one event cue must be asserted by
   the sentence: not negated ("no casualties"), not only in a relative clause ("the rebels
   who captured the town have since moved south"), not under a modal, intended or
   past-perfect verb, and a participant or weapon noun ("fighters", "jets", "rockets")
   only as the doer or instrument ("jets struck", "hit by rockets"), not as a bystander
   ("no casualties among its fighters").
3. **Type**: the classifier over all candidates of the article in one batch. A sentence
   is dropped when the no-event class (``NONE``, about 540 sentences of the shipped training
   data: background, analysis, intentions, reactions, descriptions of actors) holds at least
   ``NONE_THRESHOLD`` of the probability, or when its best type has less than
   ``MIN_CONFIDENCE``.
4. **Actors** from the dependency parse: the subject of the event verb (or the ``by`` agent of
   a passive) is ``actor1``; the object, the passive subject, or the object of from / against
   / with / on / targeting is ``actor2``; "backed by X", "X-backed", "with the support of X",
   "alongside X", "supported by X" put X in ``associated`` ("X-backed" only on a side, not
   on an act: "Turkish-backed assault"). Actors that are only the source
   of the report (subject of said / told / reported, "according to X") are not participants.
   A demonym on a military noun ("Turkish tanks", "Turkish-backed") stands for that
   country's armed forces in the actor registry, and a generic armed group noun ("rebels",
   "gunmen", "militants") for an unnamed group (``group:<noun>``); both are added to
   ``analysis.actors`` with that mention, so every event actor id is in ``actors``.
5. **Place**: the first place mention in the sentence with role ``location``; else null.
6. **Date**: the first resolved date expression in the sentence (value and precision); else
   null with precision null. We do not default to the publication day: a news sentence
   without a date is as often about yesterday or last week as about today.
7. **Fatalities**: the largest number attached to killed / dead / died / deaths / death toll
   / lives in the sentence ("killing at least 35 civilians" -> 35, "20 killed" -> 20, words
   "seven" -> 7, "a dozen" -> 12). A lower bound ("at least", "more than") is given as its
   number; vague amounts ("dozens", "scores", "hundreds") give null, as does no number.
8. **Evidence**: the sentence span ``{start, end, text}`` in ``article.text``.

Two sentences with the same type, the same place (not null) and compatible dates are one
event (a headline-style lead and its detail); the first keeps its evidence and missing
fields are filled from the later one. ``reported_by`` stays empty here: claims are linked
by the claims stage. Ids are ``e1``, ``e2``, ... in text order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Sequence

from ..nlp.model import doc_text
from .model import (TERRITORY_TYPES, acting_side, concept_spans, concept_tokens, load_model,
                    normalize, territory_side)
from .taxonomy import NONE

MIN_CONFIDENCE = 0.25
"""A candidate sentence whose best type has a lower probability is not taken as an event report."""
NONE_THRESHOLD = 0.5
"""A candidate sentence whose no-event probability reaches this is not an event report."""
BACKGROUND_DAYS = 7
"""A dated event whose date period ended more than this many days before publication is background."""


@dataclass(slots=True)
class Event:
    id: str
    type: str
    date: date | None = None
    date_precision: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    associated: list[str] = field(default_factory=list)
    place: str | None = None
    fatalities: int | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    reported_by: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "actor1": self.actor1, "actor2": self.actor2, "associated": list(self.associated),
            "place": self.place, "fatalities": self.fatalities, "evidence": dict(self.evidence),
            "reported_by": list(self.reported_by),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        """An event from its stored JSON (the store's edge)."""
        when = data.get("date")
        return cls(id=data["id"], type=data["type"], date=date.fromisoformat(when[:10]) if when else None,
                   date_precision=data.get("date_precision"), actor1=data.get("actor1"),
                   actor2=data.get("actor2"), associated=list(data.get("associated") or []),
                   place=data.get("place"), fatalities=data.get("fatalities"),
                   evidence=dict(data.get("evidence") or {}),
                   reported_by=[r for r in data.get("reported_by") or [] if isinstance(r, str)])


# --------------------------------------------------------------------------------------
# Cues

_EVENT_CONCEPTS = frozenset({
    "retake", "seize", "withdraw", "air", "arty", "ied", "grenade", "suicide", "chem", "explode",
    "kill", "protest", "disperse", "livefire", "riot", "mob", "abduct", "sex", "arrest", "agree",
    "claim", "disrupt", "base", "deploy", "crime", "natural", "accident", "clash",
})
_SPEECH = ("say", "said", "says", "saying", "tell", "told", "tells", "report", "reported",
           "reports", "announce", "announced", "announces", "state", "stated", "states", "claim",
           "claimed", "claims", "add", "added", "adds", "confirm", "confirmed", "confirms", "deny",
           "denied", "denies", "insist", "insisted", "write", "wrote", "declare", "declared",
           "warn", "warned", "note", "noted", "allege", "alleged", "quote", "quoted", "post",
           "posted", "tweet", "tweeted")
SPEECH_VERBS = frozenset(_SPEECH)
"""Word forms (the bundled pipeline may run without a lemmatizer)."""


def _lemma(tok) -> str:
    return tok.lower_
_SINCE = re.compile(r"\bsince\s+(?:(?:19|20)\d\d|the\s+(?:start|beginning|end)|early|late|last|"
                    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_EARLIER = re.compile(r"\b(?:earlier\s+this\s+(?:month|year)|last\s+(?:month|year)|"
                      r"(?:\w+|\d+)\s+(?:months?|years?)\s+(?:ago|earlier|before)|in\s+(?:19|20)\d\d|"
                      r"at\s+the\s+(?:start|beginning)\s+of\s+the\s+war|back\s+in)\b", re.I)
_QUOTE_END = re.compile(r"[,.!?][\"”’']\s+(?:[\w.-]+\s+){0,4}?(?:said|says|told|added|insisted)\b")
_DURATION = re.compile(r"\bfor\s+(?:(?:more\s+than|over|nearly|almost|about)\s+)?(?:\w+|\d+)\s+"
                       r"(?:years?|months?|weeks?|decades?)\b", re.I)
_HOLD = re.compile(r"\b(?:has|have|had)\s+(?:been\s+)?(?:held|holding|controlled|controlling|"
                   r"occupied|occupying|ruled|run)\b", re.I)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a hundred": 100,
}
_NUM = r"(?P<n>\d[\d,]*|a dozen|a hundred|" + "|".join(
    sorted((w for w in _NUMBER_WORDS if " " not in w), key=len, reverse=True)) + r")"
_BOUND = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as)\s+)?"
_DEATH = r"(?:killed|dead|died|deaths|fatalities|lives|killings|bodies)"
_FATAL_PATTERNS = (
    # killing at least 35 civilians / killed 20 people
    re.compile(r"\b(?:kill(?:ing|ed|s)?|claim(?:ing|ed)? the lives of|left)\s+" + _BOUND + _NUM
               + r"(?![\w-])(?:\s+[a-z-]+){0,3}?(?:\s+(?:dead|people|persons|civilians|soldiers|"
               r"fighters|militants|others|of them|men|women|children|members|troops|officers|"
               r"policemen|rebels|residents|villagers|worshippers|passengers))?", re.I),
    # 35 civilians were killed / 20 dead / 7 people died / 12 deaths
    re.compile(_BOUND + r"\b" + _NUM + r"(?![\w-])(?:\s+[a-z-]+){0,3}?\s+(?:(?:were|was|have been|had been|"
               r"are|reportedly|being)\s+)*" + _DEATH + r"\b", re.I),
    # death toll rose to 40 / toll of 40
    re.compile(r"\b(?:death toll|toll)\s+(?:\w+\s+){0,3}?(?:to|of|at|reached)\s+" + _BOUND + _NUM
               + r"(?![\w-])", re.I),
)
_WOUND_AFTER = re.compile(r"^\s*(?:people\s+|civilians\s+|others\s+)?(?:were\s+)?(?:wounded|injured|hurt)", re.I)


def _to_int(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        value = int(token)
        return value if value < 1_000_000 else None
    return _NUMBER_WORDS.get(token)


def fatalities(text: str) -> int | None:
    """The largest death count stated in ``text`` (see module doc), else None."""
    best: int | None = None
    for rx in _FATAL_PATTERNS:
        for m in rx.finditer(text):
            if _WOUND_AFTER.match(text[m.end("n"):]):
                continue
            value = _to_int(m.group("n"))
            if value is None or (1900 <= value <= 2100 and m.group("n").isdigit()):
                continue   # a year, not a count
            if best is None or value > best:
                best = value
    return best


# --------------------------------------------------------------------------------------
# Background


def _period_end(value: date, precision: str | None) -> date:
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        nxt = date(value.year + (value.month == 12), value.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if precision == "week":
        return value + timedelta(days=6)
    return value


def _verb_of(sent):
    """The event verb of a sentence: its root, or the reported clause of a speech verb."""
    root = sent.root
    if _lemma(root) in SPEECH_VERBS:
        for child in root.children:
            if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
                return child
    return root


def _past_perfect(verb) -> bool:
    """"had seized", "had been massing", "had been taken"."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return "had" in auxes and (verb.tag_ == "VBN" or "been" in auxes)


_MODALS = frozenset({"would", "will", "could", "should", "may", "might", "must", "can", "shall",
                     "'ll", "wo", "ca"})
_INTENT = frozenset({"plan", "plans", "planned", "planning", "threaten", "threatened", "threatens",
                     "vowed", "vow", "vows", "want", "wants", "wanted", "hope", "hopes", "intend",
                     "intends", "aim", "aims", "expect", "expects", "expected", "need", "needs",
                     "had", "has", "have", "refused", "refuse", "urged", "called"})


def _unreal(verb) -> bool:
    """A future, modal or intended event ("would continue", "had to pull back", "plans to seize")."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lower_ in _INTENT:
        return True
    return any(c.dep_ == "neg" for c in verb.children)


# Event cues that name a participant or a weapon rather than an act ("fighters", "jets",
# "rockets"): they stand for the act only as its doer or instrument ("jets struck",
# "hit by rockets"), not in "no casualties among its fighters".
_PARTICIPANT_CUES = frozenset(
    "fighter fighters jet jets aircraft warplane warplanes artillery rocket rockets howitzer "
    "howitzers mortar mortars launcher launchers mine mines base bases drone drones".split())


def _participant_ok(tok) -> bool:
    t = tok
    while t.dep_ in ("compound", "conj", "amod", "appos") and t.head is not t:
        t = t.head
    return t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ in ("by", "with"))


def _asserted(tok, sent) -> bool:
    """Whether an event cue is asserted by the sentence: not negated ("no casualties"), not
    in a relative clause ("the rebels who captured the town have since moved south"), and
    not under a modal, intended, negated or past-perfect verb on its way to the root."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
        return False
    if tok.lower_ in _PARTICIPANT_CUES and not _participant_ok(tok):
        return False
    t = tok
    while True:
        if t.pos_ in ("VERB", "AUX") and (
                _unreal(t) or (_past_perfect(t) and not _reported(t))
                or (t.lower_ in _INTENT and any(c.dep_ == "xcomp" for c in t.children))):
            return False
        if t.dep_ == "relcl" and not _cleft(t.head):
            return False
        if t.i == sent.root.i or t.head is t:
            return True
        t = t.head


_REPORT_NOUNS = frozenset("report reports claim claims statement statements allegation "
                          "allegations accusation accusations".split())


def _reported(verb) -> bool:
    """Reported speech, where the past perfect is only the backshift of a simple past ("an
    official said special forces had entered", "reports that its strikes had killed")."""
    return any(a.lower_ in SPEECH_VERBS or a.lower_ in _REPORT_NOUNS for a in verb.ancestors)


def _cleft(noun) -> bool:
    """"It was the army that recaptured the town": the relative clause is the assertion."""
    return noun.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in noun.head.children)


def unasserted_reason(sent) -> str | None:
    """Why no event cue of ``sent`` reports an act (a short reason), or None if one does."""
    base = sent.start_char
    cues = []
    for s, e in concept_spans(sent.text, _EVENT_CONCEPTS):
        span = sent.doc.char_span(base + s, base + e, alignment_mode="expand")
        if span is not None and len(span):
            cues.append(span.root)
    if not cues:
        return "no event cue"
    if any(_asserted(t, sent) for t in cues):
        return None
    return "event cues only negated, in relative clauses, modal or as bystanders"


_HOLD_VERBS = frozenset("held holding controlled controlling occupied occupying ruled run".split())


def _held_for(verb) -> bool:
    """The event verb is a perfect of holding with a duration ("had held the town for three
    years"), the main clause's, not a relative clause's ("abandoned positions they had held
    for three years" reports the abandoning)."""
    if verb.lower_ not in _HOLD_VERBS:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children):
        return False
    span = verb.doc[verb.left_edge.i:verb.right_edge.i + 1]
    return bool(_DURATION.search(span.text))


def background_reason(sent, dates: Sequence, published: date | None) -> str | None:
    """Why ``sent`` only mentions a past event (a short reason), or None if it reports one."""
    text = sent.text
    verb = _verb_of(sent)
    if _past_perfect(verb) and not _reported(verb):
        return "past perfect"
    if _unreal(verb):
        return "not a real event (modal, future, intent or negated)"
    if text.lstrip()[:1] in "\"“'‘" or _QUOTE_END.search(text):
        return "quotation"
    if _SINCE.search(text) or (_HOLD.search(text) and "since" in text.lower()):
        return "state since"
    if _held_for(verb):
        return "state for a duration"   # "said IS had held the town for three years"
    recent = False
    old = False
    for d in dates:
        if d.value is None:
            continue
        if published is None:
            continue
        end = _period_end(d.value, d.precision)
        if end < published - timedelta(days=BACKGROUND_DAYS) or _EARLIER.search(d.text):
            old = True
        else:
            recent = True
    if old and not recent:
        return "dated before publication"
    if _EARLIER.search(text) and not recent:
        return "earlier period"
    return None


# --------------------------------------------------------------------------------------
# Actors

_MILITARY_NOUNS = frozenset({
    "tank", "tanks", "troops", "troop", "forces", "force", "army", "soldiers", "soldier", "jets",
    "jet", "warplanes", "warplane", "aircraft", "drones", "drone", "artillery", "military",
    "special", "commandos", "navy", "air", "helicopters", "helicopter", "gunships", "units",
    "strikes", "strike", "airstrikes", "airstrike", "shelling", "police", "gendarmes",
})
_GENERIC_GROUPS = {
    "rebels": "armed_group", "rebel": "armed_group", "militants": "armed_group",
    "insurgents": "armed_group", "jihadists": "armed_group", "gunmen": "armed_group",
    "militiamen": "militia", "militias": "militia", "militia": "militia", "bandits": "armed_group",
    "separatists": "armed_group", "guerrillas": "armed_group", "fighters": "armed_group",
    "attackers": "armed_group", "assailants": "armed_group", "kidnappers": "armed_group",
    "terrorists": "armed_group", "police": "state_force", "policemen": "state_force",
    "soldiers": "state_force", "troops": "state_force", "army": "state_force",
}
_ALLY_BEFORE = re.compile(r"(?:backed|supported|assisted|aided|helped|joined|accompanied|"
                          r"reinforced)\s+by\s+(?:the\s+)?$|(?:with\s+the\s+(?:support|help|backing|"
                          r"assistance)\s+of|alongside|together\s+with|along\s+with|supported\s+by)"
                          r"\s+(?:the\s+)?$", re.I)
_BACKED_ACTS = frozenset("assault attack attacks offensive operation operations push incursion "
                         "campaign advance raid raids strikes strike bombardment invasion".split())
_ALLY_AFTER = re.compile(r"^\s*-\s*(?:backed|supported|led|allied|aligned)\b|^'s\s+allies", re.I)
_TARGET_PREPS = frozenset({"from", "against", "with", "on", "at", "targeting", "upon", "into"})


@dataclass(slots=True)
class _Ref:
    actor: str
    start: int
    end: int


def _np_head(tok):
    """Climb from a name token to the head of its noun phrase."""
    seen = 0
    while tok.dep_ in ("compound", "amod", "nmod", "poss", "flat", "appos", "conj", "case") and \
            tok.head is not tok and seen < 6:
        tok = tok.head
        seen += 1
    return tok


def _is_source(head) -> bool:
    gov = head.head
    if head.dep_ in ("nsubj",) and _lemma(gov) in SPEECH_VERBS:
        return True
    if head.dep_ == "pobj" and gov.lower_ == "to" and gov.head.lower_ == "according":
        return True
    if head.dep_ == "pobj" and gov.lower_ == "by" and _lemma(gov.head) in ("reported", "claimed", "said"):
        return True
    return False


def _role(doc, ref: _Ref, verb, text: str) -> str | None:
    """'actor1', 'actor2', 'associated', 'source' or None (unclear)."""
    before = text[max(0, ref.start - 40):ref.start]
    after = text[ref.end:ref.end + 20]
    if _ALLY_BEFORE.search(before):
        return "associated"
    m = _ALLY_AFTER.match(after)
    if m:
        # "Turkish-backed rebels" backs a side; "Wednesday's Turkish-backed assault" backs an
        # act, whose doer need not be this sentence's acting side
        cue = doc.char_span(ref.end + m.end() - 1, ref.end + m.end(), alignment_mode="expand")
        if cue is not None and len(cue) and cue[0].head.lower_ in _BACKED_ACTS:
            return None
        return "associated"
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = _np_head(span.root)
    if _is_source(head):
        return "source"
    dep = head.dep_
    gov = head.head
    if dep == "nsubj":
        return "actor1"
    if dep == "nsubjpass":
        return "actor2"
    if dep == "pobj" and gov.lower_ == "by" and gov.dep_ == "agent":
        return "actor1"
    if dep in ("dobj", "obj"):
        return "actor2"
    if dep == "pobj" and gov.lower_ in _TARGET_PREPS:
        return "actor2"
    if dep == "poss" or (dep == "pobj" and gov.lower_ == "of"):
        return "actor2" if verb is not None and head.i > verb.i else None
    return None


def _extra_refs(sent, analysis, registry) -> list[_Ref]:
    """Demonyms on military nouns and generic armed-group nouns, as actor references."""
    from ..nlp.actors import Actor, Mention

    refs: list[_Ref] = []
    by_id = {a.id: a for a in analysis.actors}
    taken = [(m.start, m.end) for a in analysis.actors for m in a.mentions]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    def add(actor_id: str, name: str, kind: str, country, s: int, e: int) -> None:
        actor = by_id.get(actor_id)
        if actor is None:
            actor = Actor(id=actor_id, name=name, type=kind, country=country)
            analysis.actors.append(actor)
            by_id[actor_id] = actor
        mention = Mention(doc_text(sent.doc)[s:e], s, e)
        if mention not in actor.mentions:
            actor.mentions.append(mention)
            actor.mentions.sort(key=lambda m: m.start)
        taken.append((s, e))
        refs.append(_Ref(actor_id, s, e))

    for place in analysis.places:
        for m in place.mentions:
            if m.role != "demonym" or not (sent.start_char <= m.start < sent.end_char):
                continue
            if not place.country or not free(m.start, m.end):
                continue
            follow = doc_text(sent.doc)[m.end:m.end + 30].lower()
            nxt = re.match(r"\s*-?\s*([a-z]+)", follow)
            word = nxt.group(1) if nxt else ""
            if word in _MILITARY_NOUNS or word in ("backed", "supported", "led"):
                actor_id = registry.state_actor(place.country, military=True) if registry else None
                if actor_id:
                    entry = registry[actor_id]
                    add(actor_id, entry.name, entry.type, entry.country, m.start, m.end)
    for tok in sent:
        kind = _GENERIC_GROUPS.get(tok.lower_)
        if kind and tok.pos_ in ("NOUN", "PROPN") and free(tok.idx, tok.idx + len(tok)):
            add(f"group:{tok.lower_}", tok.lower_, kind, None, tok.idx, tok.idx + len(tok))
    return refs


def _assign(doc, sent, refs: list[_Ref], text: str) -> tuple[str | None, str | None, list[str]]:
    verb = _verb_of(sent)
    actor1 = actor2 = None
    associated: list[str] = []
    loose: list[str] = []
    for ref in sorted(refs, key=lambda r: r.start):
        role = _role(doc, ref, verb, text)
        if role == "source":
            continue
        if role == "associated":
            if ref.actor not in associated:
                associated.append(ref.actor)
        elif role == "actor1" and actor1 is None:
            actor1 = ref.actor
        elif role == "actor2" and actor2 is None:
            actor2 = ref.actor
        elif ref.actor not in loose:
            loose.append(ref.actor)
    for actor in loose:
        if actor in (actor1, actor2) or actor in associated:
            continue
        if actor1 is None:
            actor1 = actor
        elif actor2 is None:
            actor2 = actor
    if actor1 is not None and actor1 == actor2:
        actor2 = None
    associated = [a for a in associated if a not in (actor1, actor2)]
    return actor1, actor2, associated


# --------------------------------------------------------------------------------------


def _pub_date(published) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return None


def candidate(text: str) -> bool:
    """Does ``text`` contain an event cue (a concept of the classifier's lexicon)?"""
    toks = concept_tokens(normalize(text)).split()
    return any(t[2:] in _EVENT_CONCEPTS for t in toks if t.startswith("c_"))


@dataclass(slots=True)
class EventCandidate:
    """A sentence that may report an event: it names an event cue, asserts it, and is not
    background. The classifier assigns ``label`` (a type code, or ``NONE``) and ``probs``."""

    sent: Any
    """The spaCy sentence span."""
    dates: list = field(default_factory=list)
    """Its resolved date expressions."""
    label: str | None = None
    probs: dict[str, float] | None = None

    @property
    def text(self) -> str:
        return self.sent.text


def event_candidates(doc, analysis) -> list[EventCandidate]:
    """The sentences of ``doc`` that may report an event (steps 1 and 2 of the module doc)."""
    published = _pub_date(analysis.article.published)
    out = []
    for sent in doc.sents:
        s_text = sent.text.strip()
        if len(s_text) < 15 or not candidate(s_text):
            continue
        in_sent = [d for d in analysis.dates if sent.start_char <= d.start < sent.end_char]
        if background_reason(sent, in_sent, published) or unasserted_reason(sent):
            continue
        out.append(EventCandidate(sent, in_sent))
    return out


def decide(probs: dict[str, float], *, none_threshold: float = NONE_THRESHOLD,
           min_confidence: float = MIN_CONFIDENCE) -> str:
    """Event or not is a yes/no question: the sentence reports an event when the no-event
    class holds less than ``none_threshold`` of the probability, even if it is the single
    most likely class (the rest is spread over types that are near neighbours: ATTACK /
    AIR_STRIKE / ART_MISS_ATTACK); then the best type is taken if it is likely enough."""
    if probs.get(NONE, 0.0) >= none_threshold:
        return NONE
    label, p = max(((k, v) for k, v in probs.items() if k != NONE), key=lambda kv: kv[1],
                   default=(NONE, 0.0))
    return label if p >= min_confidence else NONE


def detect_events(doc, analysis, *, model=None) -> list[Event]:
    """The events ``analysis.article`` reports (see module doc). ``doc`` is the spaCy doc of
    ``analysis.article.text`` (or of its beginning)."""
    cands = event_candidates(doc, analysis)
    if not cands:
        return []
    model = model or load_model()
    for cand, probs in zip(cands, model.predict_proba([c.text for c in cands])):
        cand.probs, cand.label = probs, decide(probs)
    return build_events(doc, analysis, cands)


def build_events(doc, analysis, candidates: Sequence[EventCandidate]) -> list[Event]:
    """Events of the typed candidates (steps 4 to 8 of the module doc), merged and numbered."""
    from ..nlp.actors import default_registry

    if not candidates:
        return []
    text = doc_text(doc)
    try:
        registry = default_registry()
    except Exception:  # noqa: BLE001 - a broken user registry must not stop events
        registry = None

    events: list[Event] = []
    for cand in candidates:
        sent, in_sent, label = cand.sent, cand.dates, cand.label
        if label is None or label == NONE:
            continue
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        refs = [_Ref(a.id, m.start, m.end) for a in analysis.actors for m in a.mentions
                if start <= m.start < end]
        refs += _extra_refs(sent, analysis, registry)
        actor1, actor2, associated = _assign(doc, sent, refs, text)
        place = _event_place(doc, analysis, start, end)
        label = _territory_side(label, actor1, analysis, text[start:end])
        when = next((d for d in in_sent if d.value is not None), None)
        events.append(Event(
            id="", type=label,
            date=when.value if when else None, date_precision=when.precision if when else None,
            actor1=actor1, actor2=actor2, associated=associated, place=place,
            fatalities=fatalities(text[start:end]),
            evidence={"start": start, "end": end, "text": text[start:end]},
        ))
    events = _merge(events)
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events


_LOCATIVE = frozenset("in near at on outside around inside into toward towards across "
                      "from of between within".split())
_DATELINE = re.compile(r"^(?:\s*/\s*[A-Z][\w .'-]*)*(?:,\s*[\w .'-]+)?\s*(?:\([^)]{0,40}\)\s*)?[—–-]")
_SPECIFIC = {"P": 0, "S": 0, "H": 1, "T": 1, "L": 2, "A": 2}


def _event_place(doc, analysis, start: int, end: int) -> str | None:
    """Where the event of the sentence ``[start, end)`` happened: among the sentence's place
    mentions with the ``location`` role, not a modifier ("UK-based", "Turkish-backed") nor a
    dateline ("WASHINGTON (Meridian) —"), the object of a locative preposition ("in", "near",
    "south of") first, then the most specific (a town before a province before a country),
    then the first."""
    text = doc_text(doc)
    best, best_key = None, None
    for p in analysis.places:
        for m in p.mentions:
            if m.role != "location" or not (start <= m.start < end):
                continue
            after = text[m.end:m.end + 60]
            if after.startswith("-"):
                continue
            if m.start == start and _DATELINE.match(after):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            head = span.root.head if span is not None else None
            locative = head is not None and span.root.dep_ == "pobj" and head.lower_ in _LOCATIVE
            feature = (p.feature or "").split(".")[0]
            if p.feature == "A.PCLI":
                rank = 3
            elif p.feature and p.feature.startswith("A.ADM"):
                rank = 2 if p.feature == "A.ADM1" else 1
            else:
                rank = _SPECIFIC.get(feature, 2)
            key = (0 if locative else 1, rank if p.lat is not None else 4, m.start)
            if best_key is None or key < best_key:
                best, best_key = p.id, key
    return best


_STATE_TYPES = frozenset({"state_force", "government"})
_NON_STATE_TYPES = frozenset({"armed_group", "militia"})


def _territory_side(label: str, actor1: str | None, analysis, text: str) -> str:
    """Between the two territorial types, the acting side's kind decides (ACLED's
    definitions): ``actor1``'s type from the parse, else the first side the sentence names."""
    if label not in TERRITORY_TYPES:
        return label
    kind = next((a.type for a in analysis.actors if a.id == actor1), None) if actor1 else None
    side = ("state" if kind in _STATE_TYPES else "nonstate" if kind in _NON_STATE_TYPES
            else acting_side(text))
    return territory_side(label, side)


def _merge(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in events:
        same = next((o for o in out if o.type == ev.type and o.place and o.place == ev.place
                     and (o.date is None or ev.date is None or o.date == ev.date)), None)
        if same is None:
            out.append(ev)
            continue
        same.date = same.date or ev.date
        same.date_precision = same.date_precision or ev.date_precision
        same.actor1 = same.actor1 or ev.actor1
        same.actor2 = same.actor2 or (ev.actor2 if ev.actor2 != same.actor1 else None)
        for a in ev.associated:
            if a not in same.associated and a not in (same.actor1, same.actor2):
                same.associated.append(a)
        if ev.fatalities is not None and (same.fatalities is None or ev.fatalities > same.fatalities):
            same.fatalities = ev.fatalities
    return out
