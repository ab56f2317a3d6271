"""The per-document pipeline end to end, and what the store keeps of its understanding."""

from dataclasses import replace

import pytest

from conftest import PARAGRAPHS, news_page
from warwatch.pipeline import PIPELINE_VERSION, analyze, understands
from warwatch.records import RawDocument


def place_named(analysis, mention_text):
    return next(p for p in analysis.places if any(m.text == mention_text for m in p.mentions))


@pytest.fixture(scope="module")
def analysis():
    return analyze(RawDocument(source="t.html", content=news_page().encode()))


def test_json_has_understanding_keys_with_offsets_into_text(analysis):
    data = analysis.to_json()
    assert {"schema_version", "article", "actors", "places", "dates"} <= set(data)
    text, title = data["article"]["text"], data["article"]["title"]
    in_title = 0
    for key in ("actors", "places"):
        for entity in data[key]:
            for m in entity["mentions"]:   # the headline is read too: its spans point into the title
                field = title if m.get("field") == "title" else text
                in_title += m.get("field") == "title"
                assert field[m["start"]:m["end"]] == m["text"]
    assert in_title   # the fixture's headline names an actor or a place
    for d in data["dates"]:
        assert (title if d.get("field") == "title" else text)[d["start"]:d["end"]] == d["text"]


def test_actors_places_and_dates_are_resolved(analysis):
    actors = {a.id for a in analysis.actors}
    assert "isis" in actors
    jarabulus = place_named(analysis, "Jarabulus")
    assert jarabulus.country == "SY"
    assert 36.5 < jarabulus.lat < 37.0 and 37.8 < jarabulus.lon < 38.2
    wednesday = [d for d in analysis.dates if d.text.endswith("Wednesday")]
    assert wednesday and wednesday[0].value.isoformat() == "2016-08-24"


def test_non_english_text_is_not_run_through_the_english_model():
    html = news_page(title="Les rebelles entrent à Jarabulus", paragraphs=[
        "Les factions rebelles soutenues par les chars turcs sont entrées mercredi dans la ville "
        "frontalière de Jarabulus, tenue par le groupe État islamique depuis trois ans."] * 4)
    result = analyze(RawDocument(source="fr.html", content=html.replace('lang="en"', 'lang="fr"').encode()))
    assert result.article.language == "fr"
    assert not understands(result.article)
    assert result.actors == [] and result.places == []


def test_understanding_can_be_switched_off():
    result = analyze(RawDocument(source="t.html", content=news_page().encode()), understand=False)
    assert result.actors == [] and result.places == []
    assert result.pipeline_version == PIPELINE_VERSION + "+extract-only"  # so reanalyze completes it


def test_store_keeps_mentions_of_the_current_revision(store, analysis):
    raw = RawDocument(source="t.html", content=b"<html>")
    first = store.save(analysis, raw)
    isis = store.get_entity("isis")
    assert isis.kind == "actor" and isis.articles == 1 and isis.mentions >= 1
    assert [a.id for a in store.entity_articles("isis")] == [first.article_id]
    jarabulus = place_named(analysis, "Jarabulus")
    assert store.get_entity(jarabulus.id).lat == pytest.approx(jarabulus.lat)

    # a new revision that no longer names the group moves the counts with it
    text = "\n\n".join(p.replace("the Islamic State group", "the militants") for p in PARAGRAPHS)
    later = analyze(RawDocument(source="t.html", content=news_page(paragraphs=text.split("\n\n")).encode()))
    assert "isis" not in {a.id for a in later.actors}
    second = store.save(later, raw)
    assert second.status == "revision"
    assert store.get_entity("isis").articles == 0
    assert store.entity_articles("isis") == []
    spans = dict((v.id, s) for v, s in store.article_mentions(first.article_id))
    assert jarabulus.id in spans and all(start < end for start, end, _, _ in spans[jarabulus.id])


def test_older_pipeline_analysis_is_redone_when_seen_again(store, analysis):
    raw = RawDocument(source="t.html", content=news_page().encode())
    old = replace(analysis, actors=[], places=[], pipeline_version="0.0.1")
    result = store.save(old, raw)
    assert store.get_entity("isis") is None
    assert store.stale_revisions(PIPELINE_VERSION) == [result.revision_id]
    again = store.save(analysis, raw)
    assert again.status == "unchanged"
    assert store.get_entity("isis").articles == 1
    assert store.stale_revisions(PIPELINE_VERSION) == []


def test_reanalyze_uses_the_stored_raw_document(store, analysis):
    from warwatch import service
    from warwatch.config import Settings

    raw = RawDocument(source="t.html", content=news_page().encode())
    store.save(replace(analysis, actors=[], places=[], pipeline_version="0.0.1"), raw)
    summary = service.reanalyze(store, Settings(workers=0))
    assert summary.unchanged == 1 and not summary.failures
    assert store.get_entity("isis").articles == 1


def test_extract_only_ingest_is_completed_by_reanalyze(store, tmp_path):
    from warwatch import service
    from warwatch.config import Settings

    (tmp_path / "p.html").write_text(news_page())
    fast = service.run_ingest(store, Settings(workers=0, understand=False), targets=[str(tmp_path / "p.html")])
    assert fast.new == 1 and store.get_entity("isis") is None
    summary = service.reanalyze(store, Settings(workers=0))
    assert summary.unchanged == 1
    assert store.get_entity("isis").articles == 1
