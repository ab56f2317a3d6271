"""Places in an article: toponym mentions found, resolved to gazetteer entries with context.

``resolve_places(doc)`` takes the spaCy ``Doc`` of an article (from ``load_nlp()``) and
returns one :class:`Place` per distinct place, with every mention of it. Mentions are
spaCy's GPE, LOC and FAC entities, NORP entities that are nationality adjectives
(demonyms, resolved to their country), and supplement names (border crossings, rivers...)
spaCy did not tag. ``resolve_spans(doc, spans)`` resolves given spans with the same logic
(the benchmark's gold-span mode).

Resolution (see docs/places.md):

1. every mention gets its candidates from the gazetteer (normalised name; then without a
   suffix such as "province"/"city" or a direction word such as "northern"; then the
   consonant skeleton);
2. a first pass picks each mention's best candidate on priors alone (population, feature
   type, match quality; a country name goes to the country) and counts the article's
   countries: country names and demonyms, and confident picks;
3. a second pass scores every candidate with the context of the *other* mentions: the
   share of the article's country weight its country holds, its distance to the other
   mentions' first-pass places, "Town, State" pairs, and the priors. The best candidate is
   kept unless it is implausible: a small place in a country the article does not mention,
   hundreds of kilometres from every other place, stays unresolved (``lat``/``lon`` null).

Roles: ``demonym`` (a nationality adjective), ``actor`` (metonymy: the place is the subject
of a speech or decision verb, "Damascus condemned", "Ankara rejected"), else ``location``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from .. import lang
from .model import doc_text
from .gazetteer import SUPPLEMENT, SUPPLEMENT_SOURCE, Candidate, Gazetteer, haversine_km, strip_suffix
from .normalize import fold, name_key

__all__ = ["Place", "PlaceMention", "resolve_places", "resolve_spans"]

PLACE_LABELS = ("GPE", "LOC", "FAC")
# spaCy's small model often tags a bare place name as ORG or PERSON ("Texas", "Gainesville"):
# such an entity is kept when its whole text is a known place of some weight.
WEAK_LABELS = ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT")
# A proper noun right after a locative word ("near Manbij", "the town of Palmyra"; the
# language's ``LOCATIVE_WORDS``) is taken as a place mention when the gazetteer knows it,
# whatever spaCy labelled it, if anything: the small model tags such names PERSON or
# PRODUCT, or misses them.
CUE = "CUE"
EMBEDDED = "EMBEDDED"   # a place named inside an organisation's name
WEAK_MIN_POP = 20_000
# weights of the scoring (see docs/places.md)
W_POP = 1.0          # log10(population) / 7
W_COUNTRY = 0.9      # share of the article's country weight
W_NEAR = 0.6         # closeness to the other mentions' places, exp(-d / 400 km)
W_LOCAL = 0.4        # extra for lying within a few tens of km of another place, exp(-d / 50 km)
W_NEIGHBOUR = 0.2     # share of the article's country weight held by bordering countries
W_PAIR = 0.8         # "Town, State" / "Town, Country"
FEATURE_PRIOR = {"PCLI": 0.55, "CONT": 0.5, "ADM1": -0.2, "ADM2": -0.3, "PPLC": 0.2,
                 # oceans, seas, gulfs and named regions have no population, and are as
                 # well known as a continent (an ocean) or a large country (the rest):
                 # "the Atlantic", "the Middle East" are not the small towns of that name
                 "OCN": 1.5, "SEA": 1.0, "GULF": 1.0, "RGN": 1.0}
MATCH_PRIOR = {"primary": 0.15, "alternate": 0.0, "skeleton": -0.35, "stripped": -0.05}
FAR_KM = 400.0       # farther than this from every other place, and ...
SMALL_POP = 100_000  # ... smaller than this, in a country the article does not name: unresolved
AREA_KM = 100.0      # distance counted from a first-level area to a place inside it


@dataclass(slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    role: str = "location"

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "role": self.role}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlaceMention:
        return cls(data.get("text", ""), data["start"], data["end"], data.get("role") or "location")


@dataclass(slots=True)
class Place:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: str | None
    mentions: list[PlaceMention] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.lat is not None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "lat": self.lat,
                "lon": self.lon, "geonames_id": self.geonames_id, "feature": self.feature,
                "mentions": [m.to_json() for m in self.mentions]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Place:
        """A place from its stored JSON (the store's edge)."""
        return cls(data["id"], data.get("name") or data["id"], data.get("country"), data.get("lat"),
                   data.get("lon"), data.get("geonames_id"), data.get("feature"),
                   [PlaceMention.from_json(m) for m in data.get("mentions") or ()])


@dataclass(slots=True)
class _Mention:
    text: str
    start: int  # in doc_text(doc)
    end: int
    role: str
    label: str
    candidates: list[Candidate]
    country_only: str | None = None   # demonym -> ISO
    hint: str | None = None           # suffix word ("province", "city") or "direction"
    first: Candidate | None = None
    confident: bool = False
    choice: Candidate | None = None
    pair: "_Mention | None" = None


# -- public entry points -------------------------------------------------------------------

def resolve_places(doc, *, text_offset: int = 0, exclude: Iterable[tuple[int, int]] = (),
                   hints: Mapping[str, Any] | None = None,
                   gazetteer: Gazetteer | None = None) -> list[Place]:
    """Places of ``doc`` (a spaCy Doc of the article text), mentions in order.

    ``text_offset`` is added to every offset (when ``doc`` is a slice of a longer text);
    ``exclude`` are ``(start, end)`` character spans (in ``doc.text``) claimed by actors,
    which produce no place; ``hints`` may give ``{"countries": ["SY", ...]}`` known from
    outside the text (a site's country, a dateline).
    """
    gaz = gazetteer or Gazetteer.open()
    spans = _find_mentions(doc, list(exclude), gaz)
    mentions = [_make_mention(doc, s, e, label, gaz) for s, e, label in spans]
    return _finish(doc, [m for m in mentions if m is not None], gaz, hints, text_offset)


def resolve_spans(doc, spans: Sequence[tuple[int, int]], *, text_offset: int = 0,
                  hints: Mapping[str, Any] | None = None,
                  gazetteer: Gazetteer | None = None) -> list[Place]:
    """Resolve given toponym spans (character offsets into ``doc.text``) with the same
    context logic as :func:`resolve_places`. Every span appears in exactly one Place."""
    gaz = gazetteer or Gazetteer.open()
    mentions = []
    for s, e in sorted(set(spans)):
        m = _make_mention(doc, s, e, None, gaz, keep_empty=True)
        if m is not None:
            mentions.append(m)
    return _finish(doc, mentions, gaz, hints, text_offset)


# -- mention finding -----------------------------------------------------------------------

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


def _find_mentions(doc, exclude, gaz) -> list[tuple[int, int, str]]:
    lx = lang.of(doc).places
    text = doc_text(doc)
    found: list[tuple[int, int, str]] = []
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
        found.append((s, e, ent.label_))
    for i, ent in enumerate(found):
        if ent[2] in WEAK_LABELS and _locative_cue(doc, ent[0]):
            found[i] = (ent[0], ent[1], CUE)
    for s, e, label in list(found):
        if label == "ORG":
            found.extend(_embedded(doc, s, e, gaz))
    taken = [(s, e) for s, e, _ in found] + list(exclude)
    for s, e in _cued_names(doc):
        if not _overlaps(s, e, taken):
            found.append((s, e, CUE))
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
    out: list[tuple[int, int, str]] = []
    for s, e, lab in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, lab))
    return out


def _locative_cue(doc, start_char: int) -> bool:
    """Is the text at ``start_char`` preceded by "in", "near", "from"... or "the town of"?"""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    lx = lang.of(doc).places
    prev = doc[span.start - 1]
    word = prev.lower_
    if word == lx.THE and span.start >= 2:
        prev = doc[span.start - 2]
        word = prev.lower_
    if word in lx.LOCATIVE_WORDS:
        return not (prev.i > 0 and doc[prev.i - 1].lower_ in lx.NOT_AFTER)
    return (word == lx.OF and prev.i > 0 and doc[prev.i - 1].lower_ in lx.PLACE_NOUNS)


_NO_PLACE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                            "QUANTITY", "NORP", "LANGUAGE"})


def _cued_names(doc) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns ("Manbij", "Jeb al-Kussa") after a locative cue that
    no entity of spaCy's covers."""
    articles = lang.of(doc).places.NAME_ARTICLES
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in _NO_PLACE_ENTS
                and not tok.ent_type_ in PLACE_LABELS and _locative_cue(doc, tok.idx)):
            j = i + 1
            while j < n and (doc[j].pos_ == "PROPN" or doc[j].text == "-" or
                             (doc[j].lower_ in articles
                              and j + 1 < n and doc[j + 1].pos_ == "PROPN")):
                j += 1
            while j > i + 1 and doc[j - 1].text == "-":
                j -= 1
            out.append((tok.idx, doc[j - 1].idx + len(doc[j - 1].text)))
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
    cands = gaz.candidates(base)
    if cands:
        return cands, suffix
    return [], suffix


def _make_mention(doc, s: int, e: int, label: str | None, gaz: Gazetteer,
                  keep_empty: bool = False) -> _Mention | None:
    lx = lang.of(doc).places
    text = doc_text(doc)[s:e]
    if not text.strip() or fold(text).removesuffix(lx.POSSESSIVE_FOLDED) in lx.NOT_PLACES:
        return None
    known, iso = gaz.demonym(text)
    if label == EMBEDDED:
        cands, hint = _lookup(text, gaz, lx)
        cands = [c for c in cands if _weighty(text, c)]
        return _Mention(text, s, e, "organisation", label, cands, hint=hint) if cands else None
    if label in WEAK_LABELS and not known:
        cands = [c for c in gaz.candidates(text, skeleton=False) if _weighty(text, c)]
        if not cands:
            return None
        cands, hint = _lookup(text, gaz, lx)
        return _Mention(text, s, e, _role(doc, s, e), label, cands, hint=hint)
    if label in ("NORP", *WEAK_LABELS) or (label is None and known and not text[:1].isdigit()):
        if known:
            m = _Mention(text, s, e, "demonym", label or "NORP", [], country_only=iso)
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
            return _Mention(text, s, e, _role(doc, s, e), label, cands, hint=hint)
    cands, hint = _lookup(text, gaz, lx)
    if label == CUE and len(name_key(text).replace(" ", "")) <= 4:
        # a short cued name must be a place's own name, or a curated short name of a
        # country or area ("in the DPRK", "across BC"): other alternates that short are
        # mostly foreign or old spellings of unrelated towns
        cands = [c for c in cands if c.match == "primary"
                 or (c.match == "alternate" and _weighty(text, c))]
    if not cands and not keep_empty and label not in PLACE_LABELS:
        return None
    m = _Mention(text, s, e, _role(doc, s, e), label or "", cands, hint=hint)
    return m


# -- resolution ----------------------------------------------------------------------------

def _prior(m: _Mention, c: Candidate, lx) -> float:
    score = W_POP * min(math.log10(c.population + 1) / 7.0, 1.25)
    code = c.feature_code
    if code in FEATURE_PRIOR:
        score += FEATURE_PRIOR[code]
    elif c.feature_class not in ("P", "A"):
        score += 0.25 if c.source.startswith("warwatch") else 0.0
    match = c.match
    if m.hint and m.hint != "direction":
        match = "stripped"
        if m.hint in lx.AREA_SUFFIXES:
            score += 0.5 if c.feature_class == "A" and code != "PCLI" else -0.2
        elif m.hint in lx.SETTLEMENT_SUFFIXES:
            score += 0.4 if c.feature_class == "P" else -0.3
    score += MATCH_PRIOR.get(match, 0.0)
    if fold(c.name) == fold(m.text):
        score += 0.05
    return score


def _finish(doc, mentions: list[_Mention], gaz: Gazetteer, hints, text_offset: int) -> list[Place]:
    lx = lang.of(doc).places
    _link_pairs(doc_text(doc), mentions)
    # pass 1: priors only
    country_weight: dict[str, float] = defaultdict(float)
    for c in (hints or {}).get("countries", []) or []:
        country_weight[str(c).upper()] += 2.0
    contrib: list[tuple[str | None, float]] = []
    for m in mentions:
        if not m.candidates:
            contrib.append((None, 0.0))
            continue
        ranked = sorted(m.candidates, key=lambda c: _prior(m, c, lx), reverse=True)
        m.first = ranked[0]
        if m.country_only or m.first.feature_code == "PCLI":
            m.confident, w = True, 1.0
        else:
            countries = {c.country for c in m.candidates}
            margin = _prior(m, ranked[0], lx) - (_prior(m, ranked[1], lx) if len(ranked) > 1 else 0.0)
            m.confident = len(countries) == 1 or margin > 0.35
            w = 1.0 if m.confident else 0.3
        if m.label == EMBEDDED:
            w = 0.0   # an organisation's name ("the Badr Organization") says not where the story is set
        country = m.first.country
        if country:
            country_weight[country] += w
        contrib.append((country, w))

    # distinct anchor places and the mention texts that name them: a long article names the
    # same few places hundreds of times, and distance support only needs each place once
    anchor_texts: dict[str, set[str]] = defaultdict(set)
    anchor_place: dict[str, Candidate] = {}
    for m in mentions:
        if m.first is not None and m.first.feature_code not in ("PCLI", "CONT"):
            anchor_texts[m.first.id].add(name_key(m.text))   # "BAGHDAD" = "Baghdad"
            anchor_place[m.first.id] = m.first
    for i, m in enumerate(mentions):
        if not m.candidates:
            continue
        own_country, own_w = contrib[i]
        weights = dict(country_weight)
        if own_country:
            weights[own_country] = weights.get(own_country, 0.0) - own_w
        total = sum(v for v in weights.values() if v > 0)
        others = [anchor_place[pid] for pid, texts in anchor_texts.items()
                  if texts - {name_key(m.text)}]
        best, best_score = None, -1e9
        for c in m.candidates:
            score = _prior(m, c, lx)
            share = (max(weights.get(c.country or "", 0.0), 0.0) / total) if total else 0.0
            nshare = (sum(max(weights.get(n, 0.0), 0.0) for n in gaz.neighbours(c.country))
                      / total) if total and c.country else 0.0
            score += W_COUNTRY * share + W_NEIGHBOUR * nshare
            near = None
            support = [a for a in others if a.id != c.id]  # a place cannot support itself
            if support and c.feature_code not in ("PCLI", "CONT"):
                near = min(_distance_km(c, a) for a in support)
                score += W_NEAR * math.exp(-near / 400.0) + W_LOCAL * math.exp(-near / 50.0)
            if m.pair is not None and m.pair.first is not None:
                p = m.pair.first
                if p.country == c.country:
                    score += W_PAIR * 0.5
                    if p.feature_code == "ADM1" and c.admin1 and fold(c.admin1) == fold(p.name):
                        score += W_PAIR
            if _implausible(c, m, share, nshare, near, total):
                continue
            if score > best_score:
                best, best_score = c, score
        m.choice = best
    return _group(mentions, text_offset)


def _within(place: Candidate, area: Candidate) -> bool:
    """``place`` lies in the first-level area ``area`` (same country, same admin1 name)."""
    return (area.feature_code == "ADM1" and place.country == area.country
            and place.admin1 is not None and place.feature_code != "ADM1"
            and fold(place.admin1) == fold(area.name))


def _distance_km(c: Candidate, anchor: Candidate) -> float:
    """Distance from a candidate to another mention's place; 0 when the candidate, by its
    own name, lies in that place's first-level area ("Richmond" in an article that names
    "Virginia"), since an area's point says nothing of its extent."""
    if c.match == "primary" and _within(c, anchor):
        return 0.0
    if _within(anchor, c):
        # an area holding another mention's place: as if it were near, not on top of it
        return min(AREA_KM, haversine_km(c.lat, c.lon, anchor.lat, anchor.lon))
    return haversine_km(c.lat, c.lon, anchor.lat, anchor.lon)


def _implausible(c: Candidate, m: _Mention, share: float, nshare: float, near: float | None,
                 total: float) -> bool:
    """A small place in a country the article does not name, far from all its other
    places: more likely a namesake of something the gazetteer lacks."""
    if c.feature_code in ("PCLI", "CONT") or m.country_only:
        return False
    if c.source == SUPPLEMENT_SOURCE and c.match != "skeleton" and len(m.candidates) == 1:
        return False   # a place the war made known, named as we wrote it, with no namesake
    if c.match == "skeleton" and share <= 0 and nshare <= 0 and (near is None or near > 300):
        return True  # a loose spelling match needs support from the context
    if total <= 0 or share > 0:
        return False
    if c.population >= SMALL_POP:
        return False
    return near is None or near > FAR_KM


def _link_pairs(text: str, mentions: list[_Mention]) -> None:
    for a, b in zip(mentions, mentions[1:]):
        between = text[a.end:b.start]
        if between.strip() in (",",) and len(between) <= 3:
            a.pair = b


def _group(mentions: list[_Mention], offset: int) -> list[Place]:
    places: dict[str, Place] = {}
    for m in mentions:
        pm = PlaceMention(m.text, m.start + offset, m.end + offset, m.role)
        c = m.choice
        if c is None and m.label in (CUE, EMBEDDED):
            continue  # a name found only by its cue ("in God", "to Reuters") or inside an
            # organisation's name that resolves nowhere
        if c is None:
            key = name_key(m.text) or fold(m.text)
            pid = "unresolved:" + key.replace(" ", "-")
            place = places.get(pid)
            if place is None:
                country = m.country_only if m.country_only and not m.country_only.startswith("@") else None
                place = places[pid] = Place(pid, m.text, country, None, None, None, None)
        else:
            place = places.get(c.id)
            if place is None:
                place = places[c.id] = Place(c.id, c.name, c.country, c.lat, c.lon,
                                             c.geonames_id, f"{c.feature_class}.{c.feature_code}")
        place.mentions.append(pm)
    return list(places.values())
