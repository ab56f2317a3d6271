"""The command line, through click's test runner."""

import json

from click.testing import CliRunner

from conftest import news_page
from warwatch.cli import main


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def test_every_command_has_help():
    for cmd in ([], ["ingest"], ["watch"], ["analyze"], ["search"], ["show"], ["export"], ["demo"], ["serve"],
                ["reanalyze"], ["gazetteer"], ["gazetteer", "build"], ["train"], ["train", "events"], ["bench"],
                ["bench", "extraction"], ["bench", "ingest"], ["bench", "geo"], ["bench", "serve"],
                ["bench", "analyze"], ["bench", "events"], ["bench", "attribution"]):
        result = invoke(*cmd, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_analyze_json_has_the_documented_article_keys(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(news_page())
    result = invoke("analyze", page, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema_version"] == "1.4"
    assert set(data["article"]) == {"url", "title", "author", "site", "published", "updated", "language",
                                    "word_count", "reading_minutes", "text"}
    art = data["article"]
    assert art["title"] == "Rebels enter Jarabulus as militants pull back"
    assert art["published"] == "2016-08-24T14:05:00+03:00"
    assert art["url"] == "https://courier.example/2016/08/24/jarabulus"
    assert "Home" not in art["text"] and "cookies" not in art["text"]
    assert art["reading_minutes"] >= 1 and art["word_count"] > 100


def test_analyze_published_and_url_overrides(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(news_page(url=None))
    data = json.loads(invoke("analyze", page, "--json", "--published", "2016-08-25T08:00:00+03:00",
                             "--url", "https://elsewhere.example/x").output)
    assert data["article"]["published"] == "2016-08-25T08:00:00+03:00"
    assert data["article"]["url"] == "https://elsewhere.example/x"


def test_analyze_bad_input_is_one_clear_line(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["analyze", str(empty), "--json"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "empty.html" in result.output
    result = CliRunner().invoke(main, ["analyze", "x.html", "--published", "someday"])
    assert result.exit_code == 2 and "not an ISO 8601 time" in result.output


def test_ingest_search_show_export_roundtrip(tmp_path):
    db = tmp_path / "w.db"
    (tmp_path / "p.html").write_text(news_page())
    result = invoke("ingest", tmp_path / "p.html", tmp_path / "nope.html", "--db", db, "--json", "--workers", "0")
    summary = json.loads(result.output)
    assert (summary["ingested"], summary["failed"]) == (1, 1)
    assert summary["failures"][0]["reason"] == "no such file or folder"

    hits = [json.loads(line) for line in invoke("search", "Jarabulus", "--db", db, "--json").output.splitlines()]
    assert len(hits) == 1 and "Jarabulus" in hits[0]["snippet"]
    assert "Rebels enter Jarabulus" in invoke("search", "jarabulus", "--db", db).output

    shown = json.loads(invoke("show", hits[0]["id"], "--db", db, "--json").output)
    assert shown["revision_count"] == 1 and shown["revisions"][0]["number"] == 1

    exported = invoke("export", "--format", "jsonl", "--db", db).output.splitlines()
    assert len(exported) == 1 and json.loads(exported[0])["title"].startswith("Rebels")
    csv_out = invoke("export", "--format", "csv", "--db", db).output
    assert csv_out.splitlines()[0].startswith("id,url,site,title")


def test_strict_exit_code(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.html"), "--db", str(tmp_path / "w.db"),
                                       "--strict", "-q"])
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_reading_commands_on_a_missing_store_say_so(tmp_path):
    result = CliRunner().invoke(main, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database" in result.output
