"""Archives with Spark: work units read exactly as ingest reads (fast), a real local[2] job on a
WARC and a JSONL of our own, and loading its Parquet into SQLite (slow; skipped without Java or
pyspark)."""

from __future__ import annotations

import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import PARAGRAPHS, news_page
from warwatch.records import Failure, RawDocument
from warwatch.sources import iter_inputs
from warwatch.spark.tasks import COLUMNS, read_unit, run_partition
from warwatch.spark.units import plan


def write_warc(path, pages: int, *, gzip: bool = True) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for i in range(pages):
        html = news_page(f"Archived story {i}", url=None, paragraphs=[f"Item {i}. " + p for p in PARAGRAPHS])
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://archive.example/{i}", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
        writer.write_record(writer.create_warc_record(f"https://archive.example/{i}", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    path.write_bytes(buf.getvalue())


def write_jsonl(path, records: int, *, broken_at: int) -> None:
    lines = []
    for i in range(records):
        if i == broken_at:
            lines.append('{"url": "https://wire.example/broken", "text": ')   # cut short
            continue
        lines.append(json.dumps({"url": f"https://wire.example/{i}", "title": f"Wire story {i}",
                                 "published": "2016-08-24T12:00:00Z",
                                 "text": "\n\n".join(f"Wire {i}. " + p for p in PARAGRAPHS)}))
    path.write_text("\n".join(lines) + "\n")


def described(item) -> tuple:
    if isinstance(item, Failure):
        return ("failure", item.source, item.reason)
    return ("doc", item.source, item.url, item.content, item.media_type, item.published)


@pytest.mark.parametrize("gzip", [True, False])
def test_split_warc_units_read_the_same_records_as_ingest(tmp_path, gzip):
    path = tmp_path / ("cc.warc.gz" if gzip else "cc.warc")
    write_warc(path, 20, gzip=gzip)
    work = plan([str(path)], slots=2)
    assert len(work.units) > 1 and {u.kind for u in work.units} == {"warc"}
    from_units = [described(i) for u in work.units for i in read_unit(u, 10_000_000)]
    assert from_units == [described(i) for i in iter_inputs([str(path)])]
    assert len(from_units) == 20 and from_units[0][1] == f"{path}#1" and from_units[-1][1] == f"{path}#39"


def test_split_jsonl_units_keep_line_numbers_and_the_broken_record(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, 30, broken_at=17)
    work = plan([str(path)], slots=2)
    assert len(work.units) > 1 and {u.kind for u in work.units} == {"jsonl"}
    from_units = [described(i) for u in work.units for i in read_unit(u, 10_000_000)]
    assert from_units == [described(i) for i in iter_inputs([str(path)])]
    assert [d[1] for d in from_units if d[0] == "failure"] == [f"{path}:18"]


def test_plan_groups_pages_skips_unknown_files_and_turns_bad_targets_into_failure_rows(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(20):
        (folder / f"p{i:02d}.html").write_text(news_page(f"Story {i}"))
    (folder / "logo.png").write_bytes(b"\x89PNG")
    work = plan([str(folder), str(tmp_path / "missing"), "https://example.org/x"], slots=2)
    assert work.skipped == [str(folder / "logo.png")]
    files = [u for u in work.units if u.kind == "files"]
    assert [len(u.paths) for u in files] == [16, 4]
    rows = list(run_partition([u for u in work.units if u.kind == "failure"], max_bytes=1000))
    assert [(r[0], r[3]) for r in rows] == [(str(tmp_path / "missing"), "no such file or folder"),
                                            ("https://example.org/x", rows[1][3])]
    assert rows[1][3].startswith("URLs are not read by spark analyze")


def test_rows_carry_the_analyze_json_or_the_reason(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, 3, broken_at=1)
    rows = [dict(zip(COLUMNS, r)) for r in run_partition(plan([str(path)], slots=2).units, max_bytes=10_000_000)]
    assert [r["source"] for r in rows] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert rows[1]["analysis"] is None and rows[1]["failure"].startswith("invalid JSON")
    analysis = json.loads(rows[0]["analysis"])
    assert analysis["article"]["title"] == "Wire story 0" and analysis["article"]["url"] == "https://wire.example/0"
    assert rows[0]["failure"] is None and rows[0]["raw"].startswith(b"Wire 0.")
    from warwatch.pipeline import analyze

    raw = next(i for i in iter_inputs([str(path)]) if isinstance(i, RawDocument))
    assert analysis == analyze(raw).to_json()


@pytest.fixture(scope="module")
def spark_job(tmp_path_factory):
    """A real local[2] job over a WARC of 6 pages and a JSONL of 4 records, one of them broken."""
    from warwatch.spark.job import unavailable

    reason = unavailable()
    if reason:
        pytest.skip(f"no Spark job here: {reason}")
    from warwatch.spark.job import analyze, session

    tmp = tmp_path_factory.mktemp("spark")
    write_warc(tmp / "archive.warc.gz", 6)
    write_jsonl(tmp / "wire.jsonl", 4, broken_at=2)
    spark = session("local[2]", scratch=str(tmp / "scratch"))
    try:
        summary = analyze(spark, [str(tmp / "archive.warc.gz"), str(tmp / "wire.jsonl")], tmp / "out", split=True)
    finally:
        spark.stop()
    return tmp, summary


@pytest.mark.slow
def test_local_spark_job_writes_one_parquet_row_per_document(spark_job):
    import pyarrow.dataset as ds

    tmp, summary = spark_job
    assert (summary.documents, summary.analysed, summary.failed) == (10, 9, 1)
    table = ds.dataset(str(tmp / "out"), format="parquet").to_table()
    assert table.column_names == list(COLUMNS)
    rows = {r["source"]: r for r in table.to_pylist()}
    broken = rows[f"{tmp / 'wire.jsonl'}:3"]
    assert broken["analysis"] is None and broken["failure"].startswith("invalid JSON")
    story = json.loads(rows[f"{tmp / 'archive.warc.gz'}#1"]["analysis"])
    assert story["article"]["title"] == "Archived story 0" and story["events"]


@pytest.mark.slow
def test_load_brings_the_results_into_the_store_once(spark_job, tmp_path):
    from warwatch.spark.load import load
    from warwatch.store import Store

    tmp, _ = spark_job
    with Store.open(tmp_path / "w.db") as store:
        first = load(tmp / "out", store)
        assert (first.new, first.already, [f.source for f in first.failures]) == (9, 0, [f"{tmp / 'wire.jsonl'}:3"])
        assert store.count() == {"articles": 9, "revisions": 9}
        assert {a.url for a in store.list_articles(limit=20)} == (
            {f"https://archive.example/{i}" for i in range(6)} | {f"https://wire.example/{i}" for i in (0, 1, 3)})
        import pyarrow.dataset as ds

        rows = ds.dataset(str(tmp / "out"), format="parquet").to_table().to_pylist()
        analysed = sum(len(json.loads(r["analysis"])["events"]) for r in rows if r["analysis"])
        events = store.count_events()
        assert events == analysed and events >= 9
        assert first.corpus["merged_events"] > 0
        second = load(tmp / "out", store)
        assert (second.new, second.revisions, second.unchanged, second.already) == (0, 0, 0, 9)
        assert store.count() == {"articles": 9, "revisions": 9} and store.count_events() == events


def test_load_without_spark_saves_rows_once_and_lists_failures(tmp_path):
    """``load`` needs pyarrow only: Parquet written from the executor rows directly."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from warwatch.spark.load import load
    from warwatch.store import Store

    path = tmp_path / "wire.jsonl"
    write_jsonl(path, 3, broken_at=1)
    rows = list(run_partition(plan([str(path)], slots=2).units, max_bytes=10_000_000))
    (tmp_path / "out").mkdir()
    pq.write_table(pa.table({c: [r[i] for r in rows] for i, c in enumerate(COLUMNS)}),
                   tmp_path / "out" / "part-0.parquet")
    with Store.open(tmp_path / "w.db") as store:
        first = load(tmp_path / "out", store, corpus=False)
        assert (first.new, [(f.source, f.reason[:12]) for f in first.failures]) == (2, [(f"{path}:2", "invalid JSON")])
        [revision] = store.get_article(store.list_articles()[0].id).revisions
        raw = store.raw_document(revision.id)
        assert raw is not None and raw.content.startswith(b"Wire ") and revision.seen_count == 1
        again = load(tmp_path / "out", store, corpus=False)
        assert (again.new, again.unchanged, again.already) == (0, 0, 2)
        assert store.count() == {"articles": 2, "revisions": 2}
        assert store.get_article(store.list_articles()[0].id).revisions[0].seen_count == 1


def test_load_refuses_a_folder_that_is_not_results(tmp_path):
    from click.testing import CliRunner

    from warwatch.cli import main

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.parquet").write_text("not parquet")
    result = CliRunner().invoke(main, ["load", str(tmp_path / "notes"), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1 and "not the Parquet results of warwatch spark analyze" in result.output
