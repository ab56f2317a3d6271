"""Claim words: denial and falsity cues (``claims/polarity.py``), speaker words
(``claims/speakers.py``) and the outlet's own-voice event verbs (``claims/__init__.py``)."""

from __future__ import annotations

import re

DENY_VERBS = frozenset("deny refute dispute rebut contest repudiate disavow contradict debunk "
                       "disclaim gainsay negate".split())
"""Cue bases that are denials whatever their object."""
REJECT_VERBS = frozenset({"reject", "dismiss"})
"""Denials only when what they reject is a statement."""
DENY_NOUNS = frozenset({"denial", "denials", "rebuttal", "rejection"})
REPORT_NOUNS = frozenset("""report reports claim claims allegation allegations accusation accusations
charge charges statement statements rumour rumours rumor rumors suggestion suggestions assertion
assertions speculation account accounts story stories news notion idea figures figure toll tolls
remarks comments assessment assertions narrative version""".split())
FALSITY = frozenset("""false baseless fabricated fabrication fabrications untrue unfounded lie lies
lying propaganda warfare groundless bogus fake nonsense fiction invented slander disinformation
misinformation incorrect inaccurate wrong absurd ridiculous unsubstantiated""".split())
"""Words that call a statement false ("dismissed the reports as baseless", "psychological
warfare"): the one list polarity and control read."""
REFUSE = frozenset("refuse refused refuses refusing decline declined declines declining fail failed "
                    "fails failing".split())
SAY_NOTHING = frozenset({"nothing"})

FORMULAS = [
    # (pattern, where the denied proposition starts: group name or None)
    re.compile(r"\bthere\s+(?:is|was|'s|’s)\s+(?:absolutely\s+)?no\s+truth\s+(?:whatsoever\s+)?(?:to|in)\s+"
               r"(?:the\s+|these\s+|those\s+|such\s+)?(?:\w+\s+){0,2}?(?:claims?|reports?|allegations?|"
               r"accusations?|rumou?rs?|statements?|suggestions?)?\s*(?:that\s+)?(?P<prop>.*)", re.I | re.S),
    re.compile(r"\bthere\s+(?:is|was|'s|’s)\s+no\s+such\s+thing\s+as\s+(?P<prop>.*)", re.I | re.S),
    re.compile(r"\b(?:it\s+(?:is|was)|it's|it’s|this\s+(?:is|was)|that\s+(?:is|was)|that's|that’s)\s+(?:simply\s+|completely\s+|totally\s+|"
               r"absolutely\s+|just\s+)?(?:not\s+true|untrue|false|a\s+lie|lies|baseless|fabricated|"
               r"nonsense)\s*(?:that\s+)?(?P<prop>.*)", re.I | re.S),
    re.compile(r"\b(?:claims?|reports?|allegations?|accusations?|rumou?rs?|statements?|figures?|"
               r"stories|story)\b[^.]{0,120}?\b(?:is|are|was|were)\s+(?:simply\s+|completely\s+|totally\s+|"
               r"entirely\s+|absolutely\s+|all\s+|just\s+)?(?:not\s+true|untrue|false|baseless|groundless|"
               r"unfounded|fabricated|fabrications|lies|a\s+lie|propaganda|nonsense|fiction|"
               r"without\s+foundation)", re.I),
    re.compile(r"\b(?:claims?|reports?|allegations?|accusations?|rumou?rs?|statements?|stories|story)\b\s*"
               r"(?:that\s+)?(?P<prop>[^.]{0,200}?)\s+(?:has|have|had|holds?|bears?)\s+no\s+(?:truth|basis|foundation)\b",
               re.I),
    re.compile(r"\bnothing\s+but\s+(?:lies|propaganda|fabrications?)\b", re.I),
    re.compile(r"\b(?:claims?|reports?|allegations?|accusations?|figures?|statements?)\b[^.]{0,120}?\b(?:do|does|did)"
               r"\s+not\s+reflect\s+(?:the\s+)?(?:truth|reality|facts)", re.I),
    re.compile(r"\bcategorically\s+(?:deny|denies|denied|reject|rejects|rejected)\b(?:\s+that)?\s*(?P<prop>.*)",
               re.I | re.S),
]


AS_FALSE = re.compile(r"\bas\s+(?:[\w-]+\s+){0,2}?[\"“']?(?:" + "|".join(sorted(FALSITY)) + r")\b", re.I)



PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "we"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
OFFICIAL_NOUNS = frozenset("""official officials source sources spokesman spokeswoman spokesperson
diplomat diplomats minister ministry government authorities officer officers commander commanders
statement military army""".split())
MILITARY_NOUNS = frozenset("military army commander commanders officer officers".split())

OWN_VOICE_VERBS = frozenset("""
kill killed kills killing wound wounded wounding injure injured seize seized seizes seizing capture
captured captures capturing take took taken takes taking enter entered enters entering launch
launched launches launching shell shelled shelling attack attacked attacks attacking strike struck
strikes striking withdraw withdrew withdrawn withdraws withdrawing retreat retreated retreats advance
advanced advances advancing control controls controlled controlling hold held holds holding clear
cleared clears liberate liberated liberates bomb bombed bombs bombing fire fired fires clash clashed
clashes die died dies flee fled flees displace displaced cross crossed crosses crossing hit hits
destroy destroyed destroys recapture recaptured push pushed pushes fall fell fallen falls surround
surrounded besiege besieged ambush ambushed storm stormed overrun overran occupy occupied occupies
repel repelled pound pounded target targeted targets raid raided detonate detonated explode exploded
execute executed abduct abducted kidnap kidnapped arrest arrested deploy deployed deploys
""".split())
CONTROL_RE = re.compile(r"\b(under (?:the )?(?:full |complete |firm )?control|in control of|remains? in the hands of|"
                         r"still holds?|front ?line)\b", re.I)

NEVER_NO = frozenset({"never", "no"})
NO = "no"
NEVER = "never"
NOBODY = frozenset({"nothing", "nobody", "none"})
NO_ONE = frozenset({"nobody", "nothing", "none", "noone", "no-one"})
"""Subjects and objects that negate their clause ("nobody was killed")."""
DESCRIBE_BASES = frozenset("describe call label brand dub term characterize characterise portray".split())
"""Cue bases that describe what was said ("described the reports as baseless")."""
DEMONSTRATIVES = frozenset({"this", "that", "it"})
"""Objects that stand for a statement ("rejected this")."""
AS = "as"
THE = "the"
NOT_REFERRING = frozenset("statement source sources official officials spokesman report".split())
"""After "the", nouns that do not refer back to a named actor ("the statement", "the official")."""
THEY = "they"
