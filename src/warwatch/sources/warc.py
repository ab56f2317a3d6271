"""WARC and ARC archives (Common Crawl News style): one RawDocument per HTML response record.

warcio reads both plain and gzipped archives. A damaged or truncated record ends the
archive with a Failure that says where; every record before it is still delivered.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ..records import HTML, TEXT, Failure, RawDocument

TEXTUAL = {"text/html": HTML, "application/xhtml+xml": HTML, "text/plain": TEXT}


def iter_warc(path: Path, *, max_bytes: int, start: int = 0, end: int | None = None, first: int = 0
              ) -> Iterator[RawDocument | Failure]:
    """Every document of the archive; or, for a part of it (a Spark task), those of the records
    that begin at byte ``start`` (a record's offset, see ``record_offsets``) up to ``end``,
    numbered on from ``first`` (the records before ``start``) so sources read as for the whole."""
    try:
        fh = path.open("rb")
        fh.seek(start)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        is_arc = path.name.lower().endswith((".arc", ".arc.gz"))
        records = _Records(fh, arc2warc=is_arc)
        index = first
        while True:
            try:
                record = next(records)
                if end is not None and records.offset >= end:   # where this record starts
                    return
            except StopIteration:
                if records.clean_end is False:
                    yield Failure(f"{path}#{index + 1}", "truncated WARC: the archive ends inside a record")
                elif index == 0 and path.stat().st_size > 0:
                    yield Failure(str(path), "no WARC records found (not a WARC file?)")
                return
            except Exception as exc:  # noqa: BLE001 - warcio raises ArchiveLoadFailed, zlib.error, ValueError...
                yield Failure(f"{path}#{index}", f"damaged WARC record: {_short(exc)}")
                return
            if record.format == "arc" and not is_arc:
                # warcio reads anything that is not WARC as the older ARC format.
                yield Failure(str(path), "not a WARC file (no WARC/1.x record header)")
                return
            index += 1
            source = f"{path}#{index}"
            if record.rec_type not in ("response", "resource"):
                continue
            media = _media_type(record)
            if media is None:
                continue  # images, scripts, error pages: not articles, not failures
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                content = record.content_stream().read(max_bytes + 1)
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


class _Records(ArchiveIterator):
    """warcio's iterator, noting whether the last gzip member ended cleanly.

    warcio stops silently when a gzipped archive is cut inside a record; the zlib
    decompressor's ``eof`` flag is the only trace of it.
    """

    clean_end: bool | None = None

    def close(self):
        if self.reader is not None and self.reader.decompressor is not None:
            self.clean_end = bool(getattr(self.reader.decompressor, "eof", True))
        super().close()


def _content_type(record) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _media_type(record) -> str | None:
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return None
    ctype = _content_type(record).split(";")[0].strip().lower()
    if not ctype:
        return HTML
    return TEXTUAL.get(ctype)


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
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
