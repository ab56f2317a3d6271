"""Full-text search on PostgreSQL: a tsvector index of the current revision of each article.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

On PostgreSQL: the ``unaccent`` extension (a trusted extension of PostgreSQL's contrib
package, so the database's owner may create it), a text search configuration ``warwatch``
(the ``simple`` parser and dictionary, no stemming, as SQLite's FTS5 index, with accents
removed), and a table ``revisions_fts`` (revision id, tsvector of title weighted A and text
weighted D) with a GIN index, filled from the current revisions. SQLite keeps its FTS5
table from 0001: nothing changes there.
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS warwatch")
    op.execute("CREATE TEXT SEARCH CONFIGURATION warwatch (COPY = simple)")
    op.execute("ALTER TEXT SEARCH CONFIGURATION warwatch ALTER MAPPING FOR hword, hword_part, word "
               "WITH unaccent, simple")
    op.execute("CREATE TABLE revisions_fts ("
               "rowid integer PRIMARY KEY REFERENCES revisions(id) ON DELETE CASCADE, "
               "document tsvector NOT NULL)")
    op.execute("CREATE INDEX revisions_fts_document ON revisions_fts USING gin (document)")
    op.execute("INSERT INTO revisions_fts (rowid, document) "
               "SELECT r.id, setweight(to_tsvector('warwatch', coalesce(r.title, '')), 'A') || "
               "setweight(to_tsvector('warwatch', r.text), 'D') "
               "FROM articles a JOIN revisions r ON r.id = a.current_revision_id")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS revisions_fts")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS warwatch")
