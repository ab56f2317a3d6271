"""Bring a database to the newest schema with Alembic, configured in code."""

from __future__ import annotations

import contextlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Run pending migrations (a no-op when the database is current)."""
    if current_revision(engine) == head_revision():
        return
    with _sqlite_lock(engine):
        if current_revision(engine) == head_revision():   # another process migrated while we waited
            return
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


@contextlib.contextmanager
def _sqlite_lock(engine: Engine):
    """One migrating process at a time on a SQLite file (two ingests starting on a new store
    raced to create ``alembic_version``): an exclusive lock on ``<db>.migrate.lock``."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock
        fcntl = None
    if not database or database == ":memory:" or fcntl is None:
        yield
        return
    with open(f"{database}.migrate.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
