from pathlib import Path

import pytest

from warwatch.extract.decode import decode, declared_in_document, normalise_charset

FIX = Path(__file__).parent / "fixtures" / "extract"
ARABIC_WORD = "\u0642\u0627\u0641\u0644\u0629"  # "convoy"


@pytest.mark.parametrize(
    "name", ["arabic_cp1256_declares_utf8.html", "arabic_cp1256_no_charset.html", "arabic_cp1256_declares_latin1.html"]
)
def test_cp1256_arabic_with_wrong_or_missing_charset(name):
    text, codec = decode((FIX / name).read_bytes())
    assert codec == "cp1256"
    assert ARABIC_WORD in text
    assert "Ç" not in text  # no Latin-1 mojibake


def test_cp1256_with_wrong_http_header():
    text, codec = decode((FIX / "arabic_cp1256_no_charset.html").read_bytes(), declared="windows-1252")
    assert codec == "cp1256" and ARABIC_WORD in text


def test_latin1_without_charset():
    text, codec = decode((FIX / "latin1_no_charset.html").read_bytes())
    assert codec == "cp1252"
    assert "café" in text and "Zürich" in text and "crème brûlée" in text


def test_bom_wins_over_declarations():
    body = '<meta charset="windows-1251"><p>café</p>'
    text, codec = decode(b"\xef\xbb\xbf" + body.encode("utf-8"), declared="iso-8859-1")
    assert codec == "utf-8" and "café" in text
    text, codec = decode(b"\xff\xfe" + body.encode("utf-16-le"))
    assert codec == "utf-16-le" and "café" in text


def test_outside_declaration_used_when_clean():
    raw = "<p>Привет, мир</p>".encode("cp1251")
    text, codec = decode(raw, declared="windows-1251")
    assert codec == "cp1251" and "Привет" in text


def test_meta_charset_used():
    raw = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>Привет</body></html>'
    text, codec = decode(raw.encode("koi8-r"))
    assert codec == "koi8_r" and "Привет" in text


def test_utf8_declared_latin1_is_read_as_utf8():
    raw = '<meta charset="iso-8859-1"><p>Zürich café</p>'.encode("utf-8")
    text, codec = decode(raw)
    assert codec == "utf_8" and "Zürich café" in text


def test_undecodable_declared_charset_falls_through():
    raw = "<p>Zürich</p>".encode("latin-1")
    text, codec = decode(raw, declared="utf-8")
    assert "Zürich" in text


def test_unknown_charset_label_ignored():
    assert normalise_charset("x-no-such-charset") is None
    assert normalise_charset("ISO-8859-1") == "cp1252"
    assert declared_in_document(b'<?xml version="1.0" encoding="ISO-8859-15"?><html>') == "ISO-8859-15"
