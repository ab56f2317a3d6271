"""Date grammar: month and weekday names, number words, and the patterns of time expressions.

Read by ``nlp/when.py``. Each pattern has a kind the resolver knows ("md", "weekday",
"period"...) and named groups it reads (``month``, ``day``, ``year``, ``weekday``, ``rel``,
``mod``, ``unit``, ``n``, ``dir``, ``w``; ``core`` marks the part kept as the expression,
``poss`` a possessive cut from its end). The tables below give the words those groups
capture their meaning; the precisions (``day``, ``week``, ``month``, ``year``) are the
analysis' own values, not words.
"""

from __future__ import annotations

import calendar
import re

_MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|"
          r"July?\.?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
          r"Dec(?:ember|\.)?)(?![A-Za-z])")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_CAP = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_NUM = (r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"a\s+few|few|several|some|a\s+couple\s+of|couple\s+of)")
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_I = re.IGNORECASE

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<year>(?:19|20)\d{2})\b")),
    ("mdy", re.compile(rf"\b(?:{_WD},?\s+)?{_MONTH}\s*{_DAY},?\s+{_YEAR}")),
    ("dmy", re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}")),
    ("md", re.compile(rf"\b(?:{_WD},?\s+)?{_MONTH}\s*{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)(?![:.]\d)")),
    ("dm", re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?!,?\s+(?:19|20)\d\d)")),
    ("my", re.compile(rf"\b(?:(?P<mod>(?i:early|mid|late))[-\s]+)?{_MONTH}(?:\s+of)?,?\s+{_YEAR}")),
    ("month_mod", re.compile(rf"\b(?P<mod>(?i:last|next|this|early|late|mid|earlier\s+in|later\s+in))[-\s]+{_MONTH}"
                             rf"(?!\s*[0-3]?\d\b)")),
    ("month_prep", re.compile(rf"\b(?i:in|since|until|till|by|during|from|before|after|through|throughout)\s+"
                              rf"(?P<core>{_MONTH})(?!\s*[0-3]?\d\b)(?!,?\s+(?:19|20)\d\d)")),
    ("year", re.compile(rf"\b(?i:in|since|until|till|by|during|from|before|after|through|throughout|of|"
                        rf"early|late|mid|end\s+of|summer\s+of|spring\s+of|autumn\s+of|fall\s+of|winter\s+of)"
                        rf"[-\s]+(?P<core>{_YEAR})\b(?!\s*(?:km|kilometres|kilometers|miles|people|"
                        rf"fighters|civilians|troops|soldiers|members|%|percent))")),
    ("weekday", re.compile(rf"\b(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?{_WD_CAP}"
                           rf"(?P<poss>['’]s)?{_PART}(?![A-Za-z])")),
    ("relday", re.compile(r"\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                          r"today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
                          r"last\s+night|(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)))\b")),
    ("ago", re.compile(rf"\b(?i:{_NUM}\s+{_UNIT}\s+ago)\b")),
    ("offset", re.compile(rf"\b(?i:{_NUM}\s+{_UNIT}\s+(?P<dir>earlier|later|before|after|previously))\b")),
    ("anaphor", re.compile(r"\b(?P<w>(?i:the\s+(?:same|previous|next|following)\s+(?:day|night|week|month|year)|"
                           r"the\s+(?:day|night|week|month|year)\s+(?:before|after)|that\s+(?:same\s+)?day|"
                           r"the\s+same\s+day))\b")),
    ("weekend", re.compile(r"\b(?P<rel>(?i:last|this|next|the\s+past|the|that))\s+(?i:weekend)\b")),
    ("period", re.compile(r"\b(?:(?P<mod>(?i:earlier|later|late|early))\s+(?:in\s+)?)?"
                          r"(?P<rel>(?i:last|this|next|the\s+past|the\s+coming))\s+"
                          r"(?P<unit>(?i:week|month|year))(?P<poss>['’]s)?\b")),
]
"""(kind, pattern), in the order that breaks ties between equally long matches."""

MONTHS = {m[:3].lower(): i for i, m in enumerate(calendar.month_name) if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
"""Weekday name -> Monday = 0 ... Sunday = 6."""


def month_number(text: str) -> int:
    """1-12 for a month name or abbreviation the grammar matched ("Aug.", "August")."""
    return MONTHS[text[:3].lower()]


NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "a couple of": 2, "couple of": 2}
"""Counts in words ("two days ago"); vague ones ("several", "a few") are absent: no value."""

UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
"""A unit word (``unit`` group, singular, lower case) -> the precision it gives."""

MONTH_MODIFIERS = {"last": "last", "next": "next", "this": "this"}
"""First word of a month's modifier -> which one: the last such month before publication, the
next after it, the one in the publication year. Others ("early", "mid") infer the year."""

WEEKDAY_RELATIONS = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}
"""Before a weekday: strictly before publication, strictly after, or in the publication week."""

RELATIVE_DAYS = (("the day before", -2), ("the day after", 2), ("yesterday", -1),
                 ("last night", -1), ("tomorrow", 1))
"""A relative day by how it starts -> days from publication (first match; otherwise 0:
"today", "tonight", "this morning")."""

WEEKEND_RELATIONS = {"last": "last", "this": "this", "next": "next", "that": "that"}
"""Before "weekend": the one before the last, the coming one (on a weekday), the next one, or
an anaphor with no value ("that weekend"). Others ("the", "the past") are the last weekend."""

PERIOD_STEPS = {"last": -1, "this": 0, "next": 1, "the past": None, "the coming": None}
"""Before "week", "month", "year": how many units from publication (None: a stretch of time,
"the past week", no value)."""

OFFSET_DIRECTIONS = {"earlier": (-1, False), "previously": (-1, False), "later": (1, False),
                     "before": (-1, True), "after": (1, True)}
"""After "two days": (sign, whether it must end a clause to count: "a day after Turkey sent
tanks" is relative to an event, not a date)."""

ANAPHOR_UNITS = ("day", "week", "month", "year")
"""Unit words looked for, in this order, inside an anaphor ("the following week"); none: a day."""
ANAPHOR_NIGHT = "night"
"""An anaphor with this word is about a day ("the same night")."""
ANAPHOR_SAME = "same"
ANAPHOR_THAT = "that"
"""An anaphor with "same", or starting with "that", is the anchor date itself."""
ANAPHOR_BOUND_ENDINGS = ("before", "after")
"""An anaphor ending so must end a clause ("the day before," but not "the day before the vote")."""
ANAPHOR_BACK = ("previous", "before")
"""An anaphor with one of these goes back from the anchor; otherwise forward."""

FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
"""Auxiliaries that make a verb future ("will meet on Friday")."""
FUTURE_WORDS = frozenset({"expected", "scheduled", "due", "plans", "planned", "planning", "set", "going"})
"""Verbs whose "to" complement lies ahead ("is expected to arrive on Friday")."""

UNRESOLVED_SKIP = re.compile(r"^(?:daily|weekly|monthly|annual|yearly|annually|nightly|quarterly)$|"
                             r"\d+[-\s]year[-\s]old", _I)
"""spaCy DATE entities that are no time expression (frequencies, ages)."""
CAPITALISED_SKIP = ("daily", "weekly")
"""Also skipped when capitalised and not the document's first token."""
DEICTIC = re.compile(r"\b(?:ago|last|this|next|recent|recently|past|earlier|later|previous|coming|today|"
                     r"yesterday|tomorrow|tonight|days?|weeks?|months?)\b", _I)
"""Words that make an unresolved spaCy DATE relative ("recent days")."""
