"""Progress of long commands: plain lines when standard error is not a terminal."""

from __future__ import annotations

import io

from warwatch import progress as progress_module
from warwatch.progress import progress


def test_plain_lines_with_counts_rate_and_time_left(monkeypatch):
    clock = iter([0.0, 0.0, 11.0, 12.0, 30.0])
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    out = io.StringIO()
    with progress("ingest", total=10, stream=out) as advance:
        advance()        # t=0: no line yet
        advance(4)       # t=11: 5/10 done in 11 s, a line with the rate and the time left
        advance()        # t=12: within 10 s of the last line, none
    lines = out.getvalue().splitlines()
    assert lines[0] == "ingest: 5/10 documents, 0.5/s, about 11 s left"
    assert lines[-1] == "ingest: 6/10 documents, 0.2/s, about 20 s left (done)"


def test_disabled_prints_nothing():
    out = io.StringIO()
    with progress("export", total=3, stream=out, enabled=False) as advance:
        advance()
    assert out.getvalue() == ""
