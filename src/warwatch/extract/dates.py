"""Page dates: published and updated (see :func:`pick_dates`).

* published: ``raw.published`` when given (a user's ``--published`` or a feed's entry
  date is authoritative over the page), else JSON-LD ``datePublished``,
  ``article:published_time``, ``itemprop=datePublished``, parsely/sailthru/Dublin
  Core/citation meta, ``<time pubdate>`` / first ``<time datetime>``, then htmldate
  (``original_date=True``);
* updated: JSON-LD ``dateModified``, ``article:modified_time``, ``og:updated_time``,
  ``itemprop=dateModified``, ``dcterms.modified``, then htmldate
  (``original_date=False``); kept only when it is later than ``published``.

Times: a value with a time of day and an offset keeps its offset; a time of day without
an offset is taken as UTC; a date without a time of day becomes midnight UTC of that day.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timezone
from typing import Any

from lxml.html import HtmlElement

from warwatch.extract.engines import find_date
from warwatch.extract.markup import _clean

_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_datetime(value: Any) -> tuple[datetime, bool] | None:
    """Parse a page date; returns (aware datetime, has_time_of_day) or None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (int, float)) and 10**8 < value < 10**13:  # epoch s or ms
        value = value / 1000 if value > 10**11 else value
        return datetime.fromtimestamp(value, tz=timezone.utc), True
    text = _clean(value)
    if not text or len(text) > 64:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return parse_datetime(int(text))
    has_time = bool(_TIME_OF_DAY.search(text))
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            from dateutil import parser as dateparser

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unknown tz names ("EST"): taken as UTC
                parsed = dateparser.parse(text, fuzzy=False)
        except (ValueError, OverflowError, TypeError):
            return None
    if parsed is None or not (1990 <= parsed.year <= datetime.now().year + 1):
        return None
    if not has_time:
        parsed = parsed.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=timezone.utc)
    elif parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed, has_time


PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published",
    "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date.created", "citation_publication_date",
    "citation_date", "publish-date", "publish_date", "publishdate", "pubdate",
    "article.published", "date", "dc.date", "dcterms.date", "og:published_time",
)
UPDATED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time",
    "datemodified", "dcterms.modified", "dc.date.modified", "last-modified",
    "article.updated", "lastmod",
)


def pick_dates(
    tree: HtmlElement, meta: dict[str, list[str]], primary: dict, url: str | None,
    raw_published: datetime | None,
) -> tuple[datetime | None, datetime | None]:
    """``(published, updated)`` of the page (see module docstring)."""
    published = _pick_date(
        [primary.get("datePublished"), primary.get("dateCreated")]
        + [meta.get(k, [None])[0] for k in PUBLISHED_META]
        + _time_elements(tree, "published")
    )
    updated = _pick_date(
        [primary.get("dateModified")]
        + [meta.get(k, [None])[0] for k in UPDATED_META]
        + _time_elements(tree, "modified")
    )
    if published is None:
        published = _htmldate(tree, url, original=True)
    if updated is None and published is not None:
        updated = _htmldate(tree, url, original=False)
    if raw_published is not None:
        published = raw_published if raw_published.tzinfo else raw_published.replace(tzinfo=timezone.utc)
    if updated is not None and (published is None or updated <= published):
        updated = None
    return published, updated


def _time_elements(tree: HtmlElement, kind: str) -> list[str | None]:
    out: list[str | None] = []
    if kind == "published":
        xpath = (
            './/*[@itemprop="datePublished"]|.//time[@pubdate]'
            '|.//time[contains(@class,"publish") or contains(@class,"posted") or contains(@class,"entry-date")]'
        )
    else:
        xpath = './/*[@itemprop="dateModified"]|.//time[contains(@class,"updated") or contains(@class,"modified")]'
    for elem in tree.xpath(xpath)[:5]:
        out.append(elem.get("datetime") or elem.get("content") or _clean(elem.text_content()))
    if kind == "published":
        first_time = tree.find(".//time[@datetime]")
        if first_time is not None:
            out.append(first_time.get("datetime"))
    return out


def _pick_date(values: list[Any]) -> datetime | None:
    """First parseable value; a later value with a time of day refines a date-only one."""
    best: tuple[datetime, bool] | None = None
    for value in values:
        if value is None:
            continue
        parsed = parse_datetime(value)
        if parsed is None:
            continue
        if best is None:
            best = parsed
            if parsed[1]:
                break
        elif parsed[1] and parsed[0].date() == best[0].date():
            best = parsed
            break
    return best[0] if best else None


def _htmldate(tree: HtmlElement, url: str | None, original: bool) -> datetime | None:
    """htmldate's date from markup and URL; its search of the page's text only as a last resort.

    That search also takes a bare year from the body ("1995 people were displaced") as
    1 January of that year: such year-only guesses are dropped.
    """
    for extensive in ((False, True) if original else (False,)):
        try:
            found = find_date(tree, url=url, original_date=original, extensive_search=extensive)
        except Exception:  # htmldate is best effort
            return None
        parsed = parse_datetime(found) if found else None
        if parsed is None:
            continue
        if extensive and (parsed[0].month, parsed[0].day) == (1, 1):
            return None
        return parsed[0]
    return None
