"""Words the corpus stage (``reconcile/``) reads: how a toll is bounded, and scope statements."""

from __future__ import annotations

import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24}
NUMBER = re.compile(r"\b(\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)

TOLL_AT_LEAST = re.compile(r"\b(?:at least|no fewer than|not less than|a minimum of)\s+$", re.I)
TOLL_MORE_THAN = re.compile(r"\b(?:more than|over|upwards of|in excess of|above)\s+$", re.I)
TOLL_UP_TO = re.compile(r"\b(?:up to|at most|as many as)\s+$", re.I)
TOLL_FEWER_THAN = re.compile(r"\b(?:fewer than|less than|under)\s+$", re.I)
TOLL_NEARLY = re.compile(r"\b(?:nearly|almost|close to)\s+$", re.I)
TOLL_ABOUT = re.compile(r"\b(?:about|around|some|approximately|roughly|an estimated|estimated|about)\s+$", re.I)
"""Words just before a toll's number that bound it ("at least 8" is 8 or more)."""

SCOPE = re.compile(r"\b(?:(?:is|are|was|were|be)\s+not\s+(?:covered|included|part|party|a party|bound)|"
                   r"(?:excluded|exempt(?:ed)?)\s+from|outside\s+(?:the|of the)\s+(?:scope|terms))\b", re.I)
"""A statement of scope ("groups X are not covered by the agreement"): it limits a deal, it does
not deny that there is one."""

NOT_A_TOLL = re.compile(r"^\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|percent|per cent|%|years?|"
                        r"months?|days?|hours?|minutes?|GMT|am|pm|o'clock)\b", re.I)
"""Words after a number that make it something other than a toll ("30 km south of Idlib")."""

NO_DEAL = re.compile(r"\b(?:no|not any|never a|without a)\s+(?:\w+\s+)?(?:cease-?fires?|truces?|deals?|agreements?)\b|"
                     r"\b(?:cease-?fires?|truces?|deals?|agreements?)\s+(?:\w+\s+){0,3}(?:was|were|has|have|had|is|are)"
                     r"\s+(?:not|never)\s+(?:been\s+)?(?:reached|agreed|signed|announced|concluded|struck)\b", re.I)
"""A statement that there is no deal ("there is no ceasefire", "no truce was agreed", "the deal was not
signed"): only these (or a denial) deny a deal; "did not commit to the deal" does not."""
