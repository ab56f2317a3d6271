"""Articles, revisions, feeds, and the SQLite full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

from warwatch.store.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(2048), nullable=False),
        sa.Column("url", sa.String(2048), nullable=True),
        sa.Column("site", sa.String(255), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.String(512), nullable=True),
        sa.Column("published", UTCDateTime(), nullable=True),
        sa.Column("updated", UTCDateTime(), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("reading_minutes", sa.Integer(), nullable=False),
        sa.Column("current_revision_id", sa.Integer(), nullable=True),
        sa.Column("revision_count", sa.Integer(), nullable=False),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("key", name="uq_articles_key"),
    )
    op.create_index("ix_articles_site", "articles", ["site"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_first_seen", "articles", ["first_seen"])
    op.create_index("ix_articles_published_id", "articles", ["published", "id"])

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.String(512), nullable=True),
        sa.Column("site", sa.String(255), nullable=True),
        sa.Column("published", UTCDateTime(), nullable=True),
        sa.Column("updated", UTCDateTime(), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("reading_minutes", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.Column("seen_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_revisions_article_id_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_revisions"),
        sa.UniqueConstraint("article_id", "content_hash", name="uq_revisions_article_hash"),
        sa.UniqueConstraint("article_id", "number", name="uq_revisions_article_number"),
    )
    op.create_index("ix_revisions_article_id", "revisions", ["article_id"])
    op.create_index("ix_revisions_content_hash", "revisions", ["content_hash"])

    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.String(512), nullable=True),
        sa.Column("last_modified", sa.String(128), nullable=True),
        sa.Column("last_checked", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("entry_key", sa.String(2048), nullable=False),
        sa.Column("link", sa.String(2048), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"], ondelete="CASCADE",
                                name="fk_feed_items_feed_id_feeds"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="SET NULL",
                                name="fk_feed_items_article_id_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_feed_items"),
        sa.UniqueConstraint("feed_id", "entry_key", name="uq_feed_items_feed_entry"),
    )

    if op.get_bind().dialect.name == "sqlite":
        # Full-text index over the *current* revision of each article. External content:
        # the text lives once, in `revisions`; the repository keeps the index in step.
        op.execute(
            "CREATE VIRTUAL TABLE revisions_fts USING fts5("
            "title, text, content='revisions', content_rowid='id', "
            "tokenize=\"unicode61 remove_diacritics 2\")"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS revisions_fts")
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.drop_table("revisions")
    op.drop_table("articles")
