"""Datelines and wire furniture around an article copied as plain text.

Text copied from a news page, or kept by a corpus as one flattened string, often opens with
the page's dateline and byline ("Wed 05 Apr 2017", "Posted on April 2 2017 by A and B", "Last
updated at Aug 012016"), repeats the headline, and ends with credits ("--Reuters", "Reporting by
A; Editing by B", "(Source: X)", a site footer). ``lead`` lifts the date (the publication time
when nothing better is known) and the byline out of the text's start and drops the repeated
headline; ``credits`` drops the credits at its end. The shapes are the language's
(``lang/<code>/furniture.py``); nothing inside a sentence is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from .. import lang

LEAD_WINDOW = 400
"""A known headline is looked for in the first this many characters of the text."""


@dataclass(slots=True)
class Lead:
    rest: str
    """The text from its first sentence on."""
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    title_found: bool = False
    """Whether the known headline stood at the start and was dropped."""


def parse_date(value: str) -> datetime | None:
    """A dateline's date as a UTC midnight ("Aug 012016" is Aug 01 2016; numbers are day first)."""
    value = value.strip()
    m = re.fullmatch(r"([0-3]?\d)[./-]([01]?\d)[./-]((?:19|20)\d{2})", value)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        from dateutil import parser as dateutil_parser

        value = re.sub(r"(?<=[A-Za-z.]) ?([0-3]\d)((?:19|20)\d{2})$", r" \1 \2", value)
        try:
            parsed = dateutil_parser.parse(value, fuzzy=True, default=datetime(1900, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
        day, month, year = parsed.day, parsed.month, parsed.year
    try:
        found = datetime(year, month, day, tzinfo=timezone.utc)
    except ValueError:
        return None
    return found if 1990 <= found.year <= datetime.now().year + 1 else None


def _key(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text`` in lower case, and where each came from."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isalnum():
            chars.append(ch.lower())
            where.append(i)
    return "".join(chars), where


def _find_title(text: str, title: str) -> tuple[int, int] | None:
    """Where a known headline stands near the start of ``text``, ignoring punctuation and
    case (feeds lose apostrophes and colons)."""
    want, _ = _key(title)
    if len(want) < 12:
        return None
    have, where = _key(text[:LEAD_WINDOW + len(title)])
    at = have.find(want)
    if at < 0:
        return None
    start, end = where[at], where[at + len(want) - 1] + 1
    return (start, end) if start <= LEAD_WINDOW else None


def lead(text: str, title: str | None, language: str | None = None) -> Lead:
    """The dateline, byline and repeated headline at the start of ``text``, lifted out."""
    words = lang.get(language).furniture
    out = Lead(rest=text)
    found = _find_title(text, title) if title else None
    if found is not None:
        prefix = text[:found[0]]
        m = words.DATE_IN.search(prefix)
        if m:
            when = parse_date(m.group("date"))
            if words.UPDATED_WORDS.search(prefix[:m.start()]):
                out.updated = when
            else:
                out.published = when
        by = words.BYLINE_IN.search(prefix)
        if by:
            out.author = by.group("name").strip()
        rest = text[found[1]:].lstrip(" .:;,-–—|\n")
        out.title_found = True
    else:
        m = words.LEAD.match(text)
        if m is None or not m.group("date"):
            out.rest = _widgets(text, words)
            return out
        when = parse_date(m.group("date"))
        if words.UPDATED_WORDS.search(m.group(0)[:m.start("date")]):
            out.updated = when
        else:
            out.published = when
        rest = text[m.end():]
        found = _find_title(rest, title) if title else None
        if found is not None and found[0] == 0:
            rest = rest[found[1]:].lstrip(" .:;,-–—|\n")
            out.title_found = True
    # a dateline right after the headline ("<headline> 8 November 2016 SANA Members of ...")
    m = words.LEAD.match(rest)
    if m and m.group("date") and len(rest) > m.end():
        when = parse_date(m.group("date"))
        if out.published is None:
            out.published = when
        rest = rest[m.end():]
        agency = words.AGENCY_AFTER_DATE.match(rest)
        if agency:
            rest = rest[agency.end():]
    share = words.SHARE_LEAD.match(rest)
    if share and len(rest) > share.end():
        rest = rest[share.end():]
    out.rest = _widgets(rest, words)
    return out


def _widgets(text: str, words) -> str:
    """``text`` without a share widget before its first sentence."""
    short = words.SHORT_URL_LEAD.match(text)
    if short and len(text) > short.end():
        text = text[short.end():]
    return text


def drop_widgets(text: str, language: str | None = None) -> str:
    """``text`` without the share widgets and tag lists flattened into it: a "Get short URL"
    widget where a sentence starts, and a tag list from "Tags" to where the next sentence starts
    (a count or an article before a lower-case word; a list with no sentence after it runs to
    the end)."""
    words = lang.get(language).furniture
    text = words.SHORT_URL_LEAD.sub(" ", text).strip()
    pos = 0
    while (m := words.TAGS_AT.search(text, pos)) is not None:
        first = words.FIRST_SENTENCE.search(text, m.end(), m.end() + 300)
        if first is not None:
            head = text[:m.start()].rstrip()
            text = head + (" " if head else "") + text[first.start():]
        elif not re.search(r"[.!?]", text[m.end():]):
            text = text[:m.start()].rstrip()
        pos = m.start() + 1
    return text.strip()


def credits(text: str, language: str | None = None) -> str:
    """``text`` without the credits and footers after its last sentence."""
    words = lang.get(language).furniture
    while True:
        before = text
        for rx in (*words.CREDITS, words.FOOTER_RUN, words.TAGS_END):
            m = rx.search(text)
            if m and m.start() > 0 and len(text) - m.start() < 600:
                text = text[:m.start()].rstrip()
        if text == before:
            return text
