"""The article store (SQLAlchemy 2 + Alembic; SQLite by default, schema ready for PostgreSQL)."""

from .base import ArticleView, EntityView, RevisionView
from .repository import (MARK_END, MARK_START, NEW, REVISION, UNCHANGED, SaveResult, SearchHit, Store, article_key,
                         content_hash, fts_query)

__all__ = ["Store", "EntityView", "SaveResult", "ArticleView", "RevisionView", "SearchHit", "NEW", "UNCHANGED",
           "REVISION", "MARK_START", "MARK_END", "article_key", "content_hash", "fts_query"]
