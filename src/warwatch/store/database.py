"""Where a store lives: ``--db`` / ``WARWATCH_DB`` turned into a SQLAlchemy engine, in one place.

A value with a URL scheme (``postgresql+psycopg://user@host/db``, ``sqlite:///file.db``) is a
SQLAlchemy URL and is never taken for a path; anything else is the path of a SQLite file. A
URL whose driver is not installed (``pip install 'warwatch[postgresql]'``) or that names a
database warwatch does not support is a one-line ``WarwatchError``, before anything is written.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..config import is_url, store_target
from ..records import WarwatchError

SUPPORTED = ("sqlite", "postgresql")
"""The database backends the test suite runs against."""

_DRIVERS = {"postgresql": "pip install 'warwatch[postgresql]' (psycopg)"}


normalize = store_target
"""A URL stays a string; anything else becomes an expanded ``Path``."""

__all__ = ["SUPPORTED", "describe", "is_url", "make_engine", "normalize", "store_url"]


def store_url(target: str | Path, *, create: bool = True) -> URL:
    """The SQLAlchemy URL of the store at ``target`` (a path or a URL).

    For a path, the folder is made when ``create`` is true; otherwise a missing file is a
    ``FileNotFoundError``. A bare ``postgresql://`` gets the psycopg (version 3) driver.
    """
    if is_url(target):
        try:
            url = make_url(str(target))
        except ArgumentError as exc:
            raise WarwatchError(f"not a database URL: {target} ({exc})") from None
        backend = url.get_backend_name()
        if backend not in SUPPORTED:
            raise WarwatchError(f"unsupported database {backend!r} in {url.render_as_string(hide_password=True)}; "
                                f"warwatch stores in SQLite or PostgreSQL")
        if backend == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(target).expanduser()
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise FileNotFoundError(f"no database at {path}")
    return URL.create("sqlite", database=str(path))


def make_engine(target: str | Path, *, create: bool = True) -> Engine:
    """An engine for the store at ``target``; SQLite connections get WAL and foreign keys on."""
    url = store_url(target, create=create)
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        backend = url.get_backend_name()
        hint = _DRIVERS.get(backend, "install its SQLAlchemy driver")
        raise WarwatchError(f"no driver for {url.drivername} ({exc}); {hint}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def describe(target: str | Path) -> str:
    """``target`` as it may be shown to a user: a path, or a URL without its password."""
    if is_url(target):
        try:
            return make_url(str(target)).render_as_string(hide_password=True)
        except ArgumentError:
            return "(bad URL)"
    return str(target)


BUSY_TIMEOUT = 10.0
"""Seconds a SQLite connection waits for another process's write lock before it gives up."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    _wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _wal(cursor) -> None:
    """Put the file in WAL mode, waiting for another process doing the same.

    Two connections switching a new file to WAL at once each hold a shared lock and want an
    exclusive one; SQLite sees a deadlock and answers "database is locked" at once, without
    its busy handler. The switch is retried here until the busy timeout: once the other
    process has switched the file, the pragma is a no-op.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)
