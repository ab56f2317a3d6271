"""A real ingest process killed half way (SIGKILL), then run again: nothing lost, nothing doubled."""

import os
import signal
import sqlite3
import subprocess
import sys
import json
import time

import pytest

from warwatch.bench.ingest import generate


@pytest.mark.timeout(240)
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 600)
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "warwatch.cli", "ingest", str(corpus), "--db", str(db), "-q",
           "--workers", "2", "--json", "--no-understand"]  # crash safety is about the store, not the NLP
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # tables not created yet
            if stored >= 30:
                break
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert 30 <= stored < 600

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=200)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert summary["failed"] == 0
    assert summary["ingested"] + summary["unchanged"] == 600
    assert summary["unchanged"] >= stored
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 600
        assert conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 600
        assert conn.execute("SELECT count(DISTINCT key) FROM articles").fetchone()[0] == 600
        conn.execute("INSERT INTO revisions_fts(revisions_fts) VALUES ('integrity-check')")  # raises if out of step
