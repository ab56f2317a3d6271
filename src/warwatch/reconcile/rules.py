"""The corpus stage's rules on single items: who an outlet is, how wide a toll is, when a report's
date is weak, what counts as a control entry, and which cross-article pairs may be compared.

Pure functions over stored JSON (no database, no clock); ``state.CorpusState`` and the older
``merge``/``contradictions`` functions call them. See docs/architecture.md (corpus stage).
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any, Mapping
from urllib.parse import urlsplit

from .. import lang
from ..claims.control import is_vague, to_date

__all__ = ["outlet", "toll_range", "tolls_agree", "event_span", "named_holder", "PAIR_DAYS", "PAIRS_PER_CLAIM",
           "REPORTED_BACK_DAYS", "is_scope", "attack_family", "ATTACK_FAMILIES", "FAMILIES", "family",
           "families_compatible"]

PAIR_DAYS = 3
"""Two reports from different articles are compared only when dated within this many days."""
PAIRS_PER_CLAIM = 3
"""One claim takes part in at most this many cross-article contradictions (one per other outlet)."""
REPORTED_BACK_DAYS = 1
"""A report dated only by its publication day (precision ``reported``) may be about any of the
days before it, up to this many."""
ATTACK_FAMILIES = frozenset({"battle", "remote", "civilians"})

_SECOND_LEVEL = frozenset("co com org net gov ac edu mil news".split())


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or re.fullmatch(r"[\d.:]+", host):
        return host or None
    labels = [x for x in host.split(".") if x]
    while len(labels) > 2 and labels[0] in ("www", "m", "amp", "mobile", "en", "english"):
        labels = labels[1:]
    # a registered domain by a short rule (no public-suffix list ships offline with our deps):
    # "bbc.co.uk", "aa.com.tr" keep three labels, everything else the last two
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def outlet(article: Mapping[str, Any]) -> str:
    """Who published ``article`` (``{id, site, url}``): its site, else its URL's registered
    domain, else the article itself (an unknown outlet counts once per article)."""
    site = (article.get("site") or "").strip().lower()
    if site:
        host = _host(site if "://" in site else "http://" + site) if "." in site and " " not in site else None
        return host or site
    return _host(article.get("url")) or f"article:{article.get('id')}"


# -- event families -----

FAMILIES = {
    "territorial": ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"),
    "battle": ("ARMED_CLASH",),
    "remote": ("AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SUIC_BOMB", "CHEM_WEAP"),
    "civilians": ("ATTACK", "SEX_VIOL", "ABDUCT_DISSAP"),
    "protest": ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"),
    "riot": ("VIOL_DEMONSTR", "MOB_VIOL"),
    "agreement": ("AGREEMENT",),
}
_FAMILY_OF = {code: fam for fam, codes in FAMILIES.items() for code in codes}
_COMPATIBLE = {frozenset({"remote", "civilians"})}


def family(code: str) -> str:
    return _FAMILY_OF.get(code, code)


def families_compatible(a: str, b: str) -> bool:
    fa, fb = family(a), family(b)
    return fa == fb or frozenset({fa, fb}) in _COMPATIBLE



# -- tolls -----------------------------------------------------------------------------------------


def _value(word: str, lx) -> int | None:
    w = word.lower().replace(",", "")
    return int(w) if w.isdigit() else lx.NUMBER_WORDS.get(w)


def toll_range(value: int | None, texts: Any = (), language: str | None = None) -> tuple[float, float] | None:
    """The range a toll of ``value`` stands for, read from the report sentences ``texts`` that
    give it: "at least 8" is [8, inf), "more than 8" [9, inf), "up to 8" [0, 8], "nearly 8"
    [0.8x8, 8], "about 8" [0.8x8, 1.2x8]; a bare number is exact. A bound anywhere in the
    reports wins over a bare repeat ("Strikes kill 85" in the headline, "at least 85" in the
    body: at least 85). None without a value."""
    if value is None:
        return None
    lx = lang.get(language).reconcile
    if isinstance(texts, str):
        texts = (texts,)
    for text in texts:
        for m in lx.NUMBER.finditer(text or ""):
            if _value(m.group(1), lx) != value:
                continue
            if lx.NOT_A_TOLL.match(text[m.end():m.end() + 12]):
                return None   # "30 km south of": a distance read as a toll
            before = text[max(0, m.start() - 30):m.start()]
            if lx.TOLL_AT_LEAST.search(before):
                return float(value), math.inf
            if lx.TOLL_MORE_THAN.search(before):
                return float(value + 1), math.inf
            if lx.TOLL_UP_TO.search(before):
                return 0.0, float(value)
            if lx.TOLL_FEWER_THAN.search(before):
                return 0.0, float(value - 1)
            if lx.TOLL_NEARLY.search(before):
                return math.floor(value * 0.8), float(value)
            if lx.TOLL_ABOUT.search(before):
                return math.floor(value * 0.8), math.ceil(value * 1.2)
    return float(value), float(value)


def tolls_agree(a: tuple[float, float] | None, b: tuple[float, float] | None, *,
                published_a: Any = None, published_b: Any = None) -> bool:
    """Whether two tolls can both be true: their ranges overlap, or the later report (published
    a day or more after) gives more (tolls rise as the dead are counted)."""
    if a is None or b is None:
        return True
    if a[0] <= b[1] and b[0] <= a[1]:
        return True
    da, db = to_date(published_a), to_date(published_b)
    if da is not None and db is not None and da != db:
        later, earlier = (a, b) if da > db else (b, a)
        return later[0] > earlier[1]
    return False


# -- dates -----------------------------------------------------------------------------------------


def event_span(ev: Mapping[str, Any], published: date | None) -> tuple[date, date] | None:
    """The days an event may have happened on: its stated date's span, or, for a date that is
    only the report's own day (``reported``) or missing, the few days before publication."""
    d = to_date(ev.get("date"))
    prec = ev.get("date_precision") or "day"
    if d is None or prec == "reported":
        anchor = d or published
        if anchor is None:
            return None
        return anchor - timedelta(days=REPORTED_BACK_DAYS), anchor
    if prec == "day":
        return d, d
    if prec == "week":
        return d, d + timedelta(days=6)
    if prec == "month":
        nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        return d, nxt - timedelta(days=1)
    if prec == "year":
        return d, d.replace(month=12, day=31)
    return d - timedelta(days=1), d + timedelta(days=1)


def stated(ev: Mapping[str, Any]) -> bool:
    """The text gives the event's date (not only the report's day)."""
    return ev.get("date") is not None and (ev.get("date_precision") or "day") != "reported"


# -- control and claims ------------------------------------------------------------------------------


def named_holder(st: Any) -> bool:
    """A control statement that can make a timeline entry: fighting (contested) needs no holder;
    a capture, holding or loss needs a named actor as its holder, not a verb alone or "rebels"."""
    get = st.get if isinstance(st, Mapping) else (lambda k: getattr(st, k, None))
    if get("status") == "contested":
        return True
    return not is_vague(get("controller"))


def is_scope(text: str | None, language: str | None = None) -> bool:
    """A statement of what a deal covers ("X is not covered by the truce"), not a denial of it."""
    return bool(text) and bool(lang.get(language).reconcile.SCOPE.search(text))


def denies_deal(text: str | None, deny: bool = False, language: str | None = None) -> bool:
    """A negative statement about a deal that does deny it: a denial, or "there is no truce"."""
    return deny or bool(text) and bool(lang.get(language).reconcile.NO_DEAL.search(text))


NOT_HOLDERS = frozenset({"igo", "ngo", "media", "monitor", "person"})
"""Actor types that do not hold territory (a "UN took Damascus" misreading)."""


def attack_family(fam: str) -> bool:
    """Families of violent incidents, which merge only on place, date and compatible tolls."""
    return fam in ATTACK_FAMILIES
