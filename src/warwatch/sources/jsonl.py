"""JSON Lines: one ``{"url", "html" | "text", "title"?, "published"?, "site"?}`` object a line."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from ..limits import BoundedStream, LimitExceeded, Limits, check_json_depth, plausible_time, shown
from ..records import HTML, TEXT, Failure, RawDocument, Skipped


def iter_jsonl(path: Path, *, max_bytes: int, limits: Limits | None = None, start: int = 0, first: int = 0,
               lines: int | None = None) -> Iterator[RawDocument | Failure | Skipped]:
    """Every record; or, for a part of the file (a Spark task), the ``lines`` lines from byte
    ``start`` (a line's start, see ``line_offsets``), numbered on from line ``first``."""
    limits = limits or Limits(max_bytes=max_bytes)
    name = shown(path)
    try:
        raw = open(path, "rb")
    except OSError as exc:
        yield Failure(name, f"cannot read: {exc.strerror or exc}")
        return
    with raw:
        zipped = path.name.lower().endswith(".gz")
        inner = gzip.GzipFile(fileobj=raw) if zipped else raw
        if start:
            try:
                inner.seek(start)
            except (OSError, EOFError) as exc:
                yield Failure(f"{name}:{first + 1}", f"cannot read: {exc}")
                return
        fh = BoundedStream(inner, raw if zipped else None, max_bytes=max_bytes, max_ratio=limits.max_ratio)
        lineno, records = first, 0
        while lines is None or lineno < first + lines:
            try:
                line = fh.readline(max_bytes + 1)
            except (OSError, EOFError, LimitExceeded) as exc:
                reason = exc.reason if isinstance(exc, LimitExceeded) else f"cannot read: {exc}"
                yield Failure(f"{name}:{lineno + 1}", reason)
                return
            if not line:
                break
            lineno += 1
            source = f"{name}:{lineno}"
            if len(line) > max_bytes:
                yield Failure(source, f"too large: line over {max_bytes / 1e6:.1f} MB (see --max-bytes)")
                try:
                    while line and not line.endswith(b"\n"):  # skip the rest of the long line
                        line = fh.readline(max_bytes + 1)
                except (OSError, EOFError, LimitExceeded) as exc:
                    reason = exc.reason if isinstance(exc, LimitExceeded) else f"cannot read: {exc}"
                    yield Failure(source, reason)
                    return
                records += 1
                continue
            if not line.strip():
                continue
            records += 1
            yield parse_line(line, source, max_depth=limits.max_depth)
        if not records and not start and lines is None:
            yield Skipped(name, f"no JSON records in it ({'empty' if lineno == first else 'blank lines only'})")


def line_offsets(path: Path, every: int) -> list[tuple[int, int]]:
    """(byte offset, lines before it) of every ``every``-th line start (the first is (0, 0)), for
    splitting one file into parts of ``every`` lines; offsets are into the decompressed bytes."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    marks, offset, count = [(0, 0)], 0, 0
    try:
        with opener(path, "rb") as fh:
            for line in fh:
                offset += len(line)
                count += 1
                if count % every == 0:
                    marks.append((offset, count))
    except (OSError, EOFError):
        pass  # the part that reaches the damage reports it
    if len(marks) > 1 and marks[-1][0] == offset:
        marks.pop()   # no line starts at the very end
    return marks


def parse_line(line: bytes, source: str, max_depth: int = Limits.max_depth) -> RawDocument | Failure:
    try:
        check_json_depth(line, max_depth)
        obj = json.loads(line)
    except LimitExceeded as exc:
        return Failure(source, f"invalid JSON: {exc.reason}")
    except RecursionError:
        return Failure(source, "invalid JSON: nested too deeply to read")
    except (ValueError, UnicodeDecodeError) as exc:
        return Failure(source, f"invalid JSON: {exc}")
    if not isinstance(obj, dict):
        return Failure(source, "invalid JSONL record: expected an object")
    html, text = obj.get("html"), obj.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return Failure(source, 'invalid JSONL record: needs an "html" or "text" string')
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    published = None
    if isinstance(obj.get("published"), str):
        published = parse_time(obj["published"])
        if published is None:
            return Failure(source, f"invalid JSONL record: unreadable published time {obj['published']!r}"[:300])
        published = plausible_time(published)   # a year 9999 is no date, the record stays
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    site = obj.get("site").strip() or None if isinstance(obj.get("site"), str) else None
    body, media = (html, HTML) if isinstance(html, str) else (text, TEXT)
    return RawDocument(source=source, content=body.encode("utf-8", "replace"), media_type=media,
                       url=url, encoding="utf-8", published=published, title=title, site=site)


def parse_time(value: str) -> datetime | None:
    """ISO 8601 (``Z`` allowed); a naive time is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
