"""Actors and places of stored revisions: entities upserted by id, mentions replaced per revision.

The store reads them from the documented analyze JSON (``actors`` and ``places`` keys), so
it depends on the schema, not on the NLP classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from .base import EntityView, article_view, entity_view, in_window
from .events import replace_events_and_claims
from .schema import ArticleRow, ClaimRow, EntityRow, EventRow, MentionRow, RevisionRow


def record_analysis(session: Session, rev: RevisionRow, analysis_json: dict[str, Any], version: str) -> None:
    """Store the analysis of ``rev``, its entity mentions, events and claims, replacing earlier ones."""
    body = {k: v for k, v in analysis_json.items() if k != "article"}
    rev.analysis = json.dumps(body, ensure_ascii=False)
    rev.pipeline_version = version
    # new rows go in before the old ones are deleted, so they take ids above every current one and the
    # largest mention id (mentions_marker, a cache key) moves even when the newest revision is redone
    old_max = session.scalar(select(func.max(MentionRow.id)).where(MentionRow.revision_id == rev.id))
    rows = []
    for kind, key in (("actor", "actors"), ("place", "places")):
        for entity in analysis_json.get(key) or []:
            _upsert(session, kind, entity)
            for mention in entity.get("mentions") or []:
                if mention.get("field") == "title":  # offsets into the title; rows point into the text
                    continue
                rows.append(MentionRow(revision_id=rev.id, article_id=rev.article_id, entity_id=entity["id"],
                                       start=mention["start"], end=mention["end"], text=mention["text"],
                                       role=mention.get("role")))
    session.add_all(rows)
    session.flush()
    if old_max is not None:
        session.execute(delete(MentionRow).where(MentionRow.revision_id == rev.id, MentionRow.id <= old_max))
    replace_events_and_claims(session, rev, analysis_json)


def _upsert(session: Session, kind: str, entity: dict[str, Any]) -> None:
    row = session.get(EntityRow, entity["id"])
    if row is None:
        row = EntityRow(id=entity["id"], kind=kind)
        session.add(row)
    row.name = entity.get("name") or entity["id"]
    row.type = entity.get("type") if kind == "actor" else entity.get("feature")
    row.country = entity.get("country")
    if kind == "place":
        row.lat, row.lon = entity.get("lat"), entity.get("lon")
        row.geonames_id = entity.get("geonames_id")


def stored_analysis(session: Session, revision_id: int) -> dict[str, Any] | None:
    value = session.scalar(select(RevisionRow.analysis).where(RevisionRow.id == revision_id))
    return json.loads(value) if value else None


def _current():
    """Join condition: a mention in the current revision of its article (older revisions'
    mentions are history)."""
    return (ArticleRow.id == MentionRow.article_id) & (ArticleRow.current_revision_id == MentionRow.revision_id)


def _current_mentions():
    return select(MentionRow).join(ArticleRow, _current())


class EntityQueries:
    """Read side of actors and places; mixed into ``Store``."""

    _sessions: Any

    def _entity_counts(self, stmt):
        counted = (stmt.add_columns(func.count(func.distinct(MentionRow.article_id)).label("n_articles"),
                                    func.count(MentionRow.id).label("n_mentions"))
                   .join(ArticleRow, _current())
                   .group_by(EntityRow.id))
        with self._sessions() as session:
            return [entity_view(row, n_a, n_m) for row, n_a, n_m in session.execute(counted)]

    def get_entity(self, entity_id: str) -> EntityView | None:
        stmt = select(EntityRow).join(MentionRow, MentionRow.entity_id == EntityRow.id).where(EntityRow.id == entity_id)
        found = self._entity_counts(stmt)
        if found:
            return found[0]
        with self._sessions() as session:
            row = session.get(EntityRow, entity_id)
            return entity_view(row, 0, 0) if row else None

    def list_entities(self, *, kind: str | None = None, country: str | None = None, limit: int = 100,
                      offset: int = 0) -> list[EntityView]:
        """Entities by how many articles mention them (current revisions), most first."""
        stmt = select(EntityRow).join(MentionRow, MentionRow.entity_id == EntityRow.id)
        if kind:
            stmt = stmt.where(EntityRow.kind == kind)
        if country:
            stmt = stmt.where(EntityRow.country == country)
        stmt = stmt.order_by(func.count(func.distinct(MentionRow.article_id)).desc(), EntityRow.name)
        return self._entity_counts(stmt.limit(limit).offset(offset))

    def entity_articles(self, entity_id: str, *, limit: int = 50, offset: int = 0) -> list:
        """Articles whose current revision mentions the entity, newest first."""
        ids = (select(MentionRow.article_id).join(ArticleRow, _current())
               .where(MentionRow.entity_id == entity_id).distinct())
        stmt = (select(ArticleRow).where(ArticleRow.id.in_(ids))
                .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc()).limit(limit).offset(offset))
        with self._sessions() as session:
            return [article_view(r) for r in session.scalars(stmt)]

    def article_mentions(self, article_id: int) -> list[tuple[EntityView, list[tuple[int, int, str, str | None]]]]:
        """The entities the article's current revision mentions, each with its (start, end, text, role) spans."""
        stmt = (_current_mentions().add_columns(EntityRow).join(EntityRow, EntityRow.id == MentionRow.entity_id)
                .where(MentionRow.article_id == article_id).order_by(MentionRow.start))
        grouped: dict[str, tuple[EntityView, list]] = {}
        with self._sessions() as session:
            for mention, entity in session.execute(stmt):
                view, spans = grouped.setdefault(entity.id, (entity_view(entity, 1, 0), []))
                spans.append((mention.start, mention.end, mention.text, mention.role))
                view.mentions += 1
        return list(grouped.values())

    def recent_analyses(self, limit: int) -> list[dict[str, Any]]:
        """The stored analyses (JSON) of the current revisions of the newest ``limit`` articles (by
        published time), each with an ``article`` key (id, url, site, published, title, text), in one
        query: the input of the corpus-level reconciliation."""
        stmt = (select(*_ANALYSIS_COLUMNS)
                .join(RevisionRow, RevisionRow.id == ArticleRow.current_revision_id)
                .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc()).limit(limit))
        with self._sessions() as session:
            return _analyses(session.execute(stmt))

    def attach_analyses(self, analyses: dict[int, dict[str, Any]]) -> None:
        """Store prepared analysis JSON on revisions (revision id -> analysis without ``article``),
        for stores bulk-loaded with analyses made elsewhere (benchmarks). No event rows are made."""
        rows = [{"rid": rid, "analysis": json.dumps(body, default=str)} for rid, body in analyses.items()]
        if not rows:
            return
        with self._sessions.begin() as session:
            session.execute(RevisionRow.__table__.update().where(RevisionRow.id == bindparam("rid"))
                            .values(analysis=bindparam("analysis")), rows)

    def corpus_marker(self) -> tuple[int, int, int]:
        """(largest revision id, largest event id, largest claim id): what the corpus state has
        seen; a new revision or a reanalysis (new event and claim rows) moves it."""
        with self._sessions() as session:
            return (session.scalar(select(func.max(RevisionRow.id))) or 0,
                    session.scalar(select(func.max(EventRow.id))) or 0,
                    session.scalar(select(func.max(ClaimRow.id))) or 0)

    def changed_analyses(self, since: tuple[int, int, int] = (0, 0, 0), *, after_id: int = 0,
                         limit: int = 1000) -> list[dict[str, Any]]:
        """Like ``recent_analyses``, for the articles changed after the ``corpus_marker`` value
        ``since`` (a current revision, event or claim row newer than it), by article id after
        ``after_id``, at most ``limit`` (page with the last id)."""
        rev, ev, cl = since
        changed = (ArticleRow.current_revision_id > rev)
        if rev or ev or cl:
            changed = changed | ArticleRow.id.in_(select(EventRow.article_id).where(EventRow.id > ev)) \
                | ArticleRow.id.in_(select(ClaimRow.article_id).where(ClaimRow.id > cl))
        stmt = (select(*_ANALYSIS_COLUMNS)
                .join(RevisionRow, RevisionRow.id == ArticleRow.current_revision_id)
                .where(ArticleRow.id > after_id, changed).order_by(ArticleRow.id).limit(limit))
        with self._sessions() as session:
            return _analyses(session.execute(stmt))

    def entity_article_counts(self, *, since: datetime | None = None, until: datetime | None = None,
                              kind: str | None = None, site: str | None = None) -> dict[str, int]:
        """For each entity, how many articles (of ``site``, when given) published in [since, until)
        mention it (for trending)."""
        stmt = (select(MentionRow.entity_id, func.count(func.distinct(MentionRow.article_id)))
                .join(ArticleRow, _current()))
        if kind:
            stmt = stmt.join(EntityRow, EntityRow.id == MentionRow.entity_id).where(EntityRow.kind == kind)
        stmt = in_window(stmt, site, since, until)
        with self._sessions() as session:
            return dict(session.execute(stmt.group_by(MentionRow.entity_id)).all())


    # -- reader queries (web app): read-only, bounded ----------------------------------------

    def mentions_marker(self) -> int:
        """Largest mention id (0 when there are none): a primary-key look-up that changes when
        mentions are stored (ingest, reanalysis), for keying caches of entity results."""
        with self._sessions() as session:
            return session.scalar(select(func.max(MentionRow.id))) or 0

    def entity_names(self, entity_ids: list[str]) -> dict[str, tuple[str, str]]:
        """id -> (name, kind) for the given ids (primary-key look-ups, no counting)."""
        if not entity_ids:
            return {}
        with self._sessions() as session:
            rows = session.execute(select(EntityRow.id, EntityRow.name, EntityRow.kind)
                                   .where(EntityRow.id.in_(entity_ids)))
            return {i: (name, kind) for i, name, kind in rows}

    def entity_window_articles(self, entity_ids: list[str], *, since: datetime | None = None,
                               until: datetime | None = None, site: str | None = None
                               ) -> list[tuple[str, int, str | None, datetime | None]]:
        """(entity id, article id, site, published) for articles published in [since, until) whose
        current revision mentions one of ``entity_ids``; newest first."""
        if not entity_ids:
            return []
        stmt = (select(MentionRow.entity_id, ArticleRow.id, ArticleRow.site, ArticleRow.published)
                .join(ArticleRow, _current())
                .where(MentionRow.entity_id.in_(entity_ids)).distinct())
        stmt = in_window(stmt, site, since, until)
        stmt = stmt.order_by(ArticleRow.published.desc(), ArticleRow.id.desc())
        with self._sessions() as session:
            return [tuple(row) for row in session.execute(stmt)]

    def entity_mention_contexts(self, entity_id: str, article_ids: list[int], *, context: int = 320
                                ) -> dict[int, "MentionContext"]:
        """For each of ``article_ids`` whose current revision mentions the entity: its first mention,
        how many mentions and which roles, and up to ``context`` characters of text on each side."""
        if not article_ids:
            return {}
        stmt = (_current_mentions().where(MentionRow.entity_id == entity_id, MentionRow.article_id.in_(article_ids))
                .order_by(MentionRow.article_id, MentionRow.start))
        found: dict[int, MentionContext] = {}
        with self._sessions() as session:
            for m in session.scalars(stmt):
                ctx = found.get(m.article_id)
                if ctx is None:
                    found[m.article_id] = MentionContext(m.article_id, m.revision_id, m.start, m.end, m.text, m.role,
                                                         1, [m.role])
                else:
                    ctx.count += 1
                    if m.role not in ctx.roles:
                        ctx.roles.append(m.role)
            for ctx in found.values():
                first = max(0, ctx.start - context)
                length = ctx.end - first + context
                ctx.window_start = first
                ctx.window = session.scalar(select(func.substr(RevisionRow.text, first + 1, length))
                                            .where(RevisionRow.id == ctx.revision_id)) or ""
        return found

    def entity_role_counts(self, entity_id: str) -> dict[str | None, int]:
        """Articles (current revisions) per mention role of the entity: ``{"location": 4, "actor": 1}``."""
        stmt = (select(MentionRow.role, func.count(func.distinct(MentionRow.article_id)))
                .join(ArticleRow, _current())
                .where(MentionRow.entity_id == entity_id).group_by(MentionRow.role))
        with self._sessions() as session:
            return dict(session.execute(stmt).all())

    def actor_profile(self, entity_id: str, *, sample: int = 20) -> dict[str, str | None]:
        """The role and affiliation the newest analyses give an actor (``{"role", "affiliation"}``, each
        possibly None): the most common pair among the ``sample`` newest current revisions mentioning it."""
        revs = (select(MentionRow.revision_id).join(ArticleRow, _current())
                .where(MentionRow.entity_id == entity_id).distinct()
                .order_by(MentionRow.revision_id.desc()).limit(sample))
        seen: dict[tuple[str | None, str | None], int] = {}
        with self._sessions() as session:
            for body in session.scalars(select(RevisionRow.analysis).where(RevisionRow.id.in_(revs))):
                try:
                    actors = (json.loads(body) if body else {}).get("actors") or []
                except ValueError:
                    continue
                for actor in actors:
                    if not isinstance(actor, dict) or actor.get("id") != entity_id:
                        continue
                    if actor.get("role") or actor.get("affiliation"):
                        pair = (actor.get("role"), actor.get("affiliation"))
                        seen[pair] = seen.get(pair, 0) + 1
        if not seen:
            return {"role": None, "affiliation": None}
        role, affiliation = max(seen.items(), key=lambda kv: (kv[1], kv[0][1] is not None))[0]
        return {"role": role, "affiliation": affiliation}


@dataclass(slots=True)
class MentionContext:
    """The first mention of an entity in an article's current revision, with text around it."""

    article_id: int
    revision_id: int
    start: int
    end: int
    text: str
    role: str | None
    count: int
    """Mentions of the entity in the article."""
    roles: list
    """Distinct roles of those mentions, in order of appearance."""
    window: str = ""
    """Text of the revision from ``window_start``, around the first mention."""
    window_start: int = 0


_ANALYSIS_COLUMNS = (ArticleRow.id, ArticleRow.url, ArticleRow.site, ArticleRow.published, ArticleRow.title,
                     RevisionRow.text, RevisionRow.analysis)


def _analyses(rows) -> list[dict[str, Any]]:
    out = []
    for aid, url, site, published, title, text, analysis in rows:
        try:
            body = json.loads(analysis) if analysis else None
        except ValueError:
            body = None
        if not isinstance(body, dict):
            continue
        body["article"] = {"id": aid, "url": url, "site": site, "title": title, "text": text or "",
                           "published": published.isoformat() if published else None}
        out.append(body)
    return out
