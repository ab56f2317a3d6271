"""Cues that turn a claim's content into propositions (``claims/contradictions/``)."""

from __future__ import annotations

import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12, "dozen": 12}

CUES = {
    "crossed": re.compile(r"\b(cross(?:ed|es|ing)?(?: the border)?|incursion|sent (?:tanks|troops|forces)|"
                          r"rolled (?:across|into)|moved into|entered (?:Syria|Syrian territory|Iraq|Turkey))\b", re.I),
    "withdrawn": re.compile(r"\b(withdr[ae]wn?|withdrawal|pull(?:ed)? (?:back|out)|returned (?:to )?(?:the )?east|"
                            r"went back|(?:have|had|has) left|left (?:the|this) (?:city|area|town|region)|"
                            r"retreated)\b", re.I),
    "present": re.compile(r"\b((?:are|is|were|was|remain(?:s|ed)?|still) (?:present|deployed|stationed)|"
                          r"present in|deployed (?:west|in)|remain(?:s|ed)? west)\b", re.I),
    "agreement": re.compile(r"\b(cease-?fires?|truces?|deal|agreements?|agreed)\b", re.I),
    "killed": re.compile(r"\b(killed|killing|dead|died|death toll|deaths|martyred|casualties|lives)\b", re.I),
}
"""Predicate cues, tried in this order; ``present`` is the negative of ``withdrawn``."""
CLAUSE_BREAKS = (";", ",", ":", " but ", " while ", " whereas ")
"""Where a clause ends, for the actors said to have done an act."""
BLAME = re.compile(r"\b(carr(?:y|ies|ied|ying) out|fired|shelled|bombed|struck|launched|dropped|"
                   r"responsible for|behind (?:the|this|that|these)|used)\b", re.I)
"""In a claim about an attack, the words after the side it says did it ("accused government
forces of carrying out the attack", "said militants fired the shells")."""
SCOPE = re.compile(r"\b(?:covered\s+by|included\s+in|part\s+of|party\s+to|parties\s+to|excluded\s+from|"
                   r"exempt(?:ed)?\s+from|outside|bound\s+by|appl(?:y|ies|ied)\s+to|extend(?:s|ed)?\s+to|"
                   r"signator(?:y|ies)\s+(?:to|of))\s+(?:\w+\s+){0,3}$", re.I)
"""Right before an agreement cue: the scope of the agreement (who is in it), not its existence."""
NEGATION = re.compile(r"\b(not|n't|never|no|nothing|neither|nor|without)\b", re.I)
NEGATION_AFTER = re.compile(r"^\W*(?:to )?(?:nothing|no\b|any\b)", re.I)
VICTIMS = re.compile(r"\b(civilians?|soldiers?|troops|fighters?|militants?|terrorists?|children|women|people|"
                     r"rebels?|policemen|police)\b", re.I)
NUMBER = re.compile(r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                    r"twenty|thirty|forty|fifty|hundred|a dozen|dozen)\b", re.I)
NONE_KILLED = re.compile(r"\b(?:no|not|never|zero)\s+(?:\w+\s+){0,1}(?:civilians?|one|people|soldiers?|"
                         r"casualties|deaths|lives|fighters?|was\s+killed|were\s+killed|killed)\b|"
                         r"\b(?:were|was|been)\s+not\s+killed\b", re.I)
"""A toll of none: "no civilians were killed", "were not killed" (not "no word on casualties")."""
ZERO = re.compile(r"\b(no|zero)\b", re.I)
SELF = re.compile(r"\b(its|our|we|their|they|it)\b", re.I)
"""The speaker's own side as the subject ("its forces crossed")."""
VICTIM_CLASS = {"civilian": "civilians", "civilians": "civilians", "children": "civilians", "women": "civilians",
                "people": "civilians", "soldier": "soldiers", "soldiers": "soldiers", "troops": "soldiers",
                "policemen": "soldiers", "police": "soldiers", "fighter": "fighters", "fighters": "fighters",
                "militant": "fighters", "militants": "fighters", "terrorist": "fighters", "terrorists": "fighters",
                "rebel": "fighters", "rebels": "fighters"}
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“A-Z])")
