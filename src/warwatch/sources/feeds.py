"""RSS and Atom feeds: parse safely, fetch with conditional GET, locate entries.

Safety: feedparser is lenient, which we want for sloppy real-world feeds, but XML
entity declarations are how entity bombs (billion laughs, quadratic blowup) and
external-entity tricks work, and no honest feed needs them. So before feedparser sees
a document, expat (through defusedxml) reads it with entity declarations forbidden;
it stops at the first declaration, before anything is expanded. If the document is not
well-formed XML (expat gives up early), the raw bytes are searched for ``<!ENTITY``
instead. A DOCTYPE without entity declarations (old RSS 0.91 feeds have one) is fine:
nothing fetches external DTDs.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser

from warwatch.records import SourceError
from warwatch.sources.web import FetchPolicy, SafeClient, fetch

if TYPE_CHECKING:
    from warwatch.sources.robots import RobotsCache

__all__ = [
    "Feed",
    "FeedEntry",
    "FeedFetch",
    "MAX_FEED_BYTES",
    "entry_location",
    "fetch_feed",
    "parse_feed",
]

MAX_FEED_BYTES = 10 * 1024 * 1024

UNSAFE_ENTITIES = "unsafe feed: XML entity declarations are not allowed"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str
    """The entry's id/guid; else its link; else a hash of title and summary."""
    link: str | None
    """Absolute when the feed URL is known; as written in the feed otherwise."""
    title: str | None
    published: datetime | None
    """Aware UTC (published, else updated)."""
    summary: str | None
    content_html: str | None
    """Full content (Atom ``content``, RSS ``content:encoded``), sanitised by feedparser."""


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FeedFetch:
    location: str
    """Where the feed was read from: the final URL after redirects, or the file path."""
    feed: Feed
    not_modified: bool = False
    """HTTP 304: nothing new, ``feed.entries`` is empty; keep your stored copy."""
    etag: str | None = None
    last_modified: str | None = None
    """Validators to store and pass back on the next fetch (URLs only)."""
    fetched_at: datetime | None = None

    @property
    def entries(self) -> list[FeedEntry]:
        return self.feed.entries


# ---------------------------------------------------------------------------- safety

_ENTITY_PATTERNS = tuple(
    "<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _check_safe(content: bytes) -> None:
    try:
        defusedxml.ElementTree.fromstring(
            content, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.EntitiesForbidden:
        raise SourceError(UNSAFE_ENTITIES) from None
    except defusedxml.ExternalReferenceForbidden:
        raise SourceError("unsafe feed: external XML references are not allowed") from None
    except defusedxml.DefusedXmlException as exc:
        raise SourceError(f"unsafe feed: {exc}") from None
    except (ParseError, ValueError, LookupError):
        # Not well-formed: expat stopped early, maybe before a declaration. feedparser's
        # lenient parser may still read it, so look for declarations the blunt way.
        upper = content.upper()
        if any(pattern in upper for pattern in _ENTITY_PATTERNS):
            raise SourceError(UNSAFE_ENTITIES) from None


# ---------------------------------------------------------------------------- parsing


def _one_line(text: object) -> str:
    return " ".join(str(text).split())[:200]


def _to_utc(value: Any) -> datetime | None:
    if not value:
        return None
    try:  # feedparser's *_parsed values are UTC struct_time
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if base and urlsplit(base).scheme in ("http", "https"):
        return urljoin(base, link)
    return link


def _content_html(entry: Any) -> str | None:
    contents = entry.get("content") or []
    for wanted in ("text/html", "application/xhtml+xml", None):
        for item in contents:
            if wanted is None or item.get("type") == wanted:
                value = _text(item.get("value"))
                if value:
                    return value
    return None


def parse_feed(
    content: bytes,
    url: str | None = None,
    *,
    content_type: str | None = None,
    max_bytes: int = MAX_FEED_BYTES,
) -> Feed:
    """Parse RSS/Atom ``content``; ``url`` (the feed's own URL) resolves relative links.

    ``content_type`` is the HTTP Content-Type, whose charset wins over the document's.
    Raises :class:`SourceError` for an oversize, unsafe or invalid feed.
    """
    if len(content) > max_bytes:
        raise SourceError(f"feed too large: {len(content)} bytes exceeds {max_bytes} bytes")
    if not content.strip():
        raise SourceError("not a valid RSS/Atom feed: empty document")
    _check_safe(content)

    headers: dict[str, str] = {}
    if url and urlsplit(url).scheme in ("http", "https"):
        headers["content-location"] = url
    if content_type:
        headers["content-type"] = content_type
    # A stream, never a str: feedparser would treat a str as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)

    # An <item> with nothing in it (as a truncated document yields) is no entry.
    raw_entries = [
        e for e in parsed.entries
        if any(e.get(k) for k in ("link", "title", "summary", "content", "id"))
    ]
    if not raw_entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = _one_line(problem) if problem else "no RSS or Atom root element"
        raise SourceError(f"not a valid RSS/Atom feed: {detail}")

    base = url if url and urlsplit(url).scheme in ("http", "https") else None
    meta = parsed.feed
    entries: list[FeedEntry] = []
    for raw in raw_entries:
        link = _absolute(raw.get("link"), base)
        title = _text(raw.get("title"))
        summary = _text(raw.get("summary"))
        entry_id = _text(raw.get("id"))
        if entry_id is None:
            entry_id = link or "sha1:" + hashlib.sha1(
                f"{title}\n{summary}".encode("utf-8", "replace")
            ).hexdigest()
        published = _to_utc(raw.get("published_parsed")) or _to_utc(raw.get("updated_parsed"))
        entries.append(
            FeedEntry(
                id=entry_id,
                link=link,
                title=title,
                published=published,
                summary=summary,
                content_html=_content_html(raw),
            )
        )
    return Feed(title=_text(meta.get("title")), link=_absolute(meta.get("link"), base), entries=entries)


# ---------------------------------------------------------------------------- fetching


def _is_url(location: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", location))


def _local_path(location: str) -> Path:
    if location.lower().startswith("file://"):
        parts = urlsplit(location)
        if parts.netloc not in ("", "localhost"):
            raise SourceError(f"refused: remote file URLs are not read: {location}")
        return Path(unquote(parts.path))
    return Path(location)


def fetch_feed(
    url_or_path: str | Path,
    policy: FetchPolicy = FetchPolicy(),
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: SafeClient | None = None,
    robots: RobotsCache | None = None,
) -> FeedFetch:
    """Read a feed from a local file (path or ``file://``) or an http(s) URL.

    For URLs this is a conditional GET when ``etag``/``last_modified`` are given: a 304
    gives ``not_modified=True`` and no entries. The returned validators are the ones to
    store. ``policy.max_bytes`` bounds the feed size either way.
    """
    location = str(url_or_path)
    if isinstance(url_or_path, Path) or not _is_url(location) or location.lower().startswith("file://"):
        path = _local_path(location)
        try:
            size = path.stat().st_size
            if size > policy.max_bytes:
                raise SourceError(f"feed too large: {size} bytes exceeds {policy.max_bytes} bytes: {path}")
            content = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read feed {path}: {exc.strerror or exc}") from None
        try:
            feed = parse_feed(content, None, max_bytes=policy.max_bytes)
        except SourceError as exc:
            raise SourceError(f"{exc.reason}: {path}") from None
        return FeedFetch(location=str(path), feed=feed, fetched_at=datetime.now(timezone.utc))

    result = fetch(location, policy, etag=etag, last_modified=last_modified, client=client, robots=robots)
    if result.not_modified:
        return FeedFetch(
            location=result.url, feed=Feed(None, None, []), not_modified=True,
            etag=result.etag, last_modified=result.last_modified, fetched_at=result.fetched_at,
        )
    content_type = result.media_type
    if content_type and result.encoding:
        content_type = f"{content_type}; charset={result.encoding}"
    try:
        feed = parse_feed(result.content, result.url, content_type=content_type, max_bytes=policy.max_bytes)
    except SourceError as exc:
        raise SourceError(f"{exc.reason}: {result.url}") from None
    return FeedFetch(
        location=result.url, feed=feed, etag=result.etag,
        last_modified=result.last_modified, fetched_at=result.fetched_at,
    )


def entry_location(entry: FeedEntry, feed_location: str | Path) -> str | None:
    """Where to read ``entry`` from: an http(s) URL, or a file inside the feed's own folder.

    * absolute http(s) link: the link;
    * feed read from a URL: the link resolved against it, which must be http(s);
    * feed read from a local file: a relative (or ``file://``) link becomes a path inside the
      feed file's directory tree, so a demo corpus can ship ``feed.xml`` next to
      ``pages/01-article.html``.
    * None if the entry has no link.

    Anything else raises ``SourceError``: a feed must never make us read an arbitrary local
    file (an absolute path, ``../`` out of the folder, a symlink out of it, another scheme).
    """
    link = entry.link
    if not link:
        return None
    scheme = urlsplit(link).scheme.lower()
    if scheme in ("http", "https"):
        return link
    feed_location = str(feed_location)
    if _is_url(feed_location) and not feed_location.lower().startswith("file://"):
        resolved_url = urljoin(feed_location, link)
        if urlsplit(resolved_url).scheme.lower() in ("http", "https"):
            return resolved_url
        raise SourceError(f"refused: feed entry link is not an http(s) URL: {_one_line(link)[:200]}")
    feed_dir = _local_path(feed_location).resolve().parent
    candidate: Path | None = None
    if scheme == "file":
        parts = urlsplit(link)
        candidate = Path(unquote(parts.path)) if parts.netloc in ("", "localhost") else None
    elif not scheme:
        relative = unquote(urlsplit(link).path)
        candidate = feed_dir / relative if relative and not relative.startswith("/") else None
    try:
        resolved = candidate.resolve() if candidate is not None else None
    except OSError:
        resolved = None
    if resolved is None or not resolved.is_relative_to(feed_dir):
        raise SourceError(f"refused: feed entry link is outside the feed's folder: {_one_line(link)[:200]}")
    return str(resolved)
