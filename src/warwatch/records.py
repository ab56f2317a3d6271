"""Typed records that travel between the stages of warwatch.

sources -> RawDocument -> extract -> Article -> (later: nlp, events, claims) -> Analysis

Records are plain dataclasses. Their JSON form (``to_json``) is the documented
``warwatch analyze --json`` schema (docs/analyze-schema.md); bump ``SCHEMA_VERSION``
when a key changes meaning or disappears.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the stage packages import records, not the reverse
    from .claims import Attribution, Claim
    from .claims.contradictions import Contradiction
    from .claims.control import ControlStatement, PlaceControl
    from .events import Event, EventCandidate
    from .nlp.actors import Actor
    from .nlp.places import Place
    from .nlp.when import TimeExpression
    from .spans import SpanIndex

SCHEMA_VERSION = "1.4"

HTML = "text/html"
TEXT = "text/plain"


class WarwatchError(Exception):
    """An expected failure with a one-line, user-facing reason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class SourceError(WarwatchError):
    """A source could not be read or fetched (I/O, network, policy, format)."""


class ExtractionError(WarwatchError):
    """A document was read but holds no usable article (binary, empty, no main text)."""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a source delivered it, before any interpretation.

    ``content`` is always bytes: extraction owns decoding, so a wrong charset is
    handled in one place whatever the source.
    """

    source: str
    """Where it came from, for humans: a path, a URL, ``file.warc.gz#record-offset``, ``file.jsonl:12``."""
    content: bytes
    media_type: str = HTML
    url: str | None = None
    """The document's own URL, when known (fetched URL, WARC target, JSONL ``url``)."""
    encoding: str | None = None
    """Charset declared outside the document (HTTP header, JSONL is UTF-8)."""
    fetched_at: datetime | None = None
    published: datetime | None = None
    """Publication time known from outside the page (feed entry, JSONL, ``--published``)."""
    title: str | None = None
    """Title known from outside the page (feed entry, JSONL)."""
    site: str | None = None
    """The outlet, when the source knows it (a JSONL ``site``, a channel export's name); else
    extraction finds it in the page."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source item deliberately not read as an article (a file of no known kind, a WARC
    record that is not a page), with the reason, so that nothing vanishes without a word."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Failure:
    """A source item that could not become an article, with a one-line reason."""

    source: str
    reason: str


@dataclass(slots=True)
class Article:
    """The clean, read-mode article and its metadata."""

    url: str | None
    title: str | None
    author: str | None
    site: str | None
    published: datetime | None
    updated: datetime | None
    language: str | None
    word_count: int
    reading_minutes: int
    text: str
    """Clean main text, paragraphs separated by a blank line. Later offsets point here."""

    @property
    def reported(self) -> datetime | None:
        """When the article says it was written: published, else its last update (a page that
        shows only "Last updated" still dates its report)."""
        return self.published or self.updated

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "site": self.site,
            "published": iso(self.published),
            "updated": iso(self.updated),
            "language": self.language,
            "word_count": self.word_count,
            "reading_minutes": self.reading_minutes,
            "text": self.text,
        }


@dataclass(slots=True)
class Analysis:
    """The typed document: everything the per-document pipeline knows about one document.

    Each pipeline component (``warwatch.pipeline``) reads the fields it requires and assigns
    its own: the spaCy ``doc``, ``actors``, ``dates``, ``places``, ``event_candidates``,
    ``events``, ``attributions``, ``claims``, ``control_statements``, ``control`` and
    ``contradictions``, all typed records. ``spans`` indexes their character spans. JSON
    appears only at the edges: ``to_json()`` is the documented ``analyze --json`` schema,
    which the store and the exports keep; the spaCy doc, the attributions and the event
    candidates are working state and never leave the pipeline.
    """

    article: Article
    source: str = ""
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    control: list[PlaceControl] = field(default_factory=list)
    control_statements: list[ControlStatement] = field(default_factory=list)
    """Every statement of who holds a place, before the per-place summary in ``control``;
    the corpus-level control timelines are built from these."""
    pipeline_version: str = ""
    doc: Any = field(default=None, repr=False, compare=False)
    """The spaCy ``Doc`` of ``article.text`` while the pipeline runs; None once it is done."""
    attributions: list[Attribution] = field(default_factory=list, repr=False, compare=False)
    event_candidates: list[EventCandidate] = field(default_factory=list, repr=False, compare=False)
    analysed_text: str = field(default="", repr=False, compare=False)
    """While the pipeline runs: the text the components read, the headline and the body
    (``pipeline/offsets.py``); spans are settled back onto ``article`` at the end."""
    title_shift: int = field(default=0, repr=False, compare=False)
    """While the pipeline runs: where the body starts in ``analysed_text`` (0 when the headline
    is not read apart: missing, or the body opens with it)."""
    _spans: SpanIndex | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def spans(self) -> SpanIndex:
        """One index of the document's spans (actor and place mentions, dates, claim contents,
        event evidence), rebuilt after a component changes what it indexes (``touch``)."""
        if self._spans is None:
            from .spans import SpanIndex

            self._spans = SpanIndex(self)
        return self._spans

    def touch(self) -> None:
        """Forget the span index: a component added or changed spans."""
        self._spans = None

    def release(self) -> None:
        """Drop the working state (the spaCy doc, attributions, candidates) once the pipeline is done."""
        self.doc = None
        self.analysed_text = ""
        self.title_shift = 0
        self.attributions = []
        self.event_candidates = []
        self._spans = None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "article": self.article.to_json(),
            "actors": [a.to_json() for a in self.actors],
            "places": [p.to_json() for p in self.places],
            "dates": [d.to_json() for d in self.dates],
            "events": [e.to_json() for e in self.events],
            "claims": [c.to_json() for c in self.claims],
            "contradictions": [c.to_json() for c in self.contradictions],
            "control": [c.to_json() for c in self.control],
            "control_statements": [s.to_json() for s in self.control_statements],
        }


def http_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL, else None (``javascript:``, ``file:``, paths...)."""
    if not value:
        return None
    scheme, sep, rest = value.strip().partition("://")
    return value.strip() if sep and scheme.lower() in ("http", "https") and rest else None


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
