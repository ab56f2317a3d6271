"""Control cues: the words that say who took, holds, lost or fights over a place.

Word forms rather than lemmas (the pipeline runs without spaCy's lemmatizer). Read by
``claims/control/`` (see its module doc for the phrases each list serves).
"""

from __future__ import annotations

import re

from . import claims


def _forms(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


TAKE = _forms("take takes took taken taking capture captures captured capturing seize seizes seized "
              "seizing liberate liberates liberated liberating recapture recaptures recaptured "
              "recapturing retake retakes retook retaken retaking overrun overran overruns overrunning "
              "clear clears cleared clearing free frees freed freeing enter enters entered entering "
              "storm stormed storms wrest wrested win won gain gained gains conquer conquered")
TAKE_PHRASAL = _forms("take takes took taken taking")
"""Take-verbs that need an object or "over" to mean a capture ("took the town", "took over")."""
CLEAR = _forms("clear clears cleared clearing")
"""Take-verbs that mean a capture only with "of" ("cleared the town of IS")."""
HOLD = _forms("hold holds held holding control controls controlled controlling occupy occupies "
              "occupied occupying keep keeps kept retain retains retained")
LOSE = _forms("lose loses lost losing withdraw withdraws withdrew withdrawn withdrawing retreat "
              "retreats retreated retreating abandon abandons abandoned abandoning evacuate evacuated "
              "evacuates flee flees fled fleeing leave leaves left leaving quit vacate vacated pull "
              "pulls pulled pulling")
WITHDRAW = _forms("withdraw withdraws withdrew withdrawn withdrawing")
LEAVE = _forms("left leave leaves leaving")
PULL_PREFIX = "pull"
PULL_PARTICLES = _forms("out back")
"""A pull-verb loses a place only with "out" or "back"."""
FALL = _forms("fall falls fell fallen")
LOCATING = _forms("south north east west southwest southeast northwest northeast southern northern "
                  "eastern western near around outside beyond toward towards outskirts countryside "
                  "surroundings suburbs vicinity edge")
"""Before a place (alone or with "of"), words that make it a landmark for somewhere else
("southwest of Homs", "the outskirts of Aleppo", "near Manbij")."""
FALL_ONTO = _forms("on onto upon")
"""After a fall-verb, a thing falling, not a town ("a barrel fell on the neighbourhood")."""
PURPOSE = _forms("to")
"""Before a take-verb, an aim, not a capture ("mounted an attack to recapture the road")."""
TAKE_IDIOMS = _forms("place part")
"""After a take-verb, no capture ("the killings took place", "took part in the assault")."""
FREE_OF = _forms("free clear cleansed rid")
"""Adjectives of a place emptied of a side: "the town is now free of militants" (they lost it)."""
ENTRENCHED = _forms("entrenched")
"""A side dug in at a place holds it: "fighters remain entrenched in al-Bab"."""
REPEL = _forms("repel repels repelled repelling repulse repulsed beat beaten repulsing fend fended "
               "push pushed")
REPEL_PHRASAL = _forms("beat beaten push pushed fend fended")
"""Repel-verbs that need "back" or "off" ("pushed back an attack")."""
REPEL_PARTICLES = _forms("back off")
ATTACK_NOUNS = _forms("attack attacks assault offensive advance")
FIGHT = _forms("clash clashes clashed clashing fighting fight fights fought battle battles battled "
               "battling skirmish skirmishes gunfire combat firefight firefights")
DISPUTED = _forms("disputed contested")
CONTROL_NOUNS = _forms("control hands grip")
CHANGED_HANDS = ("changed", "hands")
DENY = _forms("deny denies denied denying reject rejects rejected rejecting dismiss dismisses "
              "dismissed dismissing refute refutes refuted refuting rebut rebutted")
DESCRIBE = _forms("described describes describe called calls branded labelled labeled dismissed")
"""Verbs that describe a report as false ("described the reports ... as psychological warfare")."""
FALSITY = claims.FALSITY
MODALS = _forms("will would could might may must should shall can ca wo 'll 'd")
CONDITIONAL = _forms("if unless")
MANAGED = _forms("managed manage manages succeeded")
"""Verbs whose "to" infinitive reports what happened ("managed to take")."""
INTENT = _forms("intend intends intended intending plan plans planned planning want wants wanted try "
                "tries tried trying aim aims aimed aiming seek seeks sought vow vows vowed threaten "
                "threatens threatened hope hopes hoped prepare prepares prepared preparing attempt "
                "attempts attempted attempting expect expects expected going allow allows allowed "
                "preparing ready")
FAILED = _forms("fail fails failed failing unable")
NEGATIVE_DETERMINERS = _forms("no little")
NEVER = "never"
PAST_PERFECT_AUX = "had"
AREA_NOUNS = _forms("villages village countryside area areas positions position outskirts "
                    "surroundings neighbourhoods neighborhoods territory land ground string "
                    "cluster suburbs hills farmland farms")
DIRECTION = _forms("south north east west southwest southeast northwest northeast southern northern "
                   "eastern western near around outside beyond toward towards to from")
ANAPHORS = {"town": "town", "city": "city", "village": "village", "it": None,
            "area": None, "locality": None, "settlement": None}
"""Words that take the place of a named place, and the noun they look for before them."""
CENTRE_NOUNS = _forms("centre center")
CENTRE_MEANS = "town"
"""Also anaphoric: "the centre" is the town just named."""
NAMING_HEADS = _forms("village town city area district hamlet")
"""Heads that a place names itself ("the village of Amarneh")."""
DEFINITE = _forms("the this that")
GENERIC_ARMED = _forms("rebels rebel factions faction fighters fighter militants militant insurgents "
                       "insurgent troops forces soldiers jihadists jihadist terrorists terrorist "
                       "militia militias militiamen gunmen groups group units brigades mercenaries "
                       "opposition")
UNKNOWN_GENERIC = frozenset({"fighters", "fighter", "forces", "troops", "soldiers", "units", "groups",
                             "group", "men", "gunmen"})
"""Generic nouns that name nobody in particular."""
GROUP_NOUNS = _forms("group militia organisation organization")
"""Heads that, with "the", refer back to the last group named."""
BODY_NOUNS = _forms("council ministry army military group militia alliance division")
"""Heads that refer back to the last actor whose name contains them ("the council")."""
SELF_PRONOUNS = _forms("it its we our us they their them itself ourselves")
OWNER_PRONOUNS = _forms("their its his her")
BACKING = _forms("backed supported sponsored allied aligned")
SUPPORT = "support"
PARTY_PREPOSITIONS = _forms("between with against")
"""Who fights whom ("clashes between X and Y", "fighting with X")."""
RELATIVE_PRONOUNS = _forms("who which that")
TAKE_OVER = "over"

WITHDRAW_RE = re.compile(r"\b(withdr[ae]w\w*|pull(?:ed|s)? (?:out|back)|retreat\w*|left|abandon\w*|"
                         r"fled|evacuat\w*|handed over)\b", re.I)
"""A territorial transfer worded as a withdrawal: the place was lost, not taken."""
SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
"""Right before a date: the date starts a state ("held by X since Aug. 24")."""
FIGHT_LOCATIVE = re.compile(r"\b(?:in|inside|around|within|in and around|for (?:the )?control of|"
                            r"on the (?:\w+ )?(?:outskirts|edges?|fringes) of|"
                            r"(?:in|on|at) (?:the |several |some |many )?(?:[\w-]+ ){0,2}?(?:parts?|neighbou?rhoods?|"
                            r"districts?|quarters?|areas?|streets|sections?|edges?|outskirts|countryside|suburbs?) of|"
                            r"on|at)\s+(?:the\s+)?(?:town\s+of\s+|"
                            r"city\s+of\s+|village\s+of\s+)?$", re.I)
"""Before a place: fighting happens there."""
FIGHT_DIRECTIONAL = re.compile(r"\b(?:south|north|east|west|southwest|southeast|northwest|northeast|near|toward|"
                               r"towards|to|from)\s+(?:of\s+)?(?:the\s+)?$", re.I)
"""Before a place: fighting happens elsewhere, in a direction from it."""
DISPUTED_COPULA = re.compile(r"\s+(?:(?:is|was|remains|remained|are|were|has been|still|now|"
                             r"being)\s+)+")
"""Between a place and "disputed" ("X remains disputed")."""

# Function words the phrase patterns look for in the parse.
THE = "the"
OF = "of"
BY = "by"
TO = "to"
IN = "in"
UNDER = "under"
HYPHEN = "-"
HANDS = "hands"
CONTROL = "control"
FROM_OF = ("from", "of")
"""The side a place was taken from ("took X from Y"), or the place itself ("cleared X of Y")."""
OF_OVER = ("of", "over")
"""The place of a control noun ("control of X", "control over X")."""
ON_AGAINST = ("on", "against")
"""The target of an attack noun ("an attack on X")."""
LOSE_FROM = ("from", "of", "out")
"""Where a loss happened ("withdrew from X", "pulled out of X")."""
AS = "as"
