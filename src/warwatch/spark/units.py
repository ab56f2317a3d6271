"""Driver side: the inputs as small work units, listed without parsing any document.

A folder is walked as ``warwatch ingest`` walks it (sorted, hidden files left out, files of no
known kind skipped and counted). Pages and texts go in groups; a WARC or JSONL file is one unit,
or, when there are fewer such files than task slots, several units of consecutive records (their
byte offsets are found by reading the file through once, which costs far less than analysing
it). Every unit is read in an executor by the same source functions as ``ingest``, so sources
(``file.warc.gz#12``, ``file.jsonl:7``) and parsing are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..sources import is_url
from ..sources.files import files_in, kind_of
from ..sources.jsonl import line_offsets
from ..sources.warc import record_offsets

PAGES_PER_UNIT = 16
MIN_RECORDS, MAX_RECORDS = 8, 256
"""Bounds of the records (WARC) or lines (JSONL) of one unit of a split file."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One task's input. ``kind``: ``files`` (``paths``, each read as ingest reads it), ``warc``
    (records from byte ``start`` up to ``end``, the first numbered ``first`` + 1), ``jsonl``
    (``lines`` lines from byte ``start``, the first numbered ``first`` + 1), ``whole`` (``path``
    as ingest reads it) or ``failure`` (``path`` could not be planned: ``reason``)."""

    kind: str
    path: str = ""
    paths: tuple[str, ...] = ()
    start: int = 0
    end: int | None = None
    first: int = 0
    lines: int | None = None
    reason: str = ""


@dataclass(slots=True)
class Plan:
    units: list[Unit] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files in folders of no kind warwatch reads."""


def plan(targets: list[str], *, slots: int = 2, split: bool | None = None) -> Plan:
    """The units for ``targets`` (files and folders). ``slots`` is the number of tasks that run at
    once; ``split`` forces (or forbids) splitting archives, by default done when they are fewer
    than twice the slots."""
    result = Plan()
    pages: list[str] = []
    archives: list[tuple[Path, str]] = []
    for target in targets:
        if is_url(target):
            result.units.append(Unit("failure", target, reason="URLs are not read by spark analyze: give files "
                                                               "or folders (warwatch ingest fetches URLs)"))
            continue
        path = Path(target)
        if not path.exists():
            result.units.append(Unit("failure", target, reason="no such file or folder"))
            continue
        children = files_in(path) if path.is_dir() else [path]
        for child in children:
            source = kind_of(child)
            if source is None and path.is_dir():
                result.skipped.append(str(child))
            elif source is not None and source.single:
                pages.append(str(child))
            else:
                archives.append((child, source.name if source is not None else ""))
    for i in range(0, len(pages), PAGES_PER_UNIT):
        result.units.append(Unit("files", paths=tuple(pages[i:i + PAGES_PER_UNIT])))
    if split is None:
        split = len(archives) < 2 * slots
    for path, kind in archives:
        result.units.extend(_split(path, kind, slots) if split else [Unit("whole", str(path))])
    return result


def _per_unit(total: int, slots: int) -> int:
    return max(MIN_RECORDS, min(MAX_RECORDS, -(-total // (slots * 4))))


def _split(path: Path, kind: str, slots: int) -> list[Unit]:
    if kind == "warc":
        offsets = record_offsets(path)
        if len(offsets) <= MIN_RECORDS:
            return [Unit("whole", str(path))]
        step = _per_unit(len(offsets), slots)
        return [Unit("warc", str(path), start=offsets[i],
                     end=offsets[i + step] if i + step < len(offsets) else None, first=i)
                for i in range(0, len(offsets), step)]
    if kind == "jsonl":
        with path.open("rb") as fh:
            total = sum(1 for _ in fh) if not path.name.lower().endswith(".gz") else 0
        step = _per_unit(total, slots) if total else MAX_RECORDS
        marks = line_offsets(path, step)
        if len(marks) <= 1:
            return [Unit("whole", str(path))]
        return [Unit("jsonl", str(path), start=start, first=first, lines=step) for start, first in marks]
    return [Unit("whole", str(path))]
