"""Who holds which place, according to whom: control statements of one article (issue 5).

``control_statements(doc, analysis_json)`` reads control out of an analysed article:

* **phrases** (a cue lexicon over spaCy's dependency parse, word forms because the pipeline
  runs without a lemmatizer):

  ============  ==========================================================================
  ``taken``     "captured / seized / took / liberated / cleared / entered / overran X (from Y)",
                "took (full) control of X", "X fell to Y", "X has been liberated from Y"
  ``held``      "holds / controls / occupies X", "remain(s) in (full) control of X", "X
                remains under its control", "X is in our hands", "Y-held X", "held by Y since",
                "repelled an attack on X", negated losses ("never lost it")
  ``lost``      "withdrew / pulled out / retreated / fled from X", "left / abandoned / lost X",
                "lost control of X"
  ``contested`` "fighting continues in X", "clashes on the (southern) outskirts of X",
                "battled for control of X", "X remains disputed", "X changed hands", "Y still
                holds villages south of X" (an area *around* X held by someone: X's outskirts
                are fought over)
  ============  ==========================================================================

  The place is the object (active), the subject (passive, "under control", "fell"), or a
  "from/of" phrase, and must be a place of the article's ``places`` that can be held: not a
  country, sea or river, not a demonym. "the town / the village / the city / it" take the
  place of the previous control statement of the sentence, else the nearest preceding
  place mention ("the village of Amarneh" is preferred for "the village"). The controller is
  the actor named in the subject (its head first; "Turkish-backed factions" is the generic
  ``group:factions`` allied with the Turkish forces); "it / its / our / we / they" inside a
  claim's content are the claim's speaker.
* **events**: a territorial event (GOV_REGAINS_TERIT, NON_STATE_ACTOR_OVERTAKES_TER,
  NON_VIOL_TERRIT_TRANSFER) with a place no phrase covered: taken by actor1 from actor2 (a
  withdrawal-worded NON_VIOL_TERRIT_TRANSFER: lost by actor1).

Each statement is attributed to the innermost claim whose content span contains its cue
(``according_to``), else to the outlet's own voice. ``positive`` is false when the statement
is negated ("had not captured it") or denied (a deny claim, or a denial inside the content:
"rejecting claims that the factions had captured it", "described the reports that ... as
psychological warfare"). Future, intended or conditional control ("intend to take it", "will
take", "would keep fighting for its liberation") is no statement.

``as_of`` is the statement's own date expression (nearest in its sentence), else its event's
date, else the publication date; ``background`` marks the outlet's past perfect ("Daesh had
held Jarablus since 2013"), which later statements supersede.

``control_summary(statements)`` gives the issue's ``control`` key: one entry per place,
``{place, controller, status, as_of, according_to}`` (plus ``sides`` when contested and
``previous`` for a capture): statements within ``WINDOW_DAYS`` of the place's latest one
are compared; two different controllers, or a capture against fighting / a denial / a
negated capture, make the place ``contested``.

``Sides`` decides whether two actor ids are the same side: same id, registry parent chain
(``hamza-division`` -> ``fsa``), state actors of one country (``turkish-government`` and
``turkish-armed-forces``), plural/singular generic groups, and alliances the article states
("rebels backed by Turkish tanks", an event's ``associated`` actors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from ..nlp.model import doc_text

__all__ = ["ControlStatement", "Sides", "control_statements", "control_summary", "control_json",
           "TERRITORIAL", "WINDOW_DAYS"]

TERRITORIAL = frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"})
WINDOW_DAYS = 3
"""Statements about a place within this many days of its latest statement are compared for
the per-article status; older ones are history (the timeline keeps them)."""

# --------------------------------------------------------------------------------------
# Lexicon (word forms)


def _forms(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


TAKE = _forms("take takes took taken taking capture captures captured capturing seize seizes seized "
              "seizing liberate liberates liberated liberating recapture recaptures recaptured "
              "recapturing retake retakes retook retaken retaking overrun overran overruns overrunning "
              "clear clears cleared clearing free frees freed freeing enter enters entered entering "
              "storm stormed storms wrest wrested win won gain gained gains conquer conquered")
_NEEDS_PLACE_OBJECT_ONLY = _forms("enter enters entered entering storm stormed storms")
HOLD = _forms("hold holds held holding control controls controlled controlling occupy occupies "
              "occupied occupying keep keeps kept retain retains retained")
LOSE = _forms("lose loses lost losing withdraw withdraws withdrew withdrawn withdrawing retreat "
              "retreats retreated retreating abandon abandons abandoned abandoning evacuate evacuated "
              "evacuates flee flees fled fleeing leave leaves left leaving quit vacate vacated pull "
              "pulls pulled pulling")
FALL = _forms("fall falls fell fallen")
REPEL = _forms("repel repels repelled repelling repulse repulsed beat beaten repulsing fend fended "
               "push pushed")
FIGHT = _forms("clash clashes clashed clashing fighting fight fights fought battle battles battled "
               "battling skirmish skirmishes gunfire combat firefight firefights")
DISPUTED = _forms("disputed contested")
CONTROL_NOUNS = _forms("control hands grip")
DENY = _forms("deny denies denied denying reject rejects rejected rejecting dismiss dismisses "
              "dismissed dismissing refute refutes refuted refuting rebut rebutted")
FALSITY = _forms("false baseless fabricated fabrication lie lies propaganda warfare untrue fake "
                 "unfounded groundless fiction nonsense")
MODALS = _forms("will would could might may must should shall can ca wo 'll 'd")
INTENT = _forms("intend intends intended intending plan plans planned planning want wants wanted try "
                "tries tried trying aim aims aimed aiming seek seeks sought vow vows vowed threaten "
                "threatens threatened hope hopes hoped prepare prepares prepared preparing attempt "
                "attempts attempted attempting expect expects expected going allow allows allowed "
                "preparing ready")
FAILED = _forms("fail fails failed failing unable")
AREA_NOUNS = _forms("villages village countryside area areas positions position outskirts "
                    "surroundings neighbourhoods neighborhoods territory land ground string "
                    "cluster suburbs hills farmland farms")
DIRECTION = _forms("south north east west southwest southeast northwest northeast southern northern "
                   "eastern western near around outside beyond toward towards to from")
ANAPHORS = {"town": "town", "city": "city", "village": "village", "it": None,
            "area": None, "locality": None, "settlement": None}
GENERIC_ARMED = _forms("rebels rebel factions faction fighters fighter militants militant insurgents "
                       "insurgent troops forces soldiers jihadists jihadist terrorists terrorist "
                       "militia militias militiamen gunmen groups group units brigades mercenaries "
                       "opposition")
_UNKNOWN_GENERIC = frozenset({"fighters", "fighter", "forces", "troops", "soldiers", "units", "groups",
                              "group", "men", "gunmen"})
SELF_PRONOUNS = _forms("it its we our us they their them itself ourselves")
BACKING = _forms("backed supported sponsored allied aligned")

_WITHDRAW_RE = re.compile(r"\b(withdr[ae]w\w*|pull(?:ed|s)? (?:out|back)|retreat\w*|left|abandon\w*|"
                          r"fled|evacuat\w*|handed over)\b", re.I)


# --------------------------------------------------------------------------------------
# Records


@dataclass(slots=True)
class ControlStatement:
    """One statement about who holds a place (see the module doc)."""

    place: str
    status: str
    """``taken``, ``held``, ``lost`` or ``contested``."""
    controller: str | None
    """taken/held: the holder; lost: the actor that lost the place; contested: null."""
    positive: bool = True
    """False when the speaker says it did not happen (negated or denied)."""
    previous: str | None = None
    """taken: the actor it was taken from, when said."""
    as_of: str | None = None
    as_of_precision: str | None = None
    as_of_source: str | None = None
    """``text`` (a date expression in the sentence), ``event``, ``published``."""
    according_to: list[str] = field(default_factory=list)
    """Claim ids (the innermost claim whose content holds the cue); empty for the outlet's voice."""
    speaker: str | None = None
    speaker_actor: str | None = None
    speaker_type: str | None = None
    cue: str = ""
    start: int = 0
    end: int = 0
    evidence: dict[str, Any] = field(default_factory=dict)
    source: str = "phrase"
    """``phrase`` or ``event``."""
    event: str | None = None
    allies: list[str] = field(default_factory=list)
    """Actors the sentence puts on the controller's side ("backed by Turkish tanks")."""
    parties: list[str] = field(default_factory=list)
    """contested: the actors said to be fighting there or holding its surroundings."""
    since: str | None = None
    """"held by X since Aug. 24": the start of the state (``as_of`` is when it was said)."""
    background: bool = False
    near: bool = False
    """Said of the place's surroundings ("villages south of X"), not the place itself."""
    place_name: str | None = None
    article_id: Any = None
    site: str | None = None
    published: str | None = None

    def view(self) -> tuple[str, str | None]:
        """What the statement says about the current holder: ``("holds", X)``,
        ``("not_holds", X)``, ``("fighting", None)`` or ``("none", None)``."""
        if self.status == "contested":
            return ("fighting", None) if self.positive else ("none", None)
        if self.status in ("taken", "held"):
            return ("holds", self.controller) if self.positive else ("not_holds", self.controller)
        if self.status == "lost":
            return ("not_holds", self.controller) if self.positive else ("holds", self.controller)
        return ("none", None)

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place, "place_name": self.place_name, "status": self.status,
            "controller": self.controller, "positive": self.positive, "previous": self.previous,
            "as_of": self.as_of, "as_of_precision": self.as_of_precision,
            "as_of_source": self.as_of_source, "according_to": list(self.according_to),
            "speaker": self.speaker, "speaker_actor": self.speaker_actor,
            "speaker_type": self.speaker_type, "cue": self.cue, "start": self.start, "end": self.end,
            "evidence": dict(self.evidence), "source": self.source, "event": self.event,
            "allies": list(self.allies), "parties": list(self.parties),
            "since": self.since, "background": self.background, "near": self.near,
            "article_id": self.article_id, "site": self.site, "published": self.published,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ControlStatement:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: (list(v) if isinstance(v, list) else v) for k, v in data.items() if k in names})


def as_statement(obj) -> ControlStatement:
    return obj if isinstance(obj, ControlStatement) else ControlStatement.from_json(obj)


# --------------------------------------------------------------------------------------
# Sides


@lru_cache(maxsize=1)
def _registry():
    try:
        from ..nlp.actors import default_registry

        return default_registry()
    except Exception:  # noqa: BLE001 - no registry: ids only
        return None


STATE_TYPES = frozenset({"government", "state_force"})


def generic_key(actor: str) -> str:
    """``group:rebels`` and ``group:rebel`` are one generic group."""
    if actor.startswith("group:"):
        noun = actor[6:]
        return "group:" + (noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun)
    return actor


def is_unknown_generic(actor: str | None) -> bool:
    """A generic noun that names nobody in particular ("fighters", "troops", "forces")."""
    return actor is None or (actor.startswith("group:") and actor[6:] in _UNKNOWN_GENERIC)


class Sides:
    """Whether two actor ids are on the same side (see the module doc)."""

    def __init__(self, allies: Iterable[tuple[str, str]] = (), registry=None):
        self.registry = registry if registry is not None else _registry()
        self._parent: dict[str, str] = {}
        for a, b in allies:
            self.ally(a, b)

    def base(self, actor: str) -> str:
        actor = generic_key(actor)
        reg = self.registry
        if reg is not None and actor in reg:
            entry = reg[actor]
            seen = set()
            while entry.parent and entry.parent not in seen and entry.parent in reg:
                seen.add(entry.id)
                entry = reg[entry.parent]
            if entry.type in STATE_TYPES and entry.country:
                return f"state:{entry.country}"
            return entry.id
        return actor

    def _find(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def ally(self, a: str | None, b: str | None) -> None:
        if not a or not b or is_unknown_generic(a) or is_unknown_generic(b):
            return
        ra, rb = self._find(self.base(a)), self._find(self.base(b))
        if ra != rb:
            self._parent[ra] = rb

    def side(self, actor: str | None) -> str | None:
        if actor is None or is_unknown_generic(actor):
            return None
        return self._find(self.base(actor))

    def same(self, a: str | None, b: str | None) -> bool | None:
        """True / False, or None when either side is unknown."""
        sa, sb = self.side(a), self.side(b)
        if sa is None or sb is None:
            return None
        return sa == sb

    def conflict(self, a: str | None, b: str | None) -> bool:
        return self.same(a, b) is False


def sides_for(statements: Iterable[ControlStatement], events: Iterable[Mapping] = (),
              allies: Iterable[tuple[str, str]] = ()) -> Sides:
    sides = Sides(allies)
    for st in statements:
        for a in st.allies:
            sides.ally(st.controller if st.status in ("taken", "held") else None, a)
    for ev in events:
        a1 = ev.get("actor1")
        for a in ev.get("associated") or ():
            sides.ally(a1, a)
    return sides


# --------------------------------------------------------------------------------------
# Helpers over the analysis JSON


def _holdable(place: Mapping[str, Any]) -> bool:
    feat = place.get("feature") or ""
    if feat.startswith(("A.PCL", "H.", "T.MT", "L.CONT", "L.RGN")) or feat in ("A.ADM0",):
        return False
    return True


class _Index:
    def __init__(self, doc, analysis: Mapping[str, Any]):
        self.doc = doc
        self.text = doc_text(doc)
        self.analysis = analysis
        art = analysis.get("article") or {}
        self.site = art.get("site")
        self.article_id = art.get("id")
        self.published = art.get("published")
        self.pub_date = _to_date(self.published)
        self.places = {p["id"]: p for p in analysis.get("places") or ()}
        self.actor_mentions = sorted((m["start"], m["end"], a["id"]) for a in analysis.get("actors") or ()
                                     for m in a.get("mentions") or ())
        mentions = {(m["start"], m["end"]): (p["id"], m.get("role", "location"))
                    for p in analysis.get("places") or () if _holdable(p)
                    for m in p.get("mentions") or () if m.get("role") != "demonym"}
        # one sense per discourse: other occurrences of a place's mention texts are mentions too
        # (the places stage lists only the spans spaCy tagged)
        surfaces: dict[str, str] = {}
        for p in analysis.get("places") or ():
            if not _holdable(p):
                continue
            for m in p.get("mentions") or ():
                if m.get("role") != "demonym" and len(m.get("text") or "") >= 4 and m["text"][:1].isupper():
                    surfaces.setdefault(m["text"], p["id"])
        for surface, pid in surfaces.items():
            for mt in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", self.text):
                key = (mt.start(), mt.end())
                if key in mentions or any(s < mt.end() and mt.start() < e for s, e, _ in self.actor_mentions):
                    continue
                if any(s < mt.end() and mt.start() < e for s, e in mentions):
                    continue
                mentions[key] = (pid, "location")
        self.place_mentions = sorted((s, e, pid) for (s, e), (pid, _) in mentions.items())
        self.place_roles = {(s, e): role for (s, e), (_, role) in mentions.items()}
        self.surfaces = {k.lower(): v for k, v in surfaces.items()}
        for p in analysis.get("places") or ():
            if _holdable(p) and p.get("name"):
                self.surfaces.setdefault(p["name"].lower(), p["id"])
        self.actors = {a["id"]: a for a in analysis.get("actors") or ()}
        self.dates = [d for d in analysis.get("dates") or () if d.get("value")]
        self.claims = list(analysis.get("claims") or ())
        self.events = list(analysis.get("events") or ())

    # places ---------------------------------------------------------------------------
    def places_in(self, s: int, e: int) -> list[tuple[int, int, str]]:
        return [m for m in self.place_mentions if s <= m[0] and m[1] <= e]

    def place_before(self, at: int, noun: str | None = None, max_chars: int = 1500) -> str | None:
        before = [m for m in self.place_mentions if m[1] <= at and at - m[1] <= max_chars
                  and self.place_roles.get((m[0], m[1])) == "location"
                  and (self.places.get(m[2]) or {}).get("feature") != "P.PPLC"]
        if not before:
            return None
        if noun:
            for s, e, pid in reversed(before):
                window = self.text[max(0, s - 20):s].lower()
                after = self.text[e:e + 12].lower()
                if re.search(rf"\b{noun}s? of (?:the )?$", window) or after.startswith(f" {noun}"):
                    return pid
        return before[-1][2]

    def heading_place(self, at: int) -> str | None:
        """The place a short heading paragraph right before ``at`` names ("Jarabulus\n\nHeld by ...")."""
        para_start = self.text.rfind("\n\n", 0, at)
        if para_start < 0:
            return None
        prev_start = self.text.rfind("\n\n", 0, para_start)
        heading = self.text[prev_start + 2 if prev_start >= 0 else 0:para_start].strip()
        if 0 < len(heading) <= 40:
            return self.surfaces.get(heading.lower())
        return None

    # actors ---------------------------------------------------------------------------
    def actor_at(self, s: int, e: int) -> str | None:
        for ms, me, aid in self.actor_mentions:
            if ms < e and s < me:
                return aid
        return None

    def actor_before(self, at: int, *, word: str | None = None) -> str | None:
        for ms, me, aid in reversed(self.actor_mentions):
            if me > at:
                continue
            a = self.actors.get(aid) or {}
            if a.get("type") in ("person", "media", "monitor"):
                continue
            if word and word not in (a.get("name") or "").lower() and word not in self.text[ms:me].lower():
                continue
            return aid
        return None

    def person_side(self, actor: str | None) -> str | None:
        """A person stands for their affiliation, when known."""
        if actor is None:
            return None
        a = self.actors.get(actor) or {}
        if a.get("type") == "person":
            return a.get("affiliation")
        return actor

    # claims ---------------------------------------------------------------------------
    def claim_at(self, at: int) -> Mapping[str, Any] | None:
        best = None
        for c in self.claims:
            cs, ce = c.get("content_start", c.get("start")), c.get("content_end", c.get("end"))
            if cs is None or ce is None or not (cs <= at < ce):
                continue
            if best is None or (ce - cs) < (best["content_end"] - best["content_start"]):
                best = {**c, "content_start": cs, "content_end": ce}
        return best

    # dates ----------------------------------------------------------------------------
    def date_near(self, sent_s: int, sent_e: int, at: int) -> Mapping[str, Any] | None:
        ds = [d for d in self.dates if sent_s <= d["start"] < sent_e]
        if not ds:
            return None
        return min(ds, key=lambda d: abs(d["start"] - at))


def _to_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None


def _span(tok) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


# --------------------------------------------------------------------------------------
# Phrase patterns


@dataclass(slots=True)
class _Found:
    cue: Any
    status: str
    place: str | None
    controller: str | None
    previous: str | None = None
    allies: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    near: bool = False
    negated: bool = False


def _children(tok, *deps: str):
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok, *preps: str):
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out.extend(_children(c, "pobj", "pcomp"))
        if c.dep_ == "prt" and c.lower_ in preps:   # "pulled out of"
            for cc in c.children:
                if cc.dep_ == "prep":
                    out.extend(_children(cc, "pobj"))
    return out


def _subject(tok):
    """The subject of ``tok``'s clause: its own, else a coordinated or governing verb's."""
    cur = tok
    for _ in range(4):
        subj = _children(cur, "nsubj", "nsubjpass", "csubj")
        if subj:
            s = subj[0]
            if s.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                return cur.head
            return s
        if cur.dep_ in ("conj", "xcomp", "advcl", "ccomp") and cur.head.i != cur.i:
            if cur.dep_ == "ccomp":
                return None
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ == "acl":     # "Turkish-backed factions that ...", "positions held by"
            return None
        break
    return None


def _in_between_dir(tok, top) -> bool:
    """A directional word on the path from ``tok`` up to ``top`` ("south of X", "toward X")."""
    cur = tok
    for _ in range(8):
        if cur.i == top.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == top.i:
            return False
        if cur.lower_ in DIRECTION:
            return True
    return False


class _Reader:
    def __init__(self, ix: _Index):
        self.ix = ix
        self.sent_places: list[str] = []

    # place of a phrase ------------------------------------------------------------------
    def place_of(self, tok, top=None, *, allow_anaphor: bool = True) -> tuple[str | None, bool]:
        """The holdable place a noun phrase names; (place, near)."""
        if tok is None:
            return None, False
        s, e = _span(tok)
        found = self.ix.places_in(s, e)
        head_noun = tok.lower_
        for ps, pe, pid in found:
            ptok = self.ix.doc.char_span(ps, pe, alignment_mode="expand")
            near = False
            if ptok is not None:
                near = _in_between_dir(ptok.root, tok) or (head_noun in AREA_NOUNS and ptok.root.i != tok.i
                                                           and not self._apposed(ptok.root, tok))
            return pid, near
        if allow_anaphor and (head_noun in ANAPHORS or head_noun in ("centre", "center")):
            noun = ANAPHORS.get(head_noun)
            if head_noun in ("centre", "center"):
                noun = "town"
            if head_noun == "it" or head_noun in ("area", "locality", "settlement"):
                if self.sent_places:
                    return self.sent_places[-1], False
                return self.ix.place_before(tok.idx, max_chars=600), False
            det = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "compound", "amod")]
            if not det or any(d in ("the", "this", "that") for d in det):
                if self.sent_places and noun:
                    return self.sent_places[-1], False
                return self.ix.place_before(tok.idx, noun), False
        return None, False

    @staticmethod
    def _area(tok) -> bool:
        if tok.lower_ in AREA_NOUNS:
            return True
        return any(o.lower_ in AREA_NOUNS for o in _prep_objects(tok, "of"))

    def near_place(self, verb) -> str | None:
        """A place (or "the town") in a directional phrase after ``verb``: "villages to the
        south of the town", "positions south of X"."""
        for t in verb.subtree:
            if t.i <= verb.i or not _in_between_dir(t, verb):
                continue
            hit = self.ix.places_in(t.idx, t.idx + len(t))
            if hit:
                return hit[0][2]
            if t.lower_ in ("town", "city", "village") and any(c.lower_ == "the" for c in t.children):
                return self.ix.place_before(t.idx, t.lower_)
        return None

    @staticmethod
    def _apposed(ptok, head) -> bool:
        """"the village of Amarneh", "the town of X": the place names the head noun itself."""
        return ptok.head.lower_ == "of" and ptok.head.head.i == head.i and head.lower_ in (
            "village", "town", "city", "area", "district", "hamlet")

    # actor of a phrase ------------------------------------------------------------------
    def actor_of(self, tok, at: int) -> tuple[str | None, list[str]]:
        """The actor a subject / agent / possessor phrase names, and its stated allies."""
        if tok is None:
            return None, []
        ix = self.ix
        allies: list[str] = []
        s, e = _span(tok)
        # allies: "backed by X", "X-backed", "with the support of X"
        for t in tok.subtree:
            if t.lower_ in BACKING or t.lower_ == "support":
                for d in t.subtree:
                    if d.i == t.i:
                        continue
                    a = ix.actor_at(d.idx, d.idx + len(d))
                    if a and a not in allies:
                        allies.append(a)
                if t.i > 0 and t.nbor(-1).text == "-":
                    a = ix.actor_at(t.nbor(-2).idx, t.nbor(-2).idx + len(t.nbor(-2)))
                    if a and a not in allies:
                        allies.append(a)
        low = tok.lower_
        if low in SELF_PRONOUNS:
            return self.self_actor(at), allies
        # the head word itself
        a = ix.actor_at(tok.idx, tok.idx + len(tok))
        if a and a not in allies and not is_unknown_generic(a):
            return ix.person_side(a) or a, allies
        # modifiers: "IS fighters", "its fighters", "FSA groups", "the council's fighters"
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod"):
                if c.lower_ in SELF_PRONOUNS:
                    return self.self_actor(at), allies
                cs, ce = _span(c)
                a = ix.actor_at(cs, ce)
                if a and a not in allies:
                    return ix.person_side(a) or a, allies
        # "fighters from / of the Hamza Division"
        for c in _prep_objects(tok, "of", "from"):
            cs, ce = _span(c)
            a = ix.actor_at(cs, ce)
            if a and a not in allies:
                return ix.person_side(a) or a, allies
        # coordinated subjects: the first named one
        for t in tok.subtree:
            a = ix.actor_at(t.idx, t.idx + len(t))
            if a and a not in allies and not is_unknown_generic(a):
                return ix.person_side(a) or a, allies
        if low in ("group", "militia", "organisation", "organization") and any(
                c.lower_ == "the" for c in tok.children):
            return ix.actor_before(tok.idx), allies
        if low in GENERIC_ARMED:
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.lower_ in GENERIC_ARMED and c.lower_ not in _UNKNOWN_GENERIC:
                    low = c.lower_
            noun = low if low.endswith("s") else low + "s"
            return f"group:{noun}", allies
        if low in ("council", "ministry", "army", "military", "group", "militia", "alliance", "division"):
            return ix.actor_before(tok.idx, word=low), allies
        return None, allies

    def self_actor(self, at: int) -> str | None:
        """"it / its / our / we / they" in a claim's content: the speaker, else the nearest
        preceding non-person actor."""
        claim = self.ix.claim_at(at)
        if claim is not None and claim.get("speaker_type") != "outlet":
            sp = claim.get("speaker_actor")
            if sp:
                return self.ix.person_side(sp) or sp
        return self.ix.actor_before(at)

    # patterns -----------------------------------------------------------------------------
    def read(self, sent) -> list[_Found]:
        self.sent_places = []
        out: list[_Found] = []
        for tok in sent:
            low = tok.lower_
            f = None
            if low in CONTROL_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
                f = self.control_noun(tok)
            elif low in TAKE and tok.pos_ in ("VERB", "AUX"):
                f = self.take(tok)
            elif low in HOLD and tok.pos_ in ("VERB", "AUX", "ADJ"):
                f = self.hold(tok)
            elif low in LOSE and tok.pos_ in ("VERB",):
                f = self.lose(tok)
            elif low in FALL and tok.pos_ == "VERB":
                f = self.fall(tok)
            elif low in REPEL and tok.pos_ == "VERB":
                f = self.repel(tok)
            elif low in FIGHT:
                f = self.fight(tok)
            elif low in DISPUTED:
                f = self.disputed(tok)
            elif low == "changed" and any(c.lower_ == "hands" for c in tok.children):
                pl, _ = self.place_of(_subject(tok))
                f = _Found(tok, "contested", pl, None) if pl else None
            if f is not None and f.place:
                out.append(f)
                self.sent_places.append(f.place)
        return out

    def control_noun(self, tok) -> _Found | None:
        head = tok.head
        low = tok.lower_
        # "took / seized / gained / lost (full) control of X"
        if tok.dep_ in ("dobj", "pobj", "attr") and head.lower_ in TAKE | LOSE | HOLD and head.pos_ == "VERB":
            place, near = self.place_of(next(iter(_prep_objects(tok, "of", "over")), None))
            if not place:
                return None
            status = "lost" if head.lower_ in LOSE else ("held" if head.lower_ in HOLD else "taken")
            ctrl, allies = self.actor_of(_subject(head), tok.idx)
            prev = None
            for o in _prep_objects(head, "from"):
                prev, _ = self.actor_of(o, tok.idx)
            return _Found(head, status, place, ctrl, previous=prev, allies=allies, near=near)
        # "in (full) control of X" / "in the hands of X" / "in our hands"
        if head.lower_ == "in" and head.dep_ == "prep":
            gov = head.head
            if low == "control":
                obj = next(iter(_prep_objects(tok, "of")), None)
                place, near = self.place_of(obj)
                if place:
                    subj = _subject(gov) if gov.pos_ in ("VERB", "AUX") else (gov if gov.pos_ in ("NOUN", "PROPN") else None)
                    ctrl, allies = self.actor_of(subj, tok.idx)
                    return _Found(tok, "held", place, ctrl, allies=allies, near=near)
            if low == "hands":
                owner = next(iter(_prep_objects(tok, "of")), None)
                poss = next(iter(_children(tok, "poss")), None)
                ctrl, allies = self.actor_of(owner or poss, tok.idx)
                place, near = self.place_of(_subject(gov) if gov.pos_ in ("VERB", "AUX") else gov)
                if place:
                    return _Found(tok, "held", place, ctrl, allies=allies, near=near)
            return None
        # "X remains / is under (its / Y's / the) control (of Y)", "declared X under their control"
        if head.lower_ == "under" and low == "control":
            gov = head.head
            owner = next(iter(_children(tok, "poss")), None) or next(iter(_prep_objects(tok, "of")), None)
            ctrl, allies = self.actor_of(owner, tok.idx) if owner is not None else (None, [])
            target = None
            if gov.pos_ in ("VERB", "AUX"):
                objs = _children(gov, "dobj")
                target = objs[0] if objs else _subject(gov)
                if objs and owner is not None and owner.lower_ in ("their", "its", "his", "her"):
                    # "the factions declared the town under their control": the declarer
                    subj_ctrl, subj_allies = self.actor_of(_subject(gov), tok.idx)
                    if subj_ctrl:
                        ctrl, allies = subj_ctrl, subj_allies
            elif gov.pos_ in ("NOUN", "PROPN"):
                target = gov
            place, near = self.place_of(target)
            if place:
                return _Found(tok, "held", place, ctrl, allies=allies, near=near)
        return None

    def take(self, tok) -> _Found | None:
        low = tok.lower_
        passive = bool(_children(tok, "nsubjpass", "auxpass")) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and not _children(tok, "nsubj", "aux"))
        prev = None
        for o in _prep_objects(tok, "from", "of"):
            a, _ = self.actor_of(o, tok.idx)
            if a:
                prev = a
        if passive:
            target = next(iter(_children(tok, "nsubjpass")), None)
            if target is None and tok.dep_ in ("acl", "amod"):
                target = tok.head
            agent = next(iter(_prep_objects(tok, "by")), None)
            ctrl, allies = self.actor_of(agent, tok.idx) if agent is not None else (None, [])
        else:
            objs = _children(tok, "dobj")
            if low in ("take", "takes", "took", "taken", "taking"):
                prt = [c for c in tok.children if c.dep_ == "prt" and c.lower_ == "over"]
                if not objs and not prt:
                    return None
            if low in ("clear", "clears", "cleared", "clearing") and not _prep_objects(tok, "of"):
                return None
            target = objs[0] if objs else None
            ctrl, allies = self.actor_of(_subject(tok), tok.idx)
        place, near = self.place_of(target)
        if not place or near:
            return None
        if ctrl and prev and ctrl == prev:
            prev = None
        return _Found(tok, "taken", place, ctrl, previous=prev, allies=allies)

    def hold(self, tok) -> _Found | None:
        passive = bool(_children(tok, "auxpass", "nsubjpass")) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod", "ROOT") and not _children(tok, "nsubj", "aux", "dobj"))
        if passive:
            target = next(iter(_children(tok, "nsubjpass")), None)
            if target is None and tok.dep_ in ("acl", "amod"):
                target = tok.head
            agent = next(iter(_prep_objects(tok, "by")), None)
            if agent is None and tok.i >= 2 and tok.nbor(-1).text == "-":   # "IS-held"
                ms = tok.nbor(-2)
                agent = ms
            ctrl, allies = self.actor_of(agent, tok.idx) if agent is not None else (None, [])
            if ctrl is None and agent is None:
                return None
            if target is None:   # "Held by the rebels since Aug. 24." under a heading
                place = self.ix.heading_place(tok.idx) or self.ix.place_before(tok.idx, max_chars=200)
                near = False
            else:
                place, near = self.place_of(target)
        else:
            objs = _children(tok, "dobj")
            if not objs:
                return None
            place, near = self.place_of(objs[0])
            ctrl, allies = self.actor_of(_subject(tok), tok.idx)
            if not place and self._area(objs[0]):
                place = self.near_place(tok)
                near = place is not None
        if not place:
            return None
        if near:
            return _Found(tok, "contested", place, None, parties=[ctrl] if ctrl else [], near=True)
        return _Found(tok, "held", place, ctrl, allies=allies)

    def lose(self, tok) -> _Found | None:
        low = tok.lower_
        target = None
        prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
        if low.startswith("pull") and not ({"out", "back"} & set(prt)):
            return None
        objs = _children(tok, "dobj")
        if objs and low not in ("withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"):
            target = objs[0]
        if target is None:
            froms = _prep_objects(tok, "from", "of", "out")
            target = froms[0] if froms else None
        if target is None:
            return None
        place, near = self.place_of(target, allow_anaphor=low not in ("left", "leave", "leaves", "leaving"))
        if not place or near:
            return None
        ctrl, allies = self.actor_of(_subject(tok), tok.idx)
        if is_unknown_generic(ctrl):   # "the fighters who left X": lost by nobody we can name
            return None
        return _Found(tok, "lost", place, ctrl, allies=allies)

    def fall(self, tok) -> _Found | None:
        to = next(iter(_prep_objects(tok, "to")), None)
        if to is None:
            return None
        place, near = self.place_of(_subject(tok))
        if not place or near:
            return None
        ctrl, allies = self.actor_of(to, tok.idx)
        return _Found(tok, "taken", place, ctrl, allies=allies)

    def repel(self, tok) -> _Found | None:
        low = tok.lower_
        if low in ("beat", "beaten", "push", "pushed", "fend", "fended"):
            if not any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in tok.children):
                return None
        objs = _children(tok, "dobj")
        if not objs or objs[0].lower_ not in ("attack", "attacks", "assault", "offensive", "advance"):
            return None
        on = next(iter(_prep_objects(objs[0], "on", "against")), None)
        place, near = self.place_of(on)
        if not place or near:
            return None
        ctrl, allies = self.actor_of(_subject(tok), tok.idx)
        return _Found(tok, "held", place, ctrl, allies=allies)

    _LOCATIVE = re.compile(r"\b(?:in|inside|around|within|in and around|for (?:the )?control of|"
                           r"on the (?:\w+ )?(?:outskirts|edges?|fringes) of|on|at)\s+(?:the\s+)?(?:town\s+of\s+|"
                           r"city\s+of\s+|village\s+of\s+)?$", re.I)
    _DIRECTIONAL = re.compile(r"\b(?:south|north|east|west|southwest|southeast|northwest|northeast|near|toward|"
                              r"towards|to|from)\s+(?:of\s+)?(?:the\s+)?$", re.I)

    def fight(self, tok) -> _Found | None:
        """Fighting in a place: the first place after the cue in its sentence (within ~120
        characters) introduced by a locative phrase ("in", "on the southern outskirts of",
        "for control of"), not a direction ("south of", "toward")."""
        sent = tok.sent
        text = self.ix.text
        for ps, pe, pid in self.ix.places_in(tok.idx, sent.end_char):
            if ps - tok.idx > 120:
                break
            lead = text[max(tok.idx, ps - 45):ps]
            if self._DIRECTIONAL.search(lead) or not self._LOCATIVE.search(lead):
                continue
            if ";" in text[tok.idx:ps]:
                break
            parties = []
            for d in tok.subtree:
                if d.lower_ in ("between", "with", "against"):
                    for o in d.subtree:
                        a = self.ix.actor_at(o.idx, o.idx + len(o))
                        if a and a not in parties:
                            parties.append(a)
            return _Found(tok, "contested", pid, None, parties=parties)
        return None

    def disputed(self, tok) -> _Found | None:
        if tok.dep_ == "amod":
            place, near = self.place_of(tok.head)
        elif tok.dep_ in ("acomp", "oprd", "ROOT") or tok.tag_ == "VBN":
            place, near = self.place_of(_subject(tok.head if tok.dep_ == "acomp" else tok))
            if not place:   # "X remains disputed" with the subject hung on the auxiliary
                before = [m for m in self.ix.place_mentions if m[1] <= tok.idx and tok.idx - m[1] <= 25
                          and re.fullmatch(r"\s+(?:(?:is|was|remains|remained|are|were|has been|still|now|"
                                           r"being)\s+)+", self.ix.text[m[1]:tok.idx])]
                place, near = (before[-1][2], False) if before else (None, False)
        else:
            return None
        if not place or near:
            return None
        return _Found(tok, "contested", place, None)


def _negated(tok) -> bool:
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
                return True
            if cur.pos_ in ("NOUN", "PROPN") and c.dep_ in ("det", "amod") and c.lower_ in ("no", "little"):
                return True   # "no reports of clashes", "little fighting"
        if cur.head.i == cur.i or cur.dep_ not in ("nsubj", "dobj", "pobj", "prep", "compound", "xcomp"):
            break
        if cur.dep_ == "xcomp" and cur.head.lower_ in FAILED:
            return True
        cur = cur.head
    return False


def _irrealis(tok) -> bool:
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and cur.head.lower_ not in (
                    "managed", "manage", "manages", "succeeded"):
                return True
        if cur.dep_ == "xcomp" and cur.head.lower_ in INTENT:
            return True
        if cur.dep_ not in ("xcomp", "conj", "pobj", "pcomp", "prep", "dobj") or cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _past_perfect(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children) and tok.tag_ == "VBN"


def _denied_inside(tok, content_start: int | None) -> bool:
    """A denial between the claim's content start and the cue: "rejecting claims that ...",
    "described the reports that ... as psychological warfare"."""
    lo = content_start if content_start is not None else -1
    for anc in tok.ancestors:
        if anc.lower_ in DENY and anc.idx >= lo:   # a deny cue outside the content is the claim's own
            return True
        if anc.lower_ in ("described", "describes", "describe", "called", "calls", "branded", "labelled",
                          "labeled", "dismissed"):
            if any(d.lower_ in FALSITY and d.i > tok.i for d in anc.subtree) and any(
                    d.lower_ == "as" and d.i > tok.i for d in anc.subtree):
                return True   # "described the reports that ... as psychological warfare"
    return False


# --------------------------------------------------------------------------------------
# Public API


def control_statements(doc, analysis_json: Mapping[str, Any]) -> list[ControlStatement]:
    """Control statements of one analysed article (see the module doc).

    ``doc``: the spaCy doc of ``analysis_json["article"]["text"]``; ``analysis_json``: the
    analyze JSON with ``places``, ``actors``, ``dates`` and, when present, ``events`` and
    ``claims`` (``article.id`` is copied to each statement when present).
    """
    ix = _Index(doc, analysis_json)
    reader = _Reader(ix)
    out: list[ControlStatement] = []
    for sent in doc.sents:
        if sent.text.rstrip().endswith("?"):
            continue
        for f in reader.read(sent):
            st = _statement(ix, sent, f)
            if st is not None:
                out.append(st)
    out.extend(_event_statements(ix, out))
    # dedupe: same place, status, controller, polarity and claim
    seen = set()
    uniq = []
    for st in sorted(out, key=lambda s: (s.start, s.source != "phrase")):
        key = (st.place, st.status, st.controller, st.positive, tuple(st.according_to), st.evidence.get("start"))
        if key in seen:
            continue
        seen.add(key)
        uniq.append(st)
    return uniq


def _sent_bounds(sent) -> tuple[int, int]:
    s, e = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _statement(ix: _Index, sent, f: _Found) -> ControlStatement | None:
    tok = f.cue
    if _irrealis(tok):
        return None
    claim = ix.claim_at(tok.idx)
    in_claim = claim is not None and claim.get("speaker_type") != "outlet"
    positive = not (f.negated or _negated(tok))
    denied = _denied_inside(tok, claim.get("content_start") if claim else None)
    if claim is not None and claim.get("polarity") == "deny" and not denied:
        denied = True
    if denied:
        positive = not positive
    if f.status == "lost" and not positive and f.controller:
        # "never lost it": still held by the speaker
        pass
    s, e = _sent_bounds(sent)
    d = ix.date_near(s, e, tok.idx)
    as_of, prec, src = (d["value"], d.get("precision"), "text") if d else (None, None, None)
    if as_of is None:
        for ev in ix.events:
            evd = ev.get("evidence") or {}
            if ev.get("date") and evd.get("start", -1) <= tok.idx < evd.get("end", -1):
                as_of, prec, src = ev["date"], ev.get("date_precision"), "event"
                break
    if as_of is None and ix.pub_date:
        as_of, prec, src = ix.pub_date.isoformat(), "day", "published"
    background = _past_perfect(tok) and not in_claim
    since = None
    if d is not None and re.search(r"\bsince\s+(?:the\s+)?$", ix.text[max(0, d["start"] - 12):d["start"]], re.I):
        since = d["value"]
        if not background:   # a present state: true when said
            as_of, prec, src = (ix.pub_date.isoformat(), "day", "published") if ix.pub_date else (None, None, None)
    if background and src != "text":
        as_of, prec, src = None, None, None
    place = ix.places.get(f.place) or {}
    return ControlStatement(
        place=f.place, place_name=place.get("name"), status=f.status, controller=f.controller,
        positive=positive, previous=f.previous, as_of=as_of, as_of_precision=prec, as_of_source=src,
        according_to=[claim["id"]] if claim else [],
        speaker=claim.get("speaker") if claim else ix.site,
        speaker_actor=claim.get("speaker_actor") if claim else None,
        speaker_type=claim.get("speaker_type") if claim else "outlet",
        cue=tok.text, start=tok.idx, end=tok.idx + len(tok),
        evidence={"start": s, "end": e, "text": ix.text[s:e]}, source="phrase",
        event=_event_at(ix, tok.idx), allies=[a for a in f.allies if a != f.controller],
        parties=list(f.parties), since=since, background=background, near=f.near,
        article_id=ix.article_id, site=ix.site, published=ix.published)


def _event_at(ix: _Index, at: int) -> str | None:
    for ev in ix.events:
        evd = ev.get("evidence") or {}
        if evd.get("start", -1) <= at < evd.get("end", -1):
            return ev.get("id")
    return None


def _reporters(ix: _Index, ev: Mapping[str, Any]) -> list[tuple[str | None, bool]]:
    """(claim id, holds positive) of the claims that report ``ev``."""
    out = []
    for r in ev.get("reported_by") or ():
        if isinstance(r, Mapping):
            out.append((r.get("claim"), r.get("holds_positive", r.get("polarity", "assert") == "assert")))
        else:
            c = next((c for c in ix.claims if c.get("id") == r), None)
            hp = True
            if c is not None:
                hp = (c.get("polarity", "assert") == "assert") != bool(c.get("content_negated"))
            out.append((r, hp))
    if not out:
        for c in ix.claims:
            if ev.get("id") in ((c.get("about") or {}).get("events") or ()):
                out.append((c.get("id"), (c.get("polarity", "assert") == "assert") != bool(c.get("content_negated"))))
    return out


def _event_statements(ix: _Index, phrase: list[ControlStatement]) -> list[ControlStatement]:
    out = []
    for ev in ix.events:
        if ev.get("type") not in TERRITORIAL or not ev.get("place"):
            continue
        place = ix.places.get(ev["place"])
        if place is None or not _holdable(place) or (place.get("feature") or "P")[:1] not in ("P", "S"):
            continue
        evd = ev.get("evidence") or {}
        es, ee = evd.get("start", -1), evd.get("end", -1)
        if not any(es <= m[0] and m[1] <= ee and m[2] == ev["place"] for m in ix.place_mentions):
            continue
        if any(st.place == ev["place"] and es <= st.start < ee for st in phrase):
            continue
        text = evd.get("text") or ix.text[es:ee]
        lost = ev.get("type") == "NON_VIOL_TERRIT_TRANSFER" and _WITHDRAW_RE.search(text or "")
        status = "lost" if lost else "taken"
        groups: dict[bool, list[str]] = {}
        for cid, hp in _reporters(ix, ev) or [(None, True)]:
            groups.setdefault(hp, [])
            if cid:
                groups[hp].append(cid)
        for hp, cids in groups.items():
            claim = next((c for c in ix.claims if cids and c.get("id") == cids[0]), None)
            as_of, prec, src = ev.get("date"), ev.get("date_precision"), "event"
            if as_of is None and ix.pub_date:
                as_of, prec, src = ix.pub_date.isoformat(), "day", "published"
            out.append(ControlStatement(
                place=ev["place"], place_name=place.get("name"), status=status,
                controller=ev.get("actor1"), positive=hp,
                previous=None if lost else ev.get("actor2"), as_of=as_of, as_of_precision=prec,
                as_of_source=src, according_to=cids,
                speaker=claim.get("speaker") if claim else ix.site,
                speaker_actor=claim.get("speaker_actor") if claim else None,
                speaker_type=claim.get("speaker_type") if claim else "outlet",
                cue=ev.get("type"), start=es, end=ee, evidence={"start": es, "end": ee, "text": text},
                source="event", event=ev.get("id"), allies=list(ev.get("associated") or ()),
                article_id=ix.article_id, site=ix.site, published=ix.published))
    return out


# --------------------------------------------------------------------------------------
# Per-place status


def control_summary(statements: Sequence[ControlStatement | Mapping], *, sides: Sides | None = None,
                    events: Iterable[Mapping] = (), window_days: int = WINDOW_DAYS) -> list[dict[str, Any]]:
    """The issue's ``control`` key: one ``{place, controller, status, as_of, according_to}``
    per place (extra keys: ``place_name``, ``previous``, ``sides`` when contested)."""
    sts = [as_statement(s) for s in statements]
    sides = sides or sides_for(sts, events)
    by_place: dict[str, list[ControlStatement]] = {}
    for st in sts:
        by_place.setdefault(st.place, []).append(st)
    out = []
    for place, group in by_place.items():
        current = [s for s in group if not s.background] or group
        dated = [_to_date(s.as_of) for s in current if s.as_of]
        if dated:
            latest = max(dated)
            current = [s for s in current if not s.as_of or _to_date(s.as_of) >= latest - timedelta(days=window_days)]
        entry = judge(current, sides)
        if entry is None:
            continue
        entry = {"place": place, "place_name": group[0].place_name, **entry}
        out.append(entry)
    return out


def _refs(sts: Iterable[ControlStatement]) -> list[str]:
    out = []
    for s in sts:
        for c in s.according_to or ([f"outlet:{s.site}"] if s.site else []):
            if c not in out:
                out.append(c)
    return out


def _vague(actor: str | None) -> bool:
    """No actor, or a generic noun ("rebels", "factions"): it agrees with any named holder."""
    return actor is None or actor.startswith("group:")


def _agree(sides: Sides, a: str | None, b: str | None) -> bool:
    if _vague(a) or _vague(b):
        return True
    return sides.same(a, b) is not False


def judge(current: Sequence[ControlStatement], sides: Sides) -> dict[str, Any] | None:
    """Status of one place from the statements of one period (see ``control_summary``).

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
                    (m.previous and not _vague(actor) and sides.same(m.previous, actor))
                    or (s.previous and not _vague(m.controller) and sides.same(s.previous, m.controller))
                    for m in g[1]):
                if _vague(g[0]) and not _vague(actor):
                    g[0] = actor
                elif g[0] is None and actor is not None:
                    g[0] = actor
                g[1].append(s)
                break
        else:
            groups.append([actor, [s]])
    previous = next((s.previous for s, _ in holds if s.previous), None)
    if len(groups) >= 2:
        return {"controller": None, "status": "contested", "as_of": as_of, "according_to": _refs(current),
                "sides": [{"controller": rep, "status": _status(m), "according_to": _refs(m)} for rep, m in groups]
                + ([{"controller": None, "status": "contested", "according_to": _refs(fighting)}] if fighting else [])}
    if groups:
        rep, members = groups[0]
        disputes = [s for s in against if s.controller is None or (rep is not None and (
            s.controller == rep or (not _vague(rep) and not _vague(s.controller) and sides.same(s.controller, rep))))]
        around = [s for s in near if any(p and ((previous and sides.same(p, previous)) or (
            rep and not _vague(rep) and sides.conflict(p, rep))) for p in s.parties)]
        if fighting or disputes or around:
            sides_list = [{"controller": rep, "status": _status(members), "according_to": _refs(members)}]
            if disputes:
                sides_list.append({"controller": None, "status": "disputed", "according_to": _refs(disputes)})
            if fighting or around:
                sides_list.append({"controller": None, "status": "contested",
                                   "according_to": _refs(fighting + around),
                                   "parties": sorted({p for s in fighting + around for p in s.parties if p})})
            return {"controller": None, "status": "contested", "as_of": as_of,
                    "according_to": _refs(current), "sides": sides_list, "previous": previous}
        return {"controller": rep, "status": _status(members), "as_of": as_of,
                "according_to": _refs(members), "previous": previous}
    if fighting:
        return {"controller": None, "status": "contested", "as_of": as_of, "according_to": _refs(fighting),
                "parties": sorted({p for s in fighting for p in s.parties})}
    lost = [s for s in against if s.status == "lost" and s.positive]
    if lost:
        return {"controller": lost[0].controller, "status": "lost", "as_of": as_of, "according_to": _refs(lost)}
    return None


def _status(members: Sequence[ControlStatement]) -> str:
    return "taken" if any(m.status == "taken" for m in members) else "held"


def control_json(doc, analysis_json: Mapping[str, Any]) -> tuple[list[dict], list[dict]]:
    """(the ``control`` key, the statements as JSON) for one article."""
    sts = control_statements(doc, analysis_json)
    return control_summary(sts, events=analysis_json.get("events") or ()), [s.to_json() for s in sts]
