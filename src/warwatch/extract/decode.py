"""Bytes to text: find the charset a page is really written in.

Order of trust (first one that applies wins):

1. a byte-order mark (UTF-8, UTF-16, UTF-32), or the shape of UTF-16/32 without one (NUL
   bytes around ASCII letters);
2. the charset declared outside the document (``RawDocument.encoding``: HTTP
   ``Content-Type``, JSONL is UTF-8), if the bytes decode cleanly with it;
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` (or an XML declaration) in
   the first 4 KB, if the bytes decode cleanly with it;
4. strict UTF-8;
5. charset_normalizer's best guess, run on the text outside tags, scripts and styles,
   so the ASCII of the markup does not drown the signal;
6. UTF-8 with replacement characters (never fails).

A declared single-byte charset "decodes cleanly" whatever the bytes are, because every
byte maps to some character. Two checks catch the common lies:

* the page declares a Latin single-byte charset (ISO-8859-1, Windows-1252, ...) but its
  non-ASCII bytes form valid multi-byte UTF-8: UTF-8 is taken (random Latin-1 text is
  almost never valid UTF-8);
* the declared single-byte charset yields text whose non-ASCII words are mostly made of
  non-ASCII letters ("ÇáÓáÇã" instead of "café"): a Latin language has a few accented
  letters per word, a page of Arabic (Windows-1256) or Cyrillic (Windows-1251) read as
  Latin-1 has nothing else. The declaration is then ignored and the detector decides.

Limits: the detector needs some text (a few dozen non-ASCII letters) to be reliable;
two single-byte charsets for the same script (e.g. ISO-8859-6 vs Windows-1256 Arabic,
KOI8-R vs Windows-1251) can be confused on short pages; a declared non-Latin single-byte
charset (e.g. a page wrongly declaring Windows-1251) is trusted if it decodes cleanly.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)

# Latin single-byte charsets whose "clean" decoding proves nothing.
_LATIN_SINGLE_BYTE = {
    "latin_1", "iso8859_1", "cp1252", "iso8859_15", "iso8859_2", "cp1250", "iso8859_9",
    "cp1254", "iso8859_3", "iso8859_4", "iso8859_13", "cp1257", "iso8859_16", "ascii",
    "mac_roman", "cp437", "cp850",
}

_RAW_TEXT = re.compile(rb"<(script|style)\b|<!--", re.IGNORECASE)
_TAG = re.compile(rb"<[^<>]*>")
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}")


def normalise_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    # browsers treat these labels as Windows-1252 (WHATWG Encoding Standard)
    if name in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}:
        name = "cp1252"
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def declared_in_document(content: bytes) -> str | None:
    """Charset declared by an XML declaration or a meta tag in the first 4 KB."""
    head = content[:4096]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return match.group(1).decode("ascii", "ignore")


def _try(content: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_misdecoded(text: str) -> bool:
    """True when a Latin decoding has the shape of another script read as Latin.

    Looks at words of 3+ letters holding non-ASCII letters: in Latin languages most
    such words have a minority of accented letters; a non-Latin script decoded as
    Latin-1 gives words made almost only of them.
    """
    odd = total = 0
    for word in _LETTER_RUN.findall(text):
        non_ascii = sum(1 for ch in word if ord(ch) > 127)
        if not non_ascii:
            continue
        total += 1
        if non_ascii * 2 > len(word):
            odd += 1
    return total >= 3 and odd >= 0.4 * total


# Non-ASCII letters frequent in Western European text. When the detector proposes
# another code page but Windows-1252 turns every non-ASCII byte into
# one of these, Windows-1252 is the better reading (the detector confuses the two on
# short texts: "crème" vs "crčme").
_WESTERN = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒ€£«»–—‘’“”…°©®·")


def strip_markup(content: bytes) -> bytes:
    """``content`` with tags, scripts, styles and comments replaced by spaces, in linear time.

    Written by hand because the obvious regular expression (``<script.*?</script>|<[^>]*>``)
    rescans to the end of the input from every unclosed ``<``: quadratic on hostile pages
    (200 KB of ``<`` took minutes). Here each closing marker is searched for once: when it is
    missing, no later opening can find it either.
    """
    out: list[bytes] = []
    lower = content.lower()
    missing: set[bytes] = set()
    pos = 0
    for match in _RAW_TEXT.finditer(content):
        start = match.start()
        if start < pos:
            continue
        closing = b"-->" if match.group() == b"<!--" else b"</" + match.group(1).lower()
        if closing in missing:
            continue
        end = lower.find(closing, match.end())
        if end < 0:
            missing.add(closing)
            continue
        end = lower.find(b">", end + len(closing) - 1) if closing != b"-->" else end + 2
        if end < 0:
            missing.add(closing)
            continue
        out.append(_TAG.sub(b" ", content[pos:start]))
        out.append(b" ")
        pos = end + 1
    out.append(_TAG.sub(b" ", content[pos:]))
    return b"".join(out)


def _prefer_western(content: bytes, detected: str) -> str:
    """Windows-1252 when it reads the text as plausible Western European text."""
    if detected in ("cp1252", "utf_8", "utf_16", "utf_32") or detected.startswith(("utf_16", "utf_32")):
        return detected
    try:
        text = strip_markup(content).decode("cp1252")
    except UnicodeDecodeError:
        return detected
    high = [ch for ch in text if ord(ch) > 127]
    if high and sum(ch in _WESTERN for ch in high) >= 0.95 * len(high) and not _looks_misdecoded(text):
        return "cp1252"
    return detected


def _detect(content: bytes) -> str | None:
    text_only = strip_markup(content)
    sample = text_only if sum(b > 127 for b in text_only[:200_000]) >= 8 else content
    try:
        best = from_bytes(sample[:200_000]).best()
    except Exception:  # pragma: no cover - detector bug
        return None
    if best is None:
        return None
    codec = normalise_charset(best.encoding)
    return _prefer_western(content, codec) if codec else None


_WIDE = ("utf_32_le", "utf_32_be", "utf_16_le", "utf_16_be")


def wide_unicode(content: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, from the shape of the first 4 KB: the text
    has NUL bytes (ASCII in a wide encoding) yet decodes strictly to printable characters."""
    sample = content[:4096]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    for codec in _WIDE:
        try:
            text = codecs.getincrementaldecoder(codec)("strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if not text or "\x00" in text:
            continue
        readable = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f")
        if readable >= 0.98 * len(text):
            return codec
    return None


def decode(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``content``; returns ``(text, codec_name)``. Never raises on bad bytes."""
    for bom, codec in _BOMS:
        if content.startswith(bom):
            text = content[len(bom):].decode(codec, "replace")
            return text, codec
    wide = wide_unicode(content)
    if wide:
        return content.decode(wide, "replace"), wide

    is_ascii = content.isascii()
    for label in (declared, declared_in_document(content)):
        codec = normalise_charset(label)
        text = _try(content, codec)
        if text is None:
            continue
        if is_ascii or codec not in _LATIN_SINGLE_BYTE:
            return text, codec
        # a Latin single-byte declaration decodes anything: check it is not a lie
        utf8 = _try(content, "utf-8")
        if utf8 is not None:
            return utf8, "utf_8"
        if not _looks_misdecoded(strip_markup(content).decode(codec, "replace")):
            return text, codec
        detected = _detect(content)
        if detected and detected != codec:
            other = _try(content, detected)
            if other is not None:
                return other, detected
        return text, codec

    text = _try(content, "utf-8")
    if text is not None:
        return text, "utf_8"
    detected = _detect(content)
    text = _try(content, detected)
    if text is not None and detected is not None:
        return text, detected
    return content.decode("utf-8", "replace"), "utf_8"
