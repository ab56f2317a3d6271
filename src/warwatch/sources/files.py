"""Local files and folders, each read by the registered source for its kind.

The sources are plugins (``warwatch.sources`` entry points, ``plugins.Source``): built in are
HTML pages, plain text, WARC/ARC archives and JSON Lines; a package can add one (a channel
export, say) without editing warwatch. A folder is walked in sorted order so that runs are
repeatable; a file inside it is read by the source whose suffix its name ends with (the
longest wins), and files of no known kind are skipped (and counted). A file named explicitly
with an unknown ending is sniffed from its first bytes: plugins are asked first, then WARC,
HTML, JSON Lines, and plain text as the last resort.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from .. import plugins
from ..limits import Limits, shown, special_file
from ..records import HTML, TEXT, Failure, RawDocument, Skipped
from . import jsonl, warc

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
BUILT_IN_SNIFF_ORDER = ("warc", "html", "jsonl", "text")
Item = RawDocument | Failure | Skipped


@lru_cache(maxsize=1)
def sources() -> dict[str, plugins.Source]:
    """The registered sources by name, one instance each."""
    return {name: cls() for name, cls in plugins.load("warwatch.sources").items()}


def kind_of(path: Path) -> plugins.Source | None:
    """The source that reads ``path`` by its name's ending, or None."""
    name = path.name.lower()
    best, best_len = None, 0
    for source in sources().values():
        for suffix in source.suffixes:
            if name.endswith(suffix) and len(suffix) > best_len:
                best, best_len = source, len(suffix)
    return best


def sniff(head: bytes, path: Path | None = None) -> plugins.Source:
    """The source for a file with an unknown ending, from its first bytes."""
    found = sources()
    order = [n for n in found if n not in BUILT_IN_SNIFF_ORDER] + [n for n in BUILT_IN_SNIFF_ORDER if n in found]
    for name in order:
        if found[name].sniff(head, path or Path()):
            return found[name]
    return found["text"]


def iter_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
              limits: Limits | None = None) -> Iterator[Item]:
    """Yield a RawDocument, Failure or Skipped for every document under ``path``.

    Never raises for a bad file: whatever goes wrong reading one becomes a Failure for it
    (documents it yielded before stay delivered) and the next file is read."""
    limits = limits or Limits(max_bytes=max_bytes)
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        yield Failure(shown(p), "no such file or folder")
        return
    if p.is_dir():
        for child in files_in(p):
            source = kind_of(child)
            if source is None:
                yield Skipped(shown(child), "not a file type warwatch reads (by its name)")
                continue
            yield from _read(source, child, limits)
        return
    refused = special_file(p)
    if refused:
        yield Skipped(shown(p), refused)
        return
    source = kind_of(p)
    if source is None:
        try:
            with p.open("rb") as fh:
                source = sniff(fh.read(512), p)
        except OSError as exc:
            yield Failure(shown(p), f"cannot read: {exc.strerror or exc}")
            return
    yield from _read(source, p, limits)


def _read(source: plugins.Source, path: Path, limits: Limits) -> Iterator[Item]:
    """One file through its source, isolated: special files refused, any error a Failure."""
    refused = special_file(path)
    if refused:
        yield Skipped(shown(path), refused)
        return
    delivered = 0
    try:
        if getattr(source, "reads_limits", False):
            items = source.read(path, max_bytes=limits.max_bytes, limits=limits)
        else:
            items = source.read(path, max_bytes=limits.max_bytes)
        for item in items:
            delivered += 1
            yield item
    except Exception as exc:  # noqa: BLE001 - a source's bug or a hostile file fails that file only
        where = f"{shown(path)} (after {delivered} documents)" if delivered else shown(path)
        yield Failure(where, f"cannot read: {type(exc).__name__}: {exc}"[:300])
        return
    if not delivered:
        yield Skipped(shown(path), "no documents in it (empty)")


def files_in(root: Path) -> list[Path]:
    """The files under a folder in the order ``iter_path`` reads them (hidden ones left out)."""
    return sorted(_walk(root))


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath) / name


def read_file(path: Path, media_type: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """One file as one document, refused past ``max_bytes``."""
    source = shown(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(source, f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB, see --max-bytes)")
            return
        with path.open("rb") as fh:
            content = fh.read(max_bytes + 1)    # the file may have grown since stat
        if len(content) > max_bytes:
            yield Failure(source, f"too large: over {max_bytes / 1e6:.1f} MB (see --max-bytes)")
            return
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    except OSError as exc:
        yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    yield RawDocument(source=source, content=content, media_type=media_type, fetched_at=mtime)


_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")


def _stripped(head: bytes) -> bytes:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()


class HtmlFile(plugins.Source):
    """An HTML page saved to disk."""

    name = "html"
    suffixes = (".html", ".htm", ".xhtml", ".shtml")
    single = True

    def sniff(self, head: bytes, path: Path) -> bool:
        return _stripped(head).startswith(_HTML_STARTS)

    def read(self, path: Path, *, max_bytes: int) -> Iterator[RawDocument | Failure]:
        return read_file(path, HTML, max_bytes)


class TextFile(plugins.Source):
    """Plain text (an article copied from a browser), page chrome and all."""

    name = "text"
    suffixes = (".txt", ".text")
    single = True

    def sniff(self, head: bytes, path: Path) -> bool:
        return True

    def read(self, path: Path, *, max_bytes: int) -> Iterator[RawDocument | Failure]:
        return read_file(path, TEXT, max_bytes)


class WarcFile(plugins.Source):
    """A WARC or ARC archive, plain or gzipped (``warc.py``)."""

    name = "warc"
    suffixes = (".warc", ".warc.gz", ".arc.gz")

    def sniff(self, head: bytes, path: Path) -> bool:
        return head.startswith((b"WARC/", b"\x1f\x8b"))   # gzip: the only gzipped single file we read

    reads_limits = True

    def read(self, path: Path, *, max_bytes: int, limits: Limits | None = None) -> Iterator[Item]:
        return warc.iter_warc(path, max_bytes=max_bytes, limits=limits)


class JsonlFile(plugins.Source):
    """JSON Lines, one record a line, optionally gzipped (``jsonl.py``)."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".jsonl.gz")

    def sniff(self, head: bytes, path: Path) -> bool:
        return _stripped(head).startswith(b"{")

    reads_limits = True

    def read(self, path: Path, *, max_bytes: int, limits: Limits | None = None) -> Iterator[Item]:
        return jsonl.iter_jsonl(path, max_bytes=max_bytes, limits=limits)
