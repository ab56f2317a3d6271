"""Events and claims of each revision (analyze schema 1.2), as rows for lists, filters and exports.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Revisions analysed before this migration keep their events and claims inside
``revisions.analysis`` (schema 1.2); the upgrade copies them into the new tables (self-contained
code: it does not import the application, whose row builders may change later).
"""
import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    events = op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(16), nullable=True),
        sa.Column("actor1", sa.String(255), nullable=True),
        sa.Column("actor2", sa.String(255), nullable=True),
        sa.Column("associated", sa.Text(), nullable=True),
        sa.Column("place_id", sa.String(255), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.id"], ondelete="CASCADE",
                                name="fk_events_revision_id_revisions"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_events_article_id_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    for column in ("revision_id", "article_id", "type", "date", "actor1", "actor2", "place_id"):
        op.create_index(f"ix_events_{column}", "events", [column])
    claims = op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("speaker_actor", sa.String(255), nullable=True),
        sa.Column("speaker_type", sa.String(64), nullable=True),
        sa.Column("speaker_place", sa.String(255), nullable=True),
        sa.Column("cue", sa.String(255), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("polarity", sa.String(16), nullable=False),
        sa.Column("content_negated", sa.Boolean(), nullable=False),
        sa.Column("quoted", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("content_start", sa.Integer(), nullable=True),
        sa.Column("content_end", sa.Integer(), nullable=True),
        sa.Column("about_events", sa.Text(), nullable=True),
        sa.Column("about_places", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.id"], ondelete="CASCADE",
                                name="fk_claims_revision_id_revisions"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_claims_article_id_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    for column in ("revision_id", "article_id", "speaker_actor", "polarity"):
        op.create_index(f"ix_claims_{column}", "claims", [column])
    _backfill(op.get_bind(), events, claims)


def _backfill(conn, events, claims) -> None:
    def ids(value):
        return [str(v) for v in value if v is not None] if isinstance(value, list) else []

    def integer(value):
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def day(value):
        try:
            return date.fromisoformat(str(value)[:10]) if value else None
        except ValueError:
            return None

    revisions = sa.table("revisions", sa.column("id"), sa.column("article_id"), sa.column("analysis"))
    last = 0
    while True:
        rows = conn.execute(sa.select(revisions.c.id, revisions.c.article_id, revisions.c.analysis)
                            .where(revisions.c.id > last, revisions.c.analysis.is_not(None))
                            .order_by(revisions.c.id).limit(500)).all()
        if not rows:
            return
        last = rows[-1][0]
        ev_rows, cl_rows = [], []
        for rid, aid, body in rows:
            try:
                analysis = json.loads(body)
            except ValueError:
                continue
            for n, ev in enumerate(analysis.get("events") or [], 1):
                if not isinstance(ev, dict) or not ev.get("type"):
                    continue
                evidence = ev.get("evidence") if isinstance(ev.get("evidence"), dict) else {}
                ev_rows.append({
                    "revision_id": rid, "article_id": aid, "local_id": str(ev.get("id") or f"e{n}")[:32],
                    "type": str(ev["type"])[:64], "date": day(ev.get("date")),
                    "date_precision": ev.get("date_precision"), "actor1": ev.get("actor1"),
                    "actor2": ev.get("actor2"), "associated": json.dumps(ids(ev.get("associated"))),
                    "place_id": ev.get("place"), "fatalities": integer(ev.get("fatalities")),
                    "evidence_start": integer(evidence.get("start")), "evidence_end": integer(evidence.get("end")),
                    "evidence_text": evidence.get("text")})
            for n, c in enumerate(analysis.get("claims") or [], 1):
                if not isinstance(c, dict) or c.get("content") is None:
                    continue
                about = c.get("about") if isinstance(c.get("about"), dict) else {}
                cl_rows.append({
                    "revision_id": rid, "article_id": aid, "local_id": str(c.get("id") or f"c{n}")[:32],
                    "speaker": c.get("speaker"), "speaker_actor": c.get("speaker_actor"),
                    "speaker_type": c.get("speaker_type"), "speaker_place": c.get("speaker_place"),
                    "cue": c.get("cue"), "content": str(c["content"]),
                    "polarity": "deny" if c.get("polarity") == "deny" else "assert",
                    "content_negated": bool(c.get("content_negated")), "quoted": bool(c.get("quoted")),
                    "start": integer(c.get("start")), "end": integer(c.get("end")),
                    "content_start": integer(c.get("content_start")), "content_end": integer(c.get("content_end")),
                    "about_events": json.dumps(ids(about.get("events"))),
                    "about_places": json.dumps(ids(about.get("places")))})
        if ev_rows:
            conn.execute(events.insert(), ev_rows)
        if cl_rows:
            conn.execute(claims.insert(), cl_rows)


def downgrade() -> None:
    op.drop_table("claims")
    op.drop_table("events")
