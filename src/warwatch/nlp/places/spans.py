"""Cutting an entity span the gazetteer does not know into the place names it holds.

spaCy's entity spans often hold more than a place, or two places: "Syria's Idlib province"
(and, in feeds that lost their apostrophes, "Syrias Hasakeh"), "Syrian Idlib province",
"Manbij Syria", "Homs Idlib", or a headline's title-case words run on ("Hama Killing",
"Eastern Ghouta Monitor"), and "Aleppos" is "Aleppo's" without its apostrophe. When the
whole span finds nothing in the gazetteer, :func:`pieces` returns the place names inside
it: a leading or trailing country (a possessive or a demonym: "Syria's X" is X *in Syria*,
so X's candidates are kept to that country) and, for spans spaCy labelled a place, the
longest known leading name and what follows it.
"""

from __future__ import annotations

import re

from ..gazetteer import Candidate, Gazetteer, strip_suffix
from ..normalize import fold

_WORD = re.compile(r"[^\s,;/]+")


def known(text: str, gaz: Gazetteer, lx) -> list[Candidate]:
    """Candidates for a name by its spelling (no consonant-skeleton match), also without a
    kind word ("Idlib province") or a direction word ("northern Aleppo"); a bare direction
    word is no name."""
    words = text.split()
    if not words or (len(words) == 1 and fold(text) in lx.DIRECTIONS):
        return []
    cands = gaz.candidates(text, skeleton=False)
    if cands:
        return cands
    base, suffix = strip_suffix(text)
    if suffix and base.strip():
        cands = gaz.candidates(base, skeleton=False)
        if cands:
            return cands
    if len(words) > 1 and fold(words[0]) in lx.DIRECTIONS:
        return gaz.candidates(" ".join(words[1:]), skeleton=False)
    return []


def country_word(word: str, gaz: Gazetteer, lx) -> tuple[str | None, int]:
    """``(iso, length)`` when ``word`` names a country, as a name ("Syria"), a possessive
    ("Syria's", "Syrias") or a demonym ("Syrian"); ``length`` is the country name's length
    without the possessive ending. ``(None, 0)`` otherwise."""
    for ending in (*lx.POSSESSIVE_S, "s", ""):
        if ending and not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if len(stem) < 4:
            continue
        country = next((c for c in gaz.candidates(stem, skeleton=False)
                        if c.feature_code == "PCLI" and c.match != "skeleton"), None)
        if country is not None:
            return country.country, len(stem)
    if word[:1].isupper():
        known_demonym, iso = gaz.demonym(word)
        if known_demonym and iso and not iso.startswith("@"):
            return iso, len(word)
    return None, 0


def pieces(text: str, s: int, e: int, label: str, gaz: Gazetteer, lx,
           place_label: bool) -> list[tuple[int, int, str, str | None]]:
    """The mentions inside the entity ``text[s:e]``: ``(start, end, label, inside)`` where
    ``inside`` is the ISO code of the country the name was given in ("Iraq's Hawija"), or
    None. The span itself when the gazetteer knows it or nothing better is found."""
    whole = [(s, e, label, None)]
    name = text[s:e]
    if known(name, gaz, lx) or gaz.candidates(name):   # by spelling, or by its consonants
        return whole
    stem = name[:-1]
    if name.endswith("s") and len(stem) >= 4 and known(stem, gaz, lx):
        return [(s, e - 1, label, None)]     # "Aleppos": "Aleppo's" without its apostrophe
    words = [(s + m.start(), s + m.end()) for m in _WORD.finditer(name)]
    if len(words) < 2:
        return whole
    # "Syria's Idlib province", "Syrias Hasakeh", "Syrian Idlib": X in that country
    iso, n = country_word(text[words[0][0]:words[0][1]], gaz, lx)
    if iso:
        rs = words[1][0]
        rest = text[rs:e]
        if any(c.country == iso for c in known(rest, gaz, lx)):
            demonym = gaz.demonym(text[words[0][0]:words[0][1]])[0]
            head = (words[0][0], words[0][0] + n, "NORP" if demonym else label, None)
            return [head, (rs, e, label, iso)]
    # "Manbij Syria": X in that country
    iso, n = country_word(text[words[-1][0]:words[-1][1]], gaz, lx)
    if iso:
        rest = text[s:words[-2][1]]
        if any(c.country == iso for c in known(rest, gaz, lx)):
            return [(s, words[-2][1], label, iso), (words[-1][0], words[-1][0] + n, label, None)]
    if not place_label:
        return whole
    # "Hama Killing", "Homs Idlib": the longest known leading name, then the rest
    for k in range(len(words) - 1, 0, -1):
        head = text[s:words[k - 1][1]]
        if k == 1 and fold(head) in lx.NAME_PREFIXES:
            continue   # "Deir Sunbul", "Tal Mardikh": the first word of a name is no town alone
        if head[:1].isupper() and any(_own_name(c) for c in known(head, gaz, lx)):
            out = [(s, words[k - 1][1], label, None)]
            rest = pieces(text, words[k][0], e, label, gaz, lx, place_label)
            # what follows must be a name too: "Hama central province" is Hama's description
            return out + [p for p in rest if text[p[0]:p[0] + 1].isupper() and known(text[p[0]:p[1]], gaz, lx)]
    return whole


def _own_name(c: Candidate) -> bool:
    """A name that may stand for a place when cut from a longer span: a place's own name,
    or an alternate name of a country, an area or a town of some size ("al-Sheikh" in
    "al-Sheikh Maqsoud" is not an Iranian village's other name)."""
    return c.match == "primary" or c.feature_code in ("PCLI", "ADM1", "CONT") or c.population >= 20_000
