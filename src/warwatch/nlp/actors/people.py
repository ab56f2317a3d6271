"""People in a document: names, roles and affiliations.

spaCy ``PERSON`` entities not covered by the registry become people. They keep the role and
affiliation the text gives them ("PMF spokesman Ahmed al-Asadi", "Ahmed al-Asadi, a
spokesman for the PMF"), and later mentions by surname ("Asadi said") attach to the same
person. The role words, demonyms and name particles are the language's
(``lang/<code>/actors.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ... import lang
from ..model import doc_text
from .names import SKIP, fold, fold_phrase
from .records import Mention

if TYPE_CHECKING:
    from .registry import ActorRegistry


def name_units(text: str, lx) -> list[str]:
    """Folded, lower-case name words; "al-Asadi" is one unit, as is "Al Asadi" (``lx``: the
    language's actor cues)."""
    words = [fold(w).lower() for w in re.split(r"[\s]+", text.strip()) if w]
    units: list[str] = []
    for w in words:
        w = w.strip("-'\".,")
        if not w:
            continue
        if units and units[-1] in lx.NAME_ARTICLES:
            units[-1] = units[-1] + "-" + w
        else:
            units.append(w)
    return units


def name_core(unit: str, lx) -> str:
    for prefix in lx.CORE_PREFIXES:
        if unit.startswith(prefix):
            return unit[len(prefix):]
    return unit


def role_in(tokens: Sequence, lx) -> tuple[int, int, str] | None:
    """The role phrase ending nearest the end of ``tokens``: (first, last index, kind)."""
    words = []
    for i, tok in enumerate(tokens):
        f = fold(tok.text).lower()
        if f in SKIP:
            continue
        words.append((i, f))
    for end in range(len(words) - 1, -1, -1):
        if words[end][1] not in lx.ROLE_WORDS:
            continue
        for length in range(min(lx.MAX_ROLE, end + 1), 0, -1):
            key = tuple(w for _, w in words[end - length + 1: end + 1])
            kind = lx.ROLE_KIND.get(key)
            if kind:
                return words[end - length + 1][0], words[end][0], kind
    return None


class Context:
    """Per-document lookups shared by the person and organisation passes."""

    def __init__(self, doc, registry: ActorRegistry, spans: list[tuple[int, int, str]]):
        self.doc = doc
        self.registry = registry
        self.lx = lang.of(doc).actors
        self.actor_at: dict[int, str] = {}
        for s, e, ident in spans:
            for k in range(s, e):
                self.actor_at[k] = ident
        self.place_texts = {fold_phrase(e.text).lower() for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}

    def affiliation(self, tokens: Sequence, kind: str) -> str | None:
        """Registry actor or country named among ``tokens`` (nearest to the end first)."""
        for tok in reversed(tokens):
            ident = self.actor_at.get(tok.i)
            if ident and self.registry[ident].type != "person":
                return ident
        for tok in reversed(tokens):
            f = fold(tok.text).lower()
            demonyms = self.lx.DEMONYMS
            if f in demonyms and demonyms[f] and (tok.text[0].isupper()):
                return self.registry.state_actor(demonyms[f], military=kind == "military")
        return None


def _prefix_tokens(doc, start: int, sent_start: int) -> list:
    """Contiguous title-like tokens just before a name: "US Vice President", "PMF spokesman"."""
    lx = lang.of(doc).actors
    out = []
    i = start - 1
    while i >= sent_start and len(out) < 7:
        tok = doc[i]
        f = fold(tok.text).lower()
        ok = (f in lx.ROLE_WORDS or f in lx.DEMONYMS or tok.text in lx.POSSESSIVES or tok.text == "-"
              or (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN", "X")))
        if not ok or tok.is_punct and tok.text not in ("-",):
            break
        out.append(tok)
        i -= 1
    out.reverse()
    return out


def appos_tokens(span) -> list:
    """Tokens of appositions to the name ("..., a spokesman for the PMF, ...")."""
    root = span.root
    appos = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if not appos:
        return []
    left = min(a.left_edge.i for a in appos)
    right = max(a.right_edge.i for a in appos)
    return list(span.doc[left: right + 1])


def role_of(span, ctx: Context) -> tuple[str | None, str | None, int]:
    """(role, affiliation, index of the first role-prefix token) for a person span."""
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    candidates: list[tuple[str, str | None]] = []
    prefix = _prefix_tokens(doc, span.start, sent_start)
    first = span.start
    found = role_in(prefix, ctx.lx)
    if found:
        a, b, kind = found
        role = doc[prefix[a].i: prefix[b].i + 1].text
        candidates.append((role, ctx.affiliation(prefix[:a], kind)))
        first = prefix[0].i
    # the name as apposition of a role noun: "the Observatory's director, Rami Abdulrahman"
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        sub = list(doc[head.left_edge.i: head.i + 1])
        found = role_in(sub, ctx.lx)
        if found:
            a, b, kind = found
            candidates.append((doc[sub[a].i: sub[b].i + 1].text, ctx.affiliation(list(head.subtree), kind)))
    # an apposition after the name: "Ahmed al-Asadi, a spokesman for the PMF,"
    appos = appos_tokens(span)
    if appos:
        heads = [t for t in appos if t.dep_ == "appos" and t.head.i == root.i]
        for h in heads:
            window = [t for t in appos if t.i <= h.i]
            found = role_in(window, ctx.lx)
            if found and window[found[1]].i == h.i:
                a, b, kind = found
                role = doc[window[a].i: window[b].i + 1].text
                left = [t for t in window[:a] if t.dep_ in ("poss", "compound", "amod", "nmod", "case")
                        or ctx.actor_at.get(t.i)]
                aff = ctx.affiliation(left, kind)
                if aff is None:
                    for prep in h.children:
                        if prep.dep_ == "prep" and prep.lower_ in ctx.lx.AFFILIATION_PREPOSITIONS:
                            for pobj in prep.children:
                                if pobj.dep_ == "pobj" and ctx.actor_at.get(pobj.i):
                                    aff = ctx.actor_at[pobj.i]
                                    break
                        if aff:
                            break
                candidates.append((role, aff))
                break
    if not candidates:
        return None, None, first
    with_aff = [c for c in candidates if c[1]]
    role, aff = (with_aff or candidates)[0]
    return role, aff, first


def looks_like_place(span, ctx: Context, is_place: Callable[[str], bool] | None) -> bool:
    doc = span.doc
    text = span.text
    if is_place is not None and is_place(text):
        return True
    if fold_phrase(text).lower() in ctx.place_texts:
        return True
    lx = ctx.lx
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None:
        pl = prev.lower_
        if pl in lx.PLACE_PREPOSITIONS:
            return True
        if pl == lx.OF and span.start > 1 and doc[span.start - 2].lower_ in lx.PLACE_NOUNS:
            return True
        if pl == lx.ON and span.start > 1 and doc[span.start - 2].lower_ in lx.ATTACK_NOUNS:
            return True
        if pl in lx.PLACE_NOUNS:
            return True
    root = span.root
    return root.dep_ in ("dobj", "nsubjpass") and root.head.lower_ in lx.PLACE_OBJECT_VERBS


def clean_span(span):
    """Drop a leading determiner and quote marks from an entity span."""
    doc = span.doc
    lx = lang.of(doc).actors
    s, e = span.start, span.end
    while s < e and (doc[s].lower_ in lx.DETERMINERS or doc[s].is_quote or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_quote or doc[e - 1].is_punct or doc[e - 1].text in lx.POSSESSIVES):
        e -= 1
    return doc[s:e] if e > s else None


def valid_name_tokens(span, org: bool = False) -> bool:
    lx = lang.of(span).actors
    for tok in span:
        t = tok.text
        if t in ("-", "'", "’") or t in lx.POSSESSIVES:
            continue
        low = fold(t).lower()
        if not t[:1].isupper() and low not in lx.NAME_PARTICLES and not (org and low in lx.ORG_FUNCTION_WORDS):
            return False
        if "." in t and not re.fullmatch(r"[A-Z]\.", t):
            return False
        if any(ch.isdigit() for ch in t):
            return False
    return True


@dataclass(slots=True)
class Person:
    units: list[str]
    name: str
    mentions: list[Mention]
    role: str | None = None
    affiliation: str | None = None


def not_a_person(span) -> bool:
    """Operation names, quoted names and numbered headings ("Bulletin No. 142")."""
    doc = span.doc
    text = doc_text(doc)
    after_operation = doc.user_data.get("warwatch_operation_ends")
    if after_operation is None:   # where a name would follow "Operation", found once per document
        after_operation = doc.user_data["warwatch_operation_ends"] = [
            m.end() for m in re.finditer(lang.of(doc).actors.OPERATION_BEFORE, text)]
    if any(text.startswith(span.text, at) for at in after_operation):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and after is not None and before.is_quote and after.is_quote:
        return True
    nxt = [t for t in doc[span.end: span.end + 2] if t.text != "."]
    return bool(nxt) and nxt[0].like_num


def nearest_person(people: list[Person], core: str, at: int, lx) -> Person | None:
    best = None
    best_key = None
    for p in people:
        if len(p.units) < 2:
            if name_core(p.units[0], lx) != core:
                continue
        elif name_core(p.units[-1], lx) != core and core not in (name_core(u, lx) for u in p.units[1:]):
            continue
        before = [m.start for m in p.mentions if m.start <= at]
        key = (0, at - max(before)) if before else (1, min(m.start for m in p.mentions) - at)
        if best_key is None or key < best_key:
            best, best_key = p, key
    return best


def find_people(person_spans: list, org_spans: list, ctx: Context, claimed: list[bool],
                is_place: Callable[[str], bool] | None) -> list[Person]:
    """People named by ``person_spans`` (spaCy PERSON entities, cleaned), with their roles and
    affiliations, and their later mentions by surname. A span that ends in an organisation's
    head word ("... Brigade") moves to ``org_spans``; ``claimed`` marks the tokens of registry
    matches."""
    doc = ctx.doc
    lx = ctx.lx
    people: list[Person] = []
    singles: list[tuple[Any, str | None, str | None]] = []
    for span in person_spans:
        # strip leading titles spaCy kept inside the entity ("Vice President Joe Biden")
        while len(span) > 1 and fold(span[0].text).lower().strip(".") in lx.ROLE_WORDS:
            span = span.doc[span.start + 1: span.end]
        if not valid_name_tokens(span):
            continue
        if any(t.lower_ == lx.OPERATION for t in span) or (span.start > 0 and span.doc[span.start - 1].lower_ == lx.OPERATION):
            continue
        if fold(span[-1].text).lower() in lx.ORG_HEADS:
            org_spans.append(span)
            continue
        if not_a_person(span):
            continue
        units = name_units(span.text, lx)
        if not units:
            continue
        role, aff, _ = role_of(span, ctx)
        if len(units) == 1:
            singles.append((span, role, aff))
            continue
        if looks_like_place(span, ctx, is_place) and role is None:
            continue
        key = [name_core(u, lx) for u in units]
        person = next((p for p in people if [name_core(u, lx) for u in p.units][-len(key):] == key
                       or key[-len(p.units):] == [name_core(u, lx) for u in p.units]), None)
        if person is None:
            person = Person(units, span.text, [])
            people.append(person)
        elif len(units) > len(person.units):
            person.units, person.name = units, span.text
        person.mentions.append(Mention(span.text, span.start_char, span.end_char))
        if role and (person.role is None or (aff and not person.affiliation)):
            person.role, person.affiliation = role, aff
    for span, role, aff in singles:
        core = name_core(name_units(span.text, lx)[0], lx)
        person = nearest_person(people, core, span.start_char, lx)
        if person is None:
            if role is None or looks_like_place(span, ctx, is_place):
                continue
            person = Person(name_units(span.text, lx), span.text, [])
            people.append(person)
        person.mentions.append(Mention(span.text, span.start_char, span.end_char))
        if role and (person.role is None or (aff and not person.affiliation)):
            person.role, person.affiliation = role, aff

    # surnames spaCy did not tag ("Asadi said"), and ORG-tagged surnames ("Çelik")
    if people:
        taken = {(m.start, m.end) for p in people for m in p.mentions}
        by_core: dict[str, list[Person]] = {}
        for p in people:
            if len(p.units) > 1:
                by_core.setdefault(name_core(p.units[-1], lx), []).append(p)
        for tok in doc:
            if claimed[tok.i] or not tok.text[:1].isupper():
                continue
            cands = by_core.get(name_core(fold(tok.text).lower(), lx))
            if not cands:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            # "al-Asadi": include the article
            if tok.i >= 2 and doc[tok.i - 1].text == "-" and fold(doc[tok.i - 2].text).lower() in lx.NAME_ARTICLES:
                start = doc[tok.i - 2].idx
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue
            person = nearest_person(cands, name_core(fold(tok.text).lower(), lx), start, lx)
            person.mentions.append(Mention(doc_text(doc)[start:end], start, end))
            taken.add((start, end))
    return people
