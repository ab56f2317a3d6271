"""Read-only store queries added for the web app, and the bulk loader used by the benchmark."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from warwatch.records import Analysis, Article
from warwatch.store import Store

T = datetime(2016, 8, 24, 12, tzinfo=timezone.utc)


def art(i: int, site: str = "Levant Courier", text: str | None = None, url: str | None = None) -> Article:
    body = text or f"Report {i} from the front near Jarabulus.\n\nSecond paragraph of report {i}."
    return Article(url=url or f"https://x.example/{i}", title=f"Report {i}", author="Desk", site=site,
                   published=T + timedelta(hours=i), updated=None, language="en", word_count=len(body.split()),
                   reading_minutes=1, text=body)


def test_counts_sites_marker_and_recent(store):
    for i in range(6):
        store.save(Analysis(art(i, site="A" if i % 3 else "B")))
    assert store.count_articles() == 6
    assert store.count_articles(site="B") == 2
    assert store.count_articles(since=T + timedelta(hours=3)) == 3
    assert store.count_articles(until=T + timedelta(hours=3)) == 3
    assert store.sites() == [("A", 4), ("B", 2)]
    marker = store.change_marker()
    store.save(Analysis(art(1, site="A")))  # unchanged: same marker
    assert store.change_marker() == marker
    store.save(Analysis(art(1, site="A", text="Changed text.")))  # new revision: new marker
    assert store.change_marker() != marker
    recent = store.recent_articles(limit=3, lead_chars=10)
    assert [v.title for v in recent] == ["Report 5", "Report 4", "Report 3"]
    assert recent[0].text == "Report 5 f"
    assert [v.title for v in store.recent_articles(site="B")] == ["Report 3", "Report 0"]


def test_search_count(store):
    for i in range(4):
        store.save(Analysis(art(i)))
    store.save(Analysis(art(9, text="Something about Manbij.")))
    assert store.search_count("Jarabulus") == 4 == len(store.search("Jarabulus", limit=100))
    assert store.search_count("Manbij") == 1
    assert store.search_count("") == 0


def test_bulk_load_matches_save(db_url):
    with Store.open(db_url) as store:
        store.save(Analysis(art(0)))
        assert store.bulk_load((art(i) for i in range(1, 12)), batch=5) == 11
        assert store.count() == {"articles": 12, "revisions": 12}
        view = store.get_article(12)
        assert view.title == "Report 11" and view.revisions[0].number == 1 and view.text.startswith("Report 11")
        assert store.search_count("Jarabulus") == 12
        # the normal path still recognises bulk-loaded articles
        assert store.save(Analysis(art(5))).status == "unchanged"
        assert store.save(Analysis(art(5, text="Updated."))).status == "revision"
        assert store.search_count("Updated") == 1
        with pytest.raises(IntegrityError):
            store.bulk_load([art(3)])


def test_search_pages_through_current_revisions_best_first(store):
    for i in range(30):
        text = f"Report {i} near Jarabulus." + (" Jarabulus again, Jarabulus." * (i % 4))
        store.save(Analysis(art(i, text=text)))
    store.save(Analysis(art(3, text="Changed: now about Manbij only.")))  # a revision leaves the index
    pages = [store.search("Jarabulus", limit=10, offset=o) for o in (0, 10, 20)]
    ids = [h.article_id for page in pages for h in page]
    assert len(ids) == len(set(ids)) == 29 == store.search_count("Jarabulus")
    assert 4 not in ids  # article 3's id is 4: its current text no longer says Jarabulus
    assert all("\x02Jarabulus\x03" in h.snippet for page in pages for h in page)
    first = pages[0][0]
    assert first.title is not None and first.published is not None
    # the articles that repeat the word most rank first (bm25)
    assert all(int(h.title.split()[-1]) % 4 == 3 for h in pages[0][:5])
    assert [h.article_id for h in store.search("Manbij")] == [4]
    assert store.search("nothing-here") == []