"""Actors and places in the reader: entity pages, article chips and highlights, entity Trending, API."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from test_web_fixtures import (T0, XSS_ACTOR_ID, XSS_ACTOR_NAME, XSS_PLACE_ID, XSS_PLACE_NAME, build,
                               find_entities, make_article)
from warwatch.config import Settings
from warwatch.records import Analysis, RawDocument
from warwatch.store import Store
from warwatch.web import create_app
from warwatch.web.security import WebConfig


def client(path) -> TestClient:
    return TestClient(create_app(path, Settings(db=path, workers=0), web=WebConfig()))


@pytest.fixture(scope="module")
def site(module_db_url):
    path = module_db_url
    ids = build(path, entities=True)
    with client(path) as c:
        yield c, ids, path


def section(html: str, start: str, end: str | None = None) -> str:
    part = html.split(start, 1)[1]
    return part.split(end, 1)[0] if end else part


def mentioning(path, pattern: str) -> set[int]:
    """Ids of articles whose current text matches ``pattern``: what an entity page must list."""
    with Store.open(path) as store:
        return {a.id for a in store.iter_articles() if re.search(pattern, a.text or "")}


def article_links(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'class="item-title" href="/articles/(\d+)"', html)]


# -- entity pages ----------------------------------------------------------------------------------


def test_place_page_lists_the_articles_that_mention_it(site):
    web, ids, path = site
    r = web.get("/places/warwatch:qamar-bridge")
    assert r.status_code == 200
    html = r.text
    listed = article_links(html)
    assert set(listed) == mentioning(path, r"\bQamar bridge\b") and len(listed) == 5
    with Store.open(path) as store:
        dates = [store.get_article(i, with_revisions=False).published for i in listed]
    assert dates == sorted(dates, reverse=True)  # newest first
    head = section(html, 'class="entity-head"', 'class="entity-articles"')
    assert "Qamar bridge" in head and "Bridge" in head and "SY" in head
    assert "36.6100° N, 38.2100° E" in head and "yes, warwatch gazetteer supplement" in head
    assert "5 articles" in head
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, flags=re.S)
    assert len(snippets) == 5 and all("<mark>Qamar bridge</mark>" in s for s in snippets)
    assert "openstreetmap.org/?mlat=36.61000" in html and 'rel="noopener noreferrer nofollow"' in html


def test_actor_page_has_type_role_affiliation_and_articles(site):
    web, ids, path = site
    html = web.get("/actors/person:abu-karim").text
    head = section(html, 'class="entity-head"', 'class="entity-articles"')
    assert "Abu Karim" in head and "Person" in head
    assert "field commander" in head
    assert 'href="/actors/syrian-rebels"' in head and "Syrian rebel factions" in head  # affiliation, linked
    assert set(article_links(html)) == mentioning(path, r"\bcommanders\b")
    rebels = web.get("/actors/syrian-rebels").text
    assert set(article_links(rebels)) == mentioning(path, r"\b[Rr]ebels?\b")


def test_metonymic_and_unresolved_place(web):
    html = web.get("/places/unresolved:tal-sabin").text
    head = section(html, 'class="entity-head"', 'class="entity-articles"')
    assert "no: the gazetteer gave no confident match" in head
    assert "an actor (metonymy) in 1 article" in head and "a location in 2 articles" in head
    items = section(html, 'class="entity-articles"').split('class="item"')[1:]
    assert len(items) == 3
    assert sum(">as actor</span>" in item for item in items) == 1
    assert "openstreetmap" not in html


def test_entity_lists_filter_and_page(web):
    html = web.get("/actors").text
    assert 'aria-current="page">Actors' in html
    rows = re.findall(r'<td class="ent-name"><a href="([^"]+)">', html)
    assert rows[0] == "/actors/east-bank-militia"  # most articles first
    assert f'/actors/{quote(XSS_ACTOR_ID, safe=":")}' in rows
    people = web.get("/actors", params={"type": "person"}).text
    assert re.findall(r'<td class="ent-name"><a href="([^"]+)">', people) == ["/actors/person:abu-karim"]
    assert '<option value="person" selected>Person (1)' in people
    places = web.get("/places", params={"q": "euph"}).text
    assert re.findall(r'<td class="ent-name"><a href="([^"]+)">', places) == ["/places/warwatch:euphrates-river"]
    assert "unresolved</span>" in web.get("/places").text
    from warwatch.web import pages

    old = pages.ENTITY_LIST_PAGE
    pages.ENTITY_LIST_PAGE = 2
    try:
        first = web.get("/places").text
        assert "Page 1 of 3" in first and 'href="/places?page=2"' in first and "Next →" in first
        third = web.get("/places", params={"page": 3}).text
        assert len(re.findall(r'class="ent-name"', third)) == 1
    finally:
        pages.ENTITY_LIST_PAGE = old


def test_entity_page_paging(web):
    from warwatch.web import pages

    old = pages.ENTITY_ARTICLES_PAGE
    pages.ENTITY_ARTICLES_PAGE = 2
    try:
        one = web.get("/places/warwatch:qamar-bridge").text
        two = web.get("/places/warwatch:qamar-bridge", params={"page": 2}).text
        assert "Page 1 of 3" in one and 'href="/places/warwatch:qamar-bridge?page=2"' in one
        assert not set(article_links(one)) & set(article_links(two))
    finally:
        pages.ENTITY_ARTICLES_PAGE = old


def test_unknown_entity_and_wrong_kind(web):
    r = web.get("/actors/person:nobody")
    assert r.status_code == 404 and "no actor with id person:nobody" in r.text
    r = web.get("/actors/warwatch:qamar-bridge", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/places/warwatch:qamar-bridge"


# -- article page ----------------------------------------------------------------------------------


def test_article_page_chips_and_highlights(site):
    web, ids, _ = site
    html = web.get(f"/articles/{ids['revised']}").text
    chips = section(html, 'class="in-article"', 'class="prose')
    assert 'href="/actors/east-bank-militia"' in chips and 'href="/places/warwatch:qamar-bridge"' in chips
    assert 'href="/actors/person:abu-karim"' in chips  # "Rebel commanders" is only in the current revision
    prose = section(html, 'class="prose', "</article>")
    assert '<a class="mention m-place" href="/places/warwatch:qamar-bridge" title="Place: Qamar bridge">Qamar bridge</a>' in prose
    assert '<a class="mention m-actor" href="/actors/east-bank-militia"' in prose
    assert prose.count("<p>") == 3
    plain = re.sub(r"<[^>]+>", "", prose)
    assert "At least nine civilians were killed when shells hit the market near the Qamar bridge" in plain
    # an earlier revision has no chips or links (mentions are for the current revision)
    old = web.get(f"/articles/{ids['revised']}", params={"revision": 1}).text
    assert 'class="in-article"' not in old and 'class="mention' not in old


def test_metonymy_chip(site):
    web, ids, path = site
    tal = sorted(mentioning(path, r"Tal Sabin changed"))[0]
    html = web.get(f"/articles/{tal}").text
    assert 'class="chip chip-place chip-metonym"' in html and ">as actor</span>" in html
    assert 'class="mention m-place m-metonym"' in html


def test_entity_names_with_markup_are_escaped(site):
    web, ids, _ = site
    html = web.get(f"/articles/{ids['xss']}").text
    assert XSS_ACTOR_NAME not in html and XSS_PLACE_NAME not in html
    assert "Local councils &lt;script&gt;window.__pwned" in html
    assert "<script>window" not in html
    assert not re.search(r"<img\b", html) and len(re.findall(r"<script\b", html)) == 2  # prefs.js and app.js only
    actor_url = "/actors/" + quote(XSS_ACTOR_ID, safe=":")
    place_url = "/places/" + quote(XSS_PLACE_ID, safe=":")
    assert f'href="{actor_url}"' in html and f'href="{place_url}"' in html
    for url in (actor_url, place_url, "/actors", "/places"):
        page = web.get(url)
        assert page.status_code == 200, url
        assert len(re.findall(r"<script\b", page.text)) == 2 and not re.search(r"<img\b", page.text), url
    page = web.get(actor_url).text
    assert "<h1 id=\"entity-title\">Local councils &lt;script&gt;" in page
    assert f'<code>{XSS_ACTOR_ID.replace("<", "&lt;").replace(">", "&gt;").replace(chr(34), "&#34;")}</code>' in page
    assert article_links(page) == [ids["xss"]]


# -- a later revision without the mention ------------------------------------------------------------

SARRIN = [(r"\bSarrin\b", "place", {"id": "geonames:170000", "name": "Sarrin", "feature": "P.PPL", "country": "SY",
                                     "lat": 36.5, "lon": 38.3, "geonames_id": 170000})]


def save(store: Store, art, specs) -> int:
    actors, places = find_entities(art.text, specs)
    analysis = Analysis(art, source="t", actors=actors, places=places, pipeline_version="t")
    return store.save(analysis, RawDocument(source="t", content=art.text.encode(), media_type="text/plain",
                                            url=art.url)).article_id


def test_later_revision_without_the_mention_leaves_the_entity_page(tmp_path, db_url):
    path = db_url
    url = "https://courier.example/sarrin"
    with Store.open(path) as store:
        other = save(store, make_article("Courier", "Water in Sarrin", "The water station of Sarrin works again.",
                                         T0, url="https://courier.example/water"), SARRIN)
        aid = save(store, make_article("Courier", "Shelling", "Shells fell on Sarrin overnight.", T0 + timedelta(hours=1),
                                       url=url), SARRIN)
    with Store.open(path) as store, client(store) as web:
        assert set(article_links(web.get("/places/geonames:170000").text)) == {aid, other}
        assert web.get("/api/places/geonames:170000").json()["articles"] == 2
        listed = web.get("/places").text  # cached per store change
        assert "2</strong>" in section(listed, 'href="/places/geonames:170000"', "</tr>")
        save(store, make_article("Courier", "Shelling", "Shells fell on a village overnight, residents said.",
                                 T0 + timedelta(hours=1), url=url), SARRIN)
        assert store.get_article(aid).revision_count == 2
        assert article_links(web.get("/places/geonames:170000").text) == [other]
        body = web.get("/api/places/geonames:170000").json()
        assert body["articles"] == 1 and [a["id"] for a in body["items"]] == [other]
        assert "1</strong>" in section(web.get("/places").text, 'href="/places/geonames:170000"', "</tr>")
        assert web.get(f"/api/articles/{aid}").json()["places"] == []


# -- Trending by entities ----------------------------------------------------------------------------

ALEPPO = (r"\bAleppo\b", "place", {"id": "geonames:170063", "name": "Aleppo", "feature": "P.PPLA", "country": "SY",
                                   "lat": 36.2, "lon": 37.16, "geonames_id": 170063})
SAJUR = (r"\bSajur\b", "place", {"id": "warwatch:sajur-river", "name": "Sajur", "feature": "H.STM", "country": "SY",
                                 "lat": 36.66, "lon": 37.95, "geonames_id": None})
HAMZA = (r"\bHamza Division\b", "actor", {"id": "hamza-division", "name": "Hamza Division", "type": "armed_group",
                                          "country": "SY"})


@pytest.fixture
def trend_store(tmp_path, db_url):
    """Two weeks of routine Aleppo reports, then three days in which the Sajur and the Hamza Division appear."""
    path = db_url
    specs = [ALEPPO, SAJUR, HAMZA]
    sites = ["Courier", "Gazette", "Wire"]
    with Store.open(path) as store:
        for k in range(14):
            save(store, make_article(sites[k % 3], f"Aid reaches Aleppo {k}", f"Aid reached Aleppo, day {k}.",
                                     T0 - timedelta(days=16 - k), url=f"https://x.example/a{k}"), specs)
        for k in range(4):
            save(store, make_article(sites[k % 3], f"Fighting on the Sajur {k}",
                                     "Fighting spread along the Sajur; Aleppo was quiet."
                                     + (" The Hamza Division advanced." if k < 2 else ""),
                                     T0 + timedelta(hours=6 * k), url=f"https://x.example/s{k}"), specs)
    return path


def test_trending_ranks_the_rising_entity_first(trend_store):
    with client(trend_store) as web:
        body = web.get("/api/trending").json()
        assert body["basis"] == "entities"
        assert body["recent_articles"] == 4 and body["baseline_articles"] == 14
        first = body["terms"][0]
        assert first["entity_id"] == "warwatch:sajur-river" and first["term"] == "Sajur" and first["kind"] == "place"
        assert first["recent"] == 4 and first["baseline"] == 0 and first["sites"] == 3
        assert first["page"] == "/api/places/warwatch:sajur-river" and len(first["article_ids"]) == 4
        assert [t["entity_id"] for t in body["terms"]] == ["warwatch:sajur-river", "hamza-division"]  # Aleppo is steady
        html = web.get("/").text
        trend = section(html, 'id="trend-h"')
        assert "Actors and places rising" in trend
        links = re.findall(r'<a href="([^"]+)" class="term-entity', trend)
        assert links == ["/places/warwatch:sajur-river", "/actors/hamza-division"]
        only = web.get("/api/trending", params={"site": "Gazette"}).json()
        assert only["recent_articles"] == 1 and only["terms"] == []  # one recent Gazette article: below min count


def test_trending_follows_a_reanalysis(trend_store):
    """Mentions stored by a reanalysis (no new article or revision) still refresh the cached Trending."""
    with Store.open(trend_store) as store, client(store) as web:
        before = [t["entity_id"] for t in web.get("/api/trending").json()["terms"]]
        assert "hamza-division" in before
        newest = store.list_articles(limit=4)
        for view in newest:
            full = store.get_article(view.id)
            art = make_article(full.site, full.title, full.text, full.published, url=full.url)
            actors, places = find_entities(full.text, [ALEPPO])  # a pipeline that no longer knows the others
            store.record_analysis(full.current_revision_id, Analysis(art, actors=actors, places=places,
                                                                     pipeline_version="t2"))
        after = web.get("/api/trending").json()
        assert after["basis"] == "entities" and after["terms"] == []


def test_keyword_trending_without_mentions(tmp_path, db_url):
    path = db_url
    build(path)
    with client(path) as web:
        body = web.get("/api/trending").json()
        assert body["basis"] == "terms" and body["terms"] and all(t["entity_id"] is None for t in body["terms"])
        assert "Terms rising" in web.get("/").text


# -- API ---------------------------------------------------------------------------------------------


def test_api_article_has_actors_and_places_with_spans(site):
    web, ids, _ = site
    body = web.get(f"/api/articles/{ids['revised']}").json()
    text = body["text"]
    assert {a["id"] for a in body["actors"]} == {"east-bank-militia", "syrian-rebels", "person:abu-karim"}
    assert [p["id"] for p in body["places"]] == ["warwatch:qamar-bridge"]
    for entity in body["actors"] + body["places"]:
        assert entity["mentions"] and entity["page"].startswith("/api/")
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert body["places"][0]["mentions"][0]["role"] == "location"


def test_api_entity_lists(web):
    body = web.get("/api/actors", params={"limit": 2}).json()
    assert body["total"] == 4 and len(body["items"]) == 2 and body["next_offset"] == 2
    assert body["items"][0]["id"] == "east-bank-militia" and body["items"][0]["page"] == "/api/actors/east-bank-militia"
    counts = [a["articles"] for a in web.get("/api/actors").json()["items"]]
    assert counts == sorted(counts, reverse=True)
    people = web.get("/api/actors", params={"type": "person"}).json()
    assert [a["id"] for a in people["items"]] == ["person:abu-karim"] and people["next_offset"] is None
    places = web.get("/api/places", params={"country": "SY"}).json()
    assert {p["id"] for p in places["items"]} == {"warwatch:qamar-bridge", "warwatch:euphrates-river",
                                                  "geonames:167357"}
    assert all(p["resolved"] and p["lat"] is not None for p in places["items"])
    assert web.get("/api/places", params={"limit": 0}).status_code == 422


def test_api_entity_detail(site):
    web, ids, path = site
    body = web.get("/api/places/unresolved:tal-sabin").json()
    assert body["resolved"] is False and body["lat"] is None
    assert body["roles"] == {"actor": 1, "location": 2}
    assert len(body["items"]) == 3 and body["next_offset"] is None
    item = body["items"][0]
    assert item["snippet"][item["highlight"][0]:item["highlight"][1]] == "Tal Sabin"
    assert item["first_mention"]["text"] == "Tal Sabin" and item["mention_count"] >= 1
    page = web.get("/api/places/warwatch:qamar-bridge", params={"limit": 2, "offset": 2}).json()
    assert page["articles"] == 5 and len(page["items"]) == 2 and page["next_offset"] == 4
    actor = web.get("/api/actors/person:abu-karim").json()
    assert actor["role"] == "field commander" and actor["affiliation"] == "syrian-rebels"
    xss = web.get("/api/actors/" + quote(XSS_ACTOR_ID, safe=":"))
    assert xss.status_code == 200 and xss.json()["name"] == XSS_ACTOR_NAME
    assert web.get("/api/places/" + quote(XSS_PLACE_ID, safe=":")).json()["id"] == XSS_PLACE_ID
    missing = web.get("/api/actors/nobody")
    assert missing.status_code == 404 and missing.json() == {"error": "not found", "detail": "no actor with id nobody"}
    wrong = web.get("/api/actors/warwatch:qamar-bridge")
    assert wrong.status_code == 404 and "/api/places/warwatch:qamar-bridge" in wrong.json()["detail"]


def test_openapi_describes_entities_and_stays_valid(web):
    spec = web.get("/openapi.json").json()
    for p in ("/api/actors", "/api/actors/{entity_id}", "/api/places", "/api/places/{entity_id}"):
        assert p in spec["paths"], p
    schemas = spec["components"]["schemas"]
    assert {"ActorDetail", "PlaceDetail", "ArticleEntity", "EntityArticle"} <= set(schemas)
    assert "actors" in schemas["ArticleDetail"]["properties"]
    validator = pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is not installed")
    validator.validate(spec)
