"""Actor cues: the words around names that tell people, roles, affiliations and organisations.

Word forms, compared with the folded lower-case token (``nlp/actors/``: ``fold(tok.text).lower()``).
Read by ``nlp/actors/`` through the document's language (the registry's alias tokenizer and
matcher through the registry's language).
"""

from __future__ import annotations

import re

from .inflect import verb_forms

MILITARY_ROLES = (
    "general", "lieutenant general", "major general", "brigadier general", "brigadier", "colonel",
    "lieutenant colonel", "major", "captain", "lieutenant", "commander", "admiral", "vice admiral",
    "rear admiral", "field marshal", "marshal", "sergeant", "gen", "lt gen", "maj gen", "brig gen",
    "col", "lt col", "capt", "lt", "sgt", "adm", "chief of staff", "chief of general staff",
    "chief of the general staff", "military spokesman", "military commander", "field commander",
    "military official", "defense official", "defence official", "military source", "pilot",
)
CIVIL_ROLES = (
    "president", "vice president", "prime minister", "deputy prime minister", "minister",
    "foreign minister", "defence minister", "defense minister", "interior minister", "eu minister",
    "eu affairs minister", "european union affairs minister", "information minister",
    "justice minister", "finance minister", "energy minister", "health minister", "oil minister",
    "secretary of state", "secretary of defense", "defense secretary", "defence secretary",
    "foreign secretary", "secretary general", "secretary", "undersecretary", "under secretary",
    "deputy", "ambassador", "envoy", "special envoy", "spokesman", "spokeswoman", "spokesperson",
    "official", "senior official", "director", "head", "chief", "leader", "chairman", "chairwoman",
    "chair", "co chair", "cochair", "founder", "mayor", "governor", "deputy governor", "emir", "king",
    "crown prince", "prince", "cleric", "lawmaker", "mp", "senator", "member of parliament",
    "adviser", "advisor", "national security adviser", "analyst", "researcher", "coordinator",
    "representative", "speaker", "activist", "lawyer", "reporter", "correspondent", "editor",
    "commissioner", "high commissioner", "supreme leader", "grand ayatollah", "ayatollah",
    "co-chair", "president-elect", "premier", "chancellor", "foreign policy chief", "press secretary",
    "director general", "executive director", "country director", "head of mission",
)
ROLE_KIND: dict[tuple[str, ...], str] = {}
"""Role phrase, as words ("prime", "minister") -> "civil" or "military" (a military rank's
affiliation is the country's armed forces, a civil role's its government)."""
for _r in CIVIL_ROLES:
    ROLE_KIND[tuple(re.split(r"[\s-]+", _r))] = "civil"
for _r in MILITARY_ROLES:
    ROLE_KIND[tuple(re.split(r"[\s-]+", _r))] = "military"
del _r
ROLE_WORDS = frozenset(w for key in ROLE_KIND for w in key)
MAX_ROLE = max(len(k) for k in ROLE_KIND)
"""The most words in a role phrase."""

DEMONYMS = {
    "turkish": "TR", "turkey": "TR", "syrian": "SY", "syria": "SY", "iraqi": "IQ", "iraq": "IQ",
    "iranian": "IR", "iran": "IR", "russian": "RU", "russia": "RU", "us": "US", "american": "US",
    "united states": "US", "israeli": "IL", "israel": "IL", "lebanese": "LB", "lebanon": "LB",
    "jordanian": "JO", "jordan": "JO", "saudi": "SA", "qatari": "QA", "qatar": "QA", "emirati": "AE",
    "uae": "AE", "egyptian": "EG", "egypt": "EG", "british": "GB", "uk": "GB", "britain": "GB",
    "french": "FR", "france": "FR", "german": "DE", "germany": "DE", "yemeni": "YE", "yemen": "YE",
    "libyan": "LY", "libya": "LY", "afghan": "AF", "afghanistan": "AF", "ukrainian": "UA",
    "ukraine": "UA", "chinese": "CN", "china": "CN", "kuwaiti": "KW", "bahraini": "BH",
    "pakistani": "PK", "pakistan": "PK", "palestinian": "PS", "kurdistan": None,
}
"""Demonyms and country names that give a role its country ("Turkish Prime Minister" ->
TR's government); None: a name that is no state."""

# --- names that are places, not people or organisations ("in Manbij", "the village of X") ---
PLACE_PREPOSITIONS = frozenset({"in", "near", "toward", "towards", "around", "into", "outside", "inside",
                                "across", "at", "via", "through", "between", "from"})
PLACE_NOUNS = frozenset({"village", "villages", "town", "towns", "city", "cities", "province",
                         "district", "countryside", "area", "region", "outskirts", "governorate",
                         "suburb", "neighbourhood", "neighborhood", "camp", "river", "border",
                         "hill", "mountain", "valley", "crossing", "airport", "base", "road"})
"""Before "of" and a name: the name is a place ("the village of Amarneh")."""
ATTACK_NOUNS = frozenset({"strike", "strikes", "attack", "attacks", "raid", "raids", "shelling",
                          "bombing", "assault", "offensive", "advance", "push", "march"})
"""Before "on" and a name: the name is a place ("strikes on Manbij")."""
PLACE_OBJECT_VERBS = frozenset(
    {w for b in "shell bomb bombard strike pound storm besiege overrun retake recapture".split()
     for w in verb_forms(b)} | {"struck", "overran", "retook", "retaken"})
"""Verbs whose object, or passive subject, is a place, not a person ("helicopters bombed Maarat
al-Numan", "Kafr Nabl was shelled"): a name there is a place when the gazetteer knows it."""
OF = "of"
ON = "on"

# --- organisations -----------------------------------------------------------------------
ORG_HEADS = frozenset({"daily", "tribune", "times", "news", "post", "agency", "press", "courier",
                       "monitor", "council", "division", "brigade", "brigades", "army", "forces",
                       "party", "front", "movement", "frontline", "ministry", "committee",
                       "organisation", "organization", "group", "network", "institute", "center",
                       "centre", "office", "bureau", "union", "association", "foundation",
                       "herald", "review", "journal", "gazette", "television", "tv", "radio"})
"""Last words of organisation names: such a name is an organisation even when spaCy says PERSON
or it looks like a place."""
ORG_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "de", "du", "des", "&"})
"""Lower-case words allowed inside an organisation's name."""
DETERMINERS = frozenset({"the", "a", "an"})
"""Dropped from the start of an entity ("the Syrian Observatory")."""
THE = "the"
"""A capitalised word before a short alias makes it part of another name, except this one."""
OPERATION = "operation"
OPERATION_BEFORE = r"\bOperation\s+"
"""A name after this in the text is an operation's ("Operation Euphrates Shield"), not a person's."""

# --- people ------------------------------------------------------------------------------
NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "bint", "abu", "abd",
                            "van", "von", "de", "da", "di", "der", "la", "le"})
"""Lower-case words allowed inside a person's name."""
NAME_ARTICLES = ("al", "el")
"""Arabic articles that join the next word into one name unit ("al-Asadi" = "Al Asadi"); an
alias starting with one also matches without it ("Nusra Front")."""
CORE_PREFIXES = ("al-", "el-", "ad-", "as-", "ash-", "az-")
"""Stripped from a name unit to compare surnames ("al-Asadi" = "Asadi")."""
AFFILIATION_PREPOSITIONS = ("for", "of", "at", "with", "in")
"""After a role noun in apposition, the affiliation ("a spokesman for the PMF")."""
POSSESSIVES = ("'s", "’s")
"""Possessive clitic tokens ("the Observatory's director")."""

# --- the registry matcher -----------------------------------------------------------------
COMMON_WORDS = frozenset({"is", "as", "it", "us", "who", "am", "an", "or", "no", "on", "at", "in",
                          "be", "do", "go", "he", "me", "my", "of", "so", "to", "up", "we", "hit", "sat"})
"""Words an all-capitals alias spells ("IS", "US"): not matched in all-capitals text."""

# --- who takes part (events/roles.py) ------------------------------------------------------
SOURCE_WORDS = frozenset({
    "police", "policeman", "policemen", "official", "officials", "source", "sources", "security",
    "medical", "medic", "medics", "hospital", "doctor", "doctors", "health", "morgue", "witness",
    "witnesses", "resident", "residents", "activist", "activists", "monitor", "monitors",
    "observatory", "watchdog", "tv", "television", "radio", "channel", "website", "site", "agency",
    "news", "newspaper", "paper", "daily", "media", "report", "reports", "statement", "spokesman",
    "spokeswoman", "spokesperson", "ministry", "army", "military", "officer", "officers", "mayor",
    "governor", "tribal", "head", "chief", "leader", "leaders", "commander", "local", "provincial",
    "government", "interior", "defence", "defense", "state", "group", "rescuers", "rescue",
    "workers", "lawmaker", "lawmakers", "council", "says", "say", "said", "claims", "claim",
})
"""Words of a source tag: a headline's or a sentence's last segment after a colon or a dash
("...: police", "... - TV", "... -police, medical sources") or its first segment before a colon
("Officials: ..."), made only of these, function words and names, says who reports, not who acts."""
SOURCE_TAG_FUNCTION_WORDS = frozenset({"the", "a", "an", "and", "of", "s", "its", "their", "&"})
SOURCE_TAG_MAX_WORDS = 6
"""A longer segment is part of the report, not a source tag."""
RECIPROCAL_VERBS = frozenset({
    "clash", "clashed", "clashes", "clashing", "fight", "fought", "fights", "fighting", "battle",
    "battled", "battles", "battling", "skirmish", "skirmished", "exchange", "exchanged",
    "exchanges", "trade", "traded", "engage", "engaged",
})
"""Verbs whose conjoined subjects are the two sides ("Troops and rebels clashed"), where other
verbs' conjoined subjects act together ("Turkish jets and coalition aircraft struck")."""
STATE_FORCE_NOUNS = frozenset({"police", "policemen", "policeman", "soldiers", "soldier", "troops",
                               "army", "military", "gendarmes", "gendarmerie"})
"""Generic words for a state's forces: with no nationality, those of the country the text reports
from (ACLED's convention: unnamed police are the "Police Forces of" the event's country)."""
STATE_FORCE_QUALIFIERS = frozenset({"government", "regime", "security", "loyalist", "state", "army"})
"""Before "forces" or "troops", words that make the phrase the state's forces ("government forces",
"security forces", "regime troops")."""
CLAIM_VERBS = frozenset({"claim", "claims", "claimed", "claiming"})
CLAIMED_ACTS = frozenset({
    "responsibility", "attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion",
    "explosions", "assault", "strike", "strikes", "ambush", "raid", "raids", "shooting", "killing",
    "killings", "kidnapping", "kidnappings", "execution", "executions", "beheading", "operation",
    "operations",
})
""""X claimed the attack", "claimed responsibility for", "an attack claimed by X": the claimant is
the acting side (ACLED's practice), not a source."""
NOT_FORCES_BEFORE = re.compile(
    r"(?:'s|’s|\b(?:of|in|to|into|from|on|over|across|at|near|north|south|east|west|northern|southern|"
    r"eastern|western|central|northeast|northwest|southeast|southwest|[NSEW]|NE|NW|SE|SW))\s*$", re.I)
"""Before a country's name, words that make it a place, not its forces ("in Iraq strikes",
"Russia's Syria strikes", "N Iraq airstrike")."""
HELD_WORDS = frozenset({"held", "controlled", "besieged", "occupied", "run", "ruled", "dominated",
                        "surrounded", "encircled"})
""""rebel-held town", "a town controlled by X": X holds the place the act hits; it is at most the
side acted on, never the acting side."""
