"""Exports: ACLED-style CSV of events, GeoJSON of events and places, JSONL with the analysis."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import event

from events_fixtures import T0, XSS_SPEAKER_NAME, _save, build_events, fill_events
from test_web_fixtures import make_article
from warwatch.cli import main
from warwatch.export import ANALYSIS_KEYS, exporters, write_export
from warwatch.export.acled import ACLED_COLUMNS, COLUMNS, cell
from warwatch.records import SCHEMA_VERSION

ACLED_NAMES = ["event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country",
               "location", "latitude", "longitude", "source", "notes", "fatalities"]


def export(store, fmt: str) -> tuple[str, int]:
    out = io.StringIO()
    count = write_export(store, fmt, out)
    return out.getvalue(), count


def test_acled_csv_header_and_rows(store):
    ids = fill_events(store)
    text, count = export(store, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header[: len(ACLED_NAMES)] == ACLED_NAMES == ACLED_COLUMNS
    assert {"event_id", "article_id", "article_url", "claim_ids", "denied_by", "date_precision"} <= set(header)
    assert header == COLUMNS and count == len(rows) == 4  # current revisions only

    by_id = {r["event_id"]: r for r in rows}
    taken = by_id[f"{ids['bridge']}:e1"]
    assert taken["event_date"] == "2016-09-20" and taken["date_precision"] == "day"
    assert (taken["event_type"], taken["sub_event_type"]) == ("Battles", "Non-state actor overtakes territory")
    assert taken["event_code"] == "NON_STATE_ACTOR_OVERTAKES_TER"
    # names, not ids, in the actor columns; ids in our own columns
    assert (taken["actor1"], taken["actor2"], taken["assoc_actor_1"]) == (
        "Syrian rebel factions", "East Bank Militia", "Turkish Armed Forces")
    assert taken["actor1_id"] == "syrian-rebels" and taken["assoc_actor_1_ids"] == "turkish-armed-forces"
    # location and coordinates from the place entity
    assert (taken["location"], taken["country"], taken["latitude"], taken["longitude"]) == (
        "Qamar bridge", "Syria", "36.61000", "38.21000")
    assert taken["source"] == "Levant Courier" and taken["notes"].startswith("Rebel fighters seized the Qamar bridge")
    assert taken["fatalities"] == "" and taken["article_url"] == "https://courier.example/bridge"
    assert taken["claim_ids"] == "c1;c2" and taken["denied_by"] == "East Bank Militia"
    assert taken["asserted_by"] == "Syrian rebel factions"

    shelling = by_id[f"{ids['bridge']}:e2"]
    assert shelling["fatalities"] == "3" and shelling["event_type"] == "Explosions/Remote violence"
    # an undated event takes the publication day, and says so
    assert shelling["event_date"] == "2016-09-20" and shelling["date_precision"] == "publication"
    assert by_id[f"{ids['revised']}:e1"]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_acled_csv_keeps_hostile_text_as_data(store):
    ids = fill_events(store)
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(export(store, "acled-csv")[0]))}
    hostile = rows[f"{ids['hostile']}:e1"]
    assert hostile["actor1"] == XSS_SPEAKER_NAME and "<script>" in hostile["notes"]
    assert hostile["denied_by"] == XSS_SPEAKER_NAME
    assert hostile["latitude"] == "" and hostile["location"].startswith("Silo")
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("-3") == "'-3" and cell("Aleppo") == "Aleppo"


def test_geojson_structure(store):
    ids = fill_events(store)
    text, count = export(store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == count
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["kind"] in ("event", "place")
    events = {f["properties"]["event_id"]: f for f in collection["features"] if f["properties"]["kind"] == "event"}
    assert set(events) == {f"{ids['bridge']}:e1", f"{ids['bridge']}:e2", f"{ids['revised']}:e1"}
    assert events[f"{ids['bridge']}:e1"]["geometry"]["coordinates"] == [38.21, 36.61]
    assert events[f"{ids['bridge']}:e2"]["properties"]["fatalities"] == 3
    places = {f["properties"]["id"]: f["properties"] for f in collection["features"]
              if f["properties"]["kind"] == "place"}
    assert places["warwatch:qamar-bridge"] == {
        "kind": "place", "id": "warwatch:qamar-bridge", "name": "Qamar bridge", "feature": "S.BDG", "country": "SY",
        "geonames_id": None, "mentions": 1, "articles": 1, "events": 2}
    assert places["geonames:1"]["articles"] == 1 and places["geonames:1"]["events"] == 1
    assert collection["warwatch"] == {"events_without_coordinates": 1, "places_without_coordinates": 1}


def test_jsonl_has_events_and_claims(store):
    ids = fill_events(store)
    text, count = export(store, "jsonl")
    records = {r["id"]: r for r in map(json.loads, text.splitlines())}
    assert count == len(records) == 4
    bridge = records[ids["bridge"]]
    analysis = bridge["analysis"]
    assert analysis["schema_version"] == SCHEMA_VERSION and analysis["pipeline_version"] == "fixture"
    assert [e["id"] for e in analysis["events"]] == ["e1", "e2"]
    assert [(c["id"], c["polarity"]) for c in analysis["claims"]] == [("c1", "assert"), ("c2", "deny"),
                                                                       ("c3", "assert")]
    assert {a["id"] for a in analysis["actors"]} >= {"syrian-rebels", "east-bank-militia"}
    assert analysis["places"][0]["id"] == "warwatch:qamar-bridge" and "dates" in analysis
    assert bridge["text"].startswith("Rebel fighters") and len(bridge["revisions"]) == 1
    revised = records[ids["revised"]]
    assert len(revised["revisions"]) == 2 and revised["analysis"]["events"][0]["type"] == "ART_MISS_ATTACK"
    assert records[ids["quiet"]]["analysis"]["events"] == []


def test_cli_formats(tmp_path, db_url):
    db = db_url
    build_events(db)
    runner = CliRunner()
    assert sorted(exporters()) == ["acled-csv", "csv", "geojson", "jsonl"]   # the built-ins, registered
    for fmt in exporters():
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(main, ["export", "--format", fmt, "--db", str(db), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert "4 events" in runner.invoke(main, ["export", "--format", "acled-csv", "--db", str(db), "-o",
                                              str(tmp_path / "a.csv")]).output
    stdout = runner.invoke(main, ["export", "--format", "geojson", "--db", str(db)]).output
    assert json.loads(stdout)["type"] == "FeatureCollection"
    bad = runner.invoke(main, ["export", "--format", "xml", "--db", str(db)])
    assert bad.exit_code != 0 and "unknown export format 'xml'; available: acled-csv, csv, geojson, jsonl" in bad.output


# -- JSONL in batches ---------------------------------------------------------------------------


def _grow(store, n: int, start: int = 0) -> None:
    """``n`` more articles (bulk-loaded: one revision, no analysis)."""
    store.bulk_load(make_article("Bulk Wire", f"Bulletin {i}", f"Bulletin number {i}.", T0 + timedelta(hours=i),
                                 url=f"https://bulk.example/{i}") for i in range(start, start + n))


def _reference_record(store, article_id: int) -> dict:
    """One JSONL record built the way the export did before it read in batches (one article at a time)."""
    view = store.get_article(article_id)
    record = view.to_json()
    record["revisions"] = record.get("revisions", [])
    analysis = store.current_analysis(article_id)
    record["analysis"] = ({k: analysis.get(k) for k in ANALYSIS_KEYS if k in analysis}
                          if analysis is not None else None)
    return record


def test_jsonl_in_batches_matches_the_per_article_records(store):
    from warwatch.export import write_jsonl

    fill_events(store)
    _grow(store, 9)
    # an analysed article with two revisions after the bulk-loaded ones
    late = T0 + timedelta(days=30)
    last_id = _save(store, make_article("Late Post", "Late", "Late news.", late, url="https://late.example/1"))
    _save(store, make_article("Late Post", "Later", "Later news, revised.", late, url="https://late.example/1"))
    full, count = export(store, "jsonl")
    lines = full.splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert count == len(lines) == 4 + 9 + 1 and ids == sorted(ids)
    for line in lines:
        record = json.loads(line)
        assert line == json.dumps(_reference_record(store, record["id"]), ensure_ascii=False), record["id"]
    last = json.loads(lines[-1])
    assert last["id"] == last_id and [r["number"] for r in last["revisions"]] == [1, 2]
    assert last["text"] == "Later news, revised." and last["analysis"]["pipeline_version"] == "fixture"
    assert json.loads(lines[5])["analysis"] is None  # bulk-loaded: stored without analysis
    # any batch size gives the same bytes
    for batch in (1, 2, 3, 5, 1000):
        out = io.StringIO()
        assert write_jsonl(store, out, batch=batch) == count
        assert out.getvalue() == full, batch


def _statements(store, run) -> int:
    """How many SQL statements ``run()`` sends to the store."""
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(seen)


def test_jsonl_queries_do_not_grow_with_the_articles(store):
    fill_events(store)
    few = _statements(store, lambda: export(store, "jsonl"))
    _grow(store, 60)
    many = _statements(store, lambda: export(store, "jsonl"))
    assert many == few <= 4  # articles, revisions, analyses, and the empty last batch

    from warwatch.export import JSONL_BATCH, write_jsonl

    assert JSONL_BATCH >= 64
    # in batches of 8: three queries a batch, so memory holds one batch
    assert _statements(store, lambda: write_jsonl(store, io.StringIO(), batch=8)) == 3 * 8 + 1
