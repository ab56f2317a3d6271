"""Place cues: the words around toponyms that find them, trim them and tell their role.

Word forms, compared with spaCy's lower-case token (``tok.lower_``) unless said otherwise.
Read by ``nlp/places/`` through the document's language. The names of countries and
nationalities are in ``countries.py``.
"""

from __future__ import annotations

import re

from .inflect import verb_forms

# --- finding mentions ----------------------------------------------------------------------
# A proper noun right after a locative word ("near Manbij", "the town of Palmyra") is taken
# as a place mention when the gazetteer knows it, whatever spaCy labelled it, if anything:
# the small model tags such names PERSON or PRODUCT, or misses them.
LOCATIVE_WORDS = frozenset("in near at outside around into towards toward from to via "
                           "across inside".split())
PLACE_NOUNS = frozenset("town city village district province governorate region area "
                        "suburb neighbourhood neighborhood camp outskirts countryside".split())
"""Before "of" and a name: the name is a place ("the town of Palmyra")."""
PART_NOUNS = ("district", "neighbourhood", "neighborhood", "quarter", "suburb")
PART_OF = re.compile(r"^(?:\s+(?:district|neighbou?rhood|quarter|suburb)s?)?\s+(?:of|in)\s+(?:the\s+)?$",
                     re.IGNORECASE)
"""Between a part of a town and the town ("the Adhamiya district of Baghdad", "Jobar
neighbourhood in Damascus"): the first lies within a few tens of km of the second. Matched
on the text between the two mentions; the part noun is in it, or ends the first mention
(its ``hint``, one of ``PART_NOUNS``). A bare "in" is not enough ("Paris in Texas" is
rare, but "born in Aleppo in Syria" is no district)."""
NOT_AFTER = frozenset({"according", "due", "thanks", "close"})
"""Before a locative word, it is no cue ("according to Reuters", "close to")."""
THE = "the"
"""Skipped between a cue and a name ("in the Bekaa")."""
OF = "of"
NAME_ARTICLES = ("al", "el", "ar", "as", "ad", "ash", "az", "an")
"""Lower-case words that carry a cued name on to the next proper noun ("Jeb al-Kussa")."""
NOT_PLACES = frozenset({"allah", "god", "jesus", "christ"})
"""Names that spaCy may tag as places, or that follow a locative word, without being places
("in Allah's name"); the gazetteer's spelling folds would find towns for them (Ala, India).
Compared with the folded name (``normalize.fold``)."""
POSSESSIVE_FOLDED = " s"
"""A possessive as ``normalize.fold`` leaves it ("Allah's" -> "allah s")."""
SUFFIX_AFTER = re.compile(r"\s+(?:[Pp]rovince|[Gg]overnorate|[Cc]ountryside|[Dd]istrict)\b")
"""After a place entity, joins it: "Aleppo province" is the area, not the city."""
LEAD = re.compile(r"^(?:the|The|THE)\s+")
TRAIL = re.compile(r"(?:['’]s|['’])$")
"""Trimmed from an entity's start and end ("the Bekaa", "Syria's")."""
MEDIA_WORDS = frozenset("post times herald tribune journal news press gazette star observer "
                        "chronicle telegraph guardian courier daily weekly mail express standard "
                        "review monitor radio tv television channel network agency".split())
"""A news outlet's name has one of these: no place is taken from inside it ("The Washington Post")."""
INSTITUTION_WORDS = frozenset(
    "university college institute institution school academy bank union club council "
    "committee board society foundation company corporation group party front army forces "
    "force brigade brigades battalion division movement organization organisation ministry "
    "department agency authority commission court church hospital centre center".split())
"""Words that head organisation names and are also the names of towns ("University",
"Union"): never taken as the embedded place."""

# --- looking names up ----------------------------------------------------------------------
DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern upper lower "
    "greater rural downtown ne nw se sw".split())
"""A first word dropped when the whole name finds nothing ("northern Aleppo", "NE Syria");
compared with the folded word. Alone, such a word is no place ("Eastern", "Central", "NE":
the Ghanaian region and the US state abbreviation are what the gazetteer would give), and
between a locative word and a name it is skipped ("in northern Aleppo")."""
NAME_PREFIXES = frozenset(
    "al el ar as ad ash az an abu albu bu umm tal tall tel tell deir dayr dair kafr kfar kafar "
    "khan ras ain ayn jisr maarat maarrat beit bayt bir jabal jebel qasr wadi sheikh shaykh "
    "hay marj nahr khirbet khirbat qalaat qalat".split())
"""First words of Arabic place names ("Abu Kamal", "al-Hawija", "Tal Abyad", "Deir Hafer"):
a person or organisation entity of spaCy's that starts with one is taken as a place when
the gazetteer knows the name in a country the article is about. Compared with the folded
first word of the name (hyphens split it: "al-Bab" -> "al")."""
POSSESSIVE_S = ("'s", "’s")
"""A possessive ending; feeds that lost their apostrophes write "Syrias Aleppo"."""
AREA_SUFFIXES = ("province", "governorate", "state", "region", "district", "county",
                 "provinces", "municipality", "countryside")
AREA_BEFORE = {"rural": "countryside"}
"""A word before a name that makes it the area around the town, as the suffix word it stands
for: "rural Idlib" is "Idlib countryside", the province rather than the city."""
AREA_OF = ("province", "governorate", "countryside")
"""Before "of" and a name, these make it the area as well ("the countryside of Hama"); not
"district", which is a part of the town ("the Salaheddine district of Aleppo")."""
SETTLEMENT_SUFFIXES = ("city", "town", "village")
"""The suffix word a name was found without (``gazetteer.strip_suffix``: "Homs province",
"Raqqa city") favours an area, or a town."""

# --- roles ---------------------------------------------------------------------------------
_VERB_BASES = (
    "say tell announce state claim condemn deny reject accuse warn threaten insist demand "
    "urge call vow pledge promise agree refuse decide respond reply welcome protest "
    "dismiss criticize criticise blame denounce confirm declare acknowledge admit "
    "sign order approve veto sanction expel recall summon retaliate respond complain "
    "argue believe want hope fear seek ask plan intend offer propose support oppose back "
    "mull consider insist maintain stress note add suggest allege report".split())
SPEECH_VERBS = frozenset(w for b in _VERB_BASES for w in verb_forms(b))
"""Verb forms that make a place subject an actor (metonymy: "Damascus condemned"). The
pipeline runs without spaCy's lemmatizer, so the forms are listed."""
ACTOR_NOUNS = ("decision", "statement", "position", "response", "demand", "refusal")
"""A place whose possession one of these is, is an actor ("Ankara's decision")."""

CASED = True
"""Names are written with a capital letter: an unresolved "place" in lower case is a word the
model took for a name ("left the leader in coma")."""
