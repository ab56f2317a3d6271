"""The article store (SQLAlchemy 2 + Alembic; SQLite by default, schema ready for PostgreSQL)."""

from .entities import EntityView
from .repository import (MARK_END, MARK_START, NEW, REVISION, UNCHANGED, ArticleView, RevisionView,
                         SaveResult, SearchHit, Store, article_key, content_hash, fts_query)

__all__ = ["Store", "EntityView", "SaveResult", "ArticleView", "RevisionView", "SearchHit", "NEW", "UNCHANGED",
           "REVISION", "MARK_START", "MARK_END", "article_key", "content_hash", "fts_query"]
