"""Typed records that travel between the stages of warwatch.

sources -> RawDocument -> extract -> Article -> (later: nlp, events, claims) -> Analysis

Records are plain dataclasses. Their JSON form (``to_json``) is the documented
``warwatch analyze --json`` schema (docs/analyze-schema.md); bump ``SCHEMA_VERSION``
when a key changes meaning or disappears.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SCHEMA_VERSION = "1.3"

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
    """Everything the per-document pipeline knows about one document.

    ``actors``, ``places``, ``dates``, ``events`` and ``claims`` hold the later stages' records
    (each has ``to_json()``); their JSON form is what the store and exports read.
    """

    article: Article
    source: str = ""
    actors: list[Any] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    control: list[dict[str, Any]] = field(default_factory=list)
    control_statements: list[dict[str, Any]] = field(default_factory=list)
    """Every statement of who holds a place, before the per-place summary in ``control``;
    the corpus-level control timelines are built from these."""
    pipeline_version: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "article": self.article.to_json(),
            "actors": [a.to_json() for a in self.actors],
            "places": [p.to_json() for p in self.places],
            "dates": [d.to_json() for d in self.dates],
            "events": [e.to_json() for e in self.events],
            "claims": [c.to_json() for c in self.claims],
            "contradictions": list(self.contradictions),
            "control": list(self.control),
            "control_statements": list(self.control_statements),
        }


def http_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL, else None (``javascript:``, ``file:``, paths...)."""
    if not value:
        return None
    scheme, sep, rest = value.strip().partition("://")
    return value.strip() if sep and scheme.lower() in ("http", "https") and rest else None


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
