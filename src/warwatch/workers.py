"""Worker processes that fail one task, never the run.

Our own small pool on :mod:`multiprocessing`, because ``concurrent.futures`` breaks the whole
pool (``BrokenProcessPool``) when one worker dies, failing every task in flight and after.
Here each worker has its own pipe, so the parent always knows which task a worker held:

* a task (a list of items; the function maps it to a list of results of the same length)
  runs under a deadline of ``max_seconds`` per item; past it the worker is killed and replaced;
* a worker that dies (out of memory, a crash in a native library, ``kill -9``) is replaced; its
  task is split into single items, each tried once more, and an item that fails again becomes a
  :class:`TaskFailed` with a one-line reason. Every other task goes on;
* each worker runs under an address-space limit (``RLIMIT_AS``, ``memory_mb``), so a hostile
  document ends in ``MemoryError`` or the death of its worker, not in the machine swapping;
* workers die with their parent: ``PR_SET_PDEATHSIG`` on Linux, and a thread that exits the
  worker when its parent process is gone (other systems, or a parent thread that exited).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from .records import WarwatchError

PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class TaskFailed:
    """An item its worker could not finish: it died, or ran out of time."""

    reason: str


class WorkerStartError(WarwatchError):
    """The workers cannot start (their initializer fails): no task can run."""


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does: a parent-death signal and a watchdog."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watchdog alone
            pass
    if os.getppid() != parent_pid:   # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space (``RLIMIT_AS``); no-op where unsupported."""
    if not memory_mb:
        return
    try:
        import resource

        limit = int(memory_mb) * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this system
        pass


def _worker_main(conn, func, initializer, memory_mb, parent_pid) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    die_with_parent(parent_pid)
    limit_memory(memory_mb)
    try:
        if initializer is not None:
            initializer()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("start-error", _one_line(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        key, payload = message
        try:
            reply = ("ok", key, func(payload))
        except MemoryError:
            reply = ("error", key, "out of memory (worker_memory_mb)")
        except BaseException as exc:  # noqa: BLE001 - one task's error, the worker goes on
            reply = ("error", key, _one_line(exc))
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an unpicklable or too large result
            conn.send(("error", key, f"result could not be sent: {_one_line(exc)}"))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def death_reason(exitcode: int | None) -> str:
    """Why a worker ended, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory, or killed)" if name == "SIGKILL" else ""
        return f"analysis worker died: killed by {name}{hint}"
    return f"analysis worker died: exit status {exitcode}"


@dataclass
class _Task:
    key: int
    items: list
    attempt: int = 0
    part: int | None = None
    """Index of this single item in its original task, after a split."""


class _Worker:
    def __init__(self, pool: "Pool"):
        parent, child = pool.context.Pipe()
        self.conn = parent
        self.process = pool.context.Process(
            target=_worker_main, args=(child, pool.func, pool.initializer, pool.memory_mb, os.getpid()),
            name="warwatch-worker", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: _Task | None = None
        self.deadline = 0.0
        self.started = time.monotonic()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """``workers`` processes running ``func`` on lists of items; see the module docstring."""

    def __init__(self, func: Callable[[list], list], workers: int, *, initializer: Callable[[], None] | None = None,
                 max_seconds: float | None = None, memory_mb: int | None = None, start_seconds: float = 600.0):
        self.func = func
        self.size = max(1, workers)
        self.initializer = initializer
        self.max_seconds = max_seconds
        self.memory_mb = memory_mb
        self.start_seconds = start_seconds
        self.context = multiprocessing.get_context()
        self.workers: list[_Worker] = []
        self.start_failures = 0
        self.replaced = 0

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            worker.process.join(2)
            worker.kill()
        self.workers.clear()

    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.process.pid]

    def map(self, tasks: Iterable[list], window: int | None = None) -> Iterator[tuple[list, list]]:
        """Run every task; yields ``(task, results)`` in order, one result (or TaskFailed) per item.

        At most ``window`` tasks are read ahead of the one being waited for.
        """
        window = window or self.size * 3
        source = iter(tasks)
        order: deque[int] = deque()
        payloads: dict[int, list] = {}
        outcomes: dict[int, list] = {}
        todo: deque[_Task] = deque()
        exhausted = False
        next_key = 0
        while True:
            while not exhausted and len(order) < window:
                try:
                    items = list(next(source))
                except StopIteration:
                    exhausted = True
                    break
                payloads[next_key] = items
                outcomes[next_key] = [None] * len(items)
                order.append(next_key)
                if items:
                    todo.append(_Task(next_key, items))
                next_key += 1
            if order and all(r is not None for r in outcomes[order[0]]):
                key = order.popleft()
                yield payloads.pop(key), outcomes.pop(key)
                continue
            if not order:
                return
            self._step(todo, outcomes)

    # -- one round: start workers, hand out tasks, wait for an answer, a death or a deadline --

    def _step(self, todo: deque[_Task], outcomes: dict[int, list]) -> None:
        while len(self.workers) < self.size:
            self.workers.append(_Worker(self))
        for worker in self.workers:
            if worker.ready and worker.task is None and todo:
                task = todo.popleft()
                try:
                    worker.conn.send((task.key, task.items))
                except (OSError, ValueError):   # died while idle: the task goes back, the worker is replaced
                    todo.appendleft(task)
                    continue
                worker.task = task
                worker.deadline = (time.monotonic() + self.max_seconds * len(task.items)
                                   if self.max_seconds else float("inf"))
        now = time.monotonic()
        deadlines = [w.deadline if w.ready else w.started + self.start_seconds for w in self.workers]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        wait(handles, timeout=min(timeout, 1.0) if timeout is not None else 1.0)
        for worker in list(self.workers):
            self._check(worker, todo, outcomes)

    def _check(self, worker: _Worker, todo: deque[_Task], outcomes: dict[int, list]) -> None:
        if worker not in self.workers:
            return
        try:
            while worker.conn.poll():
                self._receive(worker, worker.conn.recv(), todo, outcomes)
        except (EOFError, OSError):
            pass
        now = time.monotonic()
        if worker.task is not None and now > worker.deadline:
            task = worker.task
            self._replace(worker)
            limit = f"{self.max_seconds:g}"
            self._retry(task, f"analysis took longer than {limit} s (max_seconds)", todo, outcomes, again=False)
        elif not worker.ready and now > worker.started + self.start_seconds:
            self._replace(worker)
            raise WorkerStartError(f"analysis workers did not start within {self.start_seconds:g} s")
        elif not worker.process.is_alive() and worker in self.workers:
            task = worker.task
            reason = death_reason(worker.process.exitcode)
            self._replace(worker)
            if task is not None:
                self._retry(task, reason, todo, outcomes, again=True)
            elif not worker.ready:
                self.start_failures += 1
                if self.start_failures > 2 * self.size:
                    raise WorkerStartError(f"analysis workers cannot start: {reason}")

    def _receive(self, worker: _Worker, message, todo, outcomes) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self.start_failures = 0
        elif kind == "start-error":
            self._replace(worker)
            raise WorkerStartError(f"analysis workers cannot start: {message[1]}")
        elif worker.task is not None and message[1] == worker.task.key:
            task, worker.task = worker.task, None
            if kind == "ok":
                results = list(message[2])
                if len(results) != len(task.items):
                    self._retry(task, "worker returned a wrong number of results", todo, outcomes, again=False)
                    return
                self._settle(task, results, outcomes)
            else:
                self._retry(task, message[2], todo, outcomes, again=False)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        if worker in self.workers:
            self.workers.remove(worker)
            self.replaced += 1

    def _settle(self, task: _Task, results: list, outcomes: dict[int, list]) -> None:
        if task.part is None:
            outcomes[task.key][:] = results
        else:
            outcomes[task.key][task.part] = results[0]

    def _retry(self, task: _Task, reason: str, todo: deque[_Task], outcomes: dict[int, list], *,
               again: bool) -> None:
        """A task that did not finish: a batch is split and each item tried alone; a single item is
        tried once more after its worker died (it may have been a neighbour's fault), else it fails."""
        if len(task.items) > 1:
            for i, item in enumerate(task.items):
                todo.appendleft(_Task(task.key, [item], attempt=1, part=i))
        elif again and task.attempt == 0:
            todo.appendleft(_Task(task.key, task.items, attempt=1, part=task.part))
        else:
            self._settle(task, [TaskFailed(reason)], outcomes)
