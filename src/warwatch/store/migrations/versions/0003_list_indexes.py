"""Indexes for site-filtered lists and for joining an article to its current revision.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_site_published_id", "articles", ["site", "published", "id"])
    op.create_index("ix_articles_current_revision_id", "articles", ["current_revision_id"])


def downgrade() -> None:
    op.drop_index("ix_articles_current_revision_id", "articles")
    op.drop_index("ix_articles_site_published_id", "articles")
