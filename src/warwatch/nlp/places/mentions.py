"""Toponym mentions in a document, with their gazetteer candidates and roles.

Mentions are spaCy's GPE, LOC and FAC entities; NORP entities that are demonyms or place
names; other entities whose whole text is a known place of some weight; capitalised proper
nouns after a locative cue ("near Manbij"); places named inside an organisation's name; and
supplement names spaCy missed. Each gets its candidates (``_lookup``) and a role
(``location``, ``demonym``, ``actor``, ``organisation``). See docs/places.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import lang
from ..gazetteer import SUPPLEMENT, Candidate, Gazetteer, strip_suffix
from ..model import doc_text
from ..normalize import fold, name_key, unglue
from .spans import country_word, pieces

PLACE_LABELS = ("GPE", "LOC", "FAC")
# spaCy's small model often tags a bare place name as ORG or PERSON ("Texas", "Gainesville"):
# such an entity is kept when its whole text is a known place of some weight.
WEAK_LABELS = ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT")
# A proper noun right after a locative word ("near Manbij", "the town of Palmyra"; the
# language's ``LOCATIVE_WORDS``) is taken as a place mention when the gazetteer knows it,
# whatever spaCy labelled it, if anything: the small model tags such names PERSON or
# PRODUCT, or misses them.
CUE = "CUE"
NAMED = "NAMED"
"""Found after a place noun and "of" ("the village of Rityan"): a place even when the
gazetteer lacks it (a CUE name that resolves nowhere is dropped: "in God", "to Reuters")."""
EMBEDDED = "EMBEDDED"   # a place named inside an organisation's name
WEAK_MIN_POP = 20_000


@dataclass(slots=True)
class Toponym:
    """A toponym mention being resolved: its span, label, role and gazetteer candidates, and
    what resolution (``resolve.py``) picks for it."""

    text: str
    start: int  # in doc_text(doc)
    end: int
    role: str
    label: str
    candidates: list[Candidate]
    country_only: str | None = None   # demonym -> ISO
    hint: str | None = None           # suffix word ("province", "city") or "direction"
    needs_support: bool = False
    container: "Toponym | None" = None
    """A town this mention is part of ("the Adhamiya district of Baghdad")."""
    """Kept only if it resolves in a country the article is about, or near its other places
    (a person or organisation entity taken for an Arabic place name: "Abu Kamal")."""
    first: Candidate | None = None
    confident: bool = False
    choice: Candidate | None = None
    pair: "Toponym | None" = None


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


@lru_cache(maxsize=1)
def _supplement_patterns() -> tuple[re.Pattern, ...]:
    """Supplement names as regexes: multiword names in any case, single words (at least
    five letters) only capitalised as written ("Dabiq", "Baghouz")."""
    import yaml

    multi, single = set(), set()
    data = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
    for f in data.get("features", []):
        for n in [f["name"], *(f.get("aliases") or [])]:
            n = str(n)
            if " " in n or "-" in n:
                if len(n) >= 5:
                    multi.add(n)
            elif len(n) >= 5 and n[:1].isupper():
                single.add(n)
    out = []
    for names, flags in ((multi, re.IGNORECASE), (single, 0)):
        if names:
            alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
            out.append(re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", flags))
    return tuple(out)


_AGENCY_SLOT = re.compile(r"\)\s*[—–-]")


def _agency_slot(text: str, s: int, e: int) -> bool:
    """"GAZIANTEP, Turkey (Meridian) —": the news agency of a dateline, at a line's start."""
    return (text[s - 1:s] == "(" and bool(_AGENCY_SLOT.match(text, e))
            and s - (text.rfind("\n", 0, s) + 1) <= 60)


def find_mentions(doc, exclude, gaz) -> list[tuple[int, int, str, str | None]]:
    """``(start, end, label, inside)`` of each toponym mention, in text order; ``inside`` is
    the ISO code of a country the name was given in ("Iraq's Hawija"), which holds it."""
    lx = lang.of(doc).places
    text = doc_text(doc)
    found: list[tuple[int, int, str]] = []
    inside: dict[tuple[int, int], str] = {}   # a name given in a country ("Iraq's Hawija")
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in WEAK_LABELS and ent.label_ != "NORP":
            continue
        s, e = _trim(text, ent.start_char, ent.end_char, lx)
        if e <= s or _overlaps(s, e, exclude) or _agency_slot(text, s, e):
            continue
        if e == ent.end_char:
            m = lx.SUFFIX_AFTER.match(text, e)  # "Aleppo province": the area, not the city
            if m:
                e = m.end()
        for ps, pe, plabel, iso in pieces(text, s, e, ent.label_, gaz, lx,
                                          ent.label_ in PLACE_LABELS):
            found.append((ps, pe, plabel))
            if iso:
                inside[(ps, pe)] = iso
    for i, ent in enumerate(found):
        if ent[2] in WEAK_LABELS:
            cue = _locative_cue(doc, ent[0])
        elif ent[2] == "NORP" and not gaz.demonym(text[ent[0]:ent[1]])[0]:
            # "the village of Abu Alduhour" tagged as a nationality: named as a place
            cue = NAMED if _locative_cue(doc, ent[0]) == NAMED else None
        else:
            cue = None
        if cue:
            found[i] = (ent[0], ent[1], cue)
    for s, e, label in list(found):
        if label == "ORG":
            found.extend(_embedded(doc, s, e, gaz))
    taken = [(s, e) for s, e, _ in found] + list(exclude)
    for s, e, iso, cue in _cued_names(doc, gaz):
        if not _overlaps(s, e, taken):
            found.append((s, e, cue))
            if iso:
                inside[(s, e)] = iso
    for pat in _supplement_patterns():
        for m in pat.finditer(text):
            ms, me = m.start(), m.end()
            if _overlaps(ms, me, exclude):
                continue
            covered = [i for i, (s, e, _) in enumerate(found) if ms <= s and e <= me]
            if covered:  # "Karkamis crossing" beats spaCy's "Karkamis"
                for i in covered:
                    found[i] = (ms, me, "LOC")
            elif not _overlaps(ms, me, [(s, e) for s, e, _ in found]):
                found.append((ms, me, "LOC"))
    found = sorted(set(found))
    out: list[tuple[int, int, str, str | None]] = []
    for s, e, lab in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, lab, inside.get((s, e))))
    return out


def _locative_cue(doc, start_char: int) -> str | None:
    """``CUE`` when the text at ``start_char`` is preceded by "in", "near", "from"... (a
    direction word between them is skipped: "in northern Aleppo"), ``NAMED`` when right after a
    place noun and "of" ("the village of X"), ``CUE`` after one with "the" or a direction
    word between ("the town of the ..."), else None."""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    lx = lang.of(doc).places
    i = span.start - 1
    if fold(doc[i].text) in lx.DIRECTIONS and i > 0:
        i -= 1
    if doc[i].lower_ == lx.THE and i > 0:
        i -= 1
    prev = doc[i]
    word = prev.lower_
    if word in lx.LOCATIVE_WORDS:
        return None if prev.i > 0 and doc[prev.i - 1].lower_ in lx.NOT_AFTER else CUE
    if word == lx.OF and prev.i > 0 and doc[prev.i - 1].lower_ in lx.PLACE_NOUNS:
        return NAMED if prev.i == span.start - 1 else CUE
    return None


_NO_PLACE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                            "QUANTITY", "NORP", "LANGUAGE"})


def _possessed_by_country(doc, i: int, gaz) -> str | None:
    """The country whose possessive precedes token ``i`` ("Iraq's Hawija"), if any."""
    lx = lang.of(doc).places
    if i < 2 or doc[i - 1].text not in lx.POSSESSIVE_S or doc[i - 2].ent_type_ != "GPE":
        return None
    iso, _ = country_word(doc[i - 2].text, gaz, lx)
    return iso


def _cued_names(doc, gaz) -> list[tuple[int, int, str | None, str]]:
    """Runs of capitalised proper nouns ("Manbij", "Jeb al-Kussa") after a locative cue or a
    country's possessive ("Iraq's Hawija": the name must then be in that country) that no
    entity of spaCy's covers: ``(start, end, iso, label)``, the label ``NAMED`` or ``CUE``."""
    articles = lang.of(doc).places.NAME_ARTICLES
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        iso = _possessed_by_country(doc, i, gaz) if tok.text[:1].isupper() else None
        # after a country's possessive, the small model often takes the name for a noun
        if ((tok.pos_ == "PROPN" or (iso and tok.pos_ == "NOUN")) and tok.text[:1].isupper()
                and tok.ent_type_ not in _NO_PLACE_ENTS and not tok.ent_type_ in PLACE_LABELS
                and ((cue := _locative_cue(doc, tok.idx)) or iso)):
            j = i + 1
            while j < n and (doc[j].pos_ == "PROPN" or doc[j].text == "-" or
                             (doc[j].lower_ in articles
                              and j + 1 < n and doc[j + 1].pos_ == "PROPN")):
                j += 1
            while j > i + 1 and doc[j - 1].text == "-":
                j -= 1
            out.append((tok.idx, doc[j - 1].idx + len(doc[j - 1].text), iso, cue or CUE))
            i = j
        else:
            i += 1
    return out


def _trim(text: str, s: int, e: int, lx) -> tuple[int, int]:
    span = text[s:e]
    m = lx.LEAD.match(span)
    if m:
        s += m.end()
    span = text[s:e]
    m = lx.TRAIL.search(span)
    if m:
        e -= len(m.group(0))
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in ".)":
        e -= 1
    return s, e


def _embedded(doc, s: int, e: int, gaz) -> list[tuple[int, int, str]]:
    """A place named inside an organisation's name ("the Toronto Transit Commission",
    "Pakistan Army", "the Kidney Foundation of Canada"): a country, first-level area or town
    of some size by its own name, written in title case, as a mention whose role is
    ``organisation``. Not when the whole entity is a place (spaCy tags "Tel Aviv" or "Homs
    Governorate" ORG too; the whole name is the mention then), and not inside a news outlet's
    name ("The Washington Post": where a paper is published says nothing of what the story
    is about)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    lx = lang.of(doc).places
    if any(t.lower_ in lx.MEDIA_WORDS for t in span):
        return []
    text = doc_text(doc)
    if _lookup(text[s:e], gaz, lx)[0]:
        return []
    toks = [t for t in span if not t.is_punct]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in (3, 2, 1):
            window = toks[i:i + n]
            if len(window) < n:
                continue
            a, b = window[0].idx, window[-1].idx + len(window[-1])
            name = text[a:b]
            if (a, b) == (s, e) or not all(t.text[:1].isupper() for t in window) \
                    or any(t.lower_ in lx.INSTITUTION_WORDS for t in window) \
                    or (name.isupper() and len(name) > 3):
                continue   # title case only ("Liwa al" is not a name); "BEIRUT -" is a dateline
            if any(_weighty(name, c) for c in gaz.candidates(name, skeleton=False)
                   if c.match == "primary" or c.feature_code in ("PCLI", "CONT")):
                hit = (a, b, n)
                break
        if hit:
            out.append((hit[0], hit[1], EMBEDDED))
            i += hit[2]
        else:
            i += 1
    return out


def _weighty(text: str, c: Candidate) -> bool:
    """Whether a candidate is known enough for an entity spaCy did not label a place to be
    taken as one: a place of some size by its own name, or a country, a continent or (for
    an initialism) a first-level area by a curated short name ("EU", "DPRK", "BC")."""
    if c.match == "primary":
        return c.population >= WEAK_MIN_POP or c.feature_code in ("PCLI", "ADM1", "CONT")
    if c.match == "alternate":
        return c.feature_code in ("PCLI", "CONT") or (
            c.feature_code == "ADM1" and bool(_SHORT_CAPS.match(text.replace(".", ""))))
    return False


def _role(doc, s: int, e: int) -> str:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "location"
    lx = lang.of(doc).places
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
        head = root.head
        if head.text.lower() in lx.SPEECH_VERBS:
            return "actor"
        # "Ankara has rejected": auxiliaries attach to the main verb, which is the head
    if root.dep_ == "poss" and root.head.text.lower() in lx.ACTOR_NOUNS:
        return "actor"
    return "location"


def _lookup(text: str, gaz: Gazetteer, lx=None) -> tuple[list[Candidate], str | None]:
    """Candidates for a name, and the suffix word or "direction" it was found without
    (``lx``: the language's place cues, default English)."""
    cands, hint = _lookup_all(text, gaz, lx or lang.get().places)
    if _SHORT_CAPS.match(text.replace(".", "")):
        # "SA", "EU", "ACT": an initialism names a country, an area or a continent, never a
        # town that merely normalises to the same letters ("Saa", "Eu")
        cands = [c for c in cands if c.feature_class in ("A", "L") or c.name.isupper()]
    return _name_owners(cands), hint


OWNER_RATIO = 100
"""A town or area found only by an alternate name is dropped when a place whose own name
it is has over this many times its population: "Hawaii" is the state, not the Florida town
that once bore the name (Howey-in-the-Hills), wherever the article is set."""


def _name_owners(cands: list[Candidate]) -> list[Candidate]:
    owner = max((c.population for c in cands if c.match == "primary"), default=0)
    if not owner:
        return cands
    # only towns and areas have populations to compare: an ocean or a river has none
    return [c for c in cands if c.match != "alternate" or c.feature_class not in ("P", "A")
            or c.population * OWNER_RATIO >= owner]


_SHORT_CAPS = re.compile(r"^[A-Z]{2,3}$")


def _lookup_all(text: str, gaz: Gazetteer, lx) -> tuple[list[Candidate], str | None]:
    cands = gaz.candidates(text, skeleton=False)
    if cands:
        return cands, None
    base, suffix = strip_suffix(text)
    if suffix:
        cands = gaz.candidates(base, skeleton=False)
        if cands:
            return cands, suffix
    words = base.split()
    if len(words) > 1 and fold(words[0]) in lx.DIRECTIONS:
        cands = gaz.candidates(" ".join(words[1:]), skeleton=False)
        if cands:
            return cands, "direction"
    split = unglue(base)
    if split != base:
        cands = gaz.candidates(split, skeleton=False)
        if cands:
            return cands, suffix
    cands = gaz.candidates(base)
    if cands:
        return cands, suffix
    return [], suffix


def make_mention(doc, s: int, e: int, label: str | None, gaz: Gazetteer,
                  keep_empty: bool = False, inside: str | None = None) -> Toponym | None:
    """The mention ``[s, e)`` with its candidates, or None when it is no place;
    ``inside``: the ISO code of a country that holds it ("Iraq's Hawija")."""
    m = _make_mention(doc, s, e, label, gaz, keep_empty)
    if m is not None and m.hint is None:
        m.hint = _area_before(doc, s)
    if m is not None and inside:
        held = [c for c in m.candidates if c.country == inside]
        if not held and not keep_empty:
            return None
        m.candidates = held
    return m


def _area_before(doc, start_char: int) -> str | None:
    """The area word before a name that makes it the area around a town rather than the
    town ("rural Idlib", "the countryside of Hama", "the province of Aleppo"), as the suffix
    word it would be after the name ("Idlib countryside"), else None."""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    lx = lang.of(doc).places
    prev = doc[span.start - 1].lower_
    if prev in lx.AREA_BEFORE:
        return lx.AREA_BEFORE[prev]
    if prev == lx.OF and span.start > 1 and doc[span.start - 2].lower_ in lx.AREA_OF:
        return doc[span.start - 2].lower_
    return None


def _arabic_name(text: str, lx) -> bool:
    """"Abu Kamal", "al-Hawija", "Tal Abyad": a name whose first word begins Arabic place
    names (the language's ``NAME_PREFIXES``), with more after it."""
    words = fold(text).split()
    return len(words) >= 2 and words[0] in lx.NAME_PREFIXES


def _make_mention(doc, s: int, e: int, label: str | None, gaz: Gazetteer,
                  keep_empty: bool) -> Toponym | None:
    lx = lang.of(doc).places
    text = doc_text(doc)[s:e]
    if not text.strip() or fold(text).removesuffix(lx.POSSESSIVE_FOLDED) in lx.NOT_PLACES:
        return None
    if fold(text) in lx.DIRECTIONS and not keep_empty:
        return None   # "Eastern", "Central", "NE": a direction alone is no place
    known, iso = gaz.demonym(text)
    if label == EMBEDDED:
        cands, hint = _lookup(text, gaz, lx)
        cands = [c for c in cands if _weighty(text, c)]
        return Toponym(text, s, e, "organisation", label, cands, hint=hint) if cands else None
    if label in WEAK_LABELS and not known:
        cands = [c for c in gaz.candidates(text, skeleton=False) if _weighty(text, c)]
        if not cands:
            if _arabic_name(text, lx):
                # "Abu Kamal" (PERSON), "al-Hawija" (ORG): the name as the gazetteer spells
                # it, kept if the article's countries or places support it
                cands = [c for c in gaz.candidates(text, skeleton=False)
                         if c.match == "primary" or " " in name_key(text)]
                if cands:   # not "al-Sadr" (a man), an alternate name of Sadr City
                    return Toponym(text, s, e, _role(doc, s, e), label, cands, needs_support=True)
            return None
        cands, hint = _lookup(text, gaz, lx)
        return Toponym(text, s, e, _role(doc, s, e), label, cands, hint=hint)
    if label in ("NORP", *WEAK_LABELS) or (label is None and known and not text[:1].isdigit()):
        if known:
            m = Toponym(text, s, e, "demonym", label or "NORP", [], country_only=iso)
            if iso:
                c = gaz.country(iso)
                m.candidates = [c] if c else []
            return m if (iso or keep_empty) else None
        if label == "NORP":
            # a NORP entity that is no demonym may still be a place name ("Aleppo")
            cands, hint = _lookup(text, gaz, lx)
            if not any(c.match != "skeleton" and (c.population >= WEAK_MIN_POP
                                                  or c.feature_code in ("PCLI", "ADM1"))
                       for c in cands):
                return None
            return Toponym(text, s, e, _role(doc, s, e), label, cands, hint=hint)
    cands, hint = _lookup(text, gaz, lx)
    if label in (CUE, NAMED) and len(name_key(text).replace(" ", "")) <= 4:
        # a short cued name must be a place's own name, or a curated short name of a
        # country or area ("in the DPRK", "across BC"): other alternates that short are
        # mostly foreign or old spellings of unrelated towns
        cands = [c for c in cands if c.match == "primary"
                 or (c.match == "alternate" and _weighty(text, c))]
    if not cands and not keep_empty and label not in PLACE_LABELS and label != NAMED:
        return None
    m = Toponym(text, s, e, _role(doc, s, e), label or "", cands, hint=hint)
    return m


def is_place_name(text: str, gaz: Gazetteer, lx=None) -> bool:
    """Whether a person or organisation entity's text is more likely a place: a place of
    some size by its own name, a country or a first-level area ("Texas", "al-Bab"), or an
    Arabic place name of two words or more that names a town of some size ("Abu Kamal")."""
    lx = lx or lang.get().places
    if fold(text) in lx.NOT_PLACES or fold(text) in lx.DIRECTIONS:
        return False
    cands = gaz.candidates(text, skeleton=False)
    if any(_weighty(text, c) for c in cands):
        return True
    return (_arabic_name(text, lx) and " " in name_key(text)
            and any(c.population >= WEAK_MIN_POP for c in cands))
