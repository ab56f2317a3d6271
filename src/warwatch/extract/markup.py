"""Reading an HTML page: its parse tree, its JSON-LD objects, its meta tags.

The main text (:mod:`warwatch.extract.maintext`) and the metadata fields
(:mod:`warwatch.extract.metadata`, :mod:`warwatch.extract.dates`) read the page through
these.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from lxml.html import HtmlElement

from warwatch.extract.engines import load_html
from warwatch.limits import too_deep

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "report", "scholarlyarticle", "techarticle",
    "posting", "discussionforumposting", "advertisercontentarticle", "satiricalarticle",
}

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WS = re.compile(r"\s+")


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
        if not script.text or too_deep(script.text):
            continue   # a JSON-LD block nested deeper than any real one: ignored, the page is still read
        try:
            data = json.loads(script.text, strict=False)
            found: list[dict] = []
            _walk_jsonld(data, found)
        except (json.JSONDecodeError, ValueError, RecursionError):
            continue
        out.extend(found)
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
