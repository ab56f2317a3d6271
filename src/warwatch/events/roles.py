"""Who did what to whom: the roles of the actors a sentence names (step 4 of ``detect.py``'s
module doc), from the dependency parse and the language's words (``lang/<code>/events.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lang
from ..nlp.model import doc_text
from .features import TERRITORY_TYPES, acting_side, territory_side
from .candidates import _verb_of


@dataclass(slots=True)
class Ref:
    actor: str
    start: int
    end: int


def _np_head(tok):
    """Climb from a name token to the head of its noun phrase."""
    return _climb(tok)[0]


def _climb(tok):
    """The head of a name token's noun phrase, and whether the climb went through a conjunct
    ("coalition aircraft" in "Turkish jets and coalition aircraft"); a force's owner climbs on
    from the force ("warplanes of the coalition" is where "warplanes" is)."""
    lx = lang.of(tok).events
    seen = 0
    conj = False
    while seen < 8:
        if tok.dep_ in ("compound", "amod", "nmod", "poss", "flat", "appos", "conj", "case") and tok.head is not tok:
            # a list "X, Y and Z" parses Y as X's apposition with Z conjoined to it
            conj = conj or tok.dep_ == "conj" or (tok.dep_ == "appos" and any(c.dep_ == "cc" for c in tok.children))
            tok = tok.head
        elif (tok.dep_ == "pobj" and tok.head.lower_ == lx.OF and tok.head.head is not tok.head
              and (tok.head.head.lower_ in lx.MILITARY_NOUNS or tok.head.head.lower_ in lx.GENERIC_GROUPS)):
            tok = tok.head.head
        else:
            break
        seen += 1
    return tok, conj


def _head_index(doc, ref: Ref) -> int | None:
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return _climb(span.root)[0].i if span is not None and len(span) else None


def _conjoined_subject(doc, ref: Ref) -> bool | None:
    """For a subject conjoined to another ("X and Y struck"): True when they act together,
    False when the verb makes them the two sides ("X and Y clashed"); None otherwise."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head, conj = _climb(span.root)
    if not conj:
        return None
    if head.dep_ == "pobj" and head.head.lower_ == lang.of(doc).events.BY:
        return True   # "raids by regime aircraft and coalition warplanes"
    if head.dep_ != "nsubj":
        return None
    return head.head.lower_ not in lang.of(doc).actors.RECIPROCAL_VERBS


_TRAILING_TAG = re.compile(r"(?:\s[-–—]+\s*|\s*:\s+)([^:;!?\-–—]+?)[\s.]*$")
_LEADING_TAG = re.compile(r"^\s*([^:;!?\n]+?):\s+\S")
_WORD = re.compile(r"[^\W_]+")


def source_tags(doc, sent, text: str, refs: list[Ref]) -> list[tuple[int, int]]:
    """Character spans of a sentence's source tags: its last segment after a colon or a dash
    ("Blasts kill 10: police", "... - TV", "... -police, medical sources") or its first before
    a colon ("Police: 36 killed"), when the segment is short and made only of source words
    (``lang/<code>/actors.py``), function words and names, and has no verb but a speech verb."""
    lx = lang.of(doc).actors
    speech = lang.of(doc).events.SPEECH_VERBS
    start, end = sent.start_char, sent.end_char
    body = text[start:end]
    out = []

    def tag(s: int, e: int, rest: str) -> None:
        words = _WORD.findall(text[s:e])
        if not words or len(words) > lx.SOURCE_TAG_MAX_WORDS or len(_WORD.findall(rest)) < 3:
            return
        covered = [(r.start, r.end) for r in refs if s <= r.start and r.end <= e]
        pos = s
        named = bool(covered)
        for w in _WORD.finditer(text[s:e]):
            ws = s + w.start()
            low = w.group().lower()
            in_ref = any(a <= ws < b for a, b in covered)
            if not (in_ref or low in lx.SOURCE_WORDS or low in lx.SOURCE_TAG_FUNCTION_WORDS
                    or (w.group()[:1].isupper() and ws > pos)):
                return
            named = named or low in lx.SOURCE_WORDS
        if not named:
            return
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(t.pos_ in ("VERB", "AUX") and t.lower_ not in speech for t in span):
            return
        out.append((s, e))

    m = _TRAILING_TAG.search(body)
    if m:
        tag(start + m.start(1), start + m.end(1), body[:m.start()])
    m = _LEADING_TAG.match(body)
    if m:
        tag(start + m.start(1), start + m.end(1), body[m.end() - 1:])
    return out


def _said_after(doc, ref: Ref, text: str) -> bool:
    """", police said." / ", security sources told AFP" / "... near Damascus French Foreign
    Minister Laurent Fabius said in a statement.": a name whose phrase ends in a speech verb
    that ends the sentence's clauses is the report's source (feeds often lose the comma)."""
    lx = lang.of(doc).events
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    comma = bool(re.search(r",\s*(?:the\s+|a\s+)?$", text[max(0, ref.start - 8):ref.start]))
    sent_end = span.sent.end
    for tok in doc[span.end:min(span.end + 4, sent_end)]:
        # without the comma, the word must be the verb: "the SDF and the Islamic State" is no speech
        if tok.lower_ in lx.SPEECH_VERBS and (comma or tok.pos_ == "VERB"):
            return not any(t.pos_ in ("VERB", "AUX") and t.lower_ not in lx.SPEECH_VERBS
                           for t in doc[tok.i + 1:sent_end])
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def _is_source(head) -> bool:
    lx = lang.of(head).events
    gov = head.head
    if head.dep_ in ("nsubj",) and (gov.lower_ in lx.SPEECH_VERBS or gov.lower_ in lx.REACTION_VERBS):
        return True
    if head.dep_ in ("dobj", "obj") and gov.lower_ in lx.APPEAL_VERBS:
        return True
    if head.dep_ == "pobj" and gov.lower_ == lx.ON and gov.head.lower_ in lx.APPEAL_VERBS:
        return True
    according, to = lx.ACCORDING_TO
    if head.dep_ == "pobj" and gov.lower_ == to and gov.head.lower_ == according:
        return True
    if head.dep_ == "pobj" and gov.lower_ == lx.BY and gov.head.lower_ in lx.REPORTED_BY:
        return True
    return False


def _claimant(head, span=None) -> bool:
    """"X claimed the attack", "X claimed responsibility", "an attack claimed by X"; in a
    headline the parse often fails, so also a claim verb right after the name with a claimed
    act among the next five words ("IS claims Baghdad car bomb attack")."""
    ax = lang.of(head).actors
    if span is not None and span.end < len(span.doc) and span.doc[span.end].lower_ in ax.CLAIM_VERBS:
        for tok in span.doc[span.end + 1:span.end + 6]:
            if tok.lower_ in ax.CLAIMED_ACTS:
                return True
            if tok.is_punct or tok.pos_ in ("VERB", "AUX", "SCONJ") or tok.lower_ == "that":
                break
    gov = head.head
    if head.dep_ == "nsubj" and gov.lower_ in ax.CLAIM_VERBS:
        return any(c.dep_ == "dobj" and c.lower_ in ax.CLAIMED_ACTS for c in gov.children)
    return (head.dep_ == "pobj" and gov.dep_ == "agent" and gov.head.lower_ in ax.CLAIM_VERBS
            and gov.head.head.lower_ in ax.CLAIMED_ACTS)


def _suffered(head) -> bool:
    """A name that suffers the act in a headline's passive, told without its auxiliary: "IS
    commander killed in air strike" (a participle on the name), "Top IS sniper killed east of
    Ramadi" (parsed as a past tense with no object)."""
    lx = lang.of(head).events
    directions = lang.of(head).places.DIRECTIONS   # "killed east of Ramadi": no object

    def objectless(verb) -> bool:   # "forces killed 18 civilians" is active, however parsed
        return not any(c.dep_ in ("dobj", "obj", "aux", "auxpass", "conj") and c.lower_ not in directions
                       for c in verb.children)

    if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lower_ in lx.SUFFERED_VERBS and objectless(c)
           for c in head.children):
        return True
    gov = head.head
    return (head.dep_ == "nsubj" and gov.dep_ == "ROOT" and gov.lower_ in lx.SUFFERED_VERBS
            and gov.tag_ in ("VBD", "VBN") and objectless(gov))


def _role(doc, ref: Ref, verb, text: str) -> str | None:
    """'actor1', 'actor2', 'associated', 'source', 'holder' (of the place hit) or None (unclear)."""
    lx = lang.of(doc).events
    before = text[max(0, ref.start - 40):ref.start]
    after = text[ref.end:ref.end + 20]
    if lx.ALLY_BEFORE.search(before):
        return "associated"
    m = lx.ALLY_AFTER.match(after)
    if m:
        # "Turkish-backed rebels" backs a side; "Wednesday's Turkish-backed assault" backs an
        # act, whose doer need not be this sentence's acting side
        cue = doc.char_span(ref.end + m.end() - 1, ref.end + m.end(), alignment_mode="expand")
        if cue is not None and len(cue) and cue[0].head.lower_ in lx.BACKED_ACTS:
            return None
        return "associated"
    held = lang.of(doc).actors.HELD_WORDS
    hold = re.match(r"\s*-\s*([a-z]+)", after.lower())
    if hold and hold.group(1) in held:
        return "holder"
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = _np_head(span.root)
    if head.dep_ == "pobj" and head.head.lower_ == lx.BY and head.head.head.lower_ in held:
        return "holder"
    if _claimant(head, span):
        return "actor1"
    if _is_source(head) or _said_after(doc, ref, text):
        return "source"
    dep = head.dep_
    gov = head.head
    if _suffered(head):
        return "actor2"
    if dep == "nsubj":
        return "actor1"
    if dep == "nsubjpass":
        return "actor2"
    if dep == "pobj" and gov.lower_ == lx.BY:
        if gov.dep_ == "agent":
            # "areas controlled by X": the agent of a modifier is not the event's doer, but
            # "fighters killed by X" names who killed them
            if gov.head.dep_ in ("acl", "relcl", "amod"):
                return "actor1" if gov.head.lower_ in lx.SUFFERED_VERBS else None
            return "actor1"
        if gov.head.pos_ in ("NOUN", "PROPN"):
            return "actor1"   # "air strikes by X"
    if dep in ("dobj", "obj"):
        return "actor2"
    if dep == "pobj" and gov.lower_ in lx.TARGET_PREPS:
        return "actor2"
    if dep == "poss" or (dep == "pobj" and gov.lower_ == lx.OF):
        return "actor2" if verb is not None and head.i > verb.i else None
    return None


def extra_refs(sent, analysis, registry) -> list[Ref]:
    """Demonyms (and country names) on military nouns, generic armed-group nouns and unnamed
    state forces ("police", "government forces": the forces of the one country the text reports
    from, ``_reported_country``), as actor references."""
    from ..nlp.actors import Actor, Mention

    lx = lang.of(sent).events
    refs: list[Ref] = []
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
        refs.append(Ref(actor_id, s, e))

    text = doc_text(sent.doc)
    nationality_ends: set[int] = set()
    for place in analysis.places:
        for m in place.mentions:
            if not (sent.start_char <= m.start < sent.end_char) or not place.country:
                continue
            # "Turkish jets", "Turkish-backed"; a country's name the same way ("Iraq forces")
            country_name = m.role != "demonym" and (place.feature or "").startswith("A.PCL")
            if m.role != "demonym" and not country_name:
                continue
            if country_name and lang.of(sent).actors.NOT_FORCES_BEFORE.search(text[max(0, m.start - 12):m.start]):
                continue   # "Russia's Syria strikes", "in N Iraq airstrike": not that state's forces
            nxt = re.match(r"\s*-?\s*([a-z]+)", text[m.end:m.end + 30].lower())
            word = nxt.group(1) if nxt else ""
            if word in lx.MILITARY_NOUNS or (word in lx.BACKED_WORDS and not country_name):
                nationality_ends.add(m.end)
                if not free(m.start, m.end):
                    continue
                actor_id = registry.state_actor(place.country, military=True) if registry else None
                if actor_id:
                    entry = registry[actor_id]
                    add(actor_id, entry.name, entry.type, entry.country, m.start, m.end)
    country = _reported_country(sent, analysis)
    state_id = registry.state_actor(country, military=True) if registry and country else None
    ax = lang.of(sent).actors
    for tok in sent:
        kind = lx.GENERIC_GROUPS.get(tok.lower_)
        qualified = ((tok.lower_ in lx.MILITARY_NOUNS or tok.lower_ == "forces") and tok.i > sent.start
                     and sent.doc[tok.i - 1].lower_ in ax.STATE_FORCE_QUALIFIERS)
        if not (kind or qualified) or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        first = sent.doc[tok.i - 1] if qualified else tok
        s, e = first.idx, tok.idx + len(tok)
        if not free(s, e):
            continue
        prev = sent.doc[first.i - 1] if first.i > sent.start else None
        after_nationality = prev is not None and any(prev.idx <= end <= prev.idx + len(prev) + 1
                                                     for end in nationality_ends)
        if after_nationality:
            continue   # "Iraqi soldiers": the demonym already named the state's forces
        if prev is not None and not free(prev.idx, prev.idx + len(prev)) and prev.text[:1].isupper():
            continue   # "IS militants", "PKK fighters": the name already says who they are
        of_name = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", text[e:e + 12])
        if kind and of_name and not free(e + of_name.end(), e + of_name.end() + 1):
            continue   # "jihadists from the Islamic State": that actor
        unnamed = (qualified or tok.lower_ in ax.STATE_FORCE_NOUNS) and not (
            prev is not None and (prev.lower_ in lx.GENERIC_GROUPS or prev.text in ("-", "–")
                                  or (prev.text[:1].isupper()
                                      and (prev.i > sent.start or prev.pos_ in ("ADJ", "PROPN")))))
        if unnamed and state_id:
            entry = registry[state_id]
            add(state_id, entry.name, entry.type, entry.country, s, e)
        elif kind:
            add(f"group:{tok.lower_}", tok.lower_, kind, None, tok.idx, tok.idx + len(tok))
    return refs


def _reported_country(sent, analysis) -> str | None:
    """The country the text reports from: the one country of most (at least 0.6) of the text's
    places, else the one country of the sentence's places; None when unclear. A place that
    only says where someone is based ("the Britain-based monitor") does not count."""
    text = doc_text(sent.doc)
    where = [(m.start, p.country) for p in analysis.places for m in p.mentions
             if p.country and m.role == "location" and not re.match(r"\s*-\s*based\b", text[m.end:m.end + 10])]
    if where:
        counts: dict[str, int] = {}
        for _, country in where:
            counts[country] = counts.get(country, 0) + 1
        top = max(counts, key=counts.get)
        if counts[top] >= 0.6 * len(where):
            return top
    here = {country for s, country in where if sent.start_char <= s < sent.end_char}
    return next(iter(here)) if len(here) == 1 else None


NOT_PARTIES = frozenset({"media", "monitor"})
"""Actor types that report events and take no part in them ("Syrian state media gave a toll")."""


def assign(doc, sent, refs: list[Ref], text: str, kinds: dict[str, str] | None = None
           ) -> tuple[str | None, str | None, list[str]]:
    """(actor1, actor2, associated) of a sentence from its actor references (see ``_role``);
    media and monitors are never sides, nor is whoever a source tag names (``source_tags``);
    a subject conjoined to the acting side acts with it (``_conjoined_subject``)."""
    verb = _verb_of(sent)
    tags = source_tags(doc, sent, text, refs)
    refs = [r for r in refs if (kinds or {}).get(r.actor) not in NOT_PARTIES
            and not any(s <= r.start and r.end <= e for s, e in tags)]
    actor1 = actor2 = None
    associated: list[str] = []
    loose: list[str] = []
    holders: list[str] = []
    actor1_head = None
    for ref in sorted(refs, key=lambda r: r.start):
        role = _role(doc, ref, verb, text)
        if role == "source":
            continue
        if role == "holder":
            if ref.actor not in holders:
                holders.append(ref.actor)
            continue
        if role == "associated":
            if ref.actor not in associated:
                associated.append(ref.actor)
        elif role == "actor1" and actor1 is None:
            actor1, actor1_head = ref.actor, _head_index(doc, ref)
        elif role == "actor1" and ref.actor != actor1 and (together := _conjoined_subject(doc, ref)) is not None:
            if together and ref.actor not in associated:
                associated.append(ref.actor)
            elif not together and actor2 is None:
                actor2 = ref.actor
        elif role == "actor1" and ref.actor != actor1 and _head_index(doc, ref) == actor1_head:
            if ref.actor not in associated:   # one phrase names both ("aircraft of X and Y")
                associated.append(ref.actor)
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
    if actor2 is None:   # whoever holds the place hit is at most the side acted on
        actor2 = next((h for h in holders if h != actor1 and h not in associated), None)
    associated = [a for a in associated if a not in (actor1, actor2)]
    return actor1, actor2, associated


_STATE_TYPES = frozenset({"state_force", "government"})
_NON_STATE_TYPES = frozenset({"armed_group", "militia"})


def territory_side_of(label: str, actor1: str | None, analysis, text: str) -> str:
    """Between the two territorial types, the acting side's kind decides (ACLED's
    definitions): ``actor1``'s type from the parse, else the first side the sentence names."""
    if label not in TERRITORY_TYPES:
        return label
    kind = next((a.type for a in analysis.actors if a.id == actor1), None) if actor1 else None
    side = ("state" if kind in _STATE_TYPES else "nonstate" if kind in _NON_STATE_TYPES
            else acting_side(text))
    return territory_side(label, side)
