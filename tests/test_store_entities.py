"""Read-only entity queries added for the reader (EntityQueries)."""

from __future__ import annotations

import json
from datetime import timedelta

from test_web_fixtures import T0, XSS_ACTOR_ID, build, find_entities, make_article
from warwatch.records import Analysis, RawDocument
from warwatch.store import Store


def test_reader_entity_queries(db_url):
    ids = build(db_url, entities=True)
    with Store.open(db_url) as store:
        assert store.mentions_marker() > 0
        assert store.entity_names(["syrian-rebels", "nope"]) == {"syrian-rebels": ("Syrian rebel factions", "actor")}
        everything = store.entity_article_counts(since=T0, until=T0 + timedelta(days=30))
        courier = store.entity_article_counts(since=T0, until=T0 + timedelta(days=30), site="Levant Courier")
        assert courier["warwatch:qamar-bridge"] == 2 and courier["warwatch:qamar-bridge"] < everything["warwatch:qamar-bridge"]
        rows = store.entity_window_articles(["unresolved:tal-sabin"], since=T0, until=T0 + timedelta(days=30))
        assert len(rows) == 3 and [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)
        assert store.entity_window_articles([]) == []
        ctx = store.entity_mention_contexts("warwatch:qamar-bridge", [ids["revised"], 999999], context=20)
        assert set(ctx) == {ids["revised"]}
        c = ctx[ids["revised"]]
        text = store.get_article(ids["revised"]).text
        assert c.text == "Qamar bridge" and text[c.start:c.end] == "Qamar bridge" and c.count == 1
        assert c.window == text[c.window_start: c.end + 20] and c.window_start == c.start - 20
        assert store.entity_role_counts("unresolved:tal-sabin") == {"actor": 1, "location": 2}
        assert store.actor_profile("person:abu-karim") == {"role": "field commander", "affiliation": "syrian-rebels"}
        assert store.actor_profile(XSS_ACTOR_ID) == {"role": None, "affiliation": None}


def test_contexts_follow_the_current_revision(db_url):
    spec = [(r"\bSarrin\b", "place", {"id": "geonames:1", "name": "Sarrin", "feature": "P.PPL", "country": "SY",
                                      "lat": 1.0, "lon": 2.0, "geonames_id": 1})]
    with Store.open(db_url) as store:
        def save(text):
            art = make_article("C", "t", text, T0, url="https://c.example/1")
            actors, places = find_entities(text, spec)
            return store.save(Analysis(art, places=places, pipeline_version="t"),
                              RawDocument(source="t", content=text.encode(), media_type="text/plain", url=art.url))
        aid = save("Shells hit Sarrin.").article_id
        assert set(store.entity_mention_contexts("geonames:1", [aid])) == {aid}
        save("Shells hit a village.")
        assert store.entity_mention_contexts("geonames:1", [aid]) == {}
        assert store.entity_role_counts("geonames:1") == {}
        assert json.loads(json.dumps(store.entity_names(["geonames:1"]))) == {"geonames:1": ["Sarrin", "place"]}
