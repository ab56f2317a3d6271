"""HTML read mode: main text with trafilatura, metadata from what news pages publish.

:func:`extract_html` reads the page once and composes the fields, each from its own
module:

* :mod:`warwatch.extract.markup`: the parse tree, JSON-LD objects and meta tags;
* :mod:`warwatch.extract.metadata`: url, site, title, author, language;
* :mod:`warwatch.extract.dates`: published and updated;
* :mod:`warwatch.extract.maintext`: the main text (trafilatura in the mode that suits the
  page, then boilerplate lines, repeats and the JSON-LD ``articleBody``);
* :mod:`warwatch.extract.engines`: trafilatura and htmldate, imported with their logging
  silenced.

The metadata is read before the main text, whose steps change the tree.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from warwatch.extract.dates import pick_dates
from warwatch.extract.engines import examine_meta, extract_meta_json, extract_title
from warwatch.extract.maintext import (
    _is_news_page,
    apply_json_body,
    clean_paragraphs,
    main_text,
    unwrap_misnested,
)
from warwatch.extract.markup import ARTICLE_TYPES, _clean, _types, jsonld_objects, meta_map, parse_tree
from warwatch.extract.metadata import (
    pick_author,
    pick_language,
    pick_site,
    pick_title,
    pick_url,
    site_from_title,
    strip_site_from_title,
)
from warwatch.extract.reading import reading_minutes, word_count
from warwatch.records import Article, ExtractionError, RawDocument


def extract_html(text: str, raw: RawDocument) -> Article:
    tree = parse_tree(text)
    if tree is None:
        raise ExtractionError("not parseable as HTML")

    meta = meta_map(tree)
    objects = jsonld_objects(tree)
    articles = [obj for obj in objects if _types(obj) & ARTICLE_TYPES]
    primary = articles[0] if articles else {}

    url = pick_url(tree, meta, raw.url)
    host = urlsplit(url).hostname if url else None

    tmeta = examine_meta(tree)
    try:
        tmeta = extract_meta_json(tree, tmeta)
    except Exception:  # trafilatura's JSON-LD reader is best effort
        pass

    site = pick_site(meta, primary, tmeta, host)

    title = pick_title(tree, meta, primary, site, host) or _clean(tmeta.title) or _clean(extract_title(tree))
    if title:
        title = strip_site_from_title(title, site, host)
    title = title or _clean(raw.title)
    site = site or site_from_title(_clean(tree.findtext(".//title")), title)

    author = pick_author(tree, meta, primary, tmeta)
    published, updated = pick_dates(tree, meta, primary, url, raw.published)

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

    language = pick_language(tree, meta, primary, text)

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
