"""Faults injected into the worker pool and into ingest: dying workers, slow or greedy documents,
a killed parent. Each asserts that the run completes, that only the faulty item fails (with its
reason), that nothing is lost or duplicated and that no worker outlives its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from warwatch import ingest as ingest_module
from warwatch import pipeline
from warwatch.ingest import ingest
from warwatch.sources import iter_inputs
from warwatch.store import Store
from warwatch.workers import Pool, TaskFailed

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, prctl and /proc are Linux's")


def _double(items: list) -> list:
    out = []
    for item in items:
        if item == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if item == "slow":
            time.sleep(30)
        if item == "greedy":
            bytearray(2 * 1024 ** 3)
        if item == "raise":
            raise ValueError("a bug in the task")
        out.append(item * 2)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in state


def test_a_dying_worker_fails_its_item_only_and_is_replaced():
    items = [[1, 2, "die", 3], [4, 5], ["die"], [6]]
    with Pool(_double, 2) as pool:
        results = [out for _task, out in pool.map(items)]
        assert pool.replaced >= 2
    assert results[0][:2] == [2, 4] and results[0][3] == 6
    assert results[1] == [8, 10] and results[3] == [12]
    for failed in (results[0][2], results[2][0]):
        assert isinstance(failed, TaskFailed)
        assert failed.reason == "analysis worker died: killed by SIGKILL (out of memory, or killed)"


def test_a_slow_item_fails_on_its_deadline_and_the_rest_goes_on():
    started = time.monotonic()
    with Pool(_double, 2, max_seconds=0.5) as pool:
        results = [out for _task, out in pool.map([[1], ["slow"], [2], [3]])]
    assert time.monotonic() - started < 10
    assert results[0] == [2] and results[2] == [4] and results[3] == [6]
    assert results[1] == [TaskFailed("analysis took longer than 0.5 s (max_seconds)")]


def test_a_greedy_item_hits_the_memory_limit_of_its_worker():
    size_mb = int(Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]) // 1024
    with Pool(_double, 1, memory_mb=size_mb + 400) as pool:
        results = [out for _task, out in pool.map([["greedy"], [1]])]
    assert results[1] == [2]
    assert results[0] == [TaskFailed("out of memory (worker_memory_mb)")]


def test_an_exception_in_a_batch_fails_that_item_alone():
    with Pool(_double, 1) as pool:
        results = [out for _task, out in pool.map([[1, "raise", 2]])]
    assert results[0][0] == 2 and results[0][2] == 4
    assert results[0][1] == TaskFailed("ValueError: a bug in the task")


def _killing_analyze_many(raws, understand=True, batch_size=16):
    if any(b"KILL THIS WORKER" in raw.content for raw in raws):
        os.kill(os.getpid(), signal.SIGKILL)
    return _real_analyze_many(raws, understand=understand, batch_size=batch_size)


_real_analyze_many = pipeline.analyze_many


def test_ingest_goes_on_when_a_worker_is_killed_mid_batch(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        body = "KILL THIS WORKER" if i == 3 else f"Report {i}: the bridge over the river was repaired."
        (folder / f"{i}.txt").write_text(f"Report number {i}\n\n{body} " * 5)
    monkeypatch.setattr(ingest_module.pipeline, "analyze_many", _killing_analyze_many)  # forked workers inherit it
    with Store.open(tmp_path / "w.db") as store:
        summary = ingest(iter_inputs([str(folder)]), store, workers=2, understand=False)
        assert summary.new == 6
        assert [(Path(f.source).name, f.reason) for f in summary.failures] == [
            ("3.txt", "analysis worker died: killed by SIGKILL (out of memory, or killed)")]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


_PARENT = textwrap.dedent("""
    import sys, time
    from warwatch.workers import Pool

    def slow(items):
        time.sleep(60)
        return items

    with Pool(slow, 2) as pool:
        results = pool.map([[1], [2], [3]])
        for _ in range(100):   # the pool starts its workers on the first step
            if len(pool.workers) == 2 and all(w.process.pid for w in pool.workers):
                break
            pool._step(__import__("collections").deque(), {})
        print(" ".join(str(p) for p in pool.pids()), flush=True)
        time.sleep(60)
""")


def test_no_worker_outlives_a_killed_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(_PARENT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 1.0
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in pids)
    finally:
        parent.kill()


_RACER = textwrap.dedent("""
    import sys, time
    from warwatch.store import Store
    start = float(sys.argv[2])
    while time.time() < start:
        time.sleep(0.001)
    Store.open(sys.argv[1]).close()
    print("ok")
""")


def test_processes_creating_one_new_store_at_once_all_start(tmp_path):
    script = tmp_path / "racer.py"
    script.write_text(_RACER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    start = str(time.time() + 2.0)
    racers = [subprocess.Popen([sys.executable, str(script), str(tmp_path / "new.db"), start],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outputs = [r.communicate(timeout=60) for r in racers]
    assert [(r.returncode, out.strip()) for r, (out, _err) in zip(racers, outputs)] == [(0, "ok")] * 3, outputs
    with Store.open(tmp_path / "new.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
