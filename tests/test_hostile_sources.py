"""Hostile inputs written by the tests: each is stored, or reported failed or skipped with its
reason, and never stops the batch. Nothing here touches the network."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
from pathlib import Path

import pytest

from warwatch.extract import extract
from warwatch.extract.decode import decode, strip_markup
from warwatch.ingest import ingest
from warwatch.limits import Limits
from warwatch.records import Failure, RawDocument, Skipped
from warwatch.sources import iter_inputs
from warwatch.store import Store

BODY = "Engineers reopened the pontoon crossing on Friday after repairs, a local official said."
PAGE = (f"<html><head><title>Crossing reopens</title></head><body><article><p>{BODY * 3}</p>"
        f"</article></body></html>").encode()


@pytest.fixture(autouse=True)
def no_hang():
    """A regression that opens a FIFO or reads /dev/zero would block: fail instead."""
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the ingest hung"))
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(tmp_path: Path, *targets, limits: Limits | None = None):
    with Store.open(tmp_path / "h.db") as store:
        return ingest(iter_inputs([str(t) for t in targets], limits=limits), store, workers=0, understand=False)


def outcomes(summary) -> dict[str, str]:
    """Every reported item (failed or skipped) by file name, with its reason."""
    return {Path(i.source).name: i.reason for i in [*summary.failures, *summary.skips]}


def record(headers: dict[str, str], http: bytes = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
           body: bytes = PAGE) -> bytes:
    block = http + body
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return head.encode() + f"Content-Length: {len(block)}\r\n\r\n".encode() + block + b"\r\n\r\n"


RESPONSE = {"WARC-Type": "response", "WARC-Target-URI": "http://127.0.0.1/a",
            "Content-Type": "application/http; msgtype=response"}


def test_a_deep_jsonl_record_fails_alone_and_the_documents_around_it_are_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a1", "a2", "a3", "c1", "c2", "c3"):
        (folder / f"{name}.txt").write_text(f"Report {name}\n\n{BODY}")
    deep = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    (folder / "b.jsonl").write_text(deep + "\n" + json.dumps({"text": f"Line two. {BODY}"}) + "\n")
    summary = run(tmp_path, folder)
    assert summary.new == 7
    assert [(f.source.rsplit("/", 1)[-1], f.reason) for f in summary.failures] == [
        ("b.jsonl:1", "invalid JSON: JSON nested deeper than 200 levels (max_depth)")]


def test_warc_records_that_are_not_articles_each_say_why(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    no_type = {k: v for k, v in RESPONSE.items() if k != "WARC-Type"}
    (folder / "a-no-type.warc").write_bytes(record(no_type) + record(RESPONSE))
    (folder / "b-bad-status.warc").write_bytes(record(RESPONSE, b"HTTP/1.1 abc nonsense\r\n\r\n"))
    (folder / "c-not-found.warc").write_bytes(record(RESPONSE, b"HTTP/1.1 404 Not Found\r\n\r\n"))
    (folder / "d-blank-start.warc").write_bytes(b"\r\n\r\n\n" + record(RESPONSE))
    (folder / "e-blank.warc").write_bytes(b"  \n\r\n \n")
    (folder / "f-blank.jsonl").write_bytes(b"\n  \n\n")
    (folder / "g-long-header.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * 400_000)
    (folder / "h-garbled.warc").write_bytes(b"WARC/1.0\r\nWARC-Type response\r\n\x00\x00\r\n\r\n" + record(RESPONSE))
    summary = run(tmp_path, folder)
    assert summary.new == 1 and summary.unchanged == 1   # a-no-type's second record, and the same page again
    assert outcomes(summary) == {
        "a-no-type.warc#1": "WARC record without a WARC-Type",
        "b-bad-status.warc#1": "HTTP response with a bad status line (HTTP/1.1)",
        "c-not-found.warc#1": "HTTP status 404, not a page",
        "e-blank.warc": "blank (whitespace only)",
        "f-blank.jsonl": "no JSON records in it (blank lines only)",
        "g-long-header.warc#1": "damaged WARC record: header lines over 262144 bytes (max_header_bytes)",
        "h-garbled.warc#1": "damaged WARC record: unreadable headers (no WARC-Type, no Content-Length); "
                            "the rest of the archive cannot be read",
    }


def test_decompression_bombs_stop_at_the_limit(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    zeros = gzip.compress(b"\x00" * 50_000_000, 9)
    (folder / "zeros.warc.gz").write_bytes(zeros)
    (folder / "zeros.jsonl.gz").write_bytes(zeros)
    (folder / "newlines.warc.gz").write_bytes(gzip.compress(b"\n" * 50_000_000, 9))
    summary = run(tmp_path, folder, limits=Limits(max_bytes=1_000_000))
    reasons = outcomes(summary)
    assert set(reasons) == {"newlines.warc.gz#1", "zeros.jsonl.gz:1", "zeros.warc.gz#1"}
    assert all("decompression bomb" in r and "(ratio over 200, see max_ratio)" in r for r in reasons.values())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_skipped_without_being_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.html")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nowhere")
    (folder / "ok.txt").write_text(BODY)
    summary = run(tmp_path, folder, folder / "pipe.html")
    assert summary.new == 1
    assert sorted((Path(i.source).name, i.reason) for i in summary.skips) == [
        ("gone.txt", "broken symbolic link"),
        ("pipe.html", "not a regular file: a FIFO"),
        ("pipe.html", "not a regular file: a FIFO"),
        ("zero.txt", "not a regular file: a character device (through a symbolic link)"),
    ]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_stored_under_an_escaped_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"report-\xff.txt")).write_text(BODY)
    summary = run(tmp_path, folder)
    assert summary.new == 1 and not summary.failures
    assert summary.results[0].source.endswith("report-\\xff.txt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_read(codec):
    text = f"{BODY} Le pont a rouvert vendredi, a déclaré un responsable. Київ."
    article = extract(RawDocument(source="x", content=text.encode(codec), media_type="text/plain"))
    assert article.text == text


def test_an_absurd_published_time_becomes_null_and_the_record_is_stored(tmp_path):
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps({"text": BODY, "published": "9999-12-31T23:59:59-14:00"}) + "\n"
                    + json.dumps({"text": f"Second. {BODY}", "published": "0001-01-01T00:00:00+14:00"}) + "\n")
    summary = run(tmp_path, path)
    assert summary.new == 2 and not summary.failures
    items = list(iter_inputs([str(path)]))
    assert [i.published for i in items] == [None, None]


def test_deeply_nested_json_ld_does_not_drop_the_page():
    deep = "[" * 50_000 + "]" * 50_000
    page = PAGE.replace(b"</head>", f'<script type="application/ld+json">{deep}</script></head>'.encode())
    article = extract(RawDocument(source="x", content=page))
    assert article.title == "Crossing reopens" and BODY in article.text


def test_markup_stripped_for_charset_detection_reads_unclosed_markers_as_text():
    hostile = b"<" * 200_000 + b"caf\xe9"
    assert strip_markup(b"a<b>c<script>x<y</script >d<!-- z -->e<style x>q</STYLE>f") == b"a c d e f"
    assert strip_markup(b"<script" * 1000 + b"end") .endswith(b"end")
    text, codec = decode(hostile)
    assert text.endswith("café") and codec == "cp1252"


def test_a_source_that_raises_fails_that_file_only(tmp_path, monkeypatch):
    from warwatch.sources import files

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": f"Two. {BODY}"}) + "\n")
    (folder / "b.txt").write_text(f"Three. {BODY}")
    real = files.jsonl.parse_line

    def buggy(line, source, max_depth=200):
        if source.endswith(":2"):
            raise KeyError("a bug")
        return real(line, source, max_depth)

    monkeypatch.setattr(files.jsonl, "parse_line", buggy)
    items = list(iter_inputs([str(folder)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "RawDocument"]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.source.endswith("a.jsonl (after 1 documents)")
    assert failure.reason == "cannot read: KeyError: 'a bug'"
    assert not any(isinstance(i, Skipped) for i in items)
