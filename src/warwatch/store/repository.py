"""The article store: ``Store``, with the SQL of articles, revisions, feeds and search (the SQL of
entities is in ``entities``, of events and claims in ``events``; ``Store`` mixes both in).

``Store.save`` is idempotent: the same content seen again is recorded as a sighting,
changed content under the same article key becomes a new revision. Each ``save_batch``
is one transaction, so a run killed half way leaves whole documents or nothing, and
running it again picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from courlan import normalize_url
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, defer, sessionmaker

from ..records import Analysis, Article, RawDocument, WarwatchError, http_url
from . import database, migrate, search
from .base import SUMMARY_COLUMNS, ArticleView, RevisionView, article_view, in_window, revision_view
from .entities import EntityQueries, record_analysis
from .events import EventQueries
from .schema import ArticleRow, FeedItemRow, FeedRow, RevisionRow
from .search import MARK_END, MARK_START, SearchHit, fold, fts_query

__all__ = ["Store", "SaveResult", "SearchHit", "NEW", "UNCHANGED", "REVISION", "MARK_START", "MARK_END",
           "article_key", "content_hash", "fold", "fts_query"]

NEW, UNCHANGED, REVISION = "new", "unchanged", "revision"

WRITE_LOCK = 0x77617277  # "warw": the PostgreSQL advisory lock key of writes (migrations use another)


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: str  # NEW | UNCHANGED | REVISION
    article_id: int
    revision_id: int
    source: str = ""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def content_hash(article: Article) -> str:
    """Hash of what a reader sees (title and text), whitespace-normalised."""
    body = " ".join((article.title or "").split()) + "\n" + " ".join(article.text.split())
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def article_key(article: Article, raw: RawDocument | None, digest: str) -> str:
    """Identity of an article: its normalised URL, or its content when it has no URL."""
    for url in (http_url(article.url), http_url(raw.url) if raw else None):
        if url:
            try:
                return normalize_url(url, strict=True)
            except (ValueError, TypeError):
                return url
    return f"sha256:{digest}"


class Store(EntityQueries, EventQueries):
    """The article store over one SQLAlchemy engine (SQLite by default)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, target: str | Path, *, create: bool = True) -> "Store":
        """Open (and migrate) a store from a path to a SQLite file or a SQLAlchemy URL
        (``postgresql+psycopg://user@host/db``; see ``database``)."""
        engine = database.make_engine(target, create=create)
        try:
            migrate.upgrade(engine)
        except OperationalError as exc:  # no server, no such database, refused login
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise WarwatchError(f"cannot open the store at {database.describe(target)}: {reason}") from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def save(self, analysis: Analysis, raw: RawDocument | None = None) -> SaveResult:
        return self.save_batch([(analysis, raw)])[0]

    def save_batch(self, items: Sequence[tuple[Analysis, RawDocument | None]]) -> list[SaveResult]:
        """Save several analyses in one transaction.

        The transaction takes the store's write lock before it reads (see ``_write_lock``), so two
        writers of the same article (two API requests, two ingest processes) cannot both pick the
        same new revision number, article key or entity row. Should a writer that does not take
        the lock still win such a race, the loser fails on the unique constraint and is run again.
        """
        for attempt in range(3):
            now = _now()
            try:
                with self._sessions.begin() as session:
                    self._write_lock(session)
                    return [self._save(session, analysis, raw, now) for analysis, raw in items]
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _write_lock(self, session: Session) -> None:
        """Serialise writers for the rest of the transaction: ``BEGIN IMMEDIATE`` on SQLite, a
        transaction-scoped advisory lock on PostgreSQL (readers are never blocked; analysis,
        the slow part of an ingest, runs outside the transaction, so writers wait briefly)."""
        if self.dialect == "sqlite":
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        elif self.dialect == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})

    def _save(self, session: Session, analysis: Analysis, raw: RawDocument | None, now: datetime) -> SaveResult:
        art = analysis.article
        digest = content_hash(art)
        key = article_key(art, raw, digest)
        source = raw.source if raw else analysis.source
        row = session.scalar(select(ArticleRow).where(ArticleRow.key == key))
        if row is None:
            row = ArticleRow(key=key, url=http_url(art.url) or (http_url(raw.url) if raw else None), first_seen=now,
                             last_seen=now, revision_count=0, word_count=0, reading_minutes=0)
            session.add(row)
            session.flush()
            rev = self._add_revision(session, row, analysis, raw, digest, source, now)
            self._make_current(session, row, rev)
            return SaveResult(NEW, row.id, rev.id, source)

        row.last_seen = now
        rev = session.scalar(select(RevisionRow).where(RevisionRow.article_id == row.id,
                                                       RevisionRow.content_hash == digest))
        if rev is not None:
            rev.last_seen = now
            rev.seen_count += 1
            if rev.pipeline_version != analysis.pipeline_version:
                record_analysis(session, rev, analysis.to_json(), analysis.pipeline_version)
            return SaveResult(UNCHANGED, row.id, rev.id, source)

        rev = self._add_revision(session, row, analysis, raw, digest, source, now)
        current = session.get(RevisionRow, row.current_revision_id) if row.current_revision_id else None
        # A revision found late (an archive read out of order) whose own update time is older
        # than the current one's is kept in the history but does not replace the current text.
        if current is None or not (rev.updated and current.updated and rev.updated < current.updated):
            self._make_current(session, row, rev, previous=current)
        return SaveResult(REVISION, row.id, rev.id, source)

    def _add_revision(self, session: Session, row: ArticleRow, analysis: Analysis, raw: RawDocument | None,
                      digest: str, source: str, now: datetime) -> RevisionRow:
        art = analysis.article
        row.revision_count += 1
        rev = RevisionRow(
            article_id=row.id, number=row.revision_count, content_hash=digest, title=art.title,
            author=art.author, site=art.site, published=art.published, updated=art.updated,
            language=art.language, word_count=art.word_count, reading_minutes=art.reading_minutes,
            text=art.text, source=source, media_type=raw.media_type if raw else "text/plain",
            raw=zlib.compress(raw.content, 6) if raw else None,
            first_seen=now, last_seen=now, seen_count=1,
        )
        session.add(rev)
        session.flush()
        record_analysis(session, rev, analysis.to_json(), analysis.pipeline_version)
        return rev

    def _make_current(self, session: Session, row: ArticleRow, rev: RevisionRow,
                      previous: RevisionRow | None = None) -> None:
        row.current_revision_id = rev.id
        for name in ("title", "author", "site", "published", "updated", "language",
                     "word_count", "reading_minutes"):
            setattr(row, name, getattr(rev, name))
        if previous is not None:
            search.unindex_revision(session, self.dialect, previous.id, previous.title, previous.text)
        search.index_revision(session, self.dialect, rev.id, rev.title, rev.text)

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> dict[str, int]:
        with self._sessions() as session:
            return {
                "articles": session.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "revisions": session.scalar(select(func.count()).select_from(RevisionRow)) or 0,
            }

    def get_article(self, article_id: int, *, with_revisions: bool = True) -> ArticleView | None:
        """An article with the text of its current revision and (``with_revisions``) the summaries
        of its revisions. Reads the current revision's text column only, and the summary columns of
        the revisions: never their raw documents, analyses or other texts."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            view = article_view(row)
            if row.current_revision_id:
                view.text = session.scalar(select(RevisionRow.text).where(RevisionRow.id == row.current_revision_id))
            if with_revisions:
                rows = session.execute(select(*SUMMARY_COLUMNS).where(RevisionRow.article_id == row.id)
                                       .order_by(RevisionRow.number))
                view.revisions = [RevisionView(*r) for r in rows]
            return view

    def get_revision(self, article_id: int, number: int) -> RevisionView | None:
        """One revision's summary and text (not its raw document or analysis)."""
        with self._sessions() as session:
            found = session.execute(select(*SUMMARY_COLUMNS, RevisionRow.text)
                                    .where(RevisionRow.article_id == article_id, RevisionRow.number == number)).first()
            return RevisionView(*found) if found else None

    def list_articles(self, *, limit: int = 50, offset: int = 0, site: str | None = None,
                      since: datetime | None = None, until: datetime | None = None) -> list[ArticleView]:
        stmt = in_window(select(ArticleRow), site, since, until)
        stmt = stmt.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
        with self._sessions() as session:
            return [article_view(r) for r in session.scalars(stmt.limit(limit).offset(offset))]

    def iter_articles(self, *, with_text: bool = True, with_revisions: bool = False,
                      batch: int = 500) -> Iterator[ArticleView]:
        """Every article in id order, its current text attached; memory stays flat."""
        for views in self.iter_article_batches(with_text=with_text, with_revisions=with_revisions, batch=batch):
            yield from views

    def iter_article_batches(self, *, with_text: bool = True, with_revisions: bool = False,
                             batch: int = 500) -> Iterator[list[ArticleView]]:
        """Every article in id order, ``batch`` at a time, with its current text and (``with_revisions``)
        its revision summaries (no texts), in one or two queries per batch."""
        last = 0
        while True:
            with self._sessions() as session:
                rows = session.execute(
                    select(ArticleRow, RevisionRow.text)
                    .join(RevisionRow, RevisionRow.id == ArticleRow.current_revision_id, isouter=True)
                    .where(ArticleRow.id > last).order_by(ArticleRow.id).limit(batch)).all()
                if not rows:
                    return
                views = []
                for row, body in rows:
                    view = article_view(row)
                    if with_text:
                        view.text = body
                    views.append(view)
                if with_revisions:
                    by_id = {v.id: v for v in views}
                    revs = session.scalars(
                        select(RevisionRow).options(defer(RevisionRow.text), defer(RevisionRow.raw),
                                                    defer(RevisionRow.analysis))
                        .where(RevisionRow.article_id.in_(list(by_id)))
                        .order_by(RevisionRow.article_id, RevisionRow.number))
                    for rev in revs:
                        by_id[rev.article_id].revisions.append(revision_view(rev))
            yield views
            last = views[-1].id

    # -- feeds -----------------------------------------------------------------------------

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        with self._sessions() as session:
            row = session.scalar(select(FeedRow).where(FeedRow.url == url))
            return (row.etag, row.last_modified) if row else (None, None)

    def record_feed(self, url: str, *, title: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None,
                    keep_validators: bool = False) -> int:
        with self._sessions.begin() as session:
            self._write_lock(session)
            row = session.scalar(select(FeedRow).where(FeedRow.url == url))
            if row is None:
                row = FeedRow(url=url)
                session.add(row)
            if title:
                row.title = title
            if not keep_validators:
                row.etag, row.last_modified = etag, last_modified
            row.last_checked = _now()
            row.last_error = error
            session.flush()
            return row.id

    def unseen_entries(self, feed_id: int, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        with self._sessions() as session:
            seen = set(session.scalars(select(FeedItemRow.entry_key).where(
                FeedItemRow.feed_id == feed_id, FeedItemRow.entry_key.in_(keys))))
        return {k for k in keys if k not in seen}

    def mark_entry(self, feed_id: int, key: str, link: str | None, article_id: int | None) -> None:
        with self._sessions.begin() as session:
            self._write_lock(session)
            exists = session.scalar(select(FeedItemRow.id).where(FeedItemRow.feed_id == feed_id,
                                                                 FeedItemRow.entry_key == key))
            if exists is None:
                session.add(FeedItemRow(feed_id=feed_id, entry_key=key, link=link,
                                        article_id=article_id, first_seen=_now()))

    def stale_revisions(self, version: str, *, limit: int | None = None) -> list[int]:
        """Ids of current revisions whose stored analysis was made by another pipeline version."""
        stmt = (select(RevisionRow.id).join(ArticleRow, ArticleRow.current_revision_id == RevisionRow.id)
                .where((RevisionRow.pipeline_version.is_(None)) | (RevisionRow.pipeline_version != version))
                .order_by(RevisionRow.id))
        with self._sessions() as session:
            return list(session.scalars(stmt.limit(limit) if limit else stmt))

    def record_analysis(self, revision_id: int, analysis: Analysis) -> None:
        """Replace the stored analysis (and entity mentions) of one revision."""
        with self._sessions.begin() as session:
            self._write_lock(session)
            rev = session.get(RevisionRow, revision_id)
            if rev is not None:
                record_analysis(session, rev, analysis.to_json(), analysis.pipeline_version)

    def stored_versions(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
        """For (article key, content hash) pairs already stored: the pipeline version of their
        analysis. Lets a bulk load (``warwatch load``) skip what it brought in before."""
        wanted = set(keys)
        found: dict[tuple[str, str], str | None] = {}
        with self._sessions() as session:
            names = sorted({key for key, _digest in wanted})
            for i in range(0, len(names), 500):
                rows = session.execute(select(ArticleRow.key, RevisionRow.content_hash, RevisionRow.pipeline_version)
                                       .join(RevisionRow, RevisionRow.article_id == ArticleRow.id)
                                       .where(ArticleRow.key.in_(names[i:i + 500])))
                for key, digest, version in rows:
                    if (key, digest) in wanted:
                        found[(key, digest)] = version
        return found

    def raw_document(self, revision_id: int) -> RawDocument | None:
        """The stored raw document of a revision, for analysing it again."""
        with self._sessions() as session:
            rev = session.get(RevisionRow, revision_id)
            if rev is None or rev.raw is None:
                return None
            art = session.get(ArticleRow, rev.article_id)
            return RawDocument(source=rev.source, content=zlib.decompress(rev.raw), media_type=rev.media_type,
                               url=art.url if art else None)

    # -- reader queries (web app) -----------------------------------------------------------

    def count_articles(self, *, site: str | None = None, since: datetime | None = None,
                       until: datetime | None = None) -> int:
        """How many articles ``list_articles`` would page through with the same filters."""
        stmt = in_window(select(func.count()).select_from(ArticleRow), site, since, until)
        with self._sessions() as session:
            return session.scalar(stmt) or 0

    def sites(self) -> list[tuple[str, int]]:
        """Every site with its number of articles, most articles first."""
        stmt = (select(ArticleRow.site, func.count()).where(ArticleRow.site.is_not(None))
                .group_by(ArticleRow.site).order_by(func.count().desc(), ArticleRow.site))
        with self._sessions() as session:
            return [(site, n) for site, n in session.execute(stmt)]

    def change_marker(self) -> tuple[int, int]:
        """(largest article id, largest revision id): changes whenever an article or revision is added.

        Both are primary-key look-ups, so callers can key caches of corpus-level results on it
        at every request. Sightings of unchanged content do not change it (they change nothing
        a reader sees).
        """
        with self._sessions() as session:
            return (session.scalar(select(func.max(ArticleRow.id))) or 0,
                    session.scalar(select(func.max(RevisionRow.id))) or 0)

    def recent_articles(self, *, limit: int = 2000, site: str | None = None, since: datetime | None = None,
                        until: datetime | None = None, lead_chars: int = 600) -> list[ArticleView]:
        """The newest articles (by published time) with the first ``lead_chars`` of their current text.

        Bounded, for corpus-level computations over a recent window (trending, top content).
        """
        lead = func.substr(RevisionRow.text, 1, lead_chars) if lead_chars else RevisionRow.text
        stmt = (select(ArticleRow, lead)
                .join(RevisionRow, RevisionRow.id == ArticleRow.current_revision_id, isouter=True))
        stmt = in_window(stmt, site, since, until)
        stmt = stmt.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc()).limit(limit)
        with self._sessions() as session:
            rows = session.execute(stmt).all()
        views = []
        for row, body in rows:
            view = article_view(row)
            view.text = body
            views.append(view)
        return views

    def search_count(self, query: str) -> int:
        """How many articles ``search`` would page through for ``query``."""
        with self._sessions() as session:
            return search.count_matches(session, self.dialect, query)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over the current title and text, best matches first (see ``search``)."""
        with self._sessions() as session:
            rows = search.search_rows(session, self.dialect, query, limit, offset)
        published = ArticleRow.__table__.c.published.type
        return [SearchHit(aid, title, site, published.process_result_value(_parse_dt(when), self.engine.dialect), snip)
                for aid, title, site, when, snip in rows]

    def bulk_load(self, articles: Iterable[Article], *, source: str = "bulk", batch: int = 5000) -> int:
        """Insert already-extracted articles fast, each as a new article with one revision.

        For benchmarks and for loading a fresh store: no de-duplication is done (a key already
        stored makes the batch fail with an integrity error) and no raw document is kept.
        Assumes no other writer runs at the same time (ids are assigned here). Returns the
        number of articles inserted.
        """
        articles_t, revisions_t = ArticleRow.__table__, RevisionRow.__table__
        total = 0
        pending: list[Article] = []

        def flush() -> None:
            nonlocal total
            if not pending:
                return
            now = _now()
            with self._sessions.begin() as session:
                self._write_lock(session)
                next_article = (session.scalar(select(func.max(ArticleRow.id))) or 0) + 1
                next_revision = (session.scalar(select(func.max(RevisionRow.id))) or 0) + 1
                art_rows, rev_rows, fts_rows = [], [], []
                for i, art in enumerate(pending):
                    digest = content_hash(art)
                    aid, rid = next_article + i, next_revision + i
                    fields = {"title": art.title, "author": art.author, "site": art.site,
                              "published": art.published, "updated": art.updated, "language": art.language,
                              "word_count": art.word_count, "reading_minutes": art.reading_minutes}
                    art_rows.append({"id": aid, "key": article_key(art, None, digest), "url": art.url,
                                     "current_revision_id": rid, "revision_count": 1,
                                     "first_seen": now, "last_seen": now, **fields})
                    rev_rows.append({"id": rid, "article_id": aid, "number": 1, "content_hash": digest,
                                     "text": art.text, "source": source, "media_type": "text/plain",
                                     "raw": None, "first_seen": now, "last_seen": now, "seen_count": 1,
                                     **fields})
                    fts_rows.append({"id": rid, "title": art.title, "text": art.text})
                session.execute(articles_t.insert(), art_rows)
                session.execute(revisions_t.insert(), rev_rows)
                search.index_many(session, self.dialect, fts_rows)
                if self.dialect == "postgresql":  # ids were given here: move the sequences past them
                    for table in ("articles", "revisions"):
                        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                             f"(SELECT max(id) FROM {table}))"))
            total += len(pending)
            pending.clear()

        for art in articles:
            pending.append(art)
            if len(pending) >= batch:
                flush()
        flush()
        return total


def _parse_dt(value) -> datetime | None:
    """A timestamp from a raw SQL row: SQLite returns the stored text."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
