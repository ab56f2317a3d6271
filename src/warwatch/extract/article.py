"""HTML read mode: main text with trafilatura, metadata from what news pages publish.

Main text
---------
trafilatura (``bare_extraction``, comments off, tables on) does the heavy lifting. On top
of it (see :func:`main_text`, :func:`clean_paragraphs`, :func:`apply_json_body`):

* broken markup: an unclosed ``<aside>``/``<header>``/``<footer>``/``<nav>`` that swallowed
  the article (it holds the ``<article>`` or most paragraphs) is renamed to ``div``
  first, otherwise trafilatura drops the article with the container;
* mode chosen by page signals: news pages (an ``Article``-type JSON-LD object,
  ``og:type=article`` or ``article:published_time``) run precision mode, whose stricter
  pruning suits their dense chrome (related rails, newsletter boxes). Unless its output
  is long (1500+ characters) and covers 70% of the page's paragraph text, balanced mode
  runs too, and precision is kept unless it lost more than half of the balanced text
  (then it cut the article itself). Other pages run balanced mode. When the result is
  under 1000 characters a recall-mode run is tried and kept if at least twice as long;
* JSON-LD ``articleBody``: when much longer than the extraction and consistent with it,
  it replaces it (the extractor missed part of the article); when about as long and
  consistent, extracted paragraphs absent from it (captions, promos) are dropped;
* residual boilerplate lines are removed by shape ("Advertisement", "Read more",
  "Related: ...", "Share this article", newsletter and app prompts, photo credits, bare
  ISO timestamps ...), only when the whole short line matches;
* a repeated title, ``<h1>`` or byline at the start of the text is dropped, and so is a
  second in-order copy of a passage of 3+ paragraphs (AMP/no-script duplicates);
* paragraphs are separated by exactly one blank line.

Metadata
--------
Each field is taken from the most specific source available, in order:

* title: the visible headline (``<h1>`` in ``<article>``, or the ``<h1>`` most similar to
  the metadata titles) when metadata confirms it, else JSON-LD ``headline``,
  ``og:title``/``twitter:title``, ``<title>``, trafilatura's heuristics; a trailing or
  leading " | Site name" is cut; ``raw.title`` is used when the page has none;
* author: JSON-LD ``author`` names (a person in the meta tags beats an organisation
  listed as author), ``author``/``article:author`` (not URLs)/parsely/sailthru/Dublin
  Core/citation meta, then trafilatura's byline heuristics; "By", "Author:" prefixes and
  trailing dates/"Last updated" are cut, several authors are joined with ", ";
* site: ``og:site_name``, JSON-LD publisher, ``application-name``, else the host name;
* url: ``<link rel=canonical>``, ``og:url``, else ``raw.url`` (a canonical pointing at
  the site's home page is ignored);
* language: ``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, ``content-language``;
  py3langid on the text when none is declared or when the text is long and langid is
  very sure of another language. Reported as the primary subtag, lowercase ("en");
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

import html
import json
import logging
import re
import warnings
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from warwatch.extract.reading import reading_minutes, word_count
from warwatch.records import Article, ExtractionError, RawDocument

# trafilatura and htmldate log every discarded page at WARNING: silence them, the
# caller gets an ExtractionError with a reason instead.
for _name in ("trafilatura", "htmldate", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

import trafilatura  # noqa: E402
from htmldate import find_date  # noqa: E402
from trafilatura.metadata import (  # noqa: E402
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_title,
)
from trafilatura.utils import load_html  # noqa: E402

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "report", "scholarlyarticle", "techarticle",
    "posting", "discussionforumposting", "advertisercontentarticle", "satiricalarticle",
}

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WS = re.compile(r"\s+")
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•:»«]|-{1,2}|::)\s+")


# --- small helpers ------------------------------------------------------------------

def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    value = _WS.sub(" ", value).strip()
    return value or None


def parse_tree(text: str) -> HtmlElement | None:
    text = _XML_DECL.sub("", text, count=1)
    tree = load_html(text)
    if tree is None or len(tree) == 0:
        tree = load_html(f"<html><body>{text}</body></html>")
    return tree


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


# --- JSON-LD ------------------------------------------------------------------------

def _walk_jsonld(node: Any, out: list[dict]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, out)
    elif isinstance(node, dict):
        if "@type" in node:
            out.append(node)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                _walk_jsonld(node[key], out)


def jsonld_objects(tree: HtmlElement) -> list[dict]:
    out: list[dict] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        if not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (json.JSONDecodeError, ValueError):
            continue
        _walk_jsonld(data, out)
    return out


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (string, object, list)."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            name = _clean(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = ", ".join(n for n in name if isinstance(n, str))
            elif isinstance(name, dict):
                name = name.get("name")
            if not name and item.get("givenName"):
                name = " ".join(
                    str(item[k]) for k in ("givenName", "additionalName", "familyName") if item.get(k)
                )
            name = _clean(name)
        else:
            name = None
        if name and not name.lower().startswith(("http:", "https:")) and name not in names:
            names.append(name)
    return names


# --- meta tags ----------------------------------------------------------------------

def meta_map(tree: HtmlElement) -> dict[str, list[str]]:
    """``name``/``property``/``itemprop``/``http-equiv`` (lowercased) -> contents."""
    out: dict[str, list[str]] = {}
    for elem in tree.iter("meta"):
        content = elem.get("content")
        if content is None:
            content = elem.get("datetime")
        content = _clean(content)
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = elem.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content)
    return out


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if value:
                return value
    return None


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
AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "byl", "og:article:author",
)


# --- field pickers ------------------------------------------------------------------

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:written|posted|reviewed|published|reported)\s+by|by|author(?:s|ed by)?|von|par|por|door|di)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_AUTHOR_TAIL = re.compile(
    rf"\s*(?:[•|·—–]|\b(?:last\s+)?updated\b|\bpublished\b|\bposted\b|\bon\s+\d|\b(?:{_MONTHS})\b\.?\s*(?:\d|$)|\d{{1,4}}[/.-]\d).*$",
    re.IGNORECASE,
)


def _plausible_author(name: str | None) -> str | None:
    """A person-like author string, or None (URLs, e-mails, handles, dates are refused)."""
    name = _clean(name)
    if not name or name.lower().startswith(("http:", "https:", "www.")) or "@" in name:
        return None
    name = _AUTHOR_PREFIX.sub("", name)
    name = _AUTHOR_TAIL.sub("", name).strip(" ,;:-")
    if not name or len(name) > 120 or not any(ch.isalpha() for ch in name):
        return None
    if re.fullmatch(rf"(?:{_MONTHS}|the author|admin|administrator|staff|author|unknown|editor)", name, re.IGNORECASE):
        return None
    return name


def _jsonld_authors(primary: dict) -> tuple[list[str], bool]:
    """Author names of the article object, and whether they are all organisations."""
    value = primary.get("author") if primary else None
    if value is None:
        return [], False
    items = value if isinstance(value, list) else [value]
    orgs = all(isinstance(i, dict) and "organization" in _types(i) for i in items)
    return _names(value), orgs


def strip_site_from_title(title: str, site: str | None, host: str | None) -> str:
    """Drop a leading/trailing " | Site" part when it names the site."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = set()
    for value in (site, host):
        if value:
            keys.add(re.sub(r"[\W_]+", "", value.lower()))
    if host:
        keys.add(re.sub(r"[\W_]+", "", host.lower().removeprefix("www.").rsplit(".", 1)[0]))

    def is_site(part: str) -> bool:
        norm = re.sub(r"[\W_]+", "", part.lower())
        return bool(norm) and any(norm == k or (len(norm) > 3 and (norm in k or k in norm)) for k in keys if k)

    if is_site(parts[-1]):
        return _TITLE_SEPARATORS.split(title)[0] if len(parts) == 2 else title[: title.rfind(parts[-1])].rstrip(" |–—·•:»«-")
    if is_site(parts[0]) and len(parts) == 2:
        return parts[1]
    return title


def site_from_title(page_title: str | None, headline: str | None) -> str | None:
    """The outlet's name from a ``<title>`` of the form "Headline | Outlet" (or "Outlet | Headline").

    Used only when the page names its site nowhere else: the part that is not the headline
    is the site when it is short.
    """
    if not page_title or not headline:
        return None
    parts = _TITLE_SEPARATORS.split(page_title)
    if len(parts) < 2:
        return None
    for head, rest in ((parts[0], parts[-1]), (parts[-1], parts[0])):
        if _similarity(head, headline) >= 0.8 and 0 < len(rest.split()) <= 5 and rest != head:
            return rest.strip()
    return None


def _word_set(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def _similarity(a: str, b: str) -> float:
    wa, wb = _word_set(a), _word_set(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def pick_title(
    tree: HtmlElement, meta: dict[str, list[str]], primary: dict, site: str | None, host: str | None
) -> str | None:
    """The visible headline (``<h1>``) when metadata confirms it, else the metadata title.

    Metadata titles are often SEO variants of the headline; the ``<h1>`` is what a reader
    sees. An ``<h1>`` inside ``<article>`` or the ``<h1>`` most similar (word Jaccard
    >= 0.2) to the JSON-LD headline / og:title / ``<title>`` wins; a lone ``<h1>`` wins
    when the page has no metadata title at all.
    """
    h1s = [t for t in (_clean(h.text_content()) for h in tree.iter("h1")) if t and 3 <= len(t) <= 300]
    title_elem = tree.find(".//title")
    page_title = _clean(title_elem.text_content()) if title_elem is not None else None
    headline = _clean(primary.get("headline")) if primary else None
    og_title = _clean(_first(meta, "og:title", "twitter:title"))
    metas = [t for t in (headline, og_title, page_title) if t]
    if h1s:
        article_h1 = [
            t for t in (_clean(h.text_content()) for h in tree.xpath("//article//h1")) if t and len(t) <= 300
        ]
        if article_h1 and (not metas or max(_similarity(article_h1[0], m) for m in metas) >= 0.2):
            return article_h1[0]
        score, best = max(((max([_similarity(h, m) for m in metas] or [0.0]), h) for h in h1s), key=lambda x: x[0])
        if score >= 0.2:
            return best
        if len(h1s) == 1 and not metas:
            return h1s[0]
    if headline:
        return headline
    for candidate in (og_title, page_title):
        if candidate:
            return strip_site_from_title(candidate, site, host)
    return None


def _lang_primary(value: str | None) -> str | None:
    value = _clean(value)
    if not value:
        return None
    primary = re.split(r"[-_]", value)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def detect_language(text: str) -> tuple[str, float] | None:
    if len(text) < 20:
        return None
    import py3langid

    lang, prob = py3langid.classify(text[:5000])
    return lang, float(prob)


# --- main text ----------------------------------------------------------------------

_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        advertisement|advertisements|advert|ad|sponsored(?:\s+content)?|story\s+continues(?:\s+below(?:\s+advertisement)?)?|
        continue\s+reading(?:\s+(?:below|the\s+main\s+story))?|scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|
        read\s+more(?:\s*[:»>].*)?|read\s+next|read\s+also|see\s+also|more\s*:.*|related(?:\s+(?:articles?|stories|content|coverage|news|posts?|reading))?(?:\s*:.{0,150})?|
        (?:share|share\s+this(?:\s+(?:article|story|post|page))?|share\s+on\s+\w+|tweet|email|print|whatsapp|copy\s+link|link\s+copied)|
        (?:sign\s+up|subscribe)(?:\s+(?:now|today|here|for\s+(?:our|the)\s+[\w\s]{0,40}newsletter))?|
        (?:get|receive)\s+our\s+[\w\s]{0,30}newsletter.*|
        (?:photo|image|picture|illustration|video|credit|source|foto|bild)s?\s*(?:credit)?\s*:\s*.{0,80}|
        ©\s*.{0,80}|\(?(?:getty\s+images|afp|reuters|ap\s+photo|associated\s+press|shutterstock)(?:\s+via\s+getty\s+images)?\)?|
        click\s+(?:here|to\s+\w+).{0,60}|follow\s+us(?:\s+on\s+.{0,40})?|
        we\s+use\s+cookies.{0,160}|accept(?:\s+all)?(?:\s+cookies)?|
        this\s+article\s+(?:is\s+more\s+than|was\s+(?:originally\s+)?published).{0,80}|
        listen\s+to\s+(?:this\s+)?(?:article|story).{0,40}|\d+\s+min(?:ute)?s?\s+read|
        loading(?:\.\.\.|…)?|getty|image\s+caption.{0,120}|media\s+caption.{0,120}|
        watch\s*:.{0,100}|table\s+of\s+contents|contents|(?:latest|top|trending|more)\s+(?:news|stories|videos)|
        thanks?\s+(?:you\s+)?for\s+(?:subscribing|signing\s+up|reading).{0,120}|
        (?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+.{0,60}|
        get\s+the\s+.{0,40}\s+app!?|download\s+(?:now|the\s+app|our\s+app)|
        read\s+more\s+.{0,60}\s+on\s+\S+\.(?:com|net|org|co\.\w+|in|de|fr)|
        (?:see|read)\s+more\s*:.{0,120}|don'?t\s+miss:?|also\s+on\s+\S+\.\w+.{0,150}|
        like\s+this\s+(?:story|article)\?.{0,80}|
        (?:follow|like)\s+(?:us|\w+)\s+on\s+(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok)\b.{0,100}|
        learn\s+more|close|home|comments?|leave\s+a\s+(?:comment|reply)|written\s+by|posted\s+(?:on|in|by)|
        \d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_boilerplate(line: str) -> bool:
    if len(line) > 220:
        return False
    return bool(_BOILERPLATE_LINE.match(line.strip(" \t•·|>»›*-–—")))


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def clean_paragraphs(
    text: str, title: str | None, author: str | None, headings: tuple[str, ...] = ()
) -> list[str]:
    lines = [_WS.sub(" ", line).strip() for line in text.splitlines()]
    paras = [line for line in lines if line and not _is_boilerplate(line)]
    # repeated title / byline / dateline at the very start
    norm_titles = {_norm_words(t) for t in (title, *headings) if t} - {""}
    norm_author = _norm_words(author) if author else ""
    drop = 0
    for para in paras[:3]:
        norm = _norm_words(para)
        if not norm:
            drop += 1
            continue
        if norm in norm_titles:
            drop += 1
            continue
        if norm_author and len(norm) < len(norm_author) + 40 and norm_author in norm and len(para) < 120:
            drop += 1
            continue
        break
    paras = paras[drop:]
    # a kicker or section label ("Rojava", "Bulletin No. 142") just above a repeated headline
    for index, para in enumerate(paras[1:3], start=1):
        if _norm_words(para) in norm_titles and all(len(p.split()) <= 8 for p in paras[:index]):
            paras = paras[index + 1:]
            break
    # a consecutive repeat, then a repeated copy of a whole passage (pages that carry
    # their article twice, e.g. an AMP or no-script copy)
    out: list[str] = []
    for para in paras:
        if _norm_words(para) and not (out and out[-1] == para):
            out.append(para)
    return drop_repeated_passages(out)


def drop_repeated_passages(paras: list[str], min_run: int = 3, min_chars: int = 300) -> list[str]:
    """Remove runs of >= ``min_run`` paragraphs that repeat, in order, an earlier run.

    Single repeated lines (an interview question asked to each guest, "Buy now") stay.
    """
    keys = [_norm_words(p) for p in paras]
    first: dict[str, int] = {}
    drop: set[int] = set()
    i = 0
    while i < len(keys):
        j = first.get(keys[i])
        if j is not None and j < i:
            length = 0
            while i + length < len(keys) and j + length < i and keys[j + length] == keys[i + length]:
                length += 1
            if length >= min_run and sum(len(k) for k in keys[i : i + length]) >= min_chars:
                drop.update(range(i, i + length))
                i += length
                continue
        first.setdefault(keys[i], i)
        i += 1
    return [p for n, p in enumerate(paras) if n not in drop]


    return out


def _is_news_page(meta: dict[str, list[str]], objects: list[dict]) -> bool:
    if any(_types(obj) & ARTICLE_TYPES - {"article"} for obj in objects):
        return True
    if _first(meta, "og:type") in ("article", "news", "news_article"):
        return True
    return "article:published_time" in meta


_CONTAINERS_TO_UNWRAP = ("aside", "header", "footer", "nav")


def unwrap_misnested(tree: HtmlElement) -> None:
    """Broken markup (an unclosed ``<aside>``/``<header>``) can swallow the article;
    trafilatura then drops it with the container. Rename such containers to ``div``
    when they hold an ``<article>``, an ``articleBody`` or most of the page's paragraphs."""
    paragraphs = len(tree.xpath("//p"))
    for elem in list(tree.iter(*_CONTAINERS_TO_UNWRAP)):
        if elem.xpath('.//article|.//*[@itemprop="articleBody"]') or (
            paragraphs >= 6 and len(elem.xpath(".//p")) > 0.5 * paragraphs
        ):
            elem.tag = "div"


def _traf(tree: HtmlElement, url: str | None, mode: str) -> str:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=mode == "precision",
        favor_recall=mode == "recall",
        with_metadata=False,
    )
    if doc is None:
        return ""
    return doc.text or ""


PRECISION_KEEP_SHARE = 0.5
"""Precision mode is kept unless it drops more than half of the balanced text."""
SHORT_TEXT = 1000
"""Below this many characters, a recall-mode run is tried and kept if twice as long."""


PRECISION_COVERAGE = 0.7
"""Precision output covering this share of the page's paragraph text (and at least
``PRECISION_SURE`` characters) is accepted without a balanced run."""
PRECISION_SURE = 1500

_BODY_PARAGRAPHS = "//p[not(ancestor::nav or ancestor::footer or ancestor::aside or ancestor::header)]"


def main_text(tree: HtmlElement, url: str | None, news: bool) -> str:
    """trafilatura in the mode that suits the page (see module docstring)."""
    text = ""
    if news:
        precise = _traf(tree, url, "precision")
        text = precise
        paragraph_chars = sum(len(p.text_content()) for p in tree.xpath(_BODY_PARAGRAPHS))
        if len(precise) < PRECISION_SURE or len(precise) < PRECISION_COVERAGE * paragraph_chars:
            # precision may have cut the article itself: compare with balanced mode
            balanced = _traf(tree, url, "balanced")
            if len(precise) < PRECISION_KEEP_SHARE * len(balanced):
                text = balanced
    else:
        text = _traf(tree, url, "balanced")
    if len(text) < SHORT_TEXT:
        recall = _traf(tree, url, "recall")
        if len(recall) > 2 * len(text):
            text = recall
    return text


_TAG = re.compile(r"<[^>]+>")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def apply_json_body(paras: list[str], body: str | None) -> list[str]:
    """Use a JSON-LD ``articleBody`` when it is consistent with the extraction.

    * much longer (1.5x words) and holding >= 80% of the extracted words: the
      extractor missed part of the article, the publisher's own body is taken;
    * about as long (>= 80%) and holding >= 85% of the extracted words: extracted
      paragraphs with less than half their words in it (captions, promos) are dropped.
    """
    if not body:
        return paras
    import html as htmllib

    body = htmllib.unescape(_TAG.sub("\n", body))
    body_words = _words(body)
    ext_words = _words(" ".join(paras))
    if not ext_words and len(body_words) >= 50:
        return [line for line in (_WS.sub(" ", x).strip() for x in body.splitlines()) if line]
    if not body_words or not ext_words:
        return paras
    vocab = set(body_words)
    coverage = sum(1 for w in ext_words if w in vocab) / len(ext_words)
    if len(body_words) >= 1.5 * len(ext_words) and coverage >= 0.8:
        lines = [_WS.sub(" ", line).strip() for line in body.splitlines()]
        return [line for line in lines if line and not _is_boilerplate(line)]
    if len(body_words) >= 0.8 * len(ext_words) and coverage >= 0.85:
        kept = []
        for para in paras:
            words = _words(para)
            if not words or sum(1 for w in words if w in vocab) * 2 >= len(words):
                kept.append(para)
        return kept or paras
    return paras


# --- public -------------------------------------------------------------------------

def extract_html(text: str, raw: RawDocument) -> Article:
    tree = parse_tree(text)
    if tree is None:
        raise ExtractionError("not parseable as HTML")

    meta = meta_map(tree)
    objects = jsonld_objects(tree)
    articles = [obj for obj in objects if _types(obj) & ARTICLE_TYPES]
    primary = articles[0] if articles else {}

    # url and site
    url = raw.url
    canonical = None
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    canonical = canonical or _first(meta, "og:url")
    if canonical:
        resolved = urljoin(raw.url or "", canonical)
        parts = urlsplit(resolved)
        if parts.scheme in ("http", "https") and parts.netloc:
            home = parts.path in ("", "/") and not parts.query
            raw_has_path = bool(raw.url and urlsplit(raw.url).path not in ("", "/"))
            if not (home and raw_has_path):
                url = resolved
    host = urlsplit(url).hostname if url else None

    tmeta = examine_meta(tree)
    try:
        tmeta = extract_meta_json(tree, tmeta)
    except Exception:  # trafilatura's JSON-LD reader is best effort
        pass

    site = _first(meta, "og:site_name")
    if not site:
        publisher = primary.get("publisher")
        if isinstance(publisher, dict):
            site = _clean(publisher.get("name"))
        elif isinstance(publisher, str):
            site = _clean(publisher)
    site = site or _first(meta, "application-name") or _clean(tmeta.sitename)
    if site and site.lower().startswith(("http:", "https:")):
        site = None
    if not site and host:
        site = host.removeprefix("www.")

    title = pick_title(tree, meta, primary, site, host) or _clean(tmeta.title) or _clean(extract_title(tree))
    if title:
        title = strip_site_from_title(title, site, host)
    title = title or _clean(raw.title)
    site = site or site_from_title(_clean(tree.findtext(".//title")), title)

    # author
    authors, organisation_only = _jsonld_authors(primary)
    author = ", ".join(a for a in (_plausible_author(n) for n in authors) if a) or None
    if author and organisation_only:
        # a person named elsewhere (meta, byline) beats a publisher listed as author
        person = next((_plausible_author(v) for k in AUTHOR_META for v in meta.get(k, ())), None)
        author = person or author
    if not author:
        for key in AUTHOR_META:
            for value in meta.get(key, ()):
                author = _plausible_author(value)
                if author:
                    break
            if author:
                break
    if not author:
        author = _plausible_author(tmeta.author) or _plausible_author(extract_author(tree))

    # dates
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
    if raw.published is not None:
        published = raw.published if raw.published.tzinfo else raw.published.replace(tzinfo=timezone.utc)
    if updated is not None and (published is None or updated <= published):
        updated = None

    # text
    unwrap_misnested(tree)
    body = main_text(tree, raw.url or url, _is_news_page(meta, objects))
    h1s = tuple(t for t in (_clean(h.text_content()) for h in tree.iter("h1")) if t and len(t) <= 300)
    paras = clean_paragraphs(body, title, author, h1s)
    json_body = next((o["articleBody"] for o in articles if isinstance(o.get("articleBody"), str)), None)
    paras = apply_json_body(paras, json_body)
    text = "\n\n".join(paras)
    if not text.strip():
        raise ExtractionError("no main text found")
    if not title:
        title = paras[0][:200] if paras and len(paras[0]) < 200 else None

    # language
    declared = (
        _lang_primary(tree.get("lang") or tree.get("xml:lang"))
        or _lang_primary(_first(meta, "og:locale"))
        or _lang_primary(primary.get("inLanguage") if isinstance(primary.get("inLanguage"), str) else None)
        or _lang_primary(_first(meta, "content-language", "language", "dc.language"))
    )
    language = declared
    guess = detect_language(text)
    if guess and (declared is None or (guess[0] != declared and guess[1] >= 0.99 and len(text) >= 400)):
        language = guess[0]

    words = word_count(text)
    return Article(
        url=url,
        title=title,
        author=author,
        site=site,
        published=published,
        updated=updated,
        language=language,
        word_count=words,
        reading_minutes=reading_minutes(words),
        text=text,
    )


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
