"""The headline is analysed with the body: spaCy reads ``title + "\\n\\n" + text``, and at the
end every span is settled back onto the article's own fields.

A span in the headline keeps its offsets (the headline comes first) and is marked ``field:
"title"``; every other span moves back by the headline's length plus the blank line, so that
offsets point into ``article.text`` as they always have.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Analysis

TITLE = "title"


def analysed_text(title: str | None, text: str) -> tuple[str, int]:
    """The text spaCy reads and how far the body is shifted in it: the headline, a blank line
    and the body, unless the headline is missing, is the body itself, or opens it."""
    title = (title or "").strip()
    if not title or title == text.strip() or _opens(text, title):
        return text, 0
    return f"{title}\n\n{text}", len(title) + 2


def _opens(text: str, title: str) -> bool:
    want = "".join(ch.lower() for ch in title if ch.isalnum())
    have = "".join(ch.lower() for ch in text[:len(title) + 300] if ch.isalnum())
    return bool(want) and want in have


def prepare(analysis: Analysis) -> None:
    """Set the text the components read (``analysis.analysed_text``) and where its body starts."""
    analysis.analysed_text, analysis.title_shift = analysed_text(analysis.article.title, analysis.article.text)


def settle(analysis: Analysis, shift: int) -> None:
    """Offsets into the analysed text become offsets into ``article.text`` (or the headline)."""
    if not shift:
        return

    def where(start: int) -> tuple[int, str | None]:
        return (0, TITLE) if start < shift else (shift, None)

    def span(d: dict) -> dict:
        if d.get("start") is None:
            return d
        back, field = where(d["start"])
        out = {**d, "start": d["start"] - back, "end": d["end"] - back}
        if field:
            out["field"] = field
        return out

    for actor in analysis.actors:
        actor.mentions = [replace(m, start=m.start - back, end=m.end - back, field=field)
                          for m in actor.mentions for back, field in [where(m.start)]]
    for place in analysis.places:
        place.mentions = [replace(m, start=m.start - back, end=m.end - back, field=field)
                          for m in place.mentions for back, field in [where(m.start)]]
    for d in analysis.dates:
        back, d.field = where(d.start)
        d.start, d.end = d.start - back, d.end - back
    for ev in analysis.events:
        ev.evidence = span(ev.evidence)
        ev.mentions = [span(m) for m in ev.mentions]
    for c in analysis.claims:
        back, c.field = where(c.start)
        c.start, c.end = c.start - back, c.end - back
        c.content_start, c.content_end = c.content_start - back, c.content_end - back
        c.content_spans = [(s - back, e - back) for s, e in c.content_spans]
    for st in analysis.control_statements:
        back, st.field = where(st.start)
        st.start, st.end = st.start - back, st.end - back
        st.evidence = span(st.evidence)
