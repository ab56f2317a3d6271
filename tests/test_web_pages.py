"""Server-rendered pages: home (latest, Top content, Trending, filters), read mode, diff, search, escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from test_web_fixtures import XSS_AUTHOR, build
from warwatch.config import Settings
from warwatch.web import create_app
from warwatch.web.security import WebConfig


@pytest.fixture(scope="module")
def site(module_db_url):
    path = module_db_url
    ids = build(path)
    with TestClient(create_app(path, Settings(db=path, workers=0), web=WebConfig())) as c:
        yield c, ids


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html, flags=re.I)


def test_home_has_latest_top_content_and_trending(web):
    r = web.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "Top content" in html and "Trending" in html and "Latest" in html
    top = html.split('id="top-h"')[1].split('id="latest-h"')[0]
    assert "Qamar bridge" in top and "4</strong> sites" in top
    trending = html.split('id="trend-h"')[1]
    assert "Tal Sabin" in trending and "search?q=%22Qamar+bridge%22" in trending
    latest = html.split('id="latest-h"')[1].split('id="trend-h"')[0]
    assert latest.count('class="item"') == 24 and "24 articles" in latest
    assert "min read" in latest


def test_home_filters_by_site_and_date(web):
    html = web.get("/", params={"site": "Northern Wire"}).text
    latest = html.split('id="latest-h"')[1].split('id="trend-h"')[0]
    assert "from Northern Wire" in latest
    assert "Levant Courier" not in latest and "Northern Wire" in latest
    assert '<option value="Northern Wire" selected>' in html
    html = web.get("/", params={"since": "2016-09-27", "until": "2016-09-27"}).text
    latest = html.split('id="latest-h"')[1]
    assert "Tal Sabin" in latest and "Aid convoy" not in latest
    assert 'value="2016-09-27"' in html
    empty = web.get("/", params={"site": "No Such Site"}).text
    assert "No articles match these filters" in empty


def test_home_paging(tmp_path, db_url):
    path = db_url
    build(path)
    with TestClient(create_app(path, Settings(db=path), web=WebConfig())) as c:
        from warwatch.web import pages

        old = pages.PAGE_SIZE
        pages.PAGE_SIZE = 10
        try:
            first = c.get("/").text
            assert "Page 1 of 3" in first and 'href="/?page=2"' in first
            third = c.get("/", params={"page": 3}).text
            assert third.count('class="item"') == 4 and "Top content" not in third
        finally:
            pages.PAGE_SIZE = old


def test_article_read_mode(web, ids):
    html = web.get(f"/articles/{ids['revised']}").text
    assert "<h1 id=\"article-title\">Civilian toll rises after shells hit market near Qamar bridge</h1>" in html
    assert "By Dana Haddad" in html and "Levant Courier" in html
    assert "Published <time" in html and "Updated <time" in html
    assert "min read" in html
    prose = html.split('class="prose"')[1].split("</div>")[0]
    assert prose.count("<p>") == 3
    assert 'href="https://courier.example/2016/09/28/qamar-toll"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "Revisions" in html and "#1" in html and "#2" in html
    assert f'/articles/{ids["revised"]}/diff?from=1&amp;to=2' in html
    assert f'href="/articles/{ids["revised"]}?revision=1"' in html


def test_single_revision_article_has_no_updated_line(web, ids):
    html = web.get(f"/articles/{ids['bridge']}").text
    assert "Published <time" in html and "Updated <time" not in html
    assert "Show changes" not in html


def test_old_revision_view(web, ids):
    html = web.get(f"/articles/{ids['revised']}", params={"revision": 1}).text
    assert "You are reading <strong>revision 1</strong> of 2" in html
    assert "Five civilians were killed" in html
    assert "Shells hit market near Qamar bridge</h1>" in html
    assert web.get(f"/articles/{ids['revised']}", params={"revision": 5}).status_code == 404


def test_diff_page(web, ids):
    r = web.get(f"/articles/{ids['revised']}/diff", params={"from": 1, "to": 2})
    assert r.status_code == 200
    body = r.text.split('class="prose diff-body"')[1]
    assert "<del>Five</del>" in body and "<ins>At least nine</ins>" in body
    assert "<ins>Civilian toll rises after s</ins>" in r.text or "<ins>Civilian toll rises after" in r.text
    assert "Changes from" in r.text and "+" in r.text
    single = web.get(f"/articles/{ids['bridge']}/diff", follow_redirects=False)
    assert single.status_code == 303


def test_search_page_highlights_and_pages(web):
    html = web.get("/search", params={"q": "Qamar"}).text
    assert "<mark>Qamar</mark>" in html
    assert "results for <strong>Qamar</strong>" in html
    assert 'value="Qamar"' in html
    none = web.get("/search", params={"q": "zzzznothing"}).text
    assert "No article matches <strong>zzzznothing</strong>" in none
    blank = web.get("/search").text
    assert "results for" not in blank


def test_search_page_paging(web):
    from warwatch.web import pages

    old = pages.SEARCH_PAGE
    pages.SEARCH_PAGE = 2
    try:
        html = web.get("/search", params={"q": "Qamar"}).text
        assert "Page 1 of" in html and 'href="/search?q=Qamar&amp;page=2"' in html
    finally:
        pages.SEARCH_PAGE = old


def test_hostile_article_is_rendered_as_text(web, ids):
    html = web.get(f"/articles/{ids['xss']}").text
    assert scripts(html) == ['<script src="/static/prefs.js">', '<script src="/static/app.js" defer>']
    assert "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert "&lt;img src=x onerror=" in html
    assert 'href="javascript:' not in html
    assert "Original on" not in html  # a javascript: URL is never a link
    assert XSS_AUTHOR not in html and "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Harran &lt;b&gt;Gazette&lt;/b&gt;" in html
    # and on every page that lists it
    for path in ("/", "/search?q=silos", "/search?q=Hafir"):
        page = web.get(path).text
        assert len(scripts(page)) == 2 and "<img" not in page, path


def test_snippet_markup_is_escaped_before_marks(web):
    html = web.get("/search", params={"q": "grain silos"}).text
    snippet = html.split('class="snippet"')[1].split("</p>")[0]
    assert "<mark>grain</mark> <mark>silos</mark>" in snippet
    assert "&lt;img src=x" in snippet and "<img" not in snippet


def test_error_pages(web):
    r = web.get("/articles/999999")
    assert r.status_code == 404 and "There is no article with id 999999" in r.text
    r = web.get("/no/such/page")
    assert r.status_code == 404 and "Not found" in r.text and r.headers["content-type"].startswith("text/html")
    r = web.get("/", params={"since": "yesterday"})
    assert r.status_code == 400 and "Invalid request" in r.text


def test_assets_are_local(web):
    html = web.get("/").text
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not ref.startswith(("http:", "https:", "//")), ref
    css = web.get("/static/style.css")
    assert css.status_code == 200 and "--bg" in css.text
    js = web.get("/static/prefs.js")
    assert js.status_code == 200 and "localStorage" in js.text
    assert web.get("/favicon.ico", follow_redirects=False).status_code == 301


def test_caches_follow_store_changes(tmp_path, db_url):
    from test_web_fixtures import T0, make_article
    from warwatch.records import Analysis
    from warwatch.store import Store

    path = db_url
    build(path)
    store = Store.open(path)
    with TestClient(create_app(store, Settings(db=path), web=WebConfig())) as c:
        assert "Zor Maghar" not in c.get("/").text
        store.save(Analysis(make_article("Northern Wire", "Fighting spreads to Zor Maghar",
                                         "Fighting spread to Zor Maghar overnight.", T0.replace(day=28),
                                         url="https://northern-wire.example/zor")))
        html = c.get("/").text
        assert "Fighting spreads to Zor Maghar" in html and "25 articles" in html
    store.close()


def test_titles_from_evidence_drop_the_dateline():
    from warwatch.web.render import undateline

    assert undateline("BEIRUT — Syrian rebels took Jarabulus.") == "Syrian rebels took Jarabulus."
    assert undateline("WASHINGTON/ANKARA (Meridian) — Turkey and Kurdish-aligned forces agreed.") == \
        "Turkey and Kurdish-aligned forces agreed."
    assert undateline("KARKAMIŞ, Gaziantep — the Turkish Armed Forces started") == \
        "The Turkish Armed Forces started"
    # no dateline: a short name, a sentence in lower case, or a dash further on
    for text in ("IS - the group - retreated.", "The SDF - a Kurdish-led alliance - said so.",
                 "Rebels took the town on Wednesday — a monitor said."):
        assert undateline(text) == text
    assert undateline(None) == ""


def test_type_labels_wrap_at_their_slashes_and_stay_escaped():
    from warwatch.web.render import slash_breaks

    assert str(slash_breaks("Shelling/artillery/missile attack")) == \
        "Shelling/<wbr>artillery/<wbr>missile attack"
    assert str(slash_breaks("<b>a/b</b>")) == "&lt;b&gt;a/<wbr>b&lt;/<wbr>b&gt;"


def test_dates_show_to_their_precision():
    from warwatch.web.render import precise

    assert precise("2013-01-01", "year") == "2013"
    assert precise("2016-08-01", "month") == "2016-08"
    assert precise("2016-08-22", "week") == "week of 2016-08-22"
    assert precise("2016-08-24", "day") == precise("2016-08-24", None) == "2016-08-24"
    assert precise(None, "day") == ""
