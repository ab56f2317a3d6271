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
    ``ph`` -> ``f``, doubled letters collapsed, a word-final ``-ah``/``-eh`` -> ``-a``
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
    ("aw", "o"), ("ow", "o"), ("dh", "z"), ("ph", "f"), ("q", "k"),
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


# Demonyms and adjectives of nationality -> ISO 3166 alpha-2. Written for warwatch; the
# gazetteer adds the demonyms countryinfo ships for other countries at build time.
DEMONYMS: dict[str, str] = {
    "iraqi": "IQ", "iraqis": "IQ", "syrian": "SY", "syrians": "SY", "turkish": "TR",
    "turk": "TR", "turks": "TR", "turkiye": "TR", "american": "US", "americans": "US",
    "u s": "US", "us": "US", "russian": "RU", "russians": "RU", "iranian": "IR",
    "iranians": "IR", "persian": "IR", "israeli": "IL", "israelis": "IL",
    "lebanese": "LB", "jordanian": "JO", "jordanians": "JO", "saudi": "SA",
    "saudis": "SA", "egyptian": "EG", "egyptians": "EG", "libyan": "LY", "libyans": "LY",
    "yemeni": "YE", "yemenis": "YE", "afghan": "AF", "afghans": "AF", "pakistani": "PK",
    "pakistanis": "PK", "indian": "IN", "indians": "IN", "chinese": "CN",
    "british": "GB", "briton": "GB", "britons": "GB", "english": "GB", "scottish": "GB",
    "welsh": "GB", "french": "FR", "german": "DE", "germans": "DE", "italian": "IT",
    "italians": "IT", "spanish": "ES", "dutch": "NL", "belgian": "BE", "swiss": "CH",
    "austrian": "AT", "swedish": "SE", "norwegian": "NO", "danish": "DK", "finnish": "FI",
    "polish": "PL", "ukrainian": "UA", "ukrainians": "UA", "belarusian": "BY",
    "georgian": "GE", "armenian": "AM", "armenians": "AM", "azerbaijani": "AZ",
    "azeri": "AZ", "greek": "GR", "greeks": "GR", "cypriot": "CY", "qatari": "QA",
    "emirati": "AE", "kuwaiti": "KW", "bahraini": "BH", "omani": "OM", "sudanese": "SD",
    "somali": "SO", "ethiopian": "ET", "eritrean": "ER", "nigerian": "NG",
    "malian": "ML", "tunisian": "TN", "algerian": "DZ", "moroccan": "MA",
    "philippine": "PH", "canadian": "CA", "canadians": "CA", "mexican": "MX", "australian": "AU",
    "japanese": "JP", "korean": "KR", "north korean": "KP", "south korean": "KR",
    "palestinian": "PS", "palestinians": "PS", "irish": "IE", "serbian": "RS",
    "croatian": "HR", "bosnian": "BA", "kosovar": "XK", "albanian": "AL",
    "hungarian": "HU", "czech": "CZ", "slovak": "SK", "romanian": "RO",
    "bulgarian": "BG", "portuguese": "PT", "brazilian": "BR", "argentine": "AR",
    "venezuelan": "VE", "colombian": "CO", "cuban": "CU", "filipino": "PH",
    "indonesian": "ID", "malaysian": "MY", "thai": "TH", "vietnamese": "VN",
    "burmese": "MM", "bangladeshi": "BD", "sri lankan": "LK", "nepalese": "NP",
    "kazakh": "KZ", "uzbek": "UZ", "tajik": "TJ", "turkmen": "TM", "kyrgyz": "KG",
    "chadian": "TD", "nigerien": "NE", "congolese": "CD", "kenyan": "KE",
    "ugandan": "UG", "rwandan": "RW", "south african": "ZA", "new zealander": "NZ",
}

# Demonyms of continents: "@" + GeoNames continent code.
CONTINENT_DEMONYMS: dict[str, str] = {
    "european": "@EU", "europeans": "@EU", "african": "@AF", "africans": "@AF",
    "asian": "@AS", "asians": "@AS", "north american": "@NA", "south american": "@SA",
    "latin american": "@SA", "oceanian": "@OC",
}

# Groups that are not one country: a demonym for them resolves to nothing.
NOT_COUNTRY_DEMONYMS = frozenset(
    "kurdish kurd kurds arab arabs arabic sunni sunnis shia shiite shiites shi ite alawite "
    "middle eastern western eastern northern southern central "
    "alawites druze yazidi yazidis yezidi assyrian assyrians christian christians muslim "
    "muslims jewish jews jew islamic islamist islamists jihadist jihadists turkmens "
    "turkoman turkomen circassian "
    "latino latinos hispanic arabian bedouin pashtun "
    "baloch hazara tamil uighur uyghur catholic protestant orthodox "
    "republican republicans democrat democrats".split())

# Country short names and abbreviations GeoNames' English names lack.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US",
    "united states of america": "US", "the united states": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB",
    "dprk": "KP", "prc": "CN", "ksa": "SA", "rok": "KR",
    "russian federation": "RU", "turkiye": "TR", "holland": "NL", "the netherlands": "NL",
    "ivory coast": "CI", "burma": "MM", "persia": "IR", "uae": "AE",
    "drc": "CD", "dr congo": "CD", "czech republic": "CZ", "czechia": "CZ",
    "south korea": "KR", "north korea": "KP", "vatican": "VA", "syrian arab republic": "SY",
    "palestine": "PS", "palestinian territories": "PS", "kosovo": "XK",
}

# The European Union has no point of its own in the packaged data: it is mapped to Europe.
CONTINENT_ALIASES: dict[str, list[str]] = {
    "EU": ["European Union", "the European Union", "EU", "E.U."],
}

# Newspaper (AP style) abbreviations of US states and Canadian provinces -> admin1 name.
ADMIN1_ABBREVIATIONS: dict[str, dict[str, list[str]]] = {
    "US": {
        "Alabama": ["Ala."], "Arizona": ["Ariz."], "Arkansas": ["Ark."], "California": ["Calif.", "Cal."],
        "Colorado": ["Colo."], "Connecticut": ["Conn."], "Delaware": ["Del."], "Florida": ["Fla."],
        "Georgia": ["Ga."], "Illinois": ["Ill."], "Indiana": ["Ind."], "Kansas": ["Kan.", "Kans."],
        "Kentucky": ["Ky."], "Louisiana": ["La."], "Maryland": ["Md."], "Massachusetts": ["Mass."],
        "Michigan": ["Mich."], "Minnesota": ["Minn."], "Mississippi": ["Miss."], "Missouri": ["Mo."],
        "Montana": ["Mont."], "Nebraska": ["Neb.", "Nebr."], "Nevada": ["Nev."],
        "New Hampshire": ["N.H."], "New Jersey": ["N.J."], "New Mexico": ["N.M.", "N.Mex."],
        "New York": ["N.Y."], "North Carolina": ["N.C."], "North Dakota": ["N.D.", "N.Dak."],
        "Oklahoma": ["Okla."], "Oregon": ["Ore.", "Oreg."], "Pennsylvania": ["Pa.", "Penn."],
        "Rhode Island": ["R.I."], "South Carolina": ["S.C."], "South Dakota": ["S.D.", "S.Dak."],
        "Tennessee": ["Tenn."], "Texas": ["Tex."], "Vermont": ["Vt."], "Virginia": ["Va."],
        "Washington": ["Wash."], "West Virginia": ["W.Va.", "W. Va.", "W.V."],
        "Wisconsin": ["Wis.", "Wisc."], "Wyoming": ["Wyo."],
    },
    "CA": {
        "Alberta": ["Alta."], "British Columbia": ["B.C.", "BC"], "Manitoba": ["Man."],
        "New Brunswick": ["N.B."], "Newfoundland and Labrador": ["Nfld.", "N.L.", "Newfoundland"],
        "Nova Scotia": ["N.S."], "Ontario": ["Ont."], "Prince Edward Island": ["P.E.I."],
        "Quebec": ["Que.", "Qué."], "Saskatchewan": ["Sask."],
    },
}


def demonym_country(text: str) -> str | None:
    """ISO alpha-2 for a nationality adjective ("Iraqi" -> "IQ"), None for groups that are
    not a country ("Kurdish") or unknown words."""
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    if key in NOT_COUNTRY_DEMONYMS:
        return None
    return DEMONYMS.get(key)
