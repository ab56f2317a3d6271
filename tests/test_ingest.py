"""Ingestion end to end: idempotence, revisions, bad inputs, interrupted runs."""

import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import PARAGRAPHS, news_page
from warwatch.ingest import analyze_stream, ingest
from warwatch.records import Failure, RawDocument
from warwatch.sources import iter_inputs


def run(store, *targets, workers=0):
    return ingest(iter_inputs([str(t) for t in targets]), store, workers=workers)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(6):
        paras = [f"Report number {i}: " + p for p in PARAGRAPHS]
        (folder / f"{i:02d}.html").write_text(
            news_page(f"Story {i} from the front", url=f"https://courier.example/story/{i}", paragraphs=paras))
    return folder


@pytest.mark.parametrize("workers", [0, 2])
def test_ingest_folder_then_again_is_idempotent(store, corpus, workers):
    first = run(store, corpus, workers=workers)
    assert (first.new, first.unchanged, first.revisions, len(first.failures)) == (6, 0, 0, 0)
    second = run(store, corpus, workers=workers)
    assert (second.new, second.unchanged, second.revisions) == (0, 6, 0)
    assert store.count() == {"articles": 6, "revisions": 6}


def test_changed_page_becomes_revision(store, tmp_path):
    path = tmp_path / "live.html"
    path.write_text(news_page(published="2016-08-24T09:00:00+03:00"))
    run(store, path)
    path.write_text(news_page(paragraphs=PARAGRAPHS + ["Update: at least 35 civilians were killed, the monitor said."],
                              published="2016-08-24T09:00:00+03:00", modified="2016-08-25T10:00:00+03:00"))
    summary = run(store, path)
    assert summary.revisions == 1
    [article] = store.list_articles()
    view = store.get_article(article.id)
    assert view.revision_count == 2 and "35 civilians" in view.text
    assert view.updated is not None and view.updated.isoformat().startswith("2016-08-25T07:00")


def test_bad_inputs_each_get_a_reason_and_the_batch_goes_on(store, tmp_path, corpus):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "binary.html").write_bytes(bytes(range(256)) * 40)
    (bad / "huge.html").write_bytes(b"<p>" + b"x" * (11 * 1024 * 1024))
    (bad / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (bad / "cut.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (bad / "lines.jsonl").write_text('{"url": "https://x.example/1"\n')
    summary = run(store, bad, corpus, tmp_path / "missing.html")
    assert summary.new == 6
    reasons = {f.source.rsplit("/", 1)[-1].split("#")[0].split(":")[0]: f.reason for f in summary.failures}
    assert set(reasons) == {"empty.html", "binary.html", "huge.html", "nav-only.html", "cut.warc.gz",
                            "lines.jsonl", "missing.html"}
    assert all(reason and "\n" not in reason for reason in reasons.values())
    assert reasons["huge.html"].startswith("too large")
    assert reasons["missing.html"] == "no such file or folder"


def test_interrupted_run_can_simply_be_run_again(store, corpus):
    files = sorted(corpus.glob("*.html"))
    # a run that stopped after three documents had been saved
    half = run(store, *files[:3])
    assert half.new == 3
    rerun = run(store, corpus)
    assert (rerun.new, rerun.unchanged) == (3, 3)
    assert store.count()["articles"] == 6


def test_crash_inside_the_pipeline_becomes_a_failure(monkeypatch):
    import warwatch.ingest as ingest_module

    def boom(raw, understand=True):
        raise RuntimeError("bug")

    monkeypatch.setattr(ingest_module, "analyze", boom)
    [(item, outcome)] = list(analyze_stream([RawDocument(source="x.html", content=b"<p>x</p>")], workers=0))
    assert isinstance(outcome, Failure) and outcome.reason == "internal error: RuntimeError: bug"


def test_analyze_stream_keeps_order_with_workers(corpus):
    items = list(iter_inputs([str(corpus)]))
    out = list(analyze_stream(items, workers=2, window=2))
    assert [i.source for i, _ in out] == [i.source for i in items]
    assert [o.article.title for _, o in out] == [f"Story {i} from the front" for i in range(6)]


def test_warc_archive_ingests_its_html_records(store, tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(3):
        html = news_page(f"Archived story {i}", url=None, paragraphs=[f"Item {i}. " + p for p in PARAGRAPHS])
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://archive.example/{i}", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
    path = tmp_path / "cc-news.warc.gz"
    path.write_bytes(buf.getvalue())
    summary = run(store, path)
    assert summary.new == 3 and not summary.failures
    assert {a.url for a in store.list_articles()} == {f"https://archive.example/{i}" for i in range(3)}


def test_jsonl_hints_fill_missing_metadata(store, tmp_path):
    import json

    record = {"url": "https://wire.example/a", "title": "Wire: border town falls",
              "published": "2016-08-24T12:00:00Z", "text": "\n\n".join(PARAGRAPHS)}
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    summary = run(store, path)
    assert summary.new == 1
    [article] = store.list_articles()
    assert article.title == "Wire: border town falls"
    assert article.published.isoformat() == "2016-08-24T12:00:00+00:00"
