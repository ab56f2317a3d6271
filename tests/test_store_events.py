"""Events and claims in the store: rows replaced per revision, reads over current revisions,
the migration that creates (and back-fills) them."""

from __future__ import annotations

import json
from datetime import date

from alembic import command
from sqlalchemy import func, select, text

from events_fixtures import XSS_SPEAKER_ID, build_events, fill_events
from warwatch.store import Store, migrate
from warwatch.store.schema import ClaimRow, EventRow


def test_rows_are_stored_and_replaced_per_revision(store):
    ids = fill_events(store)
    with store._sessions() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 5  # revised keeps both revisions' rows
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == 6
        row = session.scalar(select(EventRow).where(EventRow.article_id == ids["bridge"], EventRow.local_id == "e1"))
        assert row.date == date(2016, 9, 20) and json.loads(row.associated) == ["turkish-armed-forces"]
        assert row.evidence_text.startswith("Rebel fighters seized") and row.evidence_start == 0
    # the same content analysed again (a new pipeline version) replaces the rows, no duplicates
    from warwatch.store.entities import record_analysis
    from warwatch.store.schema import RevisionRow

    with store._sessions.begin() as session:
        rev = session.get(RevisionRow, store.get_article(ids["bridge"]).current_revision_id)
        body = json.loads(rev.analysis)
        body["events"] = body["events"][:1]
        record_analysis(session, rev, body, "v2")
    assert [e.local_id for e in store.article_events(ids["bridge"])] == ["e1"]
    assert len(store.article_claims(ids["bridge"])) == 3


def test_headline_items_keep_no_text_offsets(store):
    """What the pipeline found in the headline carries ``field: "title"`` and offsets into the title:
    the store keeps the item and its text but no offsets into the article's text, and no mention row."""
    ids = fill_events(store)
    from warwatch.store.entities import record_analysis
    from warwatch.store.schema import MentionRow, RevisionRow

    with store._sessions.begin() as session:
        rev = session.get(RevisionRow, store.get_article(ids["bridge"]).current_revision_id)
        body = json.loads(rev.analysis)
        body["events"][0]["evidence"] = {"start": 0, "end": 20, "text": "Rebels seize bridge", "field": "title"}
        body["claims"][0]["field"] = "title"
        actor = body["actors"][0]
        actor["mentions"] = [{**actor["mentions"][0], "field": "title"}] + actor["mentions"][1:]
        record_analysis(session, rev, body, "v2")
        mentions = session.scalar(select(func.count()).select_from(MentionRow).where(
            MentionRow.revision_id == rev.id, MentionRow.entity_id == actor["id"]))
    assert mentions == len(actor["mentions"]) - 1
    event = next(e for e in store.article_events(ids["bridge"]) if e.local_id == body["events"][0]["id"])
    assert event.evidence_text == "Rebels seize bridge" and event.evidence_start is None and event.evidence_end is None
    claim = next(c for c in store.article_claims(ids["bridge"]) if c.local_id == body["claims"][0]["id"])
    assert claim.start is None and claim.content_start is None and claim.content == body["claims"][0]["content"]


def test_redoing_the_newest_revision_moves_the_markers(store):
    """Caches are keyed on the largest event, claim and mention ids: a reanalysis of the revision that
    holds them must still move them (new rows first, then the old ones go), and leave no old row."""
    from warwatch.store.entities import record_analysis
    from warwatch.store.schema import MentionRow, RevisionRow

    ids = fill_events(store)
    before = (store.events_marker(), store.mentions_marker())
    with store._sessions.begin() as session:
        rev = session.get(RevisionRow, store.get_article(ids["hostile"]).current_revision_id)
        assert rev.id == session.scalar(select(func.max(EventRow.revision_id)))  # it holds the largest ids
        body = json.loads(rev.analysis)
        body["events"][0]["type"] = "AIR_STRIKE"  # same numbers of rows
        record_analysis(session, rev, body, "v2")
    after = (store.events_marker(), store.mentions_marker())
    assert after[0][0] > before[0][0] and after[0][1] > before[0][1] and after[1] > before[1]
    with store._sessions() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 5
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == 6
        assert session.scalar(select(func.count()).select_from(MentionRow).where(
            MentionRow.article_id == ids["hostile"])) == 2
    assert [e.type for e in store.article_events(ids["hostile"])] == ["AIR_STRIKE"]
    assert store.event_type_counts() == {"NON_STATE_ACTOR_OVERTAKES_TER": 1, "ART_MISS_ATTACK": 2, "AIR_STRIKE": 1}


def test_list_events_current_revisions_and_filters(store):
    ids = fill_events(store)
    everything = store.list_events()
    assert len(everything) == store.count_events() == 4
    revised = [e for e in everything if e.article_id == ids["revised"]]
    assert [e.type for e in revised] == ["ART_MISS_ATTACK"]  # not the first revision's AIR_STRIKE
    assert store.count_events(type="AIR_STRIKE") == 0
    # newest event date first, undated last
    assert [e.date for e in everything] == [date(2016, 9, 22), date(2016, 9, 20), date(2016, 9, 19), None]
    assert {e.local_id for e in store.list_events(actor="turkish-armed-forces")} == {"e1"}  # associated
    assert {e.local_id for e in store.list_events(actor="east-bank-militia")} == {"e1"}  # actor2
    assert store.count_events(place="warwatch:qamar-bridge") == 2
    assert [e.type for e in store.events_for_place("geonames:1")] == ["ART_MISS_ATTACK"]
    assert store.count_events(since=date(2016, 9, 20), until=date(2016, 9, 20)) == 1
    assert store.count_events(since=date(2016, 9, 21)) == 1
    assert len(store.list_events(limit=2, offset=3)) == 1
    assert store.event_type_counts() == {"NON_STATE_ACTOR_OVERTAKES_TER": 1, "ART_MISS_ATTACK": 2, "ATTACK": 1}
    # an id with LIKE wildcards matches only itself
    assert store.count_events(actor="%") == 0 and store.count_events(actor="turkish_armed-forces") == 0
    first = everything[1]
    assert first.article_title == "Rebels seize Qamar bridge" and first.article_url == "https://courier.example/bridge"


def test_get_event_with_claims_split_by_polarity(store):
    ids = fill_events(store)
    event = store.find_event(ids["bridge"], "e1")
    assert event.type == "NON_STATE_ACTOR_OVERTAKES_TER" and event.fatalities is None
    assert [c.local_id for c in event.asserted_by] == ["c1"]
    assert [c.local_id for c in event.denied_by] == ["c2"] and event.denied_by[0].speaker_actor == "east-bank-militia"
    assert store.get_event(event.id).local_id == "e1"
    other = store.find_event(ids["bridge"], "e2")
    assert other.fatalities == 3 and [c.local_id for c in other.claims] == ["c3"]
    assert store.find_event(ids["bridge"], "e9") is None and store.get_event(999999) is None
    # the first revision's event row is still there (by id) but not the article's current event
    current = store.find_event(ids["revised"], "e1")
    assert current.type == "ART_MISS_ATTACK"
    payload = current.to_json()
    assert payload["evidence"]["text"].startswith("Artillery") and payload["article"]["id"] == ids["revised"]


def test_speakers_and_claims_by_speaker(store):
    ids = fill_events(store)
    speakers = {s.actor_id: s for s in store.speakers()}
    assert set(speakers) == {"syrian-rebels", "east-bank-militia", XSS_SPEAKER_ID}  # unresolved speakers left out
    militia = speakers["east-bank-militia"]
    assert (militia.claims, militia.denials, militia.assertions, militia.articles) == (1, 1, 0, 1)
    assert militia.name == "East Bank Militia" and militia.type == "armed_group"
    assert store.count_speakers() == 3
    claims = store.claims_by_speaker("syrian-rebels")
    assert [(c.local_id, c.polarity, c.article_id) for c in claims] == [("c1", "assert", ids["bridge"])]
    assert claims[0].about_events == ["e1"] and claims[0].article_title == "Rebels seize Qamar bridge"
    assert store.claims_by_speaker("east-bank-militia", polarity="assert") == []
    assert store.speaker_counts("nobody") is None
    assert [c.local_id for c in store.article_claims(ids["revised"])] == ["c1"]
    assert store.article_claims(ids["quiet"]) == [] and store.article_events(ids["quiet"]) == []


def test_iter_current_events_for_exports(store):
    ids = fill_events(store)
    found = list(store.iter_current_events(batch=1))
    assert [(e.article_id, e.local_id) for e in found] == [(ids["bridge"], "e1"), (ids["bridge"], "e2"),
                                                           (ids["revised"], "e1"), (ids["hostile"], "e1")]
    assert [c.local_id for c in found[0].denied_by] == ["c2"]
    assert found[2].type == "ART_MISS_ATTACK"


def test_deleting_an_article_cascades(store):
    ids = fill_events(store)
    with store._sessions.begin() as session:
        session.execute(text("DELETE FROM articles WHERE id = :id"), {"id": ids["bridge"]})
    assert store.find_event(ids["bridge"], "e1") is None
    with store._sessions() as session:
        assert session.scalar(select(func.count()).select_from(ClaimRow).where(ClaimRow.article_id == ids["bridge"])) == 0


def test_migration_backfills_stored_analyses(db_url):
    path = db_url
    ids = build_events(path)
    with Store.open(path) as store:
        cfg = migrate.alembic_config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
        assert migrate.current_revision(store.engine) == "0003"
    with Store.open(path) as store:  # upgrades again: rows come back from revisions.analysis
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert store.count_events() == 4
        event = store.find_event(ids["bridge"], "e1")
        assert event.associated == ["turkish-armed-forces"] and [c.local_id for c in event.denied_by] == ["c2"]
        assert store.speaker_counts("east-bank-militia").denials == 1
