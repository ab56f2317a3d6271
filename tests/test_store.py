import re
from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from warwatch.records import Analysis, Article, RawDocument
from warwatch.store import NEW, REVISION, UNCHANGED, Store, article_key, content_hash, fts_query
from warwatch.store.schema import Base, is_model_table


def art(text="Rebels took Jarabulus from Daesh on Wednesday.", *, title="Jarabulus taken",
        url="https://courier.example/jarabulus", updated=None):
    return Article(url=url, title=title, author="Dana Haddad", site="Levant Courier",
                   published=datetime(2016, 8, 24, 11, 5, tzinfo=timezone.utc), updated=updated,
                   language="en", word_count=len(text.split()), reading_minutes=1, text=text)


def raw(source="page.html", url=None):
    return RawDocument(source=source, content=b"<html>raw bytes</html>", url=url)


def test_same_content_twice_is_one_article(store):
    first = store.save(Analysis(art()), raw())
    second = store.save(Analysis(art()), raw("copy.html"))
    assert (first.status, second.status) == (NEW, UNCHANGED)
    assert first.article_id == second.article_id and first.revision_id == second.revision_id
    assert store.count() == {"articles": 1, "revisions": 1}
    view = store.get_article(first.article_id)
    assert view.revisions[0].seen_count == 2


def test_changed_text_at_same_url_is_a_new_revision(store):
    store.save(Analysis(art()), raw())
    result = store.save(Analysis(art("Rebels took Jarabulus. Fighting goes on in the south.")), raw())
    assert result.status == REVISION
    view = store.get_article(result.article_id)
    assert [r.number for r in view.revisions] == [1, 2]
    assert view.current_revision_id == result.revision_id
    assert view.text.endswith("Fighting goes on in the south.")
    assert store.get_revision(result.article_id, 1).text == "Rebels took Jarabulus from Daesh on Wednesday."


def test_article_page_reads_revision_summaries_not_whole_revision_rows(store):
    """get_article lists revisions by their summary columns and reads one text (the current one);
    get_revision reads one revision's text; neither loads a raw document or an analysis."""
    from sqlalchemy import event

    for body in ("first", "second", "third"):
        result = store.save(Analysis(art(f"Rebels took Jarabulus. Report {body}.")), raw())
    statements: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        statements.append(" ".join(statement.lower().split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        view = store.get_article(result.article_id)
        article_sql = list(statements)
        statements.clear()
        shown = store.get_revision(result.article_id, 2)
        revision_sql = list(statements)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)

    for sql in article_sql + revision_sql:
        assert "revisions.raw" not in sql and "revisions.analysis" not in sql, sql
    text_reads = [sql for sql in article_sql if "revisions.text" in sql]
    assert len(text_reads) == 1 and re.search(r"where revisions\.id = (\?|%\(id_1\)s)", text_reads[0]), article_sql
    assert [sql for sql in revision_sql if "revisions.text" in sql] == revision_sql[-1:]
    # the same answer as before
    assert view.text == "Rebels took Jarabulus. Report third."
    assert [(r.number, r.title, r.word_count, r.seen_count, r.source, r.text) for r in view.revisions] == [
        (n, "Jarabulus taken", 5, 1, "page.html", None) for n in (1, 2, 3)]
    assert all(r.first_seen.tzinfo is not None and r.published.tzinfo is not None for r in view.revisions)
    [listed] = store.iter_articles(with_revisions=True)
    assert view.revisions == listed.revisions and view.to_json() == listed.to_json()
    assert shown.text == "Rebels took Jarabulus. Report second." and shown.number == 2
    assert shown.id == view.revisions[1].id and shown.first_seen == view.revisions[1].first_seen
    assert store.get_revision(result.article_id, 4) is None
    assert store.get_article(result.article_id + 1) is None


def test_tracking_parameters_and_fragments_do_not_split_an_article(store):
    a = store.save(Analysis(art(url="https://courier.example/jarabulus?utm_source=feed#top")), raw())
    b = store.save(Analysis(art(url="HTTPS://Courier.example/jarabulus")), raw())
    assert a.article_id == b.article_id and b.status == UNCHANGED


def test_article_without_url_is_keyed_by_content(store):
    a = store.save(Analysis(art(url=None)), raw("a.txt"))
    b = store.save(Analysis(art(url=None)), raw("b.txt"))
    c = store.save(Analysis(art("Something else entirely.", url=None)), raw("a.txt"))
    assert b.status == UNCHANGED and a.article_id == b.article_id
    assert c.status == NEW and c.article_id != a.article_id


def test_late_older_revision_does_not_replace_current(store):
    newer = datetime(2016, 8, 25, 9, 0, tzinfo=timezone.utc)
    older = datetime(2016, 8, 24, 18, 0, tzinfo=timezone.utc)
    store.save(Analysis(art("Version two with the toll raised.", updated=newer)), raw())
    late = store.save(Analysis(art("Version one.", updated=older)), raw())
    assert late.status == REVISION
    view = store.get_article(late.article_id)
    assert view.text == "Version two with the toll raised."
    assert view.revision_count == 2


def test_search_finds_current_revision_only_with_marks(store):
    store.save(Analysis(art("Clashes near Amarneh village.")), raw())
    store.save(Analysis(art("Calm returned to the village.")), raw())
    assert store.search("Amarneh") == []
    hits = store.search("calm")
    assert len(hits) == 1 and "\x02Calm\x03" in hits[0].snippet


def test_search_ignores_diacritics_and_is_safe_with_operators(store):
    store.save(Analysis(art("Troops gathered at Karkamış before dawn.")), raw())
    assert len(store.search("Karkamis")) == 1
    for nasty in ['"', "AND", "NEAR(", "title:", "-", "*", "a OR", "')--"]:
        store.search(nasty)  # must not raise


def test_fts_query_translation():
    assert fts_query("jarabulus isis") == '"jarabulus" "isis"'
    assert fts_query('"fighting goes on" OR clash*') == '"fighting goes on" OR "clash"*'
    assert fts_query("  ") is None
    assert fts_query("OR") == '"OR"'  # alone, it is a word
    assert fts_query("Karkamış") == '"Karkamiş"'  # ı folded here; ş by FTS5 itself


def test_timestamps_round_trip_as_aware_utc(store):
    result = store.save(Analysis(art()), raw())
    view = store.get_article(result.article_id)
    assert view.published == datetime(2016, 8, 24, 11, 5, tzinfo=timezone.utc)
    assert view.first_seen.tzinfo is not None


def test_raw_document_kept_for_reanalysis(store):
    result = store.save(Analysis(art()), raw())
    again = store.raw_document(result.revision_id)
    assert again.content == b"<html>raw bytes</html>"


def test_list_filters_by_site_and_date(store):
    store.save(Analysis(art()), raw())
    other = art("Another report.", url="https://wire.example/x")
    other.site, other.published = "Northern Wire", datetime(2016, 8, 30, tzinfo=timezone.utc)
    store.save(Analysis(other), raw())
    assert [a.site for a in store.list_articles()] == ["Northern Wire", "Levant Courier"]
    assert [a.site for a in store.list_articles(site="Levant Courier")] == ["Levant Courier"]
    assert [a.site for a in store.list_articles(since=datetime(2016, 8, 29, tzinfo=timezone.utc))] == ["Northern Wire"]


def test_migrations_match_the_models(empty_db_url):
    with Store.open(empty_db_url) as s:
        with s.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": is_model_table})
            diff = compare_metadata(context, Base.metadata)
            assert diff == []
            names = set(inspect(conn).get_table_names())
            assert {"articles", "revisions", "feeds", "feed_items", "revisions_fts"} <= names
            if s.dialect == "sqlite":
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            else:
                assert "revisions_fts_document" in {i["name"] for i in inspect(conn).get_indexes("revisions_fts")}


def test_reopening_keeps_data(db_url):
    with Store.open(db_url) as s:
        s.save(Analysis(art()), raw())
    with Store.open(db_url) as s:
        assert s.count()["articles"] == 1


def test_open_missing_without_create(tmp_path):
    with pytest.raises(FileNotFoundError):
        Store.open(tmp_path / "absent.db", create=False)


def test_keys_and_hashes():
    a = art()
    assert article_key(a, None, content_hash(a)) == "https://courier.example/jarabulus"
    b = art(url=None)
    assert article_key(b, raw(url="https://x.example/p"), "h") == "https://x.example/p"
    assert article_key(b, None, "abc") == "sha256:abc"
    assert content_hash(art("a  b\n c")) == content_hash(art("a b c"))


def test_concurrent_writers_of_one_article_do_not_collide(db_url):
    import threading

    path = db_url
    Store.open(path).close()
    errors, results = [], []

    def write(n):
        try:
            with Store.open(path) as s:
                for k in range(5):
                    results.append(s.save(Analysis(art(f"Version {n}.{k} of the report.")), raw()).status)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(path) as s:
        assert s.count() == {"articles": 1, "revisions": 20}
        view = s.get_article(1)
        assert sorted(r.number for r in view.revisions) == list(range(1, 21))


def test_only_http_urls_are_kept(store):
    from warwatch.records import http_url

    assert http_url("https://a.example/x") == "https://a.example/x"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "/etc/passwd", "http://", "", None):
        assert http_url(bad) is None
    result = store.save(Analysis(art(url="javascript:alert(1)")), raw(url="javascript:alert(2)"))
    view = store.get_article(result.article_id)
    assert view.url is None
