"""The ``warwatch`` group and what its commands share (the --db option, opening the store, the console)."""

from __future__ import annotations

import click

from .. import __version__
from ..config import load_settings


def db_option(f):
    return click.option("--db", "db", type=str, default=None, callback=_store_target,
                        help="SQLite file or SQLAlchemy URL of the store, e.g. postgresql+psycopg://user@host/db "
                             "(default: $WARWATCH_DB or ~/.local/share/warwatch/warwatch.db).")(f)


def _store_target(_ctx, _param, value: str | None):
    """A URL stays a string (a Path would fold its "//"), anything else is a Path."""
    from ..config import store_target

    return store_target(value) if value else None


def open_store(db, *, create: bool = True):
    from ..store import Store

    target = db or load_settings().db
    try:
        return Store.open(target, create=create)
    except FileNotFoundError as exc:
        raise click.ClickException(f"{exc}; ingest something first (warwatch ingest PATH)") from None


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


class _Group(click.Group):
    """Every expected error (a bad setting, an unreadable registry, a pipeline that cannot start)
    reads as one line, without a traceback."""

    def invoke(self, ctx):
        from ..records import WarwatchError

        try:
            return super().invoke(ctx)
        except WarwatchError as exc:
            raise click.ClickException(exc.reason) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warwatch")
@click.option("--verbose", "-v", is_flag=True, help="Log details, with tracebacks of internal errors.")
def main(verbose: bool) -> None:
    """warwatch: a self-hosted conflict-news monitor.

    Reads news (web pages, RSS/Atom feeds, WARC archives, JSONL, plain text) into a
    clean, searchable, versioned article store.
    """
    import logging

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not verbose:  # libraries' own chatter (trafilatura, htmldate) is not the user's business
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "warcio"):
            logging.getLogger(name).setLevel(logging.ERROR)


# -- ingest ------------------------------------------------------------------------------------
