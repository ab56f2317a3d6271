"""Dates in an article, resolved against its publication time, with their precision.

``resolve_dates(doc, published)`` finds time expressions with a small grammar of regular
expressions, the language's (``lang/<code>/dates.py``, read through ``lang.of(doc)``; for
English: weekdays, "yesterday", "last week", "earlier this month", "Aug. 24", "24 August
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

from .. import lang
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
    field: str | None = None
    """``title`` for an expression in the headline (offsets into ``article.title``)."""

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end,
               "value": self.value.isoformat() if self.value else None,
               "precision": self.precision, "relative": self.relative}
        if self.field:
            out["field"] = self.field
        return out


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

def _tense(doc, start: int, end: int) -> str | None:
    """"future" ("will meet on Friday", "is expected to ... on"), "past" ("met on"), or None."""
    if doc is None or not doc.has_annotation("DEP"):
        return None
    lx = lang.of(doc).dates
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
        if verb.lower_ in lx.FUTURE_WORDS:
            return "future"
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lx.FUTURE_AUX for c in verb.children):
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


def _resolve(f: _Found, pub: date | None, doc, lx) -> None:
    """Fill value, precision and relative for a non-anaphoric expression (``lx``: the
    language's date grammar)."""
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
        f.precision, f.value = DAY, _checked(int(g["year"]), lx.month_number(g["month"]), int(g["day"]))
        return
    if kind in ("md", "dm"):
        f.precision, f.relative = DAY, True
        month, day = lx.month_number(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            f.precision = None
            return
        if pub is not None:
            f.value = _infer_year(month, day, pub, _tense(doc, f.start, f.end))
        return
    if kind == "my":
        f.precision, f.value = MONTH, date(int(g["year"]), lx.month_number(g["month"]), 1)
        return
    if kind in ("month_mod", "month_prep"):
        f.precision, f.relative = MONTH, True
        month = lx.month_number(g["month"])
        mod = (g.get("mod") or "").lower().split()[0] if g.get("mod") else ""
        if pub is None:
            return
        sense = lx.MONTH_MODIFIERS.get(mod)
        if sense == "last":
            y = pub.year if month < pub.month else pub.year - 1
            f.value = date(y, month, 1)
        elif sense == "next":
            y = pub.year if month > pub.month else pub.year + 1
            f.value = date(y, month, 1)
        elif sense == "this":
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
        target = lx.WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        sense = lx.WEEKDAY_RELATIONS.get(rel)
        back = (pub.weekday() - target) % 7
        if sense == "next" or (not rel and _future(doc, f.start, f.end)):
            ahead = (target - pub.weekday()) % 7
            if sense == "next" and ahead == 0:
                ahead = 7
            f.value = pub + timedelta(days=ahead)
        elif sense == "last":
            f.value = pub - timedelta(days=back or 7)
        elif sense == "this":
            f.value = _monday(pub) + timedelta(days=target)
        else:
            f.value = pub - timedelta(days=back)
        return
    if kind == "relday":
        f.precision, f.relative = DAY, True
        w = " ".join(g["w"].lower().split())
        if pub is None:
            return
        days = next((n for start, n in lx.RELATIVE_DAYS if w.startswith(start)), 0)
        f.value = pub + timedelta(days=days)
        return
    if kind == "ago":
        unit = lx.UNITS[g["unit"].lower()]
        f.precision, f.relative = unit, True
        n = _count(g["n"], lx)
        if pub is not None and n is not None:
            f.value, f.precision = _shift(pub, DAY, -n, unit)
        return
    if kind == "weekend":
        f.precision, f.relative = WEEK, True
        sense = lx.WEEKEND_RELATIONS.get(" ".join(g["rel"].lower().split()))
        if pub is None or sense == "that":
            f.precision = WEEK if sense != "that" else None
            return
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # the last Saturday on or before
        if sense == "next" or (sense == "this" and pub.weekday() < 5):
            saturday += timedelta(days=7)
        elif sense == "last" and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        f.value = _monday(saturday)
        return
    if kind == "period":
        unit = lx.UNITS[g["unit"].lower()]
        step = lx.PERIOD_STEPS[" ".join(g["rel"].lower().split())]
        f.precision, f.relative = unit, True
        if pub is None or step is None:
            return
        base = _truncate(pub, unit)
        f.value, _ = _shift(base, unit, step, unit)
        return


def _checked(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _count(text: str, lx) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return lx.NUMBERS.get(text)


def _resolve_anaphor(f: _Found, anchor: tuple[date, str] | None, pub: date | None, text: str,
                     lx) -> None:
    g = f.match.groupdict()
    f.relative = True
    if f.kind == "offset":
        unit = lx.UNITS[g["unit"].lower()]
        f.precision = unit
        n = _count(g["n"], lx)
        sign, bound = lx.OFFSET_DIRECTIONS[g["dir"].lower()]
        if bound and not _ends_clause(text, f.end):
            return  # "a day after Turkey sent tanks": relative to another event, not a date
        if n is None:
            return
        base = anchor or ((pub, DAY) if pub else None)
        if base is None:
            return
        f.value, f.precision = _shift(base[0], base[1], sign * n, unit)
        return
    w = " ".join(g["w"].lower().split())
    unit = next((lx.UNITS[u] for u in lx.ANAPHOR_UNITS if u in w), DAY)
    if lx.ANAPHOR_NIGHT in w:
        unit = DAY
    f.precision = unit
    if anchor is None:
        return
    if lx.ANAPHOR_SAME in w or w.startswith(lx.ANAPHOR_THAT):
        f.value, f.precision = anchor[0], anchor[1] if _RANK[anchor[1]] > _RANK[unit] else unit
        f.value = _truncate(f.value, f.precision)
        return
    if w.endswith(lx.ANAPHOR_BOUND_ENDINGS) and not _ends_clause(text, f.end):
        return
    sign = -1 if any(word in w for word in lx.ANAPHOR_BACK) else 1
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
    lx = (lang.get() if spacy_doc is None else lang.of(spacy_doc)).dates

    found: list[_Found] = []
    for order, (kind, pattern) in enumerate(lx.PATTERNS):
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
    rank = {k: i for i, (k, _) in enumerate(lx.PATTERNS)}
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
            _resolve_anaphor(f, usable, pub, text, lx)
        else:
            _resolve(f, pub, spacy_doc, lx)
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
            if lx.UNRESOLVED_SKIP.search(etext) or (etext[:1].isupper() and ent.start > 0
                                                    and etext.lower() in lx.CAPITALISED_SKIP):
                continue
            if re.fullmatch(r"(?:19|20)\d{2}", etext):
                out.append(TimeExpression(etext, ent.start_char, ent.end_char,
                                          date(int(etext), 1, 1), YEAR, False))
                continue
            out.append(TimeExpression(etext, ent.start_char, ent.end_char, None, None,
                                      bool(lx.DEICTIC.search(etext))))
    out.sort(key=lambda t: t.start)
    return out
