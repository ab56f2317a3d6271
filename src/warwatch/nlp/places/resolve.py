"""Choosing each mention's place: priors, the article's countries, distances between places.

A first pass picks each mention's best candidate on priors alone and counts the article's
countries; a second scores every candidate with the context of the other mentions, and
leaves implausible ones unresolved (see the package doc and docs/places.md).
"""

from __future__ import annotations

import math
from collections import defaultdict

from ... import lang
from ..gazetteer import SUPPLEMENT_SOURCE, Candidate, Gazetteer, haversine_km
from ..model import doc_text
from ..normalize import fold, name_key
from .mentions import CUE, EMBEDDED, Toponym
from .records import Place, PlaceMention

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
ACTOR_COUNTRY_W = 0.5  # country weight of each distinct country of the article's actors
PART_KM = 60.0       # a district or suburb lies within this of the town it is part of
DOMINANT_SHARE = 0.5  # a country with this share of the article's country weight ...
DOMINANT_MIN = 2.0    # ... (of at least this much) is the article's own country
MINOR_SHARE = 0.2     # a country with less is one the article barely names


def _prior(m: Toponym, c: Candidate, lx) -> float:
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


def finish(doc, mentions: list[Toponym], gaz: Gazetteer, hints, text_offset: int) -> list[Place]:
    lx = lang.of(doc).places
    _link_pairs(doc_text(doc), mentions, lx)
    # pass 1: priors only
    country_weight: dict[str, float] = defaultdict(float)
    for c in (hints or {}).get("countries", []) or []:
        country_weight[str(c).upper()] += 2.0
    # the actors' countries weigh in the scores only: a country that is only an actor's
    # ("Turkish warplanes") is no country the article names, for the implausibility rule
    actor_weight: dict[str, float] = defaultdict(float)
    for c in (hints or {}).get("actor_countries", []) or []:
        actor_weight[str(c).upper()] += ACTOR_COUNTRY_W
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
        if m.label == EMBEDDED or m.needs_support:
            w = 0.0   # an organisation's name ("the Badr Organization") says not where the story is set
        country = m.first.country
        if country:
            country_weight[country] += w
        contrib.append((country, w))

    # the article's own country: one that holds most of its country weight ("the article
    # is about Syria"); small namesakes far away in other countries are then implausible
    all_w = sum(v for v in country_weight.values() if v > 0)
    top = max(country_weight.items(), key=lambda kv: kv[1], default=(None, 0.0))
    dominant = top[0] if all_w >= DOMINANT_MIN and top[1] > DOMINANT_SHARE * all_w else None

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
        named_total = sum(v for v in weights.values() if v > 0)
        for iso, w in actor_weight.items():
            weights[iso] = weights.get(iso, 0.0) + w
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
            if _implausible(c, m, share, nshare, near, named_total, dominant) or _outside(c, m.container):
                continue
            if score > best_score:
                best, best_score = c, score
        m.choice = best
    return _group(mentions, text_offset, cased=lx.CASED)


def _outside(c: Candidate, container: Toponym | None) -> bool:
    """Whether ``c`` cannot be part of the place its mention is said to be part of ("the
    Adhamiya district of Baghdad": not Iran's namesake): outside its country, or, for a
    town, farther than ``PART_KM`` from it."""
    held = container.first if container is not None else None
    if held is None or c.feature_code in ("PCLI", "CONT"):
        return False
    if held.country and c.country != held.country:
        return True
    return held.feature_class == "P" and haversine_km(c.lat, c.lon, held.lat, held.lon) > PART_KM


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


def _implausible(c: Candidate, m: Toponym, share: float, nshare: float, near: float | None,
                 total: float, dominant: str | None = None) -> bool:
    """A small place in a country the article does not name, far from all its other
    places: more likely a namesake of something the gazetteer lacks. When the article is
    about one country, a small place far from its other places in a country it barely
    names is one too ("Fuaa" is a Syrian village the gazetteer lacks, not Egypt's Fuwwah)."""
    if c.feature_code in ("PCLI", "CONT") or m.country_only:
        return False
    if c.source == SUPPLEMENT_SOURCE and c.match != "skeleton" and len(m.candidates) == 1:
        return False   # a place the war made known, named as we wrote it, with no namesake
    far = near is None or near > FAR_KM
    if m.needs_support and share <= 0 and far:
        return True
    if (dominant and c.country != dominant and share < MINOR_SHARE and c.population < SMALL_POP
            and c.feature_code not in ("ADM1", "PPLC") and (far or c.match != "primary")):
        return True   # near the article's places, a namesake must at least bear the name
    if c.match == "skeleton" and share <= 0 and nshare <= 0 and (near is None or near > 300):
        return True  # a loose spelling match needs support from the context
    if total <= 0 or share > 0:
        return False
    if c.population >= SMALL_POP:
        return False
    return near is None or near > FAR_KM


def _link_pairs(text: str, mentions: list[Toponym], lx) -> None:
    for a, b in zip(mentions, mentions[1:]):
        between = text[a.end:b.start]
        if between.strip() in (",",) and len(between) <= 3:
            a.pair = b
        elif len(between) <= 40 and lx.PART_OF.match(between) and (
                a.hint in lx.PART_NOUNS or any(w in between.lower() for w in lx.PART_NOUNS)):
            a.container = b


def _group(mentions: list[Toponym], offset: int, *, cased: bool = True) -> list[Place]:
    """Places of the mentions; ``cased``: the language writes names with a capital letter."""
    places: dict[str, Place] = {}
    for m in mentions:
        pm = PlaceMention(m.text, m.start + offset, m.end + offset, m.role)
        c = m.choice
        if c is None and m.label in (CUE, EMBEDDED):
            continue  # a name found only by its cue ("in God", "to Reuters") or inside an
            # organisation's name that resolves nowhere
        if c is None and cased and m.label and not any(ch.isupper() for ch in m.text):
            continue  # "left the leader in coma": a word the model took for a name, and no
            # gazetteer entry says otherwise (given spans, label "", are kept)
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
