"""Events, claims and speakers in the reader: pages, article and place sections, API, escaping."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from events_fixtures import XSS_PLACE_ID, XSS_SPEAKER_ID, build_events
from warwatch.config import Settings
from warwatch.web import create_app
from warwatch.web.security import WebConfig


@pytest.fixture(scope="module")
def site(module_db_url):
    path = module_db_url
    ids = build_events(path)
    with TestClient(create_app(path, Settings(db=path, workers=0), web=WebConfig())) as c:
        yield c, ids


def event_links(html: str) -> list[str]:
    return re.findall(r'class="item-title event-evidence" href="(/events/\d+/[^"]+)"', html)


def no_raw_markup(html: str) -> None:
    """Nothing from the hostile fixture shows up as live markup."""
    assert "<script>window.__pwned" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "<b>" not in html


# -- /events ------------------------------------------------------------------------------------------

def test_events_list_and_filters(web, ids):
    html = web.get("/events", params={"view": "all"}).text
    assert set(event_links(html)) == {f"/events/{ids['bridge']}/e1", f"/events/{ids['bridge']}/e2",
                                      f"/events/{ids['revised']}/e1", f"/events/{ids['hostile']}/e1"}
    assert "Air/drone strike" in html  # a type option, with its definition as help
    assert "An attack from the air" in html
    assert "4 events" in html
    only = web.get("/events", params={"type": "ART_MISS_ATTACK", "view": "all"}).text
    assert set(event_links(only)) == {f"/events/{ids['bridge']}/e2", f"/events/{ids['revised']}/e1"}
    assert 'class="type-help"' in only and "Shelling, artillery, mortar" in only
    by_actor = web.get("/events", params={"actor": "turkish-armed-forces", "view": "all"}).text
    assert event_links(by_actor) == [f"/events/{ids['bridge']}/e1"]
    by_place = web.get("/events", params={"place": "geonames:1", "view": "all"}).text
    assert event_links(by_place) == [f"/events/{ids['revised']}/e1"]
    dated = web.get("/events", params={"since": "2016-09-20", "until": "2016-09-21", "view": "all"}).text
    assert event_links(dated) == [f"/events/{ids['bridge']}/e1"]
    assert "No event matches" in web.get("/events", params={"type": "CHEM_WEAP"}).text
    assert web.get("/events", params={"since": "not-a-date"}).status_code == 400


def test_event_page(web, ids):
    html = web.get(f"/events/{ids['bridge']}/e1").text
    assert "Non-state actor overtakes territory" in html and "NON_STATE_ACTOR_OVERTAKES_TER" in html
    assert "A non-state armed group" in html  # the definition
    assert "2016-09-20" in html
    assert 'href="/actors/syrian-rebels"' in html and 'href="/actors/east-bank-militia"' in html
    assert 'href="/actors/turkish-armed-forces"' in html and 'href="/places/warwatch:qamar-bridge"' in html
    # the evidence highlighted inside its paragraph
    assert "<mark>Rebel fighters seized the Qamar bridge" in html
    asserted = html.split("Asserted by", 1)[1].split("Denied by", 1)[0]
    denied = html.split("Denied by", 1)[1]
    assert 'href="/speakers/syrian-rebels"' in asserted and "east-bank-militia" not in asserted
    assert 'href="/speakers/east-bank-militia"' in denied and "it had lost the Qamar bridge" in denied
    assert 'class="badge badge-deny"' in denied
    assert f'href="/articles/{ids["bridge"]}"' in html
    shelling = web.get(f"/events/{ids['bridge']}/e2").text
    assert "3" in shelling.split("Fatalities", 1)[1][:80]
    assert "No claim in the article denies it." in shelling
    revised = web.get(f"/events/{ids['revised']}/e1").text
    assert "Shelling/artillery/missile attack" in revised and "Air/drone strike" not in revised
    assert web.get(f"/events/{ids['bridge']}/e9").status_code == 404
    assert web.get("/events/999999/e1").status_code == 404


# -- speakers -----------------------------------------------------------------------------------------

def test_speakers_pages(web, ids):
    html = web.get("/speakers").text
    assert 'href="/speakers/east-bank-militia"' in html and 'href="/speakers/syrian-rebels"' in html
    assert "—" in html  # contradictions: not available yet
    militia = web.get("/speakers/east-bank-militia").text
    assert "East Bank Militia" in militia and "it had lost the Qamar bridge" in militia
    assert 'class="claim claim-deny"' in militia and f'href="/articles/{ids["bridge"]}"' in militia
    assert f'href="/events/{ids["bridge"]}/e1"' in militia
    assert "Contradicted" in militia and 'href="/actors/east-bank-militia"' in militia
    assert "it had lost" not in web.get("/speakers/east-bank-militia", params={"polarity": "assert"}).text
    assert web.get("/speakers/nobody").status_code == 404
    actor = web.get("/actors/east-bank-militia").text
    assert 'href="/speakers/east-bank-militia"' in actor and "/events?actor=east-bank-militia" in actor


# -- sections on article and place pages ----------------------------------------------------------------

def test_article_page_events_and_claims(web, ids):
    html = web.get(f"/articles/{ids['bridge']}").text
    section = html.split('class="article-events"', 1)[1].split('class="revisions"', 1)[0]
    assert f'href="/events/{ids["bridge"]}/e1"' in section and f'href="/events/{ids["bridge"]}/e2"' in section
    claims = section.split(">Claims<", 1)[1]
    assert claims.count('<li class="claim') == 3 and claims.count('<li class="claim claim-deny"') == 1
    assert 'href="/speakers/syrian-rebels"' in claims and ">medics<" in claims  # unresolved: a plain chip
    assert "1 denial of 3 claims" in section
    # an older revision shows no events or claims (they belong to the current one)
    old = web.get(f"/articles/{ids['revised']}", params={"revision": 1}).text
    assert 'class="article-events"' not in old
    assert 'class="article-events"' not in web.get(f"/articles/{ids['quiet']}").text


def test_place_page_events_here(web, ids):
    html = web.get("/places/warwatch:qamar-bridge").text
    here = html.split("Events here", 1)[1].split('class="entity-articles"', 1)[0]
    assert set(event_links(here)) == {f"/events/{ids['bridge']}/e1", f"/events/{ids['bridge']}/e2"}
    assert "Events here" not in web.get("/places/geonames:1", params={"page": 2}).text


# -- hostile content ------------------------------------------------------------------------------------

def test_hostile_evidence_claims_and_names_are_escaped(web, ids):
    pages = [f"/events/{ids['hostile']}/e1", f"/articles/{ids['hostile']}", "/events", "/speakers",
             "/speakers/" + quote(XSS_SPEAKER_ID, safe=":"), "/places/" + quote(XSS_PLACE_ID, safe=":")]
    for path in pages:
        response = web.get(path)
        assert response.status_code == 200, path
        no_raw_markup(response.text)
    event = web.get(f"/events/{ids['hostile']}/e1").text
    assert re.search(r"&lt;script&gt;window.__pwned=(&#39;|')evidence(&#39;|')&lt;/script&gt;", event)
    assert "<mark>Fighters &lt;script&gt;" in event
    assert "&lt;svg onload=" in event  # the denial's content, as text
    assert 'href="/speakers/org:evil%22%3E%3Cscript%3E' in event


# -- API ------------------------------------------------------------------------------------------------

def test_events_api(web, ids):
    body = web.get("/api/events", params={"limit": 2}).json()
    assert body["total"] == 4 and len(body["items"]) == 2 and body["next_offset"] == 2
    first = body["items"][0]
    assert first["article_id"] == ids["hostile"] and first["date"] == "2016-09-22"
    taken = web.get("/api/events", params={"actor": "turkish-armed-forces"}).json()["items"][0]
    assert taken["type"] == "NON_STATE_ACTOR_OVERTAKES_TER" and taken["event_type"] == "Battles"
    assert taken["actor1"] == {"id": "syrian-rebels", "name": "Syrian rebel factions", "page": "/api/actors/syrian-rebels"}
    assert taken["associated"][0]["name"] == "Turkish Armed Forces"
    assert taken["place"]["lat"] == 36.61 and taken["place"]["page"] == "/api/places/warwatch:qamar-bridge"
    assert taken["evidence"]["start"] == 0 and taken["page"] == f"/api/events/{ids['bridge']}/e1"
    assert web.get("/api/events", params={"type": "AIR_STRIKE"}).json()["total"] == 0
    assert web.get("/api/events", params={"since": "2016-09-21"}).json()["total"] == 1

    detail = web.get(f"/api/events/{ids['bridge']}/e1").json()
    assert [c["local_id"] for c in detail["asserted_by"]] == ["c1"]
    assert [(c["local_id"], c["polarity"], c["speaker_actor"]["id"]) for c in detail["denied_by"]] == [
        ("c2", "deny", "east-bank-militia")]
    missing = web.get(f"/api/events/{ids['bridge']}/e9")
    assert missing.status_code == 404 and missing.json()["error"] == "not found"

    per_article = web.get(f"/api/articles/{ids['bridge']}/events").json()
    assert [e["local_id"] for e in per_article["events"]] == ["e1", "e2"]
    assert [c["polarity"] for c in per_article["claims"]] == ["assert", "deny", "assert"]
    assert web.get("/api/articles/999999/events").status_code == 404


def test_speakers_api(web, ids):
    body = web.get("/api/speakers").json()
    assert body["total"] == 3 and {s["id"] for s in body["items"]} == {"syrian-rebels", "east-bank-militia",
                                                                        XSS_SPEAKER_ID}
    one = web.get("/api/speakers/east-bank-militia").json()
    assert (one["claims"], one["denials"], one["assertions"], one["contradicted"]) == (1, 1, 0, None)
    assert one["items"][0]["content"] == "it had lost the Qamar bridge"
    assert one["items"][0]["article"]["id"] == ids["bridge"] and one["items"][0]["about_events"] == ["e1"]
    assert web.get("/api/speakers/east-bank-militia", params={"polarity": "assert"}).json()["items"] == []
    assert web.get("/api/speakers/nobody").status_code == 404
    assert web.get("/api/speakers/east-bank-militia", params={"polarity": "maybe"}).status_code == 422


def test_openapi_lists_event_routes(web):
    paths = web.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{article_id}/{local_id}", "/api/speakers", "/api/speakers/{actor_id}",
            "/api/articles/{article_id}/events"} <= set(paths)
    try:
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(web.get("/openapi.json").json())


def test_events_page_counts_are_cached_until_the_store_changes(tmp_path, monkeypatch, db_url):
    from events_fixtures import T0, _actor, _event, _place, _save
    from test_web_fixtures import make_article
    from warwatch.records import Analysis
    from warwatch.store import Store

    path = db_url
    build_events(path)
    store = Store.open(path)
    calls = {"types": 0, "actors": 0, "places": 0}
    for name, method in (("types", "event_type_counts"), ("actors", "event_actor_counts"),
                         ("places", "event_place_counts")):
        def counting(original=getattr(store, method), name=name):
            calls[name] += 1
            return original()
        monkeypatch.setattr(store, method, counting)
    with TestClient(create_app(store, Settings(db=path, workers=0), web=WebConfig())) as c:
        first = c.get("/events", params={"view": "all"}).text
        assert calls == {"types": 1, "actors": 1, "places": 1}
        assert "Syrian rebel factions (1)" in first and "Qamar bridge (2)" in first
        again = c.get("/events", params={"view": "all", "type": "ART_MISS_ATTACK"})
        c.get("/events", params={"actor": "syrian-rebels"})
        assert again.status_code == 200 and "Syrian rebel factions (1)" in again.text
        assert calls == {"types": 1, "actors": 1, "places": 1}  # not recomputed
        # an ingest changes the store: the counts are computed again and include the new article
        text = "Rebel fighters shelled the Qamar bridge again on Friday."
        _save(store, make_article("Levant Courier", "More shelling at Qamar bridge", text, T0.replace(day=23),
                                  url="https://courier.example/bridge-again"),
              actors=[_actor("syrian-rebels", text, "Rebel fighters")],
              places=[_place("warwatch:qamar-bridge", text, "Qamar bridge")],
              events=[_event("e1", "ART_MISS_ATTACK", text, text, actor1="syrian-rebels",
                             place="warwatch:qamar-bridge")])
        after = c.get("/events", params={"view": "all"}).text
        assert calls == {"types": 2, "actors": 2, "places": 2}
        assert "Syrian rebel factions (2)" in after and "Qamar bridge (3)" in after and "5 events" in after
        c.get("/events", params={"view": "all"})
        assert calls == {"types": 2, "actors": 2, "places": 2}
        # a reanalysis of that newest revision (the largest event, claim and mention ids are its own)
        # also moves the markers: its event is now an air strike by no known actor
        article = make_article("Levant Courier", "More shelling at Qamar bridge", text, T0.replace(day=23),
                               url="https://courier.example/bridge-again")
        revision = store.get_article(store.count()["articles"]).current_revision_id
        store.record_analysis(revision, Analysis(article, source="fixture", pipeline_version="fixture 2",
                                                 places=[_place("warwatch:qamar-bridge", text, "Qamar bridge")],
                                                 events=[_event("e1", "AIR_STRIKE", text, text,
                                                                place="warwatch:qamar-bridge")]))
        redone = c.get("/events", params={"view": "all"}).text
        assert calls == {"types": 3, "actors": 3, "places": 3}
        assert "Syrian rebel factions (1)" in redone and "Qamar bridge (3)" in redone
    store.close()
