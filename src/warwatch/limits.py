"""Per-document limits: what one hostile input may cost before it is refused with a reason.

Defaults a laptop survives; each is a setting (``config.py``):

* ``max_bytes``: the largest page or record, counted after decompression;
* ``max_ratio``: a gzip stream that inflates past this ratio (and past ``max_bytes``) is a
  decompression bomb and is no longer read;
* ``max_header_bytes``: the longest run of header lines in an archive record (warcio reads a
  header line to its end, however long);
* ``max_depth``: JSON nesting (a JSONL record, a page's JSON-LD) deeper than this is refused
  before it is parsed;
* ``max_text_chars``: a longer text (no news article is; an 850 KB text took 34 s and 550 MB
  in the understanding stage) is stored as extracted, marked extract-only;
* ``max_seconds`` and ``worker_memory_mb``: the analysis of one document in a worker
  (``workers.py``).

Special files (FIFOs, devices, sockets, links to them) are never opened: a FIFO would block the
run, ``/dev/zero`` would be read until memory runs out.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .records import SourceError

DEFAULT_MAX_DEPTH = 200
DEFAULT_MAX_HEADER_BYTES = 256 * 1024
DEFAULT_MAX_RATIO = 200
DEFAULT_MAX_SECONDS = 120.0
DEFAULT_MAX_TEXT_CHARS = 100_000
DEFAULT_WORKER_MEMORY_MB = 2048


@dataclass(frozen=True, slots=True)
class Limits:
    """What the built-in sources enforce on every file (plugins get ``max_bytes`` only)."""

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = DEFAULT_MAX_DEPTH
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES
    max_ratio: int = DEFAULT_MAX_RATIO


class LimitExceeded(SourceError):
    """An input passed one of the limits above."""


def shown(path: str | os.PathLike[str] | bytes) -> str:
    """A path as text that is always valid UTF-8: bytes that are not are shown as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def special_file(path: Path) -> str | None:
    """Why ``path`` must not be opened for reading (a FIFO, a device, a link to one), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            return "broken symbolic link"
        return f"cannot read: {exc.strerror or exc}"
    for test, kind in _KINDS:
        if test(mode):
            link = " (through a symbolic link)" if os.path.islink(path) else ""
            return f"not a regular file: {kind}{link}"
    return None


def plausible_time(value: datetime | None) -> datetime | None:
    """``value`` if it is a time a news document can carry (years 1800 to 2200, expressible in
    UTC), else None: ``9999-12-31T23:59:59-14:00`` overflows when converted for the store."""
    if value is None:
        return None
    try:
        utc = value.astimezone(timezone.utc) if value.tzinfo else value
    except (OverflowError, ValueError):
        return None
    return value if 1800 <= utc.year <= 2200 else None


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def too_deep(data: bytes | str, max_depth: int = DEFAULT_MAX_DEPTH) -> bool:
    """Whether a JSON text nests ``[`` and ``{`` deeper than ``max_depth``, in linear time
    (strings skipped), without parsing it."""
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    if data.count(b"[") + data.count(b"{") <= max_depth:
        return False
    depth = 0
    for match in _BRACKETS.finditer(_STRING.sub(b"", data)):
        if match.group() in (b"[", b"{"):
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False


def check_json_depth(data: bytes | str, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    if too_deep(data, max_depth):
        raise LimitExceeded(f"JSON nested deeper than {max_depth} levels (max_depth)")


class BoundedStream:
    """A binary file wrapper that refuses a decompression bomb and endless lines.

    ``raw`` is the compressed file (for the ratio), ``stream`` what is read (the same file, or a
    gzip file over it).
    """

    def __init__(self, stream, raw=None, *, max_bytes: int, max_ratio: int = DEFAULT_MAX_RATIO):
        self.stream = stream
        self.raw = raw
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
        self.total = 0

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.raw is not None and self.total > self.max_bytes:
            check_ratio(self.total, self.raw.tell(), self.max_bytes, self.max_ratio)
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self.stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self.stream.readline(size))

    def close(self) -> None:
        self.stream.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_ratio(inflated: int, compressed: int, max_bytes: int, max_ratio: int = DEFAULT_MAX_RATIO) -> None:
    if inflated > max_bytes and inflated > max_ratio * max(compressed, 1):
        raise LimitExceeded(f"decompression bomb: {compressed} compressed bytes inflate past {inflated} "
                            f"(ratio over {max_ratio}, see max_ratio)")
