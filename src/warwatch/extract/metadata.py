"""News metadata other than dates: url, site, title, author, language.

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

Dates are in :mod:`warwatch.extract.dates`.
"""

from __future__ import annotations

from functools import lru_cache

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from warwatch.extract.engines import extract_author
from warwatch.extract.markup import _clean, _first, _names, _types

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•:»«]|-{1,2}|::)\s+")


# --- url and site -------------------------------------------------------------------

def pick_url(tree: HtmlElement, meta: dict[str, list[str]], raw_url: str | None) -> str | None:
    """The canonical URL the page declares (resolved), else ``raw_url``."""
    url = raw_url
    canonical = None
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    canonical = canonical or _first(meta, "og:url")
    if canonical:
        resolved = urljoin(raw_url or "", canonical)
        parts = urlsplit(resolved)
        if parts.scheme in ("http", "https") and parts.netloc:
            home = parts.path in ("", "/") and not parts.query
            raw_has_path = bool(raw_url and urlsplit(raw_url).path not in ("", "/"))
            if not (home and raw_has_path):
                url = resolved
    return url


def pick_site(meta: dict[str, list[str]], primary: dict, tmeta: Any, host: str | None) -> str | None:
    """The outlet's name (``tmeta``: trafilatura's metadata of the page)."""
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
    return site


# --- author -------------------------------------------------------------------------

AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "byl", "og:article:author",
)


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


def pick_author(tree: HtmlElement, meta: dict[str, list[str]], primary: dict, tmeta: Any) -> str | None:
    """The byline, several authors joined with ", " (``tmeta``: trafilatura's metadata)."""
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
    return author


# --- title --------------------------------------------------------------------------

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


# --- language -----------------------------------------------------------------------

def _lang_primary(value: str | None) -> str | None:
    value = _clean(value)
    if not value:
        return None
    primary = re.split(r"[-_]", value)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


LANGUAGE_MIN_CHARS = 200
LANGUAGE_MIN_CONFIDENCE = 0.9
"""A language guess on a shorter text, or a less sure one, is no guess: a headline or a one-line
record is read in the pipeline's language rather than skipped on a weak guess."""


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """py3langid's guess and its probability (normalised: 0 to 1)."""
    if len(text) < 20:
        return None
    lang, prob = _identifier().classify(text[:5000])
    return lang, float(prob)


def confident(guess: tuple[str, float], text: str) -> bool:
    """Whether a language guess on ``text`` is strong enough to act on."""
    return len(text) >= LANGUAGE_MIN_CHARS and guess[1] >= LANGUAGE_MIN_CONFIDENCE


def pick_language(tree: HtmlElement, meta: dict[str, list[str]], primary: dict, text: str) -> str | None:
    """The declared language, overruled by py3langid on the text when it is very sure."""
    declared = (
        _lang_primary(tree.get("lang") or tree.get("xml:lang"))
        or _lang_primary(_first(meta, "og:locale"))
        or _lang_primary(primary.get("inLanguage") if isinstance(primary.get("inLanguage"), str) else None)
        or _lang_primary(_first(meta, "content-language", "language", "dc.language"))
    )
    language = declared
    guess = detect_language(text)
    if guess and not confident(guess, text):
        guess = None
    if guess and (declared is None or (guess[0] != declared and guess[1] >= 0.99 and len(text) >= 400)):
        language = guess[0]
    return language
