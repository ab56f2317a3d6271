"""Reading control phrases out of one sentence's dependency parse.

``Reader.read(sent)`` finds the cues of the language's control lexicon
(``lang/<code>/control.py``) and, for each, the place it is about, the actor that holds,
took or lost it, and the allies the sentence states; ``DocIndex`` (``index.py``) answers what
is named where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ... import lang
from .sides import is_unknown_generic


def span_of(tok) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


@dataclass(slots=True)
class Found:
    """A control phrase the reader found: its cue token and what it says."""

    cue: Any
    status: str
    place: str | None
    controller: str | None
    previous: str | None = None
    allies: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    near: bool = False
    negated: bool = False


def children(tok, *deps: str):
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok, *preps: str):
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out.extend(children(c, "pobj", "pcomp"))
        if c.dep_ == "prt" and c.lower_ in preps:   # "pulled out of"
            for cc in c.children:
                if cc.dep_ == "prep":
                    out.extend(children(cc, "pobj"))
    return out


def subject(tok):
    """The subject of ``tok``'s clause: its own, else a coordinated or governing verb's."""
    lx = lang.of(tok).control
    cur = tok
    for _ in range(4):
        subj = children(cur, "nsubj", "nsubjpass", "csubj")
        if subj:
            s = subj[0]
            if s.lower_ in lx.RELATIVE_PRONOUNS and cur.dep_ == "relcl":
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
    direction = lang.of(tok).control.DIRECTION
    cur = tok
    for _ in range(8):
        if cur.i == top.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == top.i:
            return False
        if cur.lower_ in direction:
            return True
    return False


class Reader:
    """Control phrases of one document, a sentence at a time (``read``)."""

    def __init__(self, ix):
        self.ix = ix
        self.lx = lang.of(ix.doc).control
        self.sent_places: list[str] = []

    # place of a phrase ------------------------------------------------------------------
    def place_of(self, tok, top=None, *, allow_anaphor: bool = True) -> tuple[str | None, bool]:
        """The holdable place a noun phrase names; (place, near)."""
        if tok is None:
            return None, False
        lx = self.lx
        s, e = span_of(tok)
        found = self.ix.places_in(s, e)
        head_noun = tok.lower_
        for ps, pe, pid in found:
            ptok = self.ix.doc.char_span(ps, pe, alignment_mode="expand")
            near = False
            if ptok is not None:
                near = _in_between_dir(ptok.root, tok) or (head_noun in lx.AREA_NOUNS and ptok.root.i != tok.i
                                                           and not self._apposed(ptok.root, tok))
            return pid, near
        if allow_anaphor and (head_noun in lx.ANAPHORS or head_noun in lx.CENTRE_NOUNS):
            noun = lx.ANAPHORS.get(head_noun)
            if head_noun in lx.CENTRE_NOUNS:
                noun = lx.ANAPHORS[lx.CENTRE_MEANS]
            if head_noun in lx.ANAPHORS and lx.ANAPHORS[head_noun] is None:   # "it", "the area"
                if self.sent_places:
                    return self.sent_places[-1], False
                return self.ix.place_before(tok.idx, max_chars=600), False
            det = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "compound", "amod")]
            if not det or any(d in lx.DEFINITE for d in det):
                if self.sent_places and noun:
                    return self.sent_places[-1], False
                return self.ix.place_before(tok.idx, noun), False
        return None, False

    def _area(self, tok) -> bool:
        if tok.lower_ in self.lx.AREA_NOUNS:
            return True
        return any(o.lower_ in self.lx.AREA_NOUNS for o in prep_objects(tok, self.lx.OF))

    def near_place(self, verb) -> str | None:
        """A place (or "the town") in a directional phrase after ``verb``: "villages to the
        south of the town", "positions south of X"."""
        for t in verb.subtree:
            if t.i <= verb.i or not _in_between_dir(t, verb):
                continue
            hit = self.ix.places_in(t.idx, t.idx + len(t))
            if hit:
                return hit[0][2]
            if self.lx.ANAPHORS.get(t.lower_) and any(c.lower_ == self.lx.THE for c in t.children):
                return self.ix.place_before(t.idx, t.lower_)
        return None

    def _apposed(self, ptok, head) -> bool:
        """"the village of Amarneh", "the town of X": the place names the head noun itself."""
        return ptok.head.lower_ == self.lx.OF and ptok.head.head.i == head.i and head.lower_ in self.lx.NAMING_HEADS

    # actor of a phrase ------------------------------------------------------------------
    def actor_of(self, tok, at: int) -> tuple[str | None, list[str]]:
        """The actor a subject / agent / possessor phrase names, and its stated allies."""
        if tok is None:
            return None, []
        ix, lx = self.ix, self.lx
        allies: list[str] = []
        # allies: "backed by X", "X-backed", "with the support of X"
        for t in tok.subtree:
            if t.lower_ in lx.BACKING or t.lower_ == lx.SUPPORT:
                for d in t.subtree:
                    if d.i == t.i:
                        continue
                    a = ix.actor_at(d.idx, d.idx + len(d))
                    if a and a not in allies:
                        allies.append(a)
                if t.i > 0 and t.nbor(-1).text == lx.HYPHEN:
                    a = ix.actor_at(t.nbor(-2).idx, t.nbor(-2).idx + len(t.nbor(-2)))
                    if a and a not in allies:
                        allies.append(a)
        low = tok.lower_
        if low in lx.SELF_PRONOUNS:
            return self.self_actor(at), allies
        # the head word itself
        a = ix.actor_at(tok.idx, tok.idx + len(tok))
        if a and a not in allies and not is_unknown_generic(a):
            return ix.person_side(a) or a, allies
        # modifiers: "IS fighters", "its fighters", "FSA groups", "the council's fighters"
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod"):
                if c.lower_ in lx.SELF_PRONOUNS:
                    return self.self_actor(at), allies
                cs, ce = span_of(c)
                a = ix.actor_at(cs, ce)
                if a and a not in allies:
                    return ix.person_side(a) or a, allies
        # "fighters from / of the Hamza Division"
        for c in prep_objects(tok, *lx.FROM_OF):
            cs, ce = span_of(c)
            a = ix.actor_at(cs, ce)
            if a and a not in allies:
                return ix.person_side(a) or a, allies
        # coordinated subjects: the first named one
        for t in tok.subtree:
            a = ix.actor_at(t.idx, t.idx + len(t))
            if a and a not in allies and not is_unknown_generic(a):
                return ix.person_side(a) or a, allies
        if low in lx.GROUP_NOUNS and any(c.lower_ == lx.THE for c in tok.children):
            return ix.actor_before(tok.idx), allies
        if low in lx.GENERIC_ARMED:
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.lower_ in lx.GENERIC_ARMED and c.lower_ not in lx.UNKNOWN_GENERIC:
                    low = c.lower_
            noun = low if low.endswith("s") else low + "s"
            return f"group:{noun}", allies
        if low in lx.BODY_NOUNS:
            return ix.actor_before(tok.idx, word=low), allies
        return None, allies

    def self_actor(self, at: int) -> str | None:
        """"it / its / our / we / they" in a claim's content: the speaker, else the nearest
        preceding non-person actor."""
        claim = self.ix.claim_at(at)
        if claim is not None and claim.speaker_type != "outlet":
            sp = claim.speaker_actor
            if sp:
                return self.ix.person_side(sp) or sp
            return None   # "the rebels said they had left": the speaker, whom the registry does not know
        return self.ix.actor_before(at)

    # patterns -----------------------------------------------------------------------------
    def read(self, sent) -> list[Found]:
        lx = self.lx
        self.sent_places = []
        out: list[Found] = []
        for tok in sent:
            low = tok.lower_
            f = None
            if low in lx.CONTROL_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
                f = self.control_noun(tok)
            elif low in lx.TAKE and tok.pos_ in ("VERB", "AUX"):
                f = self.take(tok)
            elif low in lx.HOLD and tok.pos_ in ("VERB", "AUX", "ADJ"):
                f = self.hold(tok)
            elif low in lx.LOSE and tok.pos_ in ("VERB",):
                f = self.lose(tok)
            elif low in lx.FALL and tok.pos_ == "VERB":
                f = self.fall(tok)
            elif low in lx.FREE_OF and tok.pos_ == "ADJ":
                f = self.free_of(tok)
            elif low in lx.ENTRENCHED:
                f = self.entrenched(tok)
            elif low in lx.REPEL and tok.pos_ == "VERB":
                f = self.repel(tok)
            elif low in lx.FIGHT:
                f = self.fight(tok)
            elif low in lx.DISPUTED:
                f = self.disputed(tok)
            elif low == lx.CHANGED_HANDS[0] and any(c.lower_ == lx.CHANGED_HANDS[1] for c in tok.children):
                pl, _ = self.place_of(subject(tok))
                f = Found(tok, "contested", pl, None) if pl else None
            if f is not None and f.place:
                out.append(f)
                self.sent_places.append(f.place)
        return out

    def control_noun(self, tok) -> Found | None:
        lx = self.lx
        head = tok.head
        low = tok.lower_
        # "took / seized / gained / lost (full) control of X"
        if tok.dep_ in ("dobj", "pobj", "attr") and head.lower_ in lx.TAKE | lx.LOSE | lx.HOLD and head.pos_ == "VERB":
            place, near = self.place_of(next(iter(prep_objects(tok, *lx.OF_OVER)), None))
            if not place:
                return None
            status = "lost" if head.lower_ in lx.LOSE else ("held" if head.lower_ in lx.HOLD else "taken")
            ctrl, allies = self.actor_of(subject(head), tok.idx)
            prev = None
            for o in prep_objects(head, lx.FROM_OF[0]):
                prev, _ = self.actor_of(o, tok.idx)
            return Found(head, status, place, ctrl, previous=prev, allies=allies, near=near)
        # "in (full) control of X" / "in the hands of X" / "in our hands"
        if head.lower_ == lx.IN and head.dep_ == "prep":
            gov = head.head
            if low == lx.CONTROL:
                obj = next(iter(prep_objects(tok, lx.OF)), None)
                place, near = self.place_of(obj)
                if place:
                    subj = subject(gov) if gov.pos_ in ("VERB", "AUX") else (gov if gov.pos_ in ("NOUN", "PROPN") else None)
                    ctrl, allies = self.actor_of(subj, tok.idx)
                    return Found(tok, "held", place, ctrl, allies=allies, near=near)
            if low == lx.HANDS:
                owner = next(iter(prep_objects(tok, lx.OF)), None)
                poss = next(iter(children(tok, "poss")), None)
                ctrl, allies = self.actor_of(owner or poss, tok.idx)
                place, near = self.place_of(subject(gov) if gov.pos_ in ("VERB", "AUX") else gov)
                if place:
                    return Found(tok, "held", place, ctrl, allies=allies, near=near)
            return None
        # "X remains / is under (its / Y's / the) control (of Y)", "declared X under their control"
        if head.lower_ == lx.UNDER and low == lx.CONTROL:
            gov = head.head
            owner = next(iter(children(tok, "poss")), None) or next(iter(prep_objects(tok, lx.OF)), None)
            ctrl, allies = self.actor_of(owner, tok.idx) if owner is not None else (None, [])
            target = None
            if gov.pos_ in ("VERB", "AUX"):
                objs = children(gov, "dobj")
                target = objs[0] if objs else subject(gov)
                if objs and owner is not None and owner.lower_ in lx.OWNER_PRONOUNS:
                    # "the factions declared the town under their control": the declarer
                    subj_ctrl, subj_allies = self.actor_of(subject(gov), tok.idx)
                    if subj_ctrl:
                        ctrl, allies = subj_ctrl, subj_allies
            elif gov.pos_ in ("NOUN", "PROPN"):
                target = gov
            place, near = self.place_of(target)
            if place:
                return Found(tok, "held", place, ctrl, allies=allies, near=near)
        return None

    def take(self, tok) -> Found | None:
        lx = self.lx
        low = tok.lower_
        passive = bool(children(tok, "nsubjpass", "auxpass")) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and not children(tok, "nsubj", "aux"))
        prev = None
        for o in prep_objects(tok, *lx.FROM_OF):
            a, _ = self.actor_of(o, tok.idx)
            if a:
                prev = a
        if passive:
            target = next(iter(children(tok, "nsubjpass")), None)
            if target is None and tok.dep_ in ("acl", "amod"):
                target = tok.head
            agent = next(iter(prep_objects(tok, lx.BY)), None)
            ctrl, allies = self.actor_of(agent, tok.idx) if agent is not None else (None, [])
        else:
            objs = children(tok, "dobj")
            if low in lx.TAKE_PHRASAL:
                prt = [c for c in tok.children if c.dep_ == "prt" and c.lower_ == lx.TAKE_OVER]
                if not objs and not prt:
                    return None
            if low in lx.CLEAR and not prep_objects(tok, lx.OF):
                return None
            target = objs[0] if objs else None
            ctrl, allies = self.actor_of(subject(tok), tok.idx)
        place, near = self.place_of(target)
        if not place or near:
            return None
        if ctrl and prev and ctrl == prev:
            prev = None
        return Found(tok, "taken", place, ctrl, previous=prev, allies=allies)

    def hold(self, tok) -> Found | None:
        lx = self.lx
        passive = bool(children(tok, "auxpass", "nsubjpass")) or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod", "ROOT") and not children(tok, "nsubj", "aux", "dobj"))
        if passive:
            target = next(iter(children(tok, "nsubjpass")), None)
            if target is None and tok.dep_ in ("acl", "amod"):
                target = tok.head
            agent = next(iter(prep_objects(tok, lx.BY)), None)
            if agent is None and tok.i >= 2 and tok.nbor(-1).text == lx.HYPHEN:   # "IS-held"
                agent = tok.nbor(-2)
            ctrl, allies = self.actor_of(agent, tok.idx) if agent is not None else (None, [])
            if ctrl is None and agent is None:
                return None
            if target is None:   # "Held by the rebels since Aug. 24." under a heading
                place = self.ix.heading_place(tok.idx) or self.ix.place_before(tok.idx, max_chars=200)
                near = False
            else:
                place, near = self.place_of(target)
        else:
            objs = children(tok, "dobj")
            if not objs:
                return None
            place, near = self.place_of(objs[0])
            ctrl, allies = self.actor_of(subject(tok), tok.idx)
            if not place and self._area(objs[0]):
                place = self.near_place(tok)
                near = place is not None
        if not place:
            return None
        if near:
            return Found(tok, "contested", place, None, parties=[ctrl] if ctrl else [], near=True)
        return Found(tok, "held", place, ctrl, allies=allies)

    def lose(self, tok) -> Found | None:
        lx = self.lx
        low = tok.lower_
        target = None
        prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
        if low.startswith(lx.PULL_PREFIX) and not (lx.PULL_PARTICLES & set(prt)):
            return None
        objs = children(tok, "dobj")
        if objs and low not in lx.WITHDRAW:
            target = objs[0]
        if target is None:
            froms = prep_objects(tok, *lx.LOSE_FROM)
            target = froms[0] if froms else None
        if target is None:
            return None
        place, near = self.place_of(target, allow_anaphor=low not in lx.LEAVE)
        if not place or near:
            return None
        ctrl, allies = self.actor_of(subject(tok), tok.idx)
        if is_unknown_generic(ctrl):   # "the fighters who left X": lost by nobody we can name
            return None
        return Found(tok, "lost", place, ctrl, allies=allies)

    def fall(self, tok) -> Found | None:
        """"X fell to Y": Y took X; "X fell" / "the town had fallen": taken, by a side not named."""
        if any(c.dep_ == "prep" and c.lower_ in self.lx.FALL_ONTO for c in tok.children):
            return None   # "a barrel fell on the neighbourhood": a thing falling
        to = next(iter(prep_objects(tok, self.lx.TO)), None)
        place, near = self.place_of(subject(tok))
        if not place or near:
            return None
        if to is None:
            return Found(tok, "taken", place, None)
        ctrl, allies = self.actor_of(to, tok.idx)
        return Found(tok, "taken", place, ctrl, allies=allies)

    def free_of(self, tok) -> Found | None:
        """"the town is (now) free of militants": the militants lost it."""
        of = next(iter(prep_objects(tok, self.lx.OF)), None)
        if of is None:
            return None
        place, near = self.place_of(subject(tok.head if tok.dep_ in ("acomp", "oprd") else tok))
        if not place or near:
            return None
        loser, _ = self.actor_of(of, tok.idx)
        return Found(tok, "lost", place, loser) if loser else None

    def entrenched(self, tok) -> Found | None:
        """"fighters remain entrenched in al-Bab": they hold it."""
        where = next(iter(prep_objects(tok, self.lx.IN)), None)
        place, near = self.place_of(where)
        if not place or near:
            return None
        holder, allies = self.actor_of(subject(tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok), tok.idx)
        return Found(tok, "held", place, holder, allies=allies) if holder else None

    def repel(self, tok) -> Found | None:
        lx = self.lx
        low = tok.lower_
        if low in lx.REPEL_PHRASAL:
            if not any(c.dep_ in ("prt", "advmod") and c.lower_ in lx.REPEL_PARTICLES for c in tok.children):
                return None
        objs = children(tok, "dobj")
        if not objs or objs[0].lower_ not in lx.ATTACK_NOUNS:
            return None
        on = next(iter(prep_objects(objs[0], *lx.ON_AGAINST)), None)
        place, near = self.place_of(on)
        if not place or near:
            return None
        ctrl, allies = self.actor_of(subject(tok), tok.idx)
        return Found(tok, "held", place, ctrl, allies=allies)

    def fight(self, tok) -> Found | None:
        """Fighting in a place: the first place after the cue in its sentence (within ~120
        characters) introduced by a locative phrase ("in", "on the southern outskirts of",
        "for control of"), not a direction ("south of", "toward")."""
        lx = self.lx
        sent = tok.sent
        text = self.ix.text
        for ps, pe, pid in self.ix.places_in(tok.idx, sent.end_char):
            if ps - tok.idx > 120:
                break
            lead = text[max(tok.idx, ps - 45):ps]
            if lx.FIGHT_DIRECTIONAL.search(lead) or not lx.FIGHT_LOCATIVE.search(lead):
                continue
            if ";" in text[tok.idx:ps]:
                break
            parties = []
            for d in tok.subtree:
                if d.lower_ in lx.PARTY_PREPOSITIONS:
                    for o in d.subtree:
                        a = self.ix.actor_at(o.idx, o.idx + len(o))
                        if a and a not in parties:
                            parties.append(a)
            return Found(tok, "contested", pid, None, parties=parties)
        return None

    def disputed(self, tok) -> Found | None:
        if tok.dep_ == "amod":
            place, near = self.place_of(tok.head)
        elif tok.dep_ in ("acomp", "oprd", "ROOT") or tok.tag_ == "VBN":
            place, near = self.place_of(subject(tok.head if tok.dep_ == "acomp" else tok))
            if not place:   # "X remains disputed" with the subject hung on the auxiliary
                before = [m for m in self.ix.place_mentions if m[1] <= tok.idx and tok.idx - m[1] <= 25
                          and self.lx.DISPUTED_COPULA.fullmatch(self.ix.text[m[1]:tok.idx])]
                place, near = (before[-1][2], False) if before else (None, False)
        else:
            return None
        if not place or near:
            return None
        return Found(tok, "contested", place, None)
