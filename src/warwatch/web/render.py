"""Turning stored text into HTML safely: paragraphs, search snippets, revision diffs.

Stored article text is plain text. It is only ever put into pages through Jinja's
autoescaping or through the functions here, which escape first and then add a small,
fixed set of tags; the result is passed through nh3 (an HTML sanitizer) with an allow-list
of exactly those tags and no attributes, as a second line of defence. No markup from an
ingested page is ever rendered.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

from ..store import MARK_END, MARK_START

_PARA = "\n\n"


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(_PARA) if p.strip()]


def sanitize(fragment: str, tags: set[str]) -> Markup:
    """nh3 with an allow-list of tags and no attributes at all."""
    return Markup(nh3.clean(fragment, tags=tags, attributes={}, link_rel=None, strip_comments=True))


def snippet_html(snippet: str) -> Markup:
    """A search snippet: escaped, then MARK_START/MARK_END become <mark>...</mark>."""
    escaped = html.escape(" ".join(snippet.split()), quote=True)
    escaped = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return sanitize(escaped, {"mark"})


def snippet_plain(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A search snippet without markers, and the [start, end) offsets of the highlighted matches."""
    out, spans, start = [], [], None
    pos = 0
    for ch in " ".join(snippet.split()):
        if ch == MARK_START:
            start = pos
        elif ch == MARK_END:
            if start is not None:
                spans.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never javascript:, data:, ...)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def host(url: str | None) -> str:
    try:
        return urlsplit(url or "").hostname or ""
    except ValueError:
        return ""


# -- dates ----------------------------------------------------------------------------------------


def fmt_date(value: datetime | None, *, with_time: bool = True) -> str:
    if value is None:
        return ""
    day = f"{value.day} {value:%b %Y}"
    return f"{day}, {value:%H:%M} UTC" if with_time else day


def fmt_short(value: datetime | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "undated"


# -- diffs ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\n\n|\s+|\w+(?:['’.-]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Segment:
    op: str  # "equal" | "insert" | "delete"
    text: str


def tokens(text: str) -> list[str]:
    normalised = _PARA.join(paragraphs(text))
    return _TOKEN.findall(normalised)


def diff_words(old: str, new: str) -> list[Segment]:
    """Word-level diff (whitespace and punctuation are tokens; paragraph breaks are kept)."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[Segment] = []

    def add(op: str, toks: list[str]) -> None:
        if not toks:
            return
        piece = "".join(toks)
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + piece)
        else:
            out.append(Segment(op, piece))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return _tidy(out)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Fold a lone space between two changes into them, so a changed phrase reads as one
    deletion followed by one insertion rather than word-by-word alternation."""
    segs = list(segments)
    for i in range(1, len(segs) - 1):
        seg = segs[i]
        if (seg.op == "equal" and not seg.text.strip() and _PARA not in seg.text
                and segs[i - 1].op != "equal" and segs[i + 1].op != "equal"):
            segs[i] = Segment("change", seg.text)
    out: list[Segment] = []
    run: list[Segment] = []

    def close() -> None:
        if run:
            deleted = "".join(s.text for s in run if s.op in ("delete", "change"))
            inserted = "".join(s.text for s in run if s.op in ("insert", "change"))
            if deleted:
                out.append(Segment("delete", deleted))
            if inserted:
                out.append(Segment("insert", inserted))
            run.clear()

    for seg in segs:
        if seg.op == "equal":
            close()
            out.append(seg)
        else:
            run.append(seg)
    close()
    return out


def diff_stats(segments: list[Segment]) -> dict[str, int]:
    words = re.compile(r"\w+")
    return {"inserted_words": sum(len(words.findall(s.text)) for s in segments if s.op == "insert"),
            "deleted_words": sum(len(words.findall(s.text)) for s in segments if s.op == "delete")}


def diff_html(segments: list[Segment]) -> Markup:
    """Paragraphs with <ins>/<del>; a paragraph break that was removed shows as a ¶ inside <del>."""
    parts = ["<p>"]
    for seg in segments:
        pieces = seg.text.split(_PARA)
        for k, piece in enumerate(pieces):
            if k:
                if seg.op == "delete":
                    parts.append("<del>¶</del>")
                    continue
                parts.append("</p><p>")
            if piece:
                escaped = html.escape(piece, quote=True)
                if seg.op == "insert":
                    parts.append(f"<ins>{escaped}</ins>")
                elif seg.op == "delete":
                    parts.append(f"<del>{escaped}</del>")
                else:
                    parts.append(escaped)
    parts.append("</p>")
    return sanitize("".join(parts).replace("<p></p>", ""), {"p", "ins", "del"})


def diff_inline(segments: list[Segment]) -> Markup:
    """A one-line diff (a title): <ins>/<del> only, no paragraphs."""
    parts = []
    for seg in segments:
        escaped = html.escape(" ".join(seg.text.split("\n\n")), quote=True)
        parts.append(f"<{seg.op[:3]}>{escaped}</{seg.op[:3]}>" if seg.op != "equal" else escaped)
    return sanitize("".join(parts), {"ins", "del"})
