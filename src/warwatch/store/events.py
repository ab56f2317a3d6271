"""Events and claims of stored revisions: rows written by ``record_analysis`` (replaced per
revision, like mentions) and read by ``EventQueries`` (mixed into ``Store``).

Rows are built from the documented analyze JSON (``events`` and ``claims`` keys, schema 1.2),
so the store depends on the schema, not on the pipeline's classes. Every read counts only the
**current** revision of each article (``articles.current_revision_id``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, or_, select
from sqlalchemy.orm import Session

from .base import EntityView, entity_view
from .schema import ArticleRow, ClaimRow, EntityRow, EventRow, MentionRow, RevisionRow

ASSERT, DENY = "assert", "deny"


# -- writing ---------------------------------------------------------------------------------

def _str(value: Any, limit: int = 255) -> str | None:
    if value is None:
        return None
    return str(value)[:limit]


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value if v is not None] if isinstance(value, (list, tuple)) else []


def event_rows(rev: RevisionRow, analysis_json: dict[str, Any]) -> list[EventRow]:
    rows = []
    for n, ev in enumerate(analysis_json.get("events") or [], 1):
        if not isinstance(ev, dict) or not ev.get("type"):
            continue
        evidence = ev.get("evidence") if isinstance(ev.get("evidence"), dict) else {}
        body = evidence.get("field") != "title"  # a headline's offsets point into the title, not the text
        rows.append(EventRow(
            revision_id=rev.id, article_id=rev.article_id, local_id=_str(ev.get("id"), 32) or f"e{n}",
            type=_str(ev["type"], 64), date=_date(ev.get("date")), date_precision=_str(ev.get("date_precision"), 16),
            actor1=_str(ev.get("actor1")), actor2=_str(ev.get("actor2")),
            associated=json.dumps(_ids(ev.get("associated")), ensure_ascii=False),
            place_id=_str(ev.get("place")), fatalities=_int(ev.get("fatalities")),
            evidence_start=_int(evidence.get("start")) if body else None,
            evidence_end=_int(evidence.get("end")) if body else None,
            evidence_text=evidence.get("text")))
    return rows


def claim_rows(rev: RevisionRow, analysis_json: dict[str, Any]) -> list[ClaimRow]:
    rows = []
    for n, c in enumerate(analysis_json.get("claims") or [], 1):
        if not isinstance(c, dict) or c.get("content") is None:
            continue
        about = c.get("about") if isinstance(c.get("about"), dict) else {}
        body = c.get("field") != "title"
        rows.append(ClaimRow(
            revision_id=rev.id, article_id=rev.article_id, local_id=_str(c.get("id"), 32) or f"c{n}",
            speaker=c.get("speaker"), speaker_actor=_str(c.get("speaker_actor")),
            speaker_type=_str(c.get("speaker_type"), 64), speaker_place=_str(c.get("speaker_place")),
            cue=_str(c.get("cue")), content=str(c["content"]),
            polarity=DENY if c.get("polarity") == DENY else ASSERT,
            content_negated=bool(c.get("content_negated")), quoted=bool(c.get("quoted")),
            start=_int(c.get("start")) if body else None, end=_int(c.get("end")) if body else None,
            content_start=_int(c.get("content_start")) if body else None,
            content_end=_int(c.get("content_end")) if body else None,
            about_events=json.dumps(_ids(about.get("events")), ensure_ascii=False),
            about_places=json.dumps(_ids(about.get("places")), ensure_ascii=False)))
    return rows


def replace_events_and_claims(session: Session, rev: RevisionRow, analysis_json: dict[str, Any]) -> None:
    """Replace the event and claim rows of ``rev`` with those of ``analysis_json``.

    The new rows are inserted before the old ones are deleted, so they take ids above every current
    one: the largest ids (``events_marker``, a cache key) move even when the newest revision is redone."""
    old_event = session.scalar(select(func.max(EventRow.id)).where(EventRow.revision_id == rev.id))
    old_claim = session.scalar(select(func.max(ClaimRow.id)).where(ClaimRow.revision_id == rev.id))
    session.add_all(event_rows(rev, analysis_json))
    session.add_all(claim_rows(rev, analysis_json))
    session.flush()
    if old_event is not None:
        session.execute(delete(EventRow).where(EventRow.revision_id == rev.id, EventRow.id <= old_event))
    if old_claim is not None:
        session.execute(delete(ClaimRow).where(ClaimRow.revision_id == rev.id, ClaimRow.id <= old_claim))


# -- views -----------------------------------------------------------------------------------

def _json_list(value: str | None) -> list[str]:
    if not value:
        return []
    try:
        found = json.loads(value)
    except ValueError:
        return []
    return [str(v) for v in found] if isinstance(found, list) else []


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(slots=True)
class ClaimView:
    id: int
    article_id: int
    revision_id: int
    local_id: str
    speaker: str | None
    speaker_actor: str | None
    speaker_type: str | None
    speaker_place: str | None
    cue: str | None
    content: str
    polarity: str
    content_negated: bool
    quoted: bool
    start: int | None
    end: int | None
    content_start: int | None
    content_end: int | None
    about_events: list[str]
    about_places: list[str]
    article_title: str | None = None
    article_site: str | None = None
    article_published: datetime | None = None

    @property
    def denies(self) -> bool:
        return self.polarity == DENY

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "article_id": self.article_id, "local_id": self.local_id, "speaker": self.speaker,
                "speaker_actor": self.speaker_actor, "speaker_type": self.speaker_type,
                "speaker_place": self.speaker_place, "cue": self.cue, "content": self.content,
                "polarity": self.polarity, "content_negated": self.content_negated, "quoted": self.quoted,
                "start": self.start, "end": self.end, "content_start": self.content_start,
                "content_end": self.content_end,
                "about": {"events": list(self.about_events), "places": list(self.about_places)},
                "article": {"id": self.article_id, "title": self.article_title, "site": self.article_site,
                            "published": _iso(self.article_published)}}


@dataclass(slots=True)
class EventView:
    id: int
    article_id: int
    revision_id: int
    local_id: str
    type: str
    date: date | None
    date_precision: str | None
    actor1: str | None
    actor2: str | None
    associated: list[str]
    place_id: str | None
    fatalities: int | None
    evidence_start: int | None
    evidence_end: int | None
    evidence_text: str | None
    article_title: str | None = None
    article_site: str | None = None
    article_url: str | None = None
    article_published: datetime | None = None
    claims: list[ClaimView] = field(default_factory=list)
    """Claims of the same revision about this event (``get_event`` only)."""

    @property
    def actor_ids(self) -> list[str]:
        return [a for a in (self.actor1, self.actor2, *self.associated) if a]

    @property
    def asserted_by(self) -> list[ClaimView]:
        return [c for c in self.claims if c.polarity != DENY]

    @property
    def denied_by(self) -> list[ClaimView]:
        return [c for c in self.claims if c.polarity == DENY]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "article_id": self.article_id, "local_id": self.local_id, "type": self.type,
                "date": _iso(self.date), "date_precision": self.date_precision, "actor1": self.actor1,
                "actor2": self.actor2, "associated": list(self.associated), "place": self.place_id,
                "fatalities": self.fatalities,
                "evidence": {"start": self.evidence_start, "end": self.evidence_end, "text": self.evidence_text},
                "article": {"id": self.article_id, "title": self.article_title, "site": self.article_site,
                            "url": self.article_url, "published": _iso(self.article_published)}}


@dataclass(slots=True)
class SpeakerView:
    actor_id: str
    name: str
    type: str | None
    claims: int
    denials: int
    articles: int

    @property
    def assertions(self) -> int:
        return self.claims - self.denials

    def to_json(self) -> dict[str, Any]:
        return {"id": self.actor_id, "name": self.name, "type": self.type, "claims": self.claims,
                "denials": self.denials, "assertions": self.assertions, "articles": self.articles}


def _event_view(row: EventRow, art: ArticleRow | None = None) -> EventView:
    view = EventView(id=row.id, article_id=row.article_id, revision_id=row.revision_id, local_id=row.local_id,
                     type=row.type, date=row.date, date_precision=row.date_precision, actor1=row.actor1,
                     actor2=row.actor2, associated=_json_list(row.associated), place_id=row.place_id,
                     fatalities=row.fatalities, evidence_start=row.evidence_start, evidence_end=row.evidence_end,
                     evidence_text=row.evidence_text)
    if art is not None:
        view.article_title, view.article_site = art.title, art.site
        view.article_url, view.article_published = art.url, art.published
    return view


def _claim_view(row: ClaimRow, art: ArticleRow | None = None) -> ClaimView:
    view = ClaimView(id=row.id, article_id=row.article_id, revision_id=row.revision_id, local_id=row.local_id,
                     speaker=row.speaker, speaker_actor=row.speaker_actor, speaker_type=row.speaker_type,
                     speaker_place=row.speaker_place, cue=row.cue, content=row.content, polarity=row.polarity,
                     content_negated=bool(row.content_negated), quoted=bool(row.quoted), start=row.start,
                     end=row.end, content_start=row.content_start, content_end=row.content_end,
                     about_events=_json_list(row.about_events), about_places=_json_list(row.about_places))
    if art is not None:
        view.article_title, view.article_site, view.article_published = art.title, art.site, art.published
    return view


def _current(stmt, row_cls):
    """Join rows of ``row_cls`` (events or claims) to their article, keeping current revisions only."""
    return stmt.join(ArticleRow, (ArticleRow.id == row_cls.article_id)
                     & (ArticleRow.current_revision_id == row_cls.revision_id))


# -- reading ---------------------------------------------------------------------------------

class EventQueries:
    """Read side of events and claims; mixed into ``Store``."""

    _sessions: Any

    def _event_filters(self, stmt, type: str | None, actor: str | None, place: str | None,
                       since: date | None, until: date | None, article_id: int | None = None):
        if type:
            stmt = stmt.where(EventRow.type == type)
        if actor:
            stmt = stmt.where(or_(EventRow.actor1 == actor, EventRow.actor2 == actor,
                                  EventRow.associated.contains(json.dumps(actor, ensure_ascii=False),
                                                               autoescape=True)))
        if place:
            stmt = stmt.where(EventRow.place_id == place)
        if since:
            stmt = stmt.where(EventRow.date >= since)
        if until:
            stmt = stmt.where(EventRow.date <= until)
        if article_id is not None:
            stmt = stmt.where(EventRow.article_id == article_id)
        return stmt

    def list_events(self, *, type: str | None = None, actor: str | None = None, place: str | None = None,
                    since: date | None = None, until: date | None = None, article_id: int | None = None,
                    limit: int = 50, offset: int = 0) -> list[EventView]:
        """Events of current revisions, newest event date first (undated last, by article time).

        ``actor`` matches actor1, actor2 or an associated actor; ``since``/``until`` are inclusive
        days on the event's own date (undated events are left out when either is given).
        """
        stmt = self._event_filters(_current(select(EventRow, ArticleRow), EventRow), type, actor, place,
                                   since, until, article_id)
        stmt = stmt.order_by(EventRow.date.desc().nulls_last(), ArticleRow.published.desc().nulls_last(),
                             EventRow.article_id.desc(), EventRow.id)
        with self._sessions() as session:
            return [_event_view(ev, art) for ev, art in session.execute(stmt.limit(limit).offset(offset))]

    def count_events(self, *, type: str | None = None, actor: str | None = None, place: str | None = None,
                     since: date | None = None, until: date | None = None, article_id: int | None = None) -> int:
        stmt = self._event_filters(_current(select(func.count(EventRow.id)), EventRow), type, actor, place,
                                   since, until, article_id)
        with self._sessions() as session:
            return session.scalar(stmt) or 0

    def event_type_counts(self) -> dict[str, int]:
        """Events of current revisions per type."""
        stmt = _current(select(EventRow.type, func.count(EventRow.id)), EventRow).group_by(EventRow.type)
        with self._sessions() as session:
            return dict(session.execute(stmt).all())

    def _claims_of(self, session: Session, revision_id: int, art: ArticleRow | None = None) -> list[ClaimView]:
        rows = session.scalars(select(ClaimRow).where(ClaimRow.revision_id == revision_id)
                               .order_by(ClaimRow.start.nulls_last(), ClaimRow.id))
        return [_claim_view(r, art) for r in rows]

    def _event_with_claims(self, session: Session, row: EventRow | None) -> EventView | None:
        if row is None:
            return None
        art = session.get(ArticleRow, row.article_id)
        view = _event_view(row, art)
        view.claims = [c for c in self._claims_of(session, row.revision_id, art) if row.local_id in c.about_events]
        return view

    def get_event(self, event_id: int) -> EventView | None:
        """One event row by its database id (any revision) with its article fields and the claims of
        its revision about it (``asserted_by`` / ``denied_by``)."""
        with self._sessions() as session:
            return self._event_with_claims(session, session.get(EventRow, event_id))

    def find_event(self, article_id: int, local_id: str) -> EventView | None:
        """The event ``local_id`` (``e1``) of the article's current revision: the stable address of an
        event (database ids change when a revision is analysed again)."""
        stmt = _current(select(EventRow), EventRow).where(EventRow.article_id == article_id,
                                                          EventRow.local_id == local_id)
        with self._sessions() as session:
            return self._event_with_claims(session, session.scalars(stmt.limit(1)).first())

    def article_events(self, article_id: int) -> list[EventView]:
        """Events of the article's current revision, in text order."""
        stmt = (_current(select(EventRow), EventRow).where(EventRow.article_id == article_id)
                .order_by(EventRow.evidence_start.nulls_last(), EventRow.id))
        with self._sessions() as session:
            return [_event_view(r) for r in session.scalars(stmt)]

    def article_claims(self, article_id: int) -> list[ClaimView]:
        """Claims of the article's current revision, in text order."""
        with self._sessions() as session:
            art = session.get(ArticleRow, article_id)
            if art is None or art.current_revision_id is None:
                return []
            return self._claims_of(session, art.current_revision_id, art)

    def events_for_place(self, place_id: str, *, limit: int = 50, offset: int = 0) -> list[EventView]:
        """Events at a place (current revisions), newest first."""
        return self.list_events(place=place_id, limit=limit, offset=offset)

    def claims_by_speaker(self, actor_id: str, *, polarity: str | None = None, limit: int = 50,
                          offset: int = 0) -> list[ClaimView]:
        """Claims whose speaker resolves to ``actor_id`` (current revisions), newest article first."""
        stmt = _current(select(ClaimRow, ArticleRow), ClaimRow).where(ClaimRow.speaker_actor == actor_id)
        if polarity:
            stmt = stmt.where(ClaimRow.polarity == polarity)
        stmt = stmt.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc(),
                             ClaimRow.start.nulls_last(), ClaimRow.id)
        with self._sessions() as session:
            return [_claim_view(c, art) for c, art in session.execute(stmt.limit(limit).offset(offset))]

    def speaker_counts(self, actor_id: str) -> SpeakerView | None:
        found = self.speakers(actor_id=actor_id)
        return found[0] if found else None

    def speakers(self, *, actor_id: str | None = None, limit: int | None = None, offset: int = 0
                 ) -> list[SpeakerView]:
        """Speakers that resolve to an actor, with their claims, denials and articles (current
        revisions), most claims first."""
        denials = func.sum(case((ClaimRow.polarity == DENY, 1), else_=0))
        stmt = (_current(select(ClaimRow.speaker_actor, func.count(ClaimRow.id), denials,
                                func.count(func.distinct(ClaimRow.article_id)), EntityRow.name, EntityRow.type),
                         ClaimRow)
                .join(EntityRow, EntityRow.id == ClaimRow.speaker_actor, isouter=True)
                .where(ClaimRow.speaker_actor.is_not(None))
                .group_by(ClaimRow.speaker_actor, EntityRow.name, EntityRow.type)
                .order_by(func.count(ClaimRow.id).desc(), ClaimRow.speaker_actor))
        if actor_id is not None:
            stmt = stmt.where(ClaimRow.speaker_actor == actor_id)
        if limit is not None:
            stmt = stmt.limit(limit).offset(offset)
        with self._sessions() as session:
            return [SpeakerView(actor_id=a, name=name or a, type=type_, claims=n, denials=int(d or 0), articles=arts)
                    for a, n, d, arts, name, type_ in session.execute(stmt)]

    def count_speakers(self) -> int:
        stmt = (_current(select(func.count(func.distinct(ClaimRow.speaker_actor))), ClaimRow)
                .where(ClaimRow.speaker_actor.is_not(None)))
        with self._sessions() as session:
            return session.scalar(stmt) or 0

    def events_marker(self) -> tuple[int, int]:
        """(largest event id, largest claim id), for keying caches of event results."""
        with self._sessions() as session:
            return (session.scalar(select(func.max(EventRow.id))) or 0,
                    session.scalar(select(func.max(ClaimRow.id))) or 0)

    def iter_current_events(self, *, batch: int = 1000):
        """Every event of a current revision with the claims of its revision about it (for exports),
        by article id then text order; memory stays bounded by ``batch`` articles."""
        last = 0
        while True:
            with self._sessions() as session:
                arts = session.scalars(select(ArticleRow).where(ArticleRow.id > last,
                                                                ArticleRow.current_revision_id.is_not(None))
                                       .order_by(ArticleRow.id).limit(batch)).all()
                if not arts:
                    return
                rev_ids = [a.current_revision_id for a in arts]
                by_id = {a.id: a for a in arts}
                events = session.scalars(select(EventRow).where(EventRow.revision_id.in_(rev_ids))
                                         .order_by(EventRow.article_id, EventRow.evidence_start.nulls_last(),
                                                   EventRow.id)).all()
                claims: dict[int, list[ClaimView]] = {}
                for row in session.scalars(select(ClaimRow).where(ClaimRow.revision_id.in_(rev_ids))
                                           .order_by(ClaimRow.start.nulls_last(), ClaimRow.id)):
                    claims.setdefault(row.revision_id, []).append(_claim_view(row))
                out = []
                for row in events:
                    view = _event_view(row, by_id.get(row.article_id))
                    view.claims = [c for c in claims.get(row.revision_id, []) if row.local_id in c.about_events]
                    out.append(view)
            yield from out
            last = arts[-1].id

    def place_mention_counts(self) -> list[tuple[str, int, int]]:
        """(place id, mentions, articles) over current revisions, for every place mentioned."""
        stmt = (select(MentionRow.entity_id, func.count(MentionRow.id), func.count(func.distinct(MentionRow.article_id)))
                .join(ArticleRow, (ArticleRow.id == MentionRow.article_id)
                      & (ArticleRow.current_revision_id == MentionRow.revision_id))
                .join(EntityRow, EntityRow.id == MentionRow.entity_id).where(EntityRow.kind == "place")
                .group_by(MentionRow.entity_id))
        with self._sessions() as session:
            return [tuple(r) for r in session.execute(stmt)]

    def entity_details(self, entity_ids) -> dict[str, EntityView]:
        """id -> EntityView (no counts) for the given ids: names, types, countries, coordinates."""
        ids = sorted({i for i in entity_ids if i})
        found = {}
        with self._sessions() as session:
            for k in range(0, len(ids), 500):
                for row in session.scalars(select(EntityRow).where(EntityRow.id.in_(ids[k:k + 500]))):
                    found[row.id] = entity_view(row, 0, 0)
        return found

    def current_analysis(self, article_id: int) -> dict[str, Any] | None:
        """The stored analysis JSON of the article's current revision (the analyze schema without
        ``article``), with the ``pipeline_version`` that made it; None when there is none."""
        stmt = (select(RevisionRow.analysis, RevisionRow.pipeline_version)
                .join(ArticleRow, ArticleRow.current_revision_id == RevisionRow.id).where(ArticleRow.id == article_id))
        with self._sessions() as session:
            row = session.execute(stmt).first()
        return None if row is None else _analysis_body(row[0], row[1])

    def revision_analyses(self, revision_ids: list[int]) -> dict[int, dict[str, Any]]:
        """revision id -> its stored analysis, as ``current_analysis`` gives it (revisions without one,
        or with an unreadable one, are left out); one query per 500 ids."""
        ids = sorted({i for i in revision_ids if i})
        found: dict[int, dict[str, Any]] = {}
        with self._sessions() as session:
            for k in range(0, len(ids), 500):
                stmt = (select(RevisionRow.id, RevisionRow.analysis, RevisionRow.pipeline_version)
                        .where(RevisionRow.id.in_(ids[k:k + 500])))
                for rev_id, analysis, version in session.execute(stmt):
                    body = _analysis_body(analysis, version)
                    if body is not None:
                        found[rev_id] = body
        return found

    def event_actor_counts(self) -> list[tuple[str, int]]:
        """(actor id, events) over current revisions, as actor1, actor2 (not associated), most first."""
        out: dict[str, int] = {}
        with self._sessions() as session:
            for column in (EventRow.actor1, EventRow.actor2):
                stmt = (_current(select(column, func.count(EventRow.id)), EventRow).where(column.is_not(None))
                        .group_by(column))
                for actor, n in session.execute(stmt):
                    out[actor] = out.get(actor, 0) + n
        return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))

    def event_place_counts(self) -> list[tuple[str, int]]:
        """(place id, events) over current revisions, most first."""
        stmt = (_current(select(EventRow.place_id, func.count(EventRow.id)), EventRow)
                .where(EventRow.place_id.is_not(None)).group_by(EventRow.place_id)
                .order_by(func.count(EventRow.id).desc(), EventRow.place_id))
        with self._sessions() as session:
            return [tuple(r) for r in session.execute(stmt)]


def _analysis_body(analysis: str | None, version: str | None) -> dict[str, Any] | None:
    """A stored analysis JSON with the ``pipeline_version`` column in it; None when empty or unreadable."""
    if not analysis:
        return None
    try:
        body = json.loads(analysis)
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    body["pipeline_version"] = version
    return body
