"""The main text of an HTML page.

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
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from warwatch.extract.engines import trafilatura
from warwatch.extract.markup import _WS, ARTICLE_TYPES, _first, _types


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
