"""Plain-text read mode: text pasted from a web page, with its page chrome removed.

Copying an article out of a browser drags along the page around it: "Read Mode",
"100% Font Size", "4 min read", share bars, cookie notices, "Advertisement",
navigation menus, "Related articles" lists. This module removes such lines by their
*shape*, never by deleting substrings inside a sentence:

* a line is chrome when the whole (short) line matches a chrome pattern, e.g.
  "Share on Facebook", "Tweet", "Copy link", "Accept all", "Advertisement",
  "Subscribe", "5 min read", "100% Font Size"; a cookie notice is a line that *starts*
  with "We use cookies" / "This site uses cookies" and is at most 300 characters, so a
  paragraph that mentions cookies elsewhere stays;
* a navigation menu is a run of three or more consecutive short lines (at most three
  words, no sentence punctuation), or one line split by three or more "|", "•", "·";
* a "Related articles" / "More from" / "Recommended" / "Read more" heading drops itself
  and the headline-shaped lines that follow it (short, no final full stop), up to the
  next real sentence or blank-line gap followed by prose;
* "By Name" lines become the author, "Published: <date>" / "Updated: <date>" lines
  become published / updated (an empty "Published: Updated:" line is simply dropped);
* the first substantial line (3+ words, at most 200 characters, not a sentence ending
  in a full stop) becomes the title unless ``raw.title`` is given, and is not repeated
  at the start of the text.

Paragraphs are separated by a blank line. When the text is hard-wrapped (blank-line
separated blocks of lines of at most ~80 characters), lines inside a block are joined.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timezone

from warwatch.extract import datelines
from warwatch.extract.dates import parse_datetime
from warwatch.extract.metadata import confident, detect_language
from warwatch.extract.reading import reading_minutes, word_count
from warwatch.records import Article, ExtractionError, RawDocument

_CHROME = re.compile(
    r"""^(?:
        read(?:er|ing)?\s+mode|\d{2,3}\s*%\s*(?:font\s+size)?|font\s+size|a\s*a\s*a|[-+]?\s*a\s*[-+]|text\s+size|
        \d+\s*(?:-|to)?\s*\d*\s*min(?:ute)?s?\s*(?:read|reading(?:\s+time)?)|reading\s+time\s*:?.{0,20}|
        top\s+content(?:\s+trending)?|trending(?:\s+now)?|top\s+stories|most\s+(?:read|popular|viewed)|latest(?:\s+news)?|
        breaking(?:\s+news)?|live|menu|search|home|close|skip\s+to\s+(?:main\s+)?content|
        share|share\s+(?:this|on\s+\w+|via\s+\w+).{0,30}|tweet|post|whatsapp|telegram|facebook|twitter|x|
        linkedin|reddit|pinterest|email|e-mail|print|copy(?:\s+link)?|link\s+copied|copied!?|save|bookmark|
        comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+comment|show\s+comments|
        advertisement|advertising|ad|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|
        (?:subscribe|sign\s+up|sign\s+in|log\s+in|register|login)(?:\s+(?:now|today|here))?|
        subscribe\s+to\s+(?:our|the)\s+.{0,50}|get\s+(?:our|the)\s+.{0,40}newsletter.{0,60}|newsletter|
        accept(?:\s+all)?(?:\s+cookies)?|reject(?:\s+all)?|decline|agree|i\s+agree|ok(?:ay)?|got\s+it|
        (?:manage|customi[sz]e)\s+(?:cookies?|preferences|settings|consent).{0,20}|cookie\s+(?:settings|policy|preferences)|
        privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|
        follow\s+us(?:\s+on\s+.{0,40})?|listen\s+(?:to\s+(?:this\s+)?(?:article|story))?.{0,20}|
        (?:photo|image|video|credit)s?\s*:.{0,80}|©.{0,80}|all\s+rights\s+reserved\.?|
        loading(?:\.\.\.|…)?|back\s+to\s+top|next\s+article|previous\s+article|more|show\s+more|see\s+more|load\s+more
    )[\s.!:]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COOKIE_NOTICE = re.compile(r"^(?:we|this\s+(?:web)?site|our\s+(?:web)?site)\s+uses?\s+cookies\b", re.IGNORECASE)
_RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|content|coverage|news|posts?|links|reading))?|more\s+from\s+.{1,40}|"
    r"more\s+(?:stories|news|on\s+this(?:\s+story)?)|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+also\s+like|"
    r"read\s+(?:more|next|also)|see\s+also|also\s+read|popular\s+(?:now|stories)|editor'?s\s+picks?)\s*:?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|reporting\s+by)\s*:?\s+"
    r"(?P<name>[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,4}"
    r"(?:\s*(?:,|and|&)\s*[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,4}){0,4})"
    r"(?:\s*[,|•·–—-]\s*(?P<rest>.{0,80}))?$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^(?P<kind>published|posted|first\s+published|updated|last\s+updated|modified|last\s+modified)"
    r"(?:\s+on)?\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…\"”»)]$")
_SEPARATED_MENU = re.compile(r"\s[|•·]\s")


def _date_from(value: str) -> datetime | None:
    value = value.strip(" .|•·-–—")
    if not value:
        return None
    value = re.sub(r"\b(?:at|um|à)\b", " ", value)
    parsed = parse_datetime(value[:64])
    if parsed is None:
        try:
            from dateutil import parser as dateparser

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                guess = dateparser.parse(value[:64], fuzzy=True)
        except (ValueError, OverflowError, TypeError):
            return None
        parsed = parse_datetime(guess.isoformat() if re.search(r"\d{1,2}:\d{2}", value) else guess.date().isoformat())
    return parsed[0] if parsed else None


def _is_short_menu_item(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 3 and len(line) <= 30 and not _SENTENCE_END.search(line) and not any(
        ch.isdigit() for ch in line
    )


def _is_chrome(line: str) -> bool:
    if len(line) <= 120 and _CHROME.match(line.strip(" \t•·|>»›*-–—")):
        return True
    if len(line) <= 300 and _COOKIE_NOTICE.match(line):
        return True
    if len(_SEPARATED_MENU.findall(line)) >= 3 and not _SENTENCE_END.search(line):
        segments = re.split(r"\s[|•·]\s", line)
        return all(len(seg.split()) <= 4 for seg in segments)
    return False


def _is_headline_shaped(line: str) -> bool:
    return len(line) <= 140 and not re.search(r"[.!?…]$", line)


def _blocks(text: str) -> list[list[str]]:
    """Lines grouped by blank lines."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    lines = [line for block in blocks for line in block[:-1]]
    multi = [b for b in blocks if len(b) > 1]
    if len(multi) < max(1, len(blocks) // 2) or not lines:
        return False
    return sum(1 for line in lines if 40 <= len(line) <= 80) >= 0.8 * len(lines)


def clean_lines(text: str) -> tuple[list[str], str | None, datetime | None, datetime | None]:
    """Paragraphs without chrome, and the author / published / updated lifted out."""
    blocks = _blocks(text)
    if _hard_wrapped(blocks):
        blocks = [[" ".join(block)] for block in blocks]

    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    # flatten with gap markers (None) so "related" blocks can stop at a gap
    items: list[str | None] = []
    for block in blocks:
        items.extend(block)
        items.append(None)

    kept: list[str | None] = []
    in_related = False
    for line in items:
        if line is None:
            kept.append(None)
            continue
        if in_related:
            if _is_headline_shaped(line) or _is_chrome(line):
                continue
            in_related = False
        if _RELATED_HEADING.match(line.strip(" \t•·|>»›*-–—")):
            in_related = True
            continue
        byline = _BYLINE.match(line)
        if byline and len(line) <= 160:
            author = author or byline.group("name").strip()
            rest = byline.group("rest") or ""
            date = _date_from(rest) if rest else None
            if date and published is None:
                published = date
            continue
        dated = _DATE_LINE.match(line)
        if dated and len(line) <= 120:
            value = dated.group("value")
            # "Published: 3 May 2024 Updated: 4 May 2024" on one line
            parts = re.split(r"\b(?:updated|last\s+updated|modified)\b\s*:?", value, flags=re.IGNORECASE)
            first = _date_from(parts[0])
            kind = dated.group("kind").lower()
            if "updat" in kind or "modif" in kind:
                updated = updated or first
            else:
                published = published or first
                if len(parts) > 1:
                    updated = updated or _date_from(parts[1])
            if first is not None or not value.strip() or len(parts) > 1 or len(value) < 40:
                continue
        if _is_chrome(line):
            continue
        kept.append(line)

    # navigation menus: runs of 3+ consecutive short lines
    lines = kept
    out: list[str | None] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line is not None and _is_short_menu_item(line):
            j = i
            while j < len(lines) and (lines[j] is None or _is_short_menu_item(lines[j])):
                j += 1
            run = [x for x in lines[i:j] if x is not None]
            if len(run) >= 3:
                out.append(None)
                i = j
                continue
        out.append(line)
        i += 1
    paras = [line for line in out if line is not None]
    return paras, author, published, updated


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return len(words) >= 3 and len(line) <= 200 and not line.endswith((".", ",", ";", ":"))


_BYLINE_AFTER = re.compile(r"^[ \t]*(?P<line>\S[^\n]{8,198}\S)[ \t]*\n(?:[ \t]*\n)*[ \t]*By\s+\w", re.MULTILINE)


def _line_before_byline(text: str) -> str | None:
    match = _BYLINE_AFTER.search(text)
    return match.group("line").strip() if match else None


def _is_masthead(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 5 and len(line) <= 40 and all(w[0].isupper() or not w[0].isalpha() for w in words) \
        and not _SENTENCE_END.search(line)


def extract_text(text: str, raw: RawDocument) -> Article:
    paras, author, published, updated = clean_lines(text)
    site = None
    title = (raw.title or "").strip() or None
    if title and " | " in title:   # "Headline | Outlet", as feeds and pages title their items
        head, _, tail = title.rpartition(" | ")
        if head.strip() and 1 <= len(tail.split()) <= 4 and len(tail) <= 40 and tail[:1].isupper():
            title, site = head.strip(), tail.strip()
    if paras:   # a dateline and the repeated headline before the first sentence, credits after the last
        head = datelines.lead(paras[0], title)
        paras[0] = head.rest.strip()
        published, updated = published or head.published, updated or head.updated
        author = author or head.author
        paras[-1] = datelines.credits(paras[-1])
        paras = [datelines.drop_widgets(p) for p in paras]
        paras = [p for p in paras if p]
    if title:
        norm = " ".join(title.lower().split())
        if paras and " ".join(paras[0].lower().split()) == norm:
            paras = paras[1:]
    else:
        # A headline sits right above its byline; without a byline, the first title-like line.
        anchored = _line_before_byline(text)
        candidates = [anchored] if anchored in paras[:8] and _is_title_candidate(anchored) else []
        candidates += [line for line in paras[:5] if _is_title_candidate(line)]
        if candidates:
            title = candidates[0]
            index = paras.index(title)
            if anchored == title and index > 0 and _is_masthead(paras[0]):
                site = paras[0]  # pasted pages start with the outlet's masthead
            paras = paras[index + 1:]
    if not paras and title:
        paras = [title]   # a headline alone (a feed item, a one-line record) is the text
    if not paras or not any(ch.isalnum() for p in paras for ch in p):
        raise ExtractionError("no main text found")
    body = "\n\n".join(paras)

    if raw.published is not None:
        published = raw.published if raw.published.tzinfo else raw.published.replace(tzinfo=timezone.utc)
    if updated is not None and published is not None and updated <= published:
        updated = None   # no later than the publication: not an update
    guess = detect_language(body)
    if guess is not None and not confident(guess, body):
        guess = None   # too short or too unsure to say: the pipeline's own language is taken
    words = word_count(body)
    return Article(
        url=raw.url,
        title=title,
        author=author,
        site=site,
        published=published,
        updated=updated,
        language=guess[0] if guess else None,
        word_count=words,
        reading_minutes=reading_minutes(words),
        text=body,
    )
