"""Toponym spelling normalisation and demonyms.

The same functions run when the gazetteer is built and when a mention is looked up, so
two spellings match when their keys are equal. Two keys exist:

``name_key(text)``
    Case-folded, accents stripped (with a fold of letters Unicode does not decompose:
    ı ł ø đ ħ ß æ œ þ), apostrophes and ʿ/ʾ removed, hyphens and punctuation to spaces,
    Arabic articles (al, el, ar, as, ad, an, at, az, ash, ed, es, er, ez, et, en, ul, ud,
    un...) dropped when they stand as their own word (``Deir ez-Zor``, ``Al Mayadeen``) or
    are glued with a doubled sun letter onto a word after the first (``Deir Ezzor``), then
    common transliteration equivalences: ``ou``/``oo`` -> ``u``, ``ee`` -> ``i``,
    ``ay``/``ei``/``ey`` -> ``ai``, ``aw``/``ow`` -> ``o``, ``dh`` -> ``z``, ``q`` -> ``k``,
    ``ph`` -> ``f``, ``kh`` -> ``h``, ``gh`` -> ``g`` (Ghouta = Gouta), doubled letters collapsed, a word-final ``-ah``/``-eh`` -> ``-a``
    (Raqqah = Raqqa, Amarneh = Amarna), and a few word equivalences (Tell = Tal,
    Jabal = Jebel, Saint = St, Mount = Mt). Spaces are kept between words.

    ``Deir ez-Zor`` = ``Dayr az Zawr`` = ``Deir Ezzor`` -> ``dair zor``;
    ``Mayadin`` = ``Al Mayadeen`` -> ``maiadin``.

``skeleton_key(key)``
    The consonant skeleton of a name key (vowels, spaces and ``h``/``w``/``y`` dropped):
    ``Jarabulus`` = ``Jarablus`` = ``Jerablus`` -> ``jrbls``. Many places share a
    skeleton, so it is only a fallback with a lower match quality, used for keys of at
    least four consonants.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import lang

__all__ = ["name_key", "skeleton_key", "fold", "demonym_country", "NOT_COUNTRY_DEMONYMS",
           "DEMONYMS", "CONTINENT_DEMONYMS", "COUNTRY_ALIASES", "CONTINENT_ALIASES"]

_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ŀ": "l",
})
_DROP = re.compile(r"[\u0027\u2018\u2019\u201b\u02bb\u02bc\u02bd\u02be\u02bf\u02b9\u00b4\u0060\u2032\u02c8\u055a\u05f3]")
_NONWORD = re.compile(r"[^a-z0-9]+")
ARTICLES = frozenset(
    "al el il ul ar er as es ad ed ud az ez an en un at et ash esh ath adh ith".split())
_GLUED = re.compile(r"^[ae][lrsdznt]")
_RULES = (
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ay", "ai"), ("ei", "ai"), ("ey", "ai"),
    ("aw", "o"), ("ow", "o"), ("dh", "z"), ("ph", "f"), ("q", "k"), ("kh", "h"), ("gh", "g"),
)
_WORDS = {"tel": "tal", "tall": "tal", "jabal": "jebel", "jabel": "jebel", "jbel": "jebel",
          "mount": "mt", "saint": "st", "sainte": "ste", "fort": "ft"}
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"[aeiouhwy ]+")


def fold(text: str) -> str:
    """Case-folded, accent-free ASCII-ish form with punctuation as single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROP.sub("", text.casefold().translate(_FOLD))
    return _NONWORD.sub(" ", text).strip()


def _strip_glued_article(word: str) -> str:
    # "ezzor" -> "zor", "arraqqa" -> "raqqa": an article glued on with the assimilated
    # letter doubled; only for words after the first, so "Essen" or "Annaba" stay whole.
    if _GLUED.match(word) and len(word) >= 5 and word[2] == word[1]:
        return word[2:]
    return word


_GLUED_AL = re.compile(r"(?<=[\s-])([Aa]l|[Ee]l)(?=[^\W\daeiouAEIOU_][^\W\d_]{2,})")


def unglue(text: str) -> str:
    """``text`` with an article written onto a later word split off ("Abu Alduhur" -> "Abu
    Al Duhur", "Deir Elbalah"), for a second look-up when the name as written finds nothing.
    Not in :func:`name_key`: "Alwand" or "Elmira" are names of their own, so a gazetteer key
    must keep them whole."""
    return _GLUED_AL.sub(r"\1 ", text)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The normalised lookup key of a place name (see module doc); ``""`` if nothing is left."""
    words = fold(text).split()
    if not words:
        return ""
    kept = []
    for i, word in enumerate(words):
        if word in ARTICLES and len(words) > 1:
            continue
        if i > 0:
            word = _strip_glued_article(word)
        kept.append(word)
    if not kept:
        kept = words
    out = []
    for word in kept:
        for old, new in _RULES:
            word = word.replace(old, new)
        word = _DOUBLE.sub(r"\1", word)
        if len(word) > 3 and word[-1] == "h" and word[-2] in "ae":
            word = word[:-2] + "a"  # Raqqah = Raqqa, Amarneh = Amarna
        out.append(_WORDS.get(word, word))
    return " ".join(out)


def skeleton_key(key: str) -> str:
    """Consonant skeleton of a :func:`name_key` (first letter kept even if a vowel)."""
    if not key:
        return ""
    return key[0] + _VOWELS.sub("", key[1:])


# The language data the gazetteer is built with (``lang/en/countries.py``): demonyms, country
# and continent short names, state abbreviations. Kept importable from here for the build.
_COUNTRIES = lang.get().countries
DEMONYMS: dict[str, str] = _COUNTRIES.DEMONYMS
CONTINENT_DEMONYMS: dict[str, str] = _COUNTRIES.CONTINENT_DEMONYMS
NOT_COUNTRY_DEMONYMS: frozenset[str] = _COUNTRIES.NOT_COUNTRY_DEMONYMS
COUNTRY_ALIASES: dict[str, str] = _COUNTRIES.COUNTRY_ALIASES
CONTINENT_ALIASES: dict[str, list[str]] = _COUNTRIES.CONTINENT_ALIASES
ADMIN1_ABBREVIATIONS: dict[str, dict[str, list[str]]] = _COUNTRIES.ADMIN1_ABBREVIATIONS


def demonym_country(text: str, language: str | None = None) -> str | None:
    """ISO alpha-2 for a nationality adjective ("Iraqi" -> "IQ"), None for groups that are
    not a country ("Kurdish") or unknown words (``language``: a code, default English)."""
    names = lang.get(language).countries
    key = fold(text)
    if key.startswith(names.ARTICLE):
        key = key[len(names.ARTICLE):]
    if key in names.NOT_COUNTRY_DEMONYMS:
        return None
    return names.DEMONYMS.get(key)
