"""Extraction stage: ``RawDocument -> Article`` (read mode).

``extract`` is pure (no database, no network, no global state beyond caches) and safe to
call in worker processes. HTML goes through :mod:`warwatch.extract.article`
(trafilatura plus news metadata); ``text/plain`` through :mod:`warwatch.extract.chrome`
(page chrome removed line by line). Decoding is in :mod:`warwatch.extract.decode`.

Failures raise :class:`warwatch.records.ExtractionError` with a one-line reason:
empty input, binary input, undecodable input, no main text found.
"""

from __future__ import annotations

from dataclasses import replace

from warwatch.extract.decode import decode, wide_unicode
from warwatch.extract.reading import WORDS_PER_MINUTE, reading_minutes, word_count
from warwatch.limits import plausible_time
from warwatch.records import TEXT, Article, ExtractionError, RawDocument, http_url

__all__ = ["extract", "WORDS_PER_MINUTE", "word_count", "reading_minutes", "binary_kind"]

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


def binary_kind(content: bytes) -> str | None:
    """Name of the binary format ``content`` looks like, or None for text."""
    head = content[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            # "MZ"/"BZh"/"ID3" are short: require a control byte nearby too
            if len(magic) <= 3 and not any(b < 9 or 13 < b < 32 for b in content[:64]):
                continue
            return name
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    if head[4:8] == b"ftyp":
        return "MP4/ISO media"
    if content.startswith(_UTF16_32_BOMS) or wide_unicode(content):
        return None
    sample = content[:4096]
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample and controls > 0.1 * len(sample):
        return "binary data (control bytes)"
    return None


def extract(raw: RawDocument) -> Article:
    """Read mode: the clean article and its metadata from one raw document."""
    content = raw.content
    if (not content or not content.strip()) and (raw.title or "").strip():
        # a feed item or record with only a headline: the headline is the text
        raw = replace(raw, content=raw.title.strip().encode("utf-8"), media_type=TEXT, encoding="utf-8")
        content = raw.content
    if not content or not content.strip():
        raise ExtractionError("empty document")
    kind = binary_kind(content)
    if kind:
        raise ExtractionError(f"binary content ({kind}), not a text or HTML document")
    try:
        text, _codec = decode(content, raw.encoding)
    except Exception as err:  # pragma: no cover - decode() is meant not to raise
        raise ExtractionError(f"undecodable content: {err}") from err
    if not text.strip():
        raise ExtractionError("empty document")
    if text.count("\ufffd") > max(20, 0.05 * len(text)):
        raise ExtractionError("undecodable content (no charset gives readable text)")

    media_type = (raw.media_type or "").split(";")[0].strip().lower()
    if media_type == TEXT:
        from warwatch.extract.chrome import extract_text

        article = extract_text(text, raw)
    else:
        from warwatch.extract.article import extract_html

        article = extract_html(text, raw)
    article.url = http_url(article.url)  # a page or feed can declare javascript: or file: URLs
    article.published = plausible_time(article.published)  # a source may say year 9999
    article.updated = plausible_time(article.updated)
    if raw.site:  # the source knows its outlet (a JSONL "site", a channel's name)
        article.site = raw.site
    elif not article.site and article.url:
        # a record that names no outlet is its URL's registered domain ("www.bbc.co.uk" -> "bbc.co.uk"),
        # so "independent sources" count outlets, not articles; courlan (trafilatura's) knows the suffixes
        from courlan import extract_domain

        try:
            article.site = extract_domain(article.url)
        except ValueError:
            article.site = None
    return article
