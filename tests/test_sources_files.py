import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warwatch.records import HTML, TEXT, Failure, RawDocument
from warwatch.sources import Skipped, iter_inputs
from warwatch.sources.files import iter_path, sniff


def docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def failures(items):
    return [i for i in items if isinstance(i, Failure)]


def test_folder_walk_reads_known_types_in_order_and_skips_others(tmp_path):
    (tmp_path / "b.html").write_text("<html><body><p>b</p></body></html>")
    (tmp_path / "a.txt").write_text("a text")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text("<p>c</p>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.html").write_text("<p>hidden</p>")
    items = list(iter_path(tmp_path))
    got = [(d.source.split("/")[-1], d.media_type) for d in docs(items)]
    assert got == [("a.txt", TEXT), ("b.html", HTML), ("c.htm", HTML)]
    assert [s.source.split("/")[-1] for s in items if isinstance(s, Skipped)] == ["notes.pdf"]


def test_missing_path_is_a_failure_not_an_exception(tmp_path):
    [f] = list(iter_path(tmp_path / "nope.html"))
    assert isinstance(f, Failure) and f.reason == "no such file or folder"


def test_too_large_file_is_refused_without_reading(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    [f] = list(iter_path(big, max_bytes=10 * 1024 * 1024))
    assert isinstance(f, Failure) and f.reason.startswith("too large: 52.4 MB")


def test_unknown_extension_is_sniffed(tmp_path):
    assert sniff(b"<!DOCTYPE html><html>").name == "html"
    assert sniff(b"WARC/1.0\r\n").name == "warc"
    assert sniff(b'{"url": "x"}').name == "jsonl"
    assert sniff(b"Just words").name == "text"
    page = tmp_path / "page.download"
    page.write_text("<html><body>x</body></html>")
    [d] = docs(iter_path(page))
    assert d.media_type == HTML


def _warc(records, gz=True):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, ctype, body, status in records:
        headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


def test_warc_yields_html_responses_with_url_charset_and_date(tmp_path):
    data = _warc([
        ("https://a.example/1", "text/html; charset=windows-1256", b"<p>one</p>", "200"),
        ("https://a.example/logo.png", "image/png", b"\x89PNG", "200"),
        ("https://a.example/missing", "text/html", b"gone", "404"),
        ("https://a.example/2", "text/html", b"<p>two</p>", "200"),
    ])
    path = tmp_path / "news.warc.gz"
    path.write_bytes(data)
    items = list(iter_path(path))
    assert not failures(items)
    got = docs(items)
    assert [d.url for d in got] == ["https://a.example/1", "https://a.example/2"]
    assert got[0].encoding == "windows-1256" and got[0].content == b"<p>one</p>"
    assert got[0].fetched_at is not None and "#" in got[0].source


def test_uncompressed_warc(tmp_path):
    path = tmp_path / "news.warc"
    path.write_bytes(_warc([("https://a.example/1", "text/html", b"<p>one</p>", "200")], gz=False))
    assert [d.url for d in docs(iter_path(path))] == ["https://a.example/1"]


def test_truncated_warc_keeps_earlier_records_and_reports_the_damage(tmp_path):
    body = b"<p>" + b"lorem ipsum " * 4000 + b"</p>"
    data = _warc([("https://a.example/1", "text/html", b"<p>one</p>", "200"),
                  ("https://a.example/2", "text/html", body, "200")])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 300])
    items = list(iter_path(path))
    assert [d.url for d in docs(items)] == ["https://a.example/1"]
    [f] = failures(items)
    assert f.reason.startswith("truncated WARC") and f.source.startswith(str(path))


def test_garbage_named_warc_is_a_failure(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"\x00\x01 not an archive at all" * 10)
    items = list(iter_path(path))
    assert failures(items) and not docs(items)


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"url": "https://a.example/1", "html": "<p>one</p>", "title": "One",
                    "published": "2016-08-24T09:00:00Z"}),
        "",
        "{not json",
        json.dumps({"url": "https://a.example/2"}),
        json.dumps({"text": "Plain text body", "published": "yesterday"}),
        json.dumps(["a list"]),
        json.dumps({"text": "Arabic \u0627\u0644\u0628\u0627\u0628"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_path(path))
    good = docs(items)
    assert [d.source.rsplit(":", 1)[1] for d in good] == ["1", "7"]
    assert good[0].title == "One" and good[0].published.isoformat() == "2016-08-24T09:00:00+00:00"
    assert good[1].media_type == TEXT and good[1].content.decode("utf-8").endswith("\u0628\u0627\u0628")
    reasons = [f.reason for f in failures(items)]
    assert reasons[0].startswith("invalid JSON")
    assert 'needs an "html" or "text"' in reasons[1]
    assert "unreadable published time" in reasons[2]
    assert "expected an object" in reasons[3]


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"url": "https://a.example/1", "html": "<p>x</p>"}).encode()))
    assert [d.url for d in docs(iter_path(path))] == ["https://a.example/1"]


def test_jsonl_line_over_limit(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"html": "x" * 5000}) + "\n" + json.dumps({"html": "<p>ok</p>"}) + "\n")
    items = list(iter_path(path, max_bytes=1000))
    assert failures(items)[0].reason.startswith("too large")
    assert len(docs(items)) == 1


def test_iter_inputs_mixes_paths_and_reports_each(tmp_path):
    (tmp_path / "a.html").write_text("<p>a</p>")
    items = list(iter_inputs([str(tmp_path / "a.html"), str(tmp_path / "missing.txt")]))
    assert len(docs(items)) == 1 and len(failures(items)) == 1
