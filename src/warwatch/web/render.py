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
from urllib.parse import quote, urlsplit

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


# -- entities (actors and places) -------------------------------------------------------------------

ACTOR_TYPES = {"state_force": "State force", "armed_group": "Armed group", "coalition": "Coalition",
               "organization": "Organisation", "person": "Person", "political": "Political party",
               "igo": "International organisation", "government": "Government", "media": "Media",
               "monitor": "Monitor", "militia": "Militia", "ngo": "NGO"}
FEATURES = {"P.PPL": "Town or city", "P.PPLA": "Regional capital", "P.PPLA2": "District capital",
            "P.PPLA3": "Subdistrict seat", "P.PPLC": "Capital", "P.PPLX": "Neighbourhood", "P.PPLL": "Village",
            "A.PCLI": "Country", "A.ADM1": "Province", "A.ADM2": "District", "A.ADM3": "Subdistrict",
            "H.STM": "River", "H.LK": "Lake", "L.RGN": "Region", "T.MT": "Mountain", "T.HLL": "Hill",
            "S.AIRP": "Airport", "S.BDG": "Bridge", "S.DAM": "Dam", "S.MLTY": "Military site",
            "S.PSTB": "Border crossing", "R.RD": "Road"}
def precise(value: str | None, precision: str | None) -> str:
    """An ISO date shown to its precision: "2013" for a year, "2013-04" for a month, "week of
    2016-08-22" for a week, the day otherwise (a place held "since 2013" is not held since
    1 January)."""
    if not value:
        return ""
    if precision == "year":
        return value[:4]
    if precision == "month":
        return value[:7]
    if precision == "week":
        return f"week of {value[:10]}"
    return value


def slash_breaks(text: str | None) -> Markup:
    """Escaped text with a line-break opportunity after each "/" ("Shelling/artillery/missile
    attack" wraps at its slashes in a narrow card, not inside a word)."""
    return Markup(str(html.escape(text or "")).replace("/", "/<wbr>"))


_DATELINE_DASH = re.compile(r"\s[—–-]\s+(?=\S)|—\s*(?=\S)")


def undateline(text: str | None) -> str:
    """A sentence without the dateline it opens with ("BEIRUT — Syrian rebels..." ->
    "Syrian rebels..."), for titles built from evidence sentences; the evidence itself keeps it.
    A dateline: within the first 80 characters, before a dash, a place written in capitals
    (at least three letters; "/" between several), then optionally ", Region" and "(Agency)"."""
    if not text:
        return ""
    m = _DATELINE_DASH.search(text, 0, 80)
    if m is None:
        return text
    head = text[:m.start()].strip()
    places = re.split(r"[,(]", head, maxsplit=1)[0]
    letters = [c for c in places if c.isalpha()]
    if len(letters) < 3 or not places.isupper() or any(c in head for c in ".;:!?"):
        return text
    out = text[m.end():]
    return out[:1].upper() + out[1:]


ROLE_NAMES = {"location": "a location", "actor": "an actor (metonymy)", "demonym": "a nationality adjective",
              "organisation": "part of an organisation's name"}


def entity_kind_path(kind: str | None) -> str:
    return "places" if kind == "place" else "actors"


def entity_url(kind: str | None, entity_id: str) -> str:
    """Path of an entity's page; the id is percent-encoded except ':' (``/places/geonames:169179``)."""
    return f"/{entity_kind_path(kind)}/{quote(entity_id, safe=':')}"


def entity_type_label(kind: str | None, value: str | None) -> str:
    if not value:
        return "Place" if kind == "place" else "Actor"
    table = FEATURES if kind == "place" else ACTOR_TYPES
    if value in table:
        return table[value]
    return value.replace("_", " ").capitalize() if kind != "place" else value


def coordinates(lat: float | None, lon: float | None) -> str:
    if lat is None or lon is None:
        return ""
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"


@dataclass(frozen=True, slots=True)
class Highlight:
    start: int
    end: int
    kind: str
    """``actor`` or ``place``."""
    entity_id: str
    name: str
    role: str | None = None
    text: str | None = None
    """The mention's text as stored: a span whose text differs from the article text is dropped."""


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph as ``paragraphs`` cuts them (split on blank lines, stripped)."""
    out, pos = [], 0
    for part in text.split(_PARA):
        stripped = part.strip()
        if stripped:
            lead_ws = len(part) - len(part.lstrip())
            out.append((pos + lead_ws, pos + lead_ws + len(stripped)))
        pos += len(part) + len(_PARA)
    return out


def _clean_spans(text: str, spans: list[Highlight]) -> list[Highlight]:
    """Spans that point at their own text, inside the text, not overlapping (earlier, then longer wins)."""
    kept: list[Highlight] = []
    last_end = 0
    for h in sorted(spans, key=lambda h: (h.start, -(h.end - h.start), h.kind)):
        if not (0 <= h.start < h.end <= len(text)) or h.start < last_end:
            continue
        if h.text is not None and text[h.start:h.end] != h.text:
            continue
        kept.append(h)
        last_end = h.end
    return kept


def _mention_title(h: Highlight) -> str:
    what = "Place" if h.kind == "place" else "Actor"
    role = " · named as an actor (metonymy)" if h.kind == "place" and h.role == "actor" else ""
    return f"{what}: {h.name}{role}"


def highlight_paragraphs(text: str | None, spans: list[Highlight]) -> list[Markup]:
    """The text in paragraphs, each mention a link to its entity's page.

    Built from escaped text segments cut at the mention offsets (the stored text is plain);
    only ``<a class="mention m-actor|m-place" href="/actors|places/..." title="...">`` is added,
    and nh3 keeps exactly that (no other tag, attribute, class or URL scheme) as a final guard.
    A mention that crosses a paragraph break is not linked.
    """
    text = text or ""
    spans = _clean_spans(text, spans)
    out: list[Markup] = []
    k = 0
    for p_start, p_end in _paragraph_bounds(text):
        while k < len(spans) and spans[k].start < p_start:
            k += 1
        parts, pos = [], p_start
        while k < len(spans) and spans[k].end <= p_end:
            h = spans[k]
            parts.append(html.escape(text[pos:h.start], quote=True))
            cls = "mention m-place" if h.kind == "place" else "mention m-actor"
            if h.kind == "place" and h.role == "actor":
                cls += " m-metonym"
            parts.append(f'<a class="{cls}" href="{html.escape(entity_url(h.kind, h.entity_id), quote=True)}" '
                         f'title="{html.escape(_mention_title(h), quote=True)}">'
                         f"{html.escape(text[h.start:h.end], quote=True)}</a>")
            pos = h.end
            k += 1
        parts.append(html.escape(text[pos:p_end], quote=True))
        out.append(_sanitize_mentions("".join(parts)))
    return out


def _sanitize_mentions(fragment: str) -> Markup:
    return Markup(nh3.clean(fragment, tags={"a"}, attributes={"a": {"href", "title"}},
                            allowed_classes={"a": {"mention", "m-actor", "m-place", "m-metonym"}},
                            url_schemes=set(), link_rel=None, strip_comments=True))


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


def mention_snippet(window: str, start: int, end: int, *, at_text_start: bool, at_text_end: bool = False,
                    max_side: int = 200
                    ) -> tuple[str, tuple[int, int]]:
    """The sentence around ``window[start:end]`` (plain text), trimmed to about ``max_side``
    characters on each side of the mention at word boundaries ('…' marks a cut), and the
    [start, end) offsets of the mention in it."""
    if not (0 <= start < end <= len(window)):
        return " ".join(window.split())[: 2 * max_side], (0, 0)
    left, right = 0, len(window)
    for m in _SENTENCE_END.finditer(window):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    cut_left = left == 0 and not at_text_start
    if start - left > max_side:
        cut = window.rfind(" ", left, start - max_side)
        left, cut_left = (cut + 1, True) if cut != -1 else (left, cut_left)
    cut_right = right == len(window) and right > end and not at_text_end
    if right - end > max_side:
        cut = window.find(" ", end + max_side, right)
        right, cut_right = (cut, True) if cut != -1 else (right, cut_right)
    before = re.sub(r"\s+", " ", window[left:start]).lstrip()
    mention = re.sub(r"\s+", " ", window[start:end])
    after = re.sub(r"\s+", " ", window[end:right]).rstrip()
    prefix = "… " if cut_left else ""
    suffix = " …" if cut_right else ""
    s = len(prefix) + len(before)
    return f"{prefix}{before}{mention}{after}{suffix}", (s, s + len(mention))


def mention_snippet_html(snippet: str, span: tuple[int, int]) -> Markup:
    s, e = span
    if not (0 <= s < e <= len(snippet)):
        return sanitize(html.escape(snippet, quote=True), {"mark"})
    fragment = (html.escape(snippet[:s], quote=True) + "<mark>" + html.escape(snippet[s:e], quote=True) + "</mark>"
                + html.escape(snippet[e:], quote=True))
    return sanitize(fragment, {"mark"})
