"""WARC and ARC archives (Common Crawl News style): one RawDocument per HTML response record.

warcio reads both plain and gzipped archives. A damaged or truncated record ends the
archive with a Failure that says where; every record before it is still delivered.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from ..limits import LimitExceeded, Limits, check_ratio, plausible_time, shown
from ..records import HTML, TEXT, Failure, RawDocument, Skipped

TEXTUAL = {"text/html": HTML, "application/xhtml+xml": HTML, "text/plain": TEXT}


def iter_warc(path: Path, *, max_bytes: int, limits: Limits | None = None, start: int = 0, end: int | None = None,
              first: int = 0) -> Iterator[RawDocument | Failure | Skipped]:
    """Every document of the archive; or, for a part of it (a Spark task), those of the records
    that begin at byte ``start`` (a record's offset, see ``record_offsets``) up to ``end``,
    numbered on from ``first`` (the records before ``start``) so sources read as for the whole."""
    limits = limits or Limits(max_bytes=max_bytes)
    name = shown(path)
    try:
        fh = path.open("rb")
        fh.seek(start)
    except OSError as exc:
        yield Failure(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        if not start and not _skip_blank_start(fh):
            yield Skipped(name, "blank (whitespace only)" if path.stat().st_size else "empty file")
            return
        is_arc = path.name.lower().endswith((".arc", ".arc.gz"))
        records = _Records(fh, arc2warc=is_arc, limits=limits)
        index = first
        while True:
            try:
                record = next(records)
                if end is not None and records.offset >= end:   # where this record starts
                    return
            except StopIteration:
                if records.clean_end is False:
                    yield Failure(f"{name}#{index + 1}", "truncated WARC: the archive ends inside a record")
                elif index == 0 and path.stat().st_size > 0:
                    yield Failure(name, "no WARC records found (not a WARC file?)")
                return
            except LimitExceeded as exc:
                yield Failure(f"{name}#{index + 1}", f"damaged WARC record: {exc.reason}")
                return
            except Exception as exc:  # noqa: BLE001 - warcio raises ArchiveLoadFailed, zlib.error, ValueError...
                yield Failure(f"{name}#{index + 1}", f"damaged WARC record: {_short(exc)}")
                return
            if record.format == "arc" and not is_arc:
                # warcio reads anything that is not WARC as the older ARC format.
                yield Failure(name, "not a WARC file (no WARC/1.x record header)")
                return
            index += 1
            source = f"{name}#{index}"
            if record.rec_type is None:
                if record.length is None:   # warcio then reads the rest of the file as this record
                    yield Failure(source, "damaged WARC record: unreadable headers (no WARC-Type, no Content-Length);"
                                          " the rest of the archive cannot be read")
                    return
                yield Skipped(source, "WARC record without a WARC-Type")
                continue
            if record.rec_type not in ("response", "resource"):
                continue  # warcinfo, request, metadata: about documents, never one
            media, why = _media_type(record)
            if media is None:
                yield Skipped(source, why)
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                content = record.content_stream().read(max_bytes + 1)
            except LimitExceeded as exc:
                yield Failure(source, f"damaged WARC record: {exc.reason}")
                return
            except Exception as exc:  # noqa: BLE001 - truncated gzip member, bad chunking
                yield Failure(source, f"truncated WARC record: {_short(exc)}")
                return
            if len(content) > max_bytes:
                yield Failure(source, f"too large: record over {max_bytes / 1e6:.1f} MB (see --max-bytes)")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The archive ended before the record's declared Content-Length.
                yield Failure(source, "truncated WARC record: archive ends inside it")
                return
            yield RawDocument(source=source, content=content, media_type=media, url=url,
                              encoding=_charset(record), fetched_at=_warc_date(record))


def _skip_blank_start(fh) -> bool:
    """Move past blank lines before the first record of a plain archive (warcio would read them
    as a record of its own, and the real first record as its content); False if nothing else."""
    skipped = 0
    while True:
        block = fh.read(65536)
        if not block:
            return False
        rest = block.lstrip(b" \t\r\n")
        if rest:
            fh.seek(skipped + len(block) - len(rest))
            return True
        skipped += len(block)


def record_offsets(path: Path) -> list[int]:
    """The byte offset of every record, for splitting one archive into parts (reads it through,
    without parsing the HTTP payloads). Stops quietly at damage: the part that holds it reports it."""
    offsets = []
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh, arc2warc=path.name.lower().endswith((".arc", ".arc.gz")))
            for _record in records:
                offsets.append(records.get_record_offset())
    except Exception:  # noqa: BLE001 - damaged archive: iter_warc reports it where it is read
        pass
    return offsets


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader with limits: header lines (read up to their end, however long, by warcio)
    stop at ``max_header_bytes`` in a row, and a gzip stream stops at a bomb's ratio."""

    def __init__(self, *args, limits: Limits, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.in_headers = 0

    def readline(self, length=None):
        room = self.limits.max_header_bytes + 1 - self.in_headers
        line = super().readline(min(length, room) if length else room)
        self.in_headers += len(line)
        if self.in_headers > self.limits.max_header_bytes:
            raise LimitExceeded(f"header lines over {self.limits.max_header_bytes} bytes (max_header_bytes)")
        return line

    def read(self, length=None):
        self.in_headers = 0
        return super().read(length)

    def _process_read(self, data):
        super()._process_read(data)
        if self.decompressor is not None:
            check_ratio(self.num_read, self.stream.tell(), self.limits.max_bytes, self.limits.max_ratio)


class _Records(ArchiveIterator):
    """warcio's iterator over a bounded reader, noting whether the last gzip member ended cleanly.

    warcio stops silently when a gzipped archive is cut inside a record; the zlib
    decompressor's ``eof`` flag is the only trace of it.
    """

    clean_end: bool | None = None

    def __init__(self, fileobj, *, limits: Limits, **kwargs):
        super().__init__(fileobj, **kwargs)
        self.reader = _BoundedReader(self.fh, block_size=self.reader.block_size, limits=limits)

    def close(self):
        if self.reader is not None and self.reader.decompressor is not None:
            self.clean_end = bool(getattr(self.reader.decompressor, "eof", True))
        super().close()


def _content_type(record) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _media_type(record) -> tuple[str | None, str]:
    """The record's media type if it is a page or a text, else None and why not."""
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if not status or not status.isdigit():
            return None, f"HTTP response with a bad status line ({_clip(record.http_headers.protocol)})"
        if not status.startswith("2"):
            return None, f"HTTP status {status}, not a page"
    ctype = _content_type(record).split(";")[0].strip().lower()
    if not ctype:
        return HTML, ""
    media = TEXTUAL.get(ctype)
    return media, "" if media else f"not a page or a text ({_clip(ctype)})"


def _clip(text: str | None) -> str:
    return (text or "none").strip()[:60] or "none"


def _charset(record) -> str | None:
    for part in _content_type(record).split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"\'')
    return None


def _warc_date(record) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return plausible_time(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
