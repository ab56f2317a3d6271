"""JSON Lines: one ``{"url", "html" | "text", "title"?, "published"?, "site"?}`` object a line."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from ..records import HTML, TEXT, Failure, RawDocument


def iter_jsonl(path: Path, *, max_bytes: int, start: int = 0, first: int = 0, lines: int | None = None
               ) -> Iterator[RawDocument | Failure]:
    """Every record; or, for a part of the file (a Spark task), the ``lines`` lines from byte
    ``start`` (a line's start, see ``line_offsets``), numbered on from line ``first``."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        fh = opener(path, "rb")
        if start:
            fh.seek(start)
    except (OSError, EOFError) as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        lineno = first
        while lines is None or lineno < first + lines:
            try:
                line = fh.readline(max_bytes + 1)
            except (OSError, EOFError) as exc:
                yield Failure(f"{path}:{lineno + 1}", f"cannot read: {exc}")
                return
            if not line:
                return
            lineno += 1
            source = f"{path}:{lineno}"
            if len(line) > max_bytes:
                yield Failure(source, f"too large: line over {max_bytes / 1e6:.1f} MB (see --max-bytes)")
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = fh.readline(max_bytes + 1)
                continue
            if not line.strip():
                continue
            yield parse_line(line, source)


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


def parse_line(line: bytes, source: str) -> RawDocument | Failure:
    try:
        obj = json.loads(line)
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
            return Failure(source, f"invalid JSONL record: unreadable published time {obj['published']!r}")
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
