"""Dates in an article, resolved against its publication time, with their precision.

``resolve_dates(doc, published)`` finds time expressions with a small grammar of regular
expressions (weekdays, "yesterday", "last week", "earlier this month", "Aug. 24", "24 August
2016", "in 2013", "two days ago", "a day earlier", ...) and adds spaCy's other ``DATE``
entities ("three years", "recent days") unresolved. Each expression gets a value (a
``datetime.date``: the day; the Monday of a week; the first day of a month or year), a
precision ("day", "week", "month", "year") and whether it needed the publication time (or
an earlier date in the text) to be resolved.

Hand-written rather than ``dateparser``: dateparser resolves against "now" by its own
rules (for instance "Wednesday" to the coming one unless told otherwise), returns no
precision and no spans in running text, and is slow on whole articles; news style needs
"on Wednesday" = the most recent Wednesday on or before the publication day, "last week" =
a week, not a day, and anaphora such as "a day earlier" resolved against the preceding date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .model import doc_text

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
_RANK = {DAY: 0, WEEK: 1, MONTH: 2, YEAR: 3}
FUTURE_DAYS_ALLOWED = 62
"""A day-and-month date without a year may lie at most this many days after publication;
further than that, it is taken to be in the previous year ("on Nov. 8" in a January story)."""


@dataclass(slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    value: date | None
    precision: str | None
    relative: bool
    """True when the value depends on the publication time or an earlier date in the text."""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "value": self.value.isoformat() if self.value else None,
                "precision": self.precision, "relative": self.relative}


# --------------------------------------------------------------------------------------
# Grammar

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

_PATTERNS: list[tuple[str, re.Pattern]] = [
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

_MONTHS = {m[:3].lower(): i for i, m in enumerate(calendar.month_name) if m}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "a couple of": 2, "couple of": 2}
_UNRESOLVED_SKIP = re.compile(r"^(?:daily|weekly|monthly|annual|yearly|annually|nightly|quarterly)$|"
                              r"\d+[-\s]year[-\s]old", _I)
_DEICTIC = re.compile(r"\b(?:ago|last|this|next|recent|recently|past|earlier|later|previous|coming|today|"
                      r"yesterday|tomorrow|tonight|days?|weeks?|months?)\b", _I)


def _month_num(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, 1)


def _shift(value: date, precision: str, n: int, unit: str) -> tuple[date, str]:
    """``value`` moved by ``n`` units. A coarse value is not moved by a finer unit: "the day
    before" a date known only to the week stays that week (it may be the same week)."""
    if _RANK[precision] > _RANK[unit]:
        return value, precision
    if unit == DAY:
        out = value + timedelta(days=n)
    elif unit == WEEK:
        out = value + timedelta(weeks=n)
    elif unit == MONTH:
        out = _add_months(value, n) if value.day == 1 else _safe_date(*_ym(value, n), value.day)
    else:
        out = _safe_date(value.year + n, value.month, value.day)
    prec = precision if _RANK[precision] > _RANK[unit] else unit
    return _truncate(out, prec), prec


def _ym(value: date, n: int) -> tuple[int, int]:
    y, m = divmod(value.year * 12 + value.month - 1 + n, 12)
    return y, m + 1


def _safe_date(y: int, m: int, d: int) -> date:
    return date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _truncate(value: date, precision: str) -> date:
    if precision == WEEK:
        return _monday(value)
    if precision == MONTH:
        return value.replace(day=1)
    if precision == YEAR:
        return value.replace(month=1, day=1)
    return value


def _infer_year(month: int, day: int, pub: date, tense: str | None) -> date | None:
    future = tense == "future"
    limit = 0 if tense == "past" else FUTURE_DAYS_ALLOWED
    try:
        candidate = date(pub.year, month, day)
    except ValueError:
        try:
            candidate = date(pub.year - 1, month, day)  # 29 February
        except ValueError:
            return None
        return candidate
    if future:
        if (pub - candidate).days > 183:
            candidate = _safe_date(pub.year + 1, month, day)
        return candidate
    if (candidate - pub).days > limit:
        candidate = _safe_date(pub.year - 1, month, day)
    return candidate


def _infer_month_year(month: int, pub: date, tense: str | None) -> date:
    future = tense == "future"
    limit = 0 if tense == "past" else FUTURE_DAYS_ALLOWED
    candidate = date(pub.year, month, 1)
    if future:
        return candidate if (pub.replace(day=1) - candidate).days <= 183 else date(pub.year + 1, month, 1)
    if (candidate - pub.replace(day=1)).days > limit:
        candidate = date(pub.year - 1, month, 1)
    return candidate


# --------------------------------------------------------------------------------------
# Tense (from the parse, when there is one)

_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_FUTURE_WORDS = frozenset({"expected", "scheduled", "due", "plans", "planned", "planning", "set", "going"})


def _tense(doc, start: int, end: int) -> str | None:
    """"future" ("will meet on Friday", "is expected to ... on"), "past" ("met on"), or None."""
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root.head
    if head.pos_ == "ADP" and head.head is not head:
        head = head.head  # "on Friday" -> the verb
    if head.pos_ not in ("VERB", "AUX"):
        return None
    verbs = [head]
    if head.dep_ == "xcomp" and head.head is not head:
        verbs.append(head.head)  # "is expected to arrive on Friday"
    for verb in verbs:
        if verb.lower_ in _FUTURE_WORDS:
            return "future"
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in verb.children):
            return "future"
    if head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children):
        return "past"
    return None


def _future(doc, start: int, end: int) -> bool:
    return _tense(doc, start, end) == "future"


# --------------------------------------------------------------------------------------
# Resolution


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    match: re.Match
    value: date | None = None
    precision: str | None = None
    relative: bool = False
    anaphoric: bool = False


def _resolve(f: _Found, pub: date | None, doc) -> None:
    """Fill value, precision and relative for a non-anaphoric expression."""
    m, kind = f.match, f.kind
    g = m.groupdict()
    if kind == "iso":
        f.precision, f.value = DAY, _checked(int(g["year"]), int(g["m"]), int(g["d"]))
        return
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if b <= 12 else (b, a)
        f.precision, f.value = DAY, _checked(int(g["year"]), month, day)
        return
    if kind in ("mdy", "dmy"):
        f.precision, f.value = DAY, _checked(int(g["year"]), _month_num(g["month"]), int(g["day"]))
        return
    if kind in ("md", "dm"):
        f.precision, f.relative = DAY, True
        month, day = _month_num(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            f.precision = None
            return
        if pub is not None:
            f.value = _infer_year(month, day, pub, _tense(doc, f.start, f.end))
        return
    if kind == "my":
        f.precision, f.value = MONTH, date(int(g["year"]), _month_num(g["month"]), 1)
        return
    if kind in ("month_mod", "month_prep"):
        f.precision, f.relative = MONTH, True
        month = _month_num(g["month"])
        mod = (g.get("mod") or "").lower().split()[0] if g.get("mod") else ""
        if pub is None:
            return
        if mod == "last":
            y = pub.year if month < pub.month else pub.year - 1
            f.value = date(y, month, 1)
        elif mod == "next":
            y = pub.year if month > pub.month else pub.year + 1
            f.value = date(y, month, 1)
        elif mod == "this":
            f.value = date(pub.year, month, 1)
        else:
            f.value = _infer_month_year(month, pub, _tense(doc, f.start, f.end))
        return
    if kind == "year":
        f.precision, f.value = YEAR, date(int(g["year"]), 1, 1)
        return
    if kind == "weekday":
        f.precision, f.relative = DAY, True
        if pub is None:
            return
        target = _WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (pub.weekday() - target) % 7
        if rel in ("next", "coming") or (not rel and _future(doc, f.start, f.end)):
            ahead = (target - pub.weekday()) % 7
            if rel in ("next", "coming") and ahead == 0:
                ahead = 7
            f.value = pub + timedelta(days=ahead)
        elif rel in ("last", "past"):
            f.value = pub - timedelta(days=back or 7)
        elif rel == "this":
            f.value = _monday(pub) + timedelta(days=target)
        else:
            f.value = pub - timedelta(days=back)
        return
    if kind == "relday":
        f.precision, f.relative = DAY, True
        w = " ".join(g["w"].lower().split())
        if pub is None:
            return
        if w.startswith("the day before"):
            f.value = pub - timedelta(days=2)
        elif w.startswith("the day after"):
            f.value = pub + timedelta(days=2)
        elif w.startswith(("yesterday", "last night")):
            f.value = pub - timedelta(days=1)
        elif w.startswith("tomorrow"):
            f.value = pub + timedelta(days=1)
        else:
            f.value = pub
        return
    if kind == "ago":
        unit = g["unit"].lower()
        f.precision, f.relative = unit, True
        n = _count(g["n"])
        if pub is not None and n is not None:
            f.value, f.precision = _shift(pub, DAY, -n, unit)
        return
    if kind == "weekend":
        f.precision, f.relative = WEEK, True
        rel = " ".join(g["rel"].lower().split())
        if pub is None or rel == "that":
            f.precision = WEEK if rel != "that" else None
            return
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # the last Saturday on or before
        if rel == "next" or (rel == "this" and pub.weekday() < 5):
            saturday += timedelta(days=7)
        elif rel == "last" and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        f.value = _monday(saturday)
        return
    if kind == "period":
        unit = g["unit"].lower()
        rel = " ".join(g["rel"].lower().split())
        f.precision, f.relative = unit, True
        if pub is None or rel in ("the past", "the coming"):
            return
        step = {"last": -1, "this": 0, "next": 1}[rel]
        base = _truncate(pub, unit)
        f.value, _ = _shift(base, unit, step, unit)
        return


def _checked(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _count(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return _NUMBERS.get(text)


def _resolve_anaphor(f: _Found, anchor: tuple[date, str] | None, pub: date | None, text: str) -> None:
    g = f.match.groupdict()
    f.relative = True
    if f.kind == "offset":
        unit = g["unit"].lower()
        f.precision = unit
        n = _count(g["n"])
        direction = g["dir"].lower()
        if direction in ("before", "after") and not _ends_clause(text, f.end):
            return  # "a day after Turkey sent tanks": relative to another event, not a date
        if n is None:
            return
        base = anchor or ((pub, DAY) if pub else None)
        if base is None:
            return
        sign = 1 if direction in ("later", "after") else -1
        f.value, f.precision = _shift(base[0], base[1], sign * n, unit)
        return
    w = " ".join(g["w"].lower().split())
    unit = next((u for u in (DAY, WEEK, MONTH, YEAR) if u in w), DAY)
    if "night" in w:
        unit = DAY
    f.precision = unit
    if anchor is None:
        return
    if "same" in w or w.startswith("that"):
        f.value, f.precision = anchor[0], anchor[1] if _RANK[anchor[1]] > _RANK[unit] else unit
        f.value = _truncate(f.value, f.precision)
        return
    if w.endswith(("before", "after")) and not _ends_clause(text, f.end):
        return
    sign = -1 if ("previous" in w or "before" in w) else 1
    f.value, f.precision = _shift(anchor[0], anchor[1], sign, unit)


def _ends_clause(text: str, end: int) -> bool:
    rest = text[end:end + 3].lstrip(" ")
    return not rest or rest[0] in ",.;:!?)\"”'’\n"


def _pub_date(published: datetime | date | None) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    return published


def resolve_dates(doc, published: datetime | date | None) -> list[TimeExpression]:
    """Time expressions in ``doc`` (a spaCy Doc, or plain text) resolved against ``published``.

    The publication day is taken in the publication time's own offset (the article's local
    day). Without a publication time, relative expressions keep ``value=None``.
    """
    text = doc if isinstance(doc, str) else doc_text(doc)
    spacy_doc = None if isinstance(doc, str) else doc
    pub = _pub_date(published)

    found: list[_Found] = []
    for order, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            start, end = m.span("core") if "core" in pattern.groupindex else m.span()
            if "poss" in pattern.groupindex and m.group("poss"):
                poss_start, poss_end = m.span("poss")
                if poss_end == end:
                    end = poss_start
            if kind == "dm" and m.group("day") and int(m.group("day")) == 0:
                continue
            found.append(_Found(start, end, kind, m))
    # longest first, then the earlier pattern
    rank = {k: i for i, (k, _) in enumerate(_PATTERNS)}
    found.sort(key=lambda f: (-(f.end - f.start), rank[f.kind], f.start))
    chosen: list[_Found] = []
    for f in found:
        if any(f.start < c.end and c.start < f.end for c in chosen):
            continue
        chosen.append(f)
    chosen.sort(key=lambda f: f.start)

    anchor: tuple[date, str] | None = None
    anchor_end = -1
    for f in chosen:
        if f.kind in ("offset", "anaphor"):
            usable = anchor if anchor is not None and "\n\n" not in text[anchor_end:f.start] else None
            _resolve_anaphor(f, usable, pub, text)
        else:
            _resolve(f, pub, spacy_doc)
        if f.value is not None and f.precision is not None:
            anchor, anchor_end = (f.value, f.precision), f.end

    out = [TimeExpression(text[f.start:f.end], f.start, f.end, f.value, f.precision, f.relative)
           for f in chosen]
    if spacy_doc is not None:
        for ent in spacy_doc.ents:
            if ent.label_ != "DATE":
                continue
            if any(ent.start_char < f.end and f.start < ent.end_char for f in chosen):
                continue
            etext = ent.text
            if _UNRESOLVED_SKIP.search(etext) or (etext[:1].isupper() and ent.start > 0
                                                  and etext.lower() in ("daily", "weekly")):
                continue
            if re.fullmatch(r"(?:19|20)\d{2}", etext):
                out.append(TimeExpression(etext, ent.start_char, ent.end_char,
                                          date(int(etext), 1, 1), YEAR, False))
                continue
            out.append(TimeExpression(etext, ent.start_char, ent.end_char, None, None,
                                      bool(_DEICTIC.search(etext))))
    out.sort(key=lambda t: t.start)
    return out
