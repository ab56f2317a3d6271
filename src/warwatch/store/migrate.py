"""Bring a database to the newest schema with Alembic, configured in code.

Two processes opening a new store at once (two feed watchers started together) must not both
run the migrations: the upgrade runs under a lock and looks at the schema version again once
it holds it. On PostgreSQL the lock is a transaction-scoped advisory lock (the DDL runs in the
same transaction, so it is released at commit); on SQLite it is the database's write lock
(``BEGIN IMMEDIATE``; a second process waits up to the busy timeout, and for the switch of a
new file to WAL, see ``database._wal``).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATE_LOCK = 0x77617277 + 1  # PostgreSQL advisory lock key of migrations (writes use 0x77617277)


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
    cfg = alembic_config()
    head = head_revision()
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
        if MigrationContext.configure(conn).get_current_revision() == head:
            return  # another process migrated while this one waited
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
