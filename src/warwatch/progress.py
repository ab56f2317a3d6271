"""Progress of a long command: a bar with counts, rate and time left on a terminal, plain
periodic lines otherwise (a log, a CI job, a pipe).

    with progress("ingest", total=len(files), unit="documents") as advance:
        for f in files:
            ...
            advance()

``enabled=False`` (``--quiet``, ``--json``) yields a no-op. The output goes to standard error,
so standard output stays machine-readable.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

LINE_SECONDS = 10.0
"""Without a terminal, a line at most this often (and one at the end)."""


def _eta(done: int, total: int | None, elapsed: float) -> str:
    if not total or not done or done >= total:
        return ""
    left = (total - done) * elapsed / done
    return f", about {left:.0f} s left" if left < 120 else f", about {left / 60:.0f} min left"


def _line(label: str, done: int, total: int | None, unit: str, elapsed: float) -> str:
    count = f"{done}/{total}" if total else f"{done}"
    rate = f", {done / elapsed:.1f}/s" if elapsed > 0 and done else ""
    return f"{label}: {count} {unit}{rate}{_eta(done, total, elapsed)}"


@contextmanager
def progress(label: str, *, total: int | None = None, unit: str = "documents", enabled: bool = True,
             stream: TextIO | None = None, every: float = LINE_SECONDS) -> Iterator[Callable[..., None]]:
    """A callable ``advance(n=1)`` that reports ``n`` more items done (see the module doc)."""
    stream = stream or sys.stderr
    if not enabled:
        yield lambda *_args, **_kw: None
        return
    if stream.isatty():
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn, TransferSpeedColumn)

        class _Rate(TransferSpeedColumn):
            def render(self, task):
                return f"{task.speed or 0:.1f}/s"

        columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), _Rate(),
                   TimeElapsedColumn(), TimeRemainingColumn()]
        with Progress(*columns, console=Console(file=stream), transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda n=1, *_args: bar.advance(task, n if isinstance(n, int) else 1)
        return
    started = last = time.monotonic()
    done = 0

    def advance(n=1, *_args) -> None:
        nonlocal done, last
        done += n if isinstance(n, int) else 1
        now = time.monotonic()
        if now - last >= every:
            last = now
            print(_line(label, done, total, unit, now - started), file=stream, flush=True)

    yield advance
    print(_line(label, done, total, unit, time.monotonic() - started) + " (done)", file=stream, flush=True)
