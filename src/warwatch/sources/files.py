"""Local files and folders: HTML, plain text, WARC and JSONL, each turned into RawDocuments.

A folder is walked in sorted order so that runs are repeatable. Files with an
unknown extension inside a folder are skipped (and counted); a file named
explicitly is sniffed instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from ..records import HTML, TEXT, Failure, RawDocument
from . import jsonl, warc

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")


class Skipped(str):
    """A file deliberately not read (unknown type inside a folder)."""


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (("warc", WARC_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                           ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def sniff(head: bytes) -> str:
    """Guess the kind of a file with an unknown extension from its first bytes."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return "warc"  # gzip: the only gzipped single-file input we read
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"


def iter_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> Iterator[RawDocument | Failure | Skipped]:
    """Yield a RawDocument (or a Failure) for every document under ``path``."""
    p = Path(path)
    if not p.exists():
        yield Failure(str(p), "no such file or folder")
        return
    if p.is_dir():
        for child in sorted(_walk(p)):
            kind = kind_of(child)
            if kind is None:
                yield Skipped(str(child))
                continue
            yield from _read(child, kind, max_bytes)
        return
    kind = kind_of(p)
    if kind is None:
        try:
            with p.open("rb") as fh:
                kind = sniff(fh.read(512))
        except OSError as exc:
            yield Failure(str(p), f"cannot read: {exc.strerror or exc}")
            return
    yield from _read(p, kind, max_bytes)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath) / name


def _read(path: Path, kind: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    if kind == "warc":
        yield from warc.iter_warc(path, max_bytes=max_bytes)
        return
    if kind == "jsonl":
        yield from jsonl.iter_jsonl(path, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(str(path), f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB, see --max-bytes)")
            return
        content = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield RawDocument(source=str(path), content=content, media_type=HTML if kind == "html" else TEXT,
                      fetched_at=mtime)
