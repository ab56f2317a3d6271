"""Shared text helpers for the reconcile package: lead text, tokens, stopwords."""

from __future__ import annotations

import re
from datetime import datetime

STOPWORDS = frozenset("""
a about above across after afterwards again against ago all almost alone along already also although always am
among amongst an and another any anyone anything anyway are around as at back be became because become becomes
been before behind being below beside besides between beyond both but by can cannot could did do does doing done
down during each either else elsewhere enough etc even ever every everyone everything few first for former
formerly from further get gets got had has have having he her here hers herself him himself his how however i if
in including into is it its itself just last latter least less like made make many may me meanwhile might more
moreover most mostly much must my myself near neither never nevertheless new next no nobody none nor not nothing
now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per
perhaps please put rather same see seem seemed seems several she should since so some someone something sometime
sometimes somewhere still such than that the their theirs them themselves then thence there thereafter thereby
therefore therein these they this those though through throughout thus to together too toward towards two under
until up upon us very via was we well were what whatever when whence whenever where whereas whether which while
who whoever whole whom whose why will with within without would yet you your yours yourself yourselves
said says say saying told tell according reported reports report added adding news also just via amid
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks day days month months
year years time times morning night evening afternoon early late three four five six seven eight nine ten
january february march april june july august september october november december mr mrs ms dr
people including would could told since around near official officials source sources statement spokesman
""".split())

_SEGMENT = re.compile(r"[.,;:!?()\[\]{}\"“”«»|/—–…]+|\s[-‒]\s")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


def lead(title: str | None, text: str | None, *, max_chars: int = 500) -> str:
    """Title and the first paragraph(s) of the text, up to about ``max_chars`` characters."""
    body = []
    size = 0
    for para in (text or "").split("\n\n"):
        para = para.strip()
        if not para:
            continue
        body.append(para)
        size += len(para)
        if size >= max_chars:
            break
    joined = " ".join(body)[:max_chars]
    return f"{title or ''}.\n{joined}"


def segments(text: str) -> list[list[str]]:
    """Words (surface form) in runs not broken by punctuation, so bigrams never cross a comma."""
    return [words for part in _SEGMENT.split(text) if (words := _WORD.findall(part))]


def normal(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")


def is_content(key: str) -> bool:
    return len(key) > 2 and key not in STOPWORDS


def when(view) -> datetime | None:
    """The time an article counts at: published, else first seen."""
    return view.published or view.first_seen
