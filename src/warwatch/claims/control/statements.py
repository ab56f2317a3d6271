"""Control statements of one analysed article: phrases, then territorial events no phrase covered."""

from __future__ import annotations

import re

from ... import lang
from ...nlp.model import doc_text
from .index import DocIndex, holdable
from .phrases import Found, Reader
from .records import ControlStatement

TERRITORIAL = frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"})


def control_statements(analysis) -> list[ControlStatement]:
    """Control statements of one analysed article (see ``claims/control/__init__.py``).

    ``analysis`` carries the spaCy ``doc`` and the typed ``places``, ``actors``, ``dates``,
    ``events`` and ``claims``.
    """
    ix = DocIndex(analysis)
    reader = Reader(ix)
    out: list[ControlStatement] = []
    for sent in analysis.doc.sents:
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


def negated(tok) -> bool:
    lx = lang.of(tok).control
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == lx.NEVER):
                return True
            if cur.pos_ in ("NOUN", "PROPN") and c.dep_ in ("det", "amod") and c.lower_ in lx.NEGATIVE_DETERMINERS:
                return True   # "no reports of clashes", "little fighting"
        if cur.head.i == cur.i or cur.dep_ not in ("nsubj", "dobj", "pobj", "prep", "compound", "xcomp"):
            break
        if cur.dep_ == "xcomp" and cur.head.lower_ in lx.FAILED:
            return True
        cur = cur.head
    return False


def irrealis(tok) -> bool:
    """Future, intended or conditional: "intend to take it", "will take", "if they enter",
    "taking the city would be a prize"."""
    lx = lang.of(tok).control
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in lx.MODALS:
                return True
            if c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL:
                return True
            if c.dep_ == "aux" and c.lower_ == lx.TO and cur.head.lower_ not in lx.MANAGED:
                return True
        if cur.dep_ == "xcomp" and cur.head.lower_ in lx.INTENT:
            return True
        if cur.dep_ not in ("xcomp", "conj", "pobj", "pcomp", "prep", "dobj", "csubj") or cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def past_perfect(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == lang.of(tok).control.PAST_PERFECT_AUX for c in tok.children) \
        and tok.tag_ == "VBN"


def denied_inside(tok, content_start: int | None) -> bool:
    """A denial between the claim's content start and the cue: "rejecting claims that ...",
    "described the reports that ... as psychological warfare"."""
    lx = lang.of(tok).control
    lo = content_start if content_start is not None else -1
    for anc in tok.ancestors:
        if anc.lower_ in lx.DENY and anc.idx >= lo:   # a deny cue outside the content is the claim's own
            return True
        if anc.lower_ in lx.DESCRIBE:
            if any(d.lower_ in lx.FALSITY and d.i > tok.i for d in anc.subtree) and any(
                    d.lower_ == lx.AS for d in anc.subtree if d.i > tok.i):
                return True   # "described the reports that ... as psychological warfare"
    return False


def _sent_bounds(sent) -> tuple[int, int]:
    s, e = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _statement(ix: DocIndex, sent, f: Found) -> ControlStatement | None:
    tok = f.cue
    if irrealis(tok):
        return None
    claim = ix.claim_at(tok.idx)
    in_claim = claim is not None and claim.speaker_type != "outlet"
    positive = not (f.negated or negated(tok))
    denied = denied_inside(tok, claim.content_start if claim else None)
    if claim is not None and claim.polarity == "deny" and not denied:
        denied = True
    if denied:
        positive = not positive
    s, e = _sent_bounds(sent)
    d = ix.date_near(s, e, tok.idx)
    as_of, prec, src = (d.value.isoformat(), d.precision, "text") if d else (None, None, None)
    if as_of is None:
        for ev in ix.events:
            if ev.date and ev.evidence.get("start", -1) <= tok.idx < ev.evidence.get("end", -1):
                as_of, prec, src = ev.date.isoformat(), ev.date_precision, "event"
                break
    if as_of is None and ix.pub_date:
        as_of, prec, src = ix.pub_date.isoformat(), "day", "published"
    background = past_perfect(tok) and not in_claim
    since = None
    if d is not None and lang.of(tok).control.SINCE_BEFORE.search(ix.text[max(0, d.start - 12):d.start]):
        since = d.value.isoformat()
        if not background:   # a present state: true when said
            as_of, prec, src = (ix.pub_date.isoformat(), "day", "published") if ix.pub_date else (None, None, None)
    if background and src != "text":
        as_of, prec, src = None, None, None
    place = ix.places.get(f.place)
    return ControlStatement(
        place=f.place, place_name=place.name if place is not None else None, status=f.status,
        controller=f.controller, positive=positive, previous=f.previous, as_of=as_of,
        as_of_precision=prec, as_of_source=src, according_to=[claim.id] if claim else [],
        speaker=claim.speaker if claim else ix.site,
        speaker_actor=claim.speaker_actor if claim else None,
        speaker_type=claim.speaker_type if claim else "outlet",
        cue=tok.text, start=tok.idx, end=tok.idx + len(tok),
        evidence={"start": s, "end": e, "text": ix.text[s:e]}, source="phrase",
        event=_event_at(ix, tok.idx), allies=[a for a in f.allies if a != f.controller],
        parties=list(f.parties), since=since, background=background, near=f.near,
        article_id=ix.article_id, site=ix.site, published=ix.published)


def _event_at(ix: DocIndex, at: int) -> str | None:
    for ev in ix.events:
        if ev.evidence.get("start", -1) <= at < ev.evidence.get("end", -1):
            return ev.id
    return None


def _holds_positive(claim) -> bool:
    return (claim.polarity == "assert") != bool(claim.content_negated)


def _reporters(ix: DocIndex, ev) -> list[tuple[str | None, bool]]:
    """(claim id, holds positive) of the claims that report ``ev``."""
    out = []
    for r in ev.reported_by:
        c = next((c for c in ix.claims if c.id == r), None)
        out.append((r, _holds_positive(c) if c is not None else True))
    if not out:
        for c in ix.claims:
            if ev.id in c.about.get("events", ()):
                out.append((c.id, _holds_positive(c)))
    return out


_WORD = re.compile(r"[\w'-]+")


def _says_change(text: str, lx) -> bool:
    """Whether ``text`` has a word of a change of hands used as one: a take, lose or fall
    verb or a control noun, not as an aim ("an attack to recapture") or an idiom ("took
    place"). The classifier may type a battle sentence as territorial; control changes only
    on a capture the sentence states."""
    words = _WORD.findall(text.lower())
    for i, w in enumerate(words):
        if w not in lx.TAKE and w not in lx.LOSE and w not in lx.FALL and w not in lx.CONTROL_NOUNS:
            continue
        if i and words[i - 1] in lx.PURPOSE:
            continue
        if w in lx.TAKE_PHRASAL and i + 1 < len(words) and words[i + 1] in lx.TAKE_IDIOMS:
            continue
        return True
    return False


def _relative(text: str, start: int, lx) -> bool:
    """Whether the place named at ``start`` only locates something else: "southwest of X",
    "near X", "the outskirts of X", "two villages in X"."""
    words = _WORD.findall(text[max(0, start - 40):start].lower())[-2:]
    if words and words[-1] in lx.LOCATING:
        return True
    if len(words) == 2 and words[-1] == lx.OF and words[0] in lx.LOCATING:
        return True
    return len(words) == 2 and words[-1] == lx.IN and words[0] in lx.AREA_NOUNS   # "villages in Aleppo"


def _event_statements(ix: DocIndex, phrase: list[ControlStatement]) -> list[ControlStatement]:
    """A territorial event no phrase covered and whose sentence states a change of hands:
    taken by actor1 from actor2 (lost by actor1 when the transfer is worded as a withdrawal)."""
    out = []
    lx = lang.of(ix.doc).control
    withdraw = lx.WITHDRAW_RE
    for ev in ix.events:
        if ev.type not in TERRITORIAL or not ev.place:
            continue
        place = ix.places.get(ev.place)
        if place is None or not holdable(place) or (place.feature or "P")[:1] not in ("P", "S"):
            continue
        es, ee = ev.evidence.get("start", -1), ev.evidence.get("end", -1)
        if not any(es <= m[0] and m[1] <= ee and m[2] == ev.place and not _relative(ix.text, m[0], lx)
                   for m in ix.place_mentions):
            continue   # "the orchards southwest of Homs" locates the event; Homs did not change hands
        if any(st.place == ev.place and es <= st.start < ee for st in phrase):
            continue
        text = ev.evidence.get("text") or ix.text[es:ee]
        if not _says_change(text or "", lx):
            continue
        lost = ev.type == "NON_VIOL_TERRIT_TRANSFER" and withdraw.search(text or "")
        status = "lost" if lost else "taken"
        groups: dict[bool, list[str]] = {}
        for cid, hp in _reporters(ix, ev) or [(None, True)]:
            groups.setdefault(hp, [])
            if cid:
                groups[hp].append(cid)
        for hp, cids in groups.items():
            claim = next((c for c in ix.claims if cids and c.id == cids[0]), None)
            as_of, prec, src = (ev.date.isoformat() if ev.date else None), ev.date_precision, "event"
            if as_of is None and ix.pub_date:
                as_of, prec, src = ix.pub_date.isoformat(), "day", "published"
            out.append(ControlStatement(
                place=ev.place, place_name=place.name, status=status,
                controller=ev.actor1, positive=hp,
                previous=None if lost else ev.actor2, as_of=as_of, as_of_precision=prec,
                as_of_source=src, according_to=cids,
                speaker=claim.speaker if claim else ix.site,
                speaker_actor=claim.speaker_actor if claim else None,
                speaker_type=claim.speaker_type if claim else "outlet",
                cue=ev.type, start=es, end=ee, evidence={"start": es, "end": ee, "text": text},
                source="event", event=ev.id, allies=list(ev.associated),
                article_id=ix.article_id, site=ix.site, published=ix.published))
    return out
