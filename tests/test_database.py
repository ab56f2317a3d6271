"""Where a store lives: a URL is never a path, a missing driver is one clear line, and several
processes may open, migrate and write one store at once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from warwatch.bench.ingest import generate
from warwatch.cli import main
from warwatch.config import load_settings
from warwatch.records import WarwatchError
from warwatch.store import Store, migrate
from warwatch.store.database import describe, store_url


def test_a_url_is_never_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text("<html><body><p>Nothing.</p></body></html>")
    # a closed loopback port: the store cannot be opened, and nothing is written here
    result = CliRunner().invoke(main, ["ingest", "p.html", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none",
                                       "-q", "--workers", "0"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: cannot open the store at postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert result.output.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.html"]


def test_store_urls():
    assert store_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert store_url("postgresql+psycopg://u@h/db").database == "db"
    assert describe("postgresql+psycopg://u:secret@h/db") == "postgresql+psycopg://u:***@h/db"
    with pytest.raises(WarwatchError, match="unsupported database 'mysql'"):
        store_url("mysql://u@h/db")


def test_sqlite_paths(tmp_path):
    url = store_url(tmp_path / "a" / "b.db")
    assert url.drivername == "sqlite" and url.database == str(tmp_path / "a" / "b.db")
    assert (tmp_path / "a").is_dir()
    with pytest.raises(FileNotFoundError):
        store_url(tmp_path / "none.db", create=False)


def test_a_missing_driver_is_one_line():
    result = CliRunner().invoke(main, ["search", "x", "--db", "postgresql+pg8000://u@127.0.0.1/db"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no driver for postgresql+pg8000")
    assert "warwatch[postgresql]" in result.output and result.output.count("\n") == 1


def test_warwatch_db_may_be_a_url(tmp_path):
    env = {"WARWATCH_CONFIG": str(tmp_path / "none.toml"), "WARWATCH_DB": "postgresql+psycopg://u@h:5432/team"}
    assert load_settings(env).db == "postgresql+psycopg://u@h:5432/team"
    env["WARWATCH_DB"] = "~/w.db"
    assert load_settings(env).db == Path("~/w.db").expanduser()


def _ingest(corpus: Path, db: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "warwatch.cli", "ingest", str(corpus), "--db", str(db), "-q", "--json",
           "--workers", "0", "--no-understand"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


@pytest.mark.timeout(240)
def test_two_ingest_processes_migrate_and_write_one_new_store(tmp_path, empty_db_url):
    """Both start on a store with no tables; half their pages are the same articles."""
    pages = generate(tmp_path / "all", 60)
    for name, chosen in (("a", pages[:40]), ("b", pages[20:])):
        (tmp_path / name).mkdir()
        for page in chosen:
            (tmp_path / name / page.name).write_bytes(page.read_bytes())
    runs = [_ingest(tmp_path / name, empty_db_url) for name in ("a", "b")]
    outs = [run.communicate(timeout=200) for run in runs]
    for run, (out, err) in zip(runs, outs):
        assert run.returncode == 0, err
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _ in outs]
    assert [s["failed"] for s in summaries] == [0, 0]
    assert sum(s["ingested"] for s in summaries) == 60
    assert sum(s["unchanged"] for s in summaries) == 20
    with Store.open(empty_db_url) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert store.count() == {"articles": 60, "revisions": 60}
        for article_id in (1, 30, 60):  # each is in the search index, whichever process stored it
            title = store.get_article(article_id).title
            assert article_id in {h.article_id for h in store.search(f'"{title}"', limit=100)}


def test_a_new_sqlite_store_waits_for_another_process_switching_it_to_wal(tmp_path):
    """A connection holding the write lock of a file still in rollback mode makes SQLite refuse
    the WAL switch at once, without its busy handler (the race of two processes creating one
    store); opening waits for the lock instead of failing."""
    import sqlite3
    import threading
    import time

    from warwatch.store.database import make_engine

    path = tmp_path / "store.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE t (x)")
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    with make_engine(path).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert time.monotonic() - started >= 0.25  # it waited for the other's commit
    other.close()
