"""What every store module shares: the records the store hands out for articles, revisions and
entities, the functions that build them from rows, and the common article filter.

``repository``, ``entities`` and ``events`` import from here and never the other way round, so
the store's modules depend on each other in one direction only (repository -> entities ->
events -> base -> schema).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .schema import ArticleRow, EntityRow, RevisionRow


@dataclass(slots=True)
class RevisionView:
    id: int
    number: int
    title: str | None
    published: datetime | None
    updated: datetime | None
    word_count: int
    first_seen: datetime
    last_seen: datetime
    seen_count: int
    source: str
    text: str | None = None


@dataclass(slots=True)
class ArticleView:
    id: int
    url: str | None
    site: str | None
    title: str | None
    author: str | None
    published: datetime | None
    updated: datetime | None
    language: str | None
    word_count: int
    reading_minutes: int
    first_seen: datetime
    last_seen: datetime
    revision_count: int
    current_revision_id: int | None
    text: str | None = None
    revisions: list[RevisionView] = field(default_factory=list)

    def to_json(self, *, with_text: bool = True) -> dict:
        out = {
            "id": self.id, "url": self.url, "site": self.site, "title": self.title,
            "author": self.author, "published": _iso(self.published), "updated": _iso(self.updated),
            "language": self.language, "word_count": self.word_count,
            "reading_minutes": self.reading_minutes, "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen), "revision_count": self.revision_count,
        }
        if with_text:
            out["text"] = self.text
        if self.revisions:
            out["revisions"] = [
                {"id": r.id, "number": r.number, "title": r.title, "published": _iso(r.published),
                 "updated": _iso(r.updated), "word_count": r.word_count,
                 "first_seen": _iso(r.first_seen), "last_seen": _iso(r.last_seen),
                 "seen_count": r.seen_count, "source": r.source}
                for r in self.revisions
            ]
        return out


@dataclass(slots=True)
class EntityView:
    id: str
    kind: str
    name: str
    type: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    articles: int = 0
    mentions: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "type": self.type, "country": self.country,
                "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id,
                "articles": self.articles, "mentions": self.mentions}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# -- rows to records -------------------------------------------------------------------------

def article_view(row: ArticleRow) -> ArticleView:
    return ArticleView(
        id=row.id, url=row.url, site=row.site, title=row.title, author=row.author,
        published=row.published, updated=row.updated, language=row.language,
        word_count=row.word_count, reading_minutes=row.reading_minutes, first_seen=row.first_seen,
        last_seen=row.last_seen, revision_count=row.revision_count,
        current_revision_id=row.current_revision_id)


SUMMARY_COLUMNS = (RevisionRow.id, RevisionRow.number, RevisionRow.title, RevisionRow.published, RevisionRow.updated,
                   RevisionRow.word_count, RevisionRow.first_seen, RevisionRow.last_seen, RevisionRow.seen_count,
                   RevisionRow.source)
"""The columns of a ``RevisionView`` without its text, in field order."""


def revision_view(rev: RevisionRow, with_text: bool = False) -> RevisionView:
    return RevisionView(
        id=rev.id, number=rev.number, title=rev.title, published=rev.published, updated=rev.updated,
        word_count=rev.word_count, first_seen=rev.first_seen, last_seen=rev.last_seen,
        seen_count=rev.seen_count, source=rev.source, text=rev.text if with_text else None)


def entity_view(row: EntityRow, n_articles: int, n_mentions: int) -> EntityView:
    return EntityView(id=row.id, kind=row.kind, name=row.name, type=row.type, country=row.country, lat=row.lat,
                      lon=row.lon, geonames_id=row.geonames_id, articles=n_articles, mentions=n_mentions)


# -- common SQL ------------------------------------------------------------------------------

def in_window(stmt, site: str | None = None, since: datetime | None = None, until: datetime | None = None):
    """``stmt`` restricted to articles of ``site`` published in [since, until)."""
    if site:
        stmt = stmt.where(ArticleRow.site == site)
    if since:
        stmt = stmt.where(ArticleRow.published >= since)
    if until:
        stmt = stmt.where(ArticleRow.published < until)
    return stmt
