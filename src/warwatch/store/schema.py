"""Tables of the article store (SQLAlchemy 2 declarative).

Portable by construction: generic types only, UTC timestamps, no SQLite-only column
types. The SQLite full-text index (FTS5) is created by the migration, outside this
metadata, because it is dialect-specific; PostgreSQL will get a tsvector index in its
own migration branch without touching these tables.
"""

from __future__ import annotations

from datetime import date as date_, datetime, timezone

from sqlalchemy import (Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def is_model_table(name: str | None, type_: str, *_args) -> bool:
    """For Alembic autogenerate: the FTS5 index and its shadow tables are managed by hand."""
    return not (type_ == "table" and name is not None and name.startswith("revisions_fts"))


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on every backend.

    SQLite has no time-zone type: values are stored as UTC without an offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    """One article, identified by its normalised URL (or by its content when it has no URL).

    The reading fields are copied from the current revision so lists and the home page
    need no join.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    site: Mapped[str | None] = mapped_column(String(255), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    updated: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(16))
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    reading_minutes: Mapped[int] = mapped_column(Integer, default=0)
    current_revision_id: Mapped[int | None] = mapped_column(Integer)
    revision_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)


class RevisionRow(Base):
    """One distinct version of an article's content, with when it was seen."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("article_id", "content_hash", name="uq_revisions_article_hash"),
        UniqueConstraint("article_id", "number", name="uq_revisions_article_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(512))
    site: Mapped[str | None] = mapped_column(String(255))
    published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(16))
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    reading_minutes: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(64))
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    """The document as read, zlib-compressed, so it can be analysed again when the pipeline improves."""
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_count: Mapped[int] = mapped_column(Integer, default=1)
    analysis: Mapped[str | None] = mapped_column(Text)
    """The analysis of this revision as JSON (the analyze schema without ``article``)."""
    pipeline_version: Mapped[str | None] = mapped_column(String(32))
    """Version of the pipeline that made ``analysis``; older ones are redone when seen again."""


class FeedRow(Base):
    """A feed that ``warwatch watch`` polls, with its conditional-GET validators."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    last_checked: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItemRow(Base):
    """An entry of a feed already seen, so it is not downloaded again."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_id", "entry_key", name="uq_feed_items_feed_entry"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String(2048))
    link: Mapped[str | None] = mapped_column(String(2048))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)


class EntityRow(Base):
    """An actor or a place, by the id the pipeline gives it (registry id, ``geonames:…``, ``person:…``)."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # actor | place
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(64))
    """Actor type (state force, militia, person, ...) or place feature (city, country, river, ...)."""
    country: Mapped[str | None] = mapped_column(String(2))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonames_id: Mapped[int | None] = mapped_column(Integer)


class MentionRow(Base):
    """One mention of an entity in one revision's text (offsets into that text)."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(32))


Index("ix_articles_published_id", ArticleRow.published, ArticleRow.id)
Index("ix_articles_site_published_id", ArticleRow.site, ArticleRow.published, ArticleRow.id)
Index("ix_articles_current_revision_id", ArticleRow.current_revision_id)


class EventRow(Base):
    """One event an article's revision reports (the analyze schema's ``events``), replaced per revision.

    ``local_id`` is the analysis's own id (``e1``); actor and place ids are entity ids but not
    foreign keys, so an analysis naming an entity it does not list still stores.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(64), index=True)
    date: Mapped[date_ | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    actor1: Mapped[str | None] = mapped_column(String(255), index=True)
    actor2: Mapped[str | None] = mapped_column(String(255), index=True)
    associated: Mapped[str | None] = mapped_column(Text)
    """JSON list of actor ids (allies, "backed by")."""
    place_id: Mapped[str | None] = mapped_column(String(255), index=True)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str | None] = mapped_column(Text)


class ClaimRow(Base):
    """One attributed statement (the analyze schema's ``claims``) of a revision, replaced per revision."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_actor: Mapped[str | None] = mapped_column(String(255), index=True)
    speaker_type: Mapped[str | None] = mapped_column(String(64))
    speaker_place: Mapped[str | None] = mapped_column(String(255))
    cue: Mapped[str | None] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    polarity: Mapped[str] = mapped_column(String(16), index=True)
    content_negated: Mapped[bool] = mapped_column(Boolean, default=False)
    quoted: Mapped[bool] = mapped_column(Boolean, default=False)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    content_start: Mapped[int | None] = mapped_column(Integer)
    content_end: Mapped[int | None] = mapped_column(Integer)
    about_events: Mapped[str | None] = mapped_column(Text)
    """JSON list of the revision's event local ids the claim is about."""
    about_places: Mapped[str | None] = mapped_column(Text)
    """JSON list of place ids mentioned in the content."""


# -- the analyst's desk (issue 14): reviews of merged events, watch rules and their hits -------

class ReviewRow(Base):
    """An analyst's decision on one merged event, attached to the reports it was made on (``refs``:
    JSON list of ``desk.keys.merged_keys``: report, sentence+family, sentence), so it finds its
    event again after a reanalysis or a re-merge. ``corrections``: JSON of corrected fields."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    merged_id: Mapped[str] = mapped_column(String(32), index=True)
    """The merged event id when the review was last saved (a hint; ``refs`` decide)."""
    status: Mapped[str] = mapped_column(String(16), index=True)
    corrections: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    refs: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    updated: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(255))


class ReviewLogRow(Base):
    """One change of a review: who, when, the review before and after (JSON)."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    who: Mapped[str | None] = mapped_column(String(255))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class AlertRuleRow(Base):
    """A saved watch rule: every set condition must hold (see ``desk.alerts``)."""

    __tablename__ = "alert_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    actor: Mapped[str | None] = mapped_column(String(255))
    place: Mapped[str | None] = mapped_column(String(255))
    area: Mapped[str | None] = mapped_column(String(64))
    """``lat,lon,km``: events within km of a point."""
    type: Mapped[str | None] = mapped_column(String(64))
    keyword: Mapped[str | None] = mapped_column(String(255))
    min_sources: Mapped[int | None] = mapped_column(Integer)
    watch_for: Mapped[str] = mapped_column(String(16), default="event")
    """``event`` (new merged events), ``contradiction`` (new contradiction about the place/actor/keyword)
    or ``control`` (control of a place changed)."""
    webhook_url: Mapped[str | None] = mapped_column(Text)
    webhook_secret: Mapped[str | None] = mapped_column(String(255))
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)


class AlertHitRow(Base):
    """One match of a rule; ``key`` is unique per rule, so a rule never fires twice for the same thing.
    ``reports``: JSON list of the report keys of the matched merged event (also never matched again)."""

    __tablename__ = "alert_hits"
    __table_args__ = (UniqueConstraint("rule_id", "key", name="uq_alert_hits_rule_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("alert_rules.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[str | None] = mapped_column(Text)
    reports: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    delivery: Mapped[str | None] = mapped_column(String(255))
    """Webhook outcome: ``sent``, ``refused: ...``, ``failed: ...`` (None: no webhook)."""
