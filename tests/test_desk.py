"""The analyst's desk (issue 14) over a store filled by the real pipeline (the invented Jarabulus
pages of test_web_reconcile): reviews (API, forms with CSRF, audit log, surviving reanalyze),
watch rules and their hits (after an ingest, once per merged event, Atom, signed webhooks),
/api/map, the charts' bars, and the CLI."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import threading
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import text

from test_web_reconcile import DOCS, JARABULUS, page
from warwatch.cli import main
from warwatch.config import Settings
from warwatch.desk import alerts as desk_alerts
from warwatch.desk import review as desk_review
from warwatch.desk import webhook
from warwatch.ingest import ingest
from warwatch.store import Store
from warwatch.web import create_app
from warwatch.web.security import COOKIE, WebConfig, session_value

TOKEN = "write-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LATER = page("Levant Courier", "courier/bab", "Rebels shell al-Bab",
             ["Rebel artillery shelled the town of al-Bab on Saturday, killing four civilians, medics said."],
             "2016-08-27T18:00:00+03:00")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk") / "store.db"
    with Store.open(path) as store:
        assert not ingest(iter(DOCS), store, workers=0).failures
    with TestClient(create_app(path, Settings(db=path, workers=0), web=WebConfig(api_token=TOKEN))) as client:
        yield client, path


def capture(web) -> dict:
    items = web.get("/api/events/merged").json()["items"]
    return max((m for m in items if m["place"] == JARABULUS), key=lambda m: m["articles"])


# -- pure parts ---------------------------------------------------------------------------------

def test_report_keys_follow_the_sentence_not_the_local_id():
    from warwatch.desk.keys import merged_keys

    a = _merged("m1", "AIR_STRIKE", (3, "e1", "Rebels  took the town."))
    b = _merged("m2", "AIR_STRIKE", (3, "e7", "Rebels took the town."))
    assert set(merged_keys(a)) - set(merged_keys(b)) == {next(k for k in merged_keys(a) if k.startswith("x|"))}


def _merged(mid, type_, *sources):
    from warwatch.reconcile.merge import MergedEvent

    return MergedEvent(id=mid, type=type_, date="2016-08-24", date_precision="day", place=None, actor1=None,
                       actor2=None, sources=[{"article_id": a, "event_id": e, "evidence": {"text": t}}
                                             for a, e, t in sources])


def test_two_events_of_one_sentence_keep_their_own_reviews():
    sentence = "Rebels took Qamar and Sarrin, killing nine."
    qamar = _merged("m1", "NON_STATE_ACTOR_OVERTAKES_TER", (5, "e1", sentence), (6, "e1", "Qamar fell."))
    sarrin = _merged("m2", "NON_STATE_ACTOR_OVERTAKES_TER", (5, "e2", sentence))
    a = {"id": 1, "status": "confirmed", "refs": desk_review.refs_of(qamar), "updated": "2026-01-01T00:00:00"}
    b = {"id": 2, "status": "rejected", "refs": desk_review.refs_of(sarrin), "updated": "2026-01-02T00:00:00"}
    found = desk_review.match([qamar, sarrin], [a, b])
    assert found["m1"]["id"] == 1 and found["m2"]["id"] == 2
    # a reanalysis renumbers Sarrin's report: the shared sentence cannot tell, so only Qamar keeps its review
    renumbered = _merged("m3", "NON_STATE_ACTOR_OVERTAKES_TER", (5, "e9", sentence))
    assert set(desk_review.match([qamar, renumbered], [a, b])) == {"m1"}
    # alone in its sentence, a renumbered and retyped report finds its review by the sentence
    retyped = _merged("m4", "ARMED_CLASH", (5, "e9", sentence))
    assert desk_review.match([retyped], [b])["m4"]["id"] == 2


def test_corrections_are_validated():
    assert desk_review.clean_corrections({"fatalities": "4", "date": "2016-08-24", "type": ""}) == \
        {"fatalities": 4, "date": "2016-08-24"}
    for bad in ({"type": "NOT_A_TYPE"}, {"date": "24/08/2016"}, {"fatalities": "-1"}, {"fatalities": "many"}):
        with pytest.raises(desk_review.ReviewError):
            desk_review.clean_corrections(bad)
    with pytest.raises(desk_review.ReviewError):
        desk_review.check_status("maybe")


def test_rules_are_validated():
    with pytest.raises(desk_alerts.RuleError, match="at least one condition"):
        desk_alerts.check_rule({})
    with pytest.raises(desk_alerts.RuleError, match="lat,lon,km"):
        desk_alerts.check_rule({"area": "north"})
    with pytest.raises(desk_alerts.RuleError, match="secret"):
        desk_alerts.check_rule({"keyword": "x", "webhook_url": "https://hooks.example/x"})
    assert desk_alerts.check_rule({"keyword": "bridge"})["name"] == "Events: keyword bridge"


def test_webhook_signature_is_hmac_sha256_of_the_body():
    body = b'{"a": 1}'
    assert webhook.sign("k", body) == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()


# -- reviews ------------------------------------------------------------------------------------

def test_review_through_the_api_corrects_pages_and_logs(site):
    web, _ = site
    m = capture(web)
    assert m["review"] == {"status": "unreviewed"}
    assert web.post(f"/api/review/{m['id']}", json={"status": "confirmed"}).status_code == 401
    r = web.post(f"/api/review/{m['id']}", headers=AUTH,
                 json={"status": "confirmed", "corrections": {"fatalities": 2}, "note": "checked", "who": "dana"})
    assert r.status_code == 200, r.text
    detail = web.get(f"/api/events/merged/{m['id']}").json()
    assert detail["review"]["status"] == "confirmed" and detail["fatalities"] == 2
    log = web.get(f"/api/review/{m['id']}/log").json()["log"]
    assert log[0]["who"] == "dana" and log[0]["before"] is None
    assert log[0]["after"] == {"status": "confirmed", "corrections": {"fatalities": 2}, "note": "checked"}
    assert "confirmed" in web.get(f"/events/merged/{m['id']}").text
    queue = web.get("/api/review?status=confirmed").json()["items"]
    assert [i["id"] for i in queue] == [m["id"]]
    bad = web.post(f"/api/review/{m['id']}", headers=AUTH, json={"status": "confirmed", "corrections": {"type": "X"}})
    assert bad.status_code == 422


def test_review_form_needs_write_session_and_csrf(site):
    web, _ = site
    m = capture(web)
    assert web.post(f"/review/{m['id']}", data={"status": "needs-check"}).status_code == 403
    web.cookies.set(COOKIE, session_value(TOKEN))
    try:
        assert web.post(f"/review/{m['id']}", data={"status": "needs-check"}).status_code == 403  # no CSRF token
        form = web.get(f"/review/{m['id']}").text
        csrf = form.split('name="csrf" value="')[1].split('"')[0]
        r = web.post(f"/review/{m['id']}", data={"status": "needs-check", "csrf": csrf, "who": "sam", "note": "again"},
                     follow_redirects=False)
        assert r.status_code == 303
        other = web.post(f"/review/{m['id']}", data={"status": "rejected", "csrf": csrf},
                         headers={"Origin": "https://evil.example"})
        assert other.status_code == 403
    finally:
        web.cookies.clear()
    log = web.get(f"/api/review/{m['id']}/log").json()["log"]
    assert log[0]["who"] == "sam" and log[0]["before"]["status"] == "confirmed" and log[0]["after"]["status"] == "needs-check"


def test_rejected_events_leave_the_map_and_charts(site):
    web, _ = site
    features = [f["properties"] for f in web.get("/api/map").json()["features"]]
    victim = next(p for p in features if p["kind"] == "event" and p["review"] is None and p["date"])
    located = {p["id"] for p in features}
    svg = web.get("/charts/events.svg").text
    before = sum(int(x.split('"')[0]) for x in svg.split('data-count="')[1:])
    assert web.post(f"/api/review/{victim['id']}", headers=AUTH, json={"status": "rejected"}).status_code == 200
    after_map = {f["properties"]["id"] for f in web.get("/api/map").json()["features"]}
    assert victim["id"] not in after_map and after_map <= located
    assert victim["id"] in {f["properties"]["id"] for f in web.get("/api/map?status=rejected").json()["features"]}
    svg = web.get("/charts/events.svg").text
    assert sum(int(x.split('"')[0]) for x in svg.split('data-count="')[1:]) == before - 1


def test_a_review_survives_reanalyze(site, monkeypatch):
    web, path = site
    m = capture(web)
    assert web.post(f"/api/review/{m['id']}", headers=AUTH, json={"status": "confirmed", "corrections": {
        "fatalities": 7, "type": "GOV_REGAINS_TERIT"}, "who": "dana"}).status_code == 200
    with Store.open(path) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE revisions SET pipeline_version = 'old'"))
    monkeypatch.setenv("WARWATCH_WORKERS", "0")
    result = CliRunner().invoke(main, ["reanalyze", "--db", str(path), "--workers", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["reanalysed"] == len(DOCS)
    again = capture(web)
    assert again["review"]["status"] == "confirmed" and again["fatalities"] == 7
    assert again["type"] == "GOV_REGAINS_TERIT" and again["review"]["corrections"]["fatalities"] == 7


# -- alerts -------------------------------------------------------------------------------------

def test_an_alert_appears_after_an_ingest_once(site):
    web, path = site
    r = web.post("/api/alerts/rules", headers=AUTH, json={"name": "al-Bab", "keyword": "al-Bab"})
    assert r.status_code == 201, r.text
    rule = r.json()
    assert rule["webhook_secret"] is None
    assert web.get(f"/api/alerts?rule={rule['id']}&unread=true").json()["items"] == []
    html = LATER.content.decode()
    r = web.post("/api/ingest", headers=AUTH, json={"html": html, "url": LATER.url})
    assert r.status_code == 200, r.text
    hits = web.get(f"/api/alerts?rule={rule['id']}&unread=true").json()["items"]
    assert len(hits) == 1 and hits[0]["kind"] == "event" and "al-Bab" in hits[0]["payload"]["evidence"]
    page_html = web.get("/alerts").text
    assert 'class="count-badge unread-count">1<' in page_html
    feed = ET.fromstring(web.get(f"/alerts/{rule['id']}.atom").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(feed.findall("a:entry", ns)) == 1
    result = CliRunner().invoke(main, ["alerts", "check", "--db", str(path), "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == []  # never twice for the same event


class _Hook(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - the stdlib's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append((body, self.headers["X-Warwatch-Signature"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_webhook_is_signed_and_refused_on_loopback_unless_allowed():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        rule = {"id": 1, "name": "r", "webhook_url": url, "webhook_secret": "s3cret"}
        hit = {"id": 9, "key": "event:1:x", "kind": "event", "title": "t", "link": None, "payload": {}}
        outcome = webhook.deliver(rule, hit, sleep=lambda s: None)
        assert outcome.startswith("refused"), outcome
        assert _Hook.received == []
        assert webhook.deliver({**rule, "allow_private": True}, hit, sleep=lambda s: None) == "sent (HTTP 204)"
        body, signature = _Hook.received[0]
        assert signature == webhook.sign("s3cret", body) and json.loads(body)["alert"]["key"] == "event:1:x"
    finally:
        server.shutdown()


def test_webhook_retries_with_backoff():
    waits = []
    rule = {"id": 1, "name": "r", "webhook_url": "http://127.0.0.1:9/none", "webhook_secret": "s",
            "allow_private": True}
    outcome = webhook.deliver(rule, {"id": 1, "key": "k"}, attempts=3, backoff=0.5, sleep=waits.append)
    assert outcome.startswith("failed") and waits == [0.5, 1.0]


def test_cli_rules(site):
    _, path = site
    runner = CliRunner()
    result = runner.invoke(main, ["alerts", "add", "--db", str(path), "--for", "control", "--place", JARABULUS])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(main, ["alerts", "list", "--db", str(path), "--json"]).output)
    assert any(r["watch_for"] == "control" and r["place"] == JARABULUS for r in listed)
    bad = runner.invoke(main, ["alerts", "add", "--db", str(path), "--area", "nowhere"])
    assert bad.exit_code != 0 and "lat,lon,km" in bad.output


def test_map_geojson_layers(site):
    web, _ = site
    data = web.get("/api/map").json()
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert "event" in kinds
    ev = next(f for f in data["features"] if f["properties"]["kind"] == "event")
    assert ev["properties"]["colour"].startswith("#") and ev["properties"]["url"].startswith("/events/merged/")
    typ = ev["properties"]["type"]
    only = web.get(f"/api/map?type={typ}").json()["features"]
    assert {f["properties"]["type"] for f in only if f["properties"]["kind"] == "event"} == {typ}
    assert web.get("/map").status_code == 200


def test_exports_carry_the_review_and_corrected_values(site):
    import csv
    import io

    web, path = site
    m = capture(web)
    assert web.post(f"/api/review/{m['id']}", headers=AUTH, json={
        "status": "confirmed", "corrections": {"fatalities": 11}, "note": "=checked", "who": "dana"}).status_code == 200
    result = CliRunner().invoke(main, ["export", "--format", "acled-csv", "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    mine = [r for r in rows if r["merged_event_id"] == m["id"]]
    sources = web.get(f"/api/events/merged/{m['id']}").json()["sources"]
    assert {(int(r["article_id"]), r["event_id"].split(":")[1]) for r in mine} == \
        {(s["article_id"], s["event_id"]) for s in sources}
    assert {r["review_status"] for r in mine} == {"confirmed"} and {r["fatalities"] for r in mine} == {"11"}
    assert {r["review_note"] for r in mine} == {"'=checked"}   # hostile-looking notes are defused too
    assert {r["review_status"] for r in rows if r["merged_event_id"] == ""} <= {"unreviewed"}


def test_export_to_a_file_reports_progress_unless_quiet(site, tmp_path):
    _, path = site
    out = tmp_path / "a.jsonl"
    with Store.open(path) as store:
        n = store.count()["articles"]
    loud = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", str(path), "-o", str(out)])
    assert loud.exit_code == 0 and f"export jsonl: {n}/{n} articles" in loud.stderr
    quiet = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", str(path), "-o", str(out), "-q"])
    assert quiet.exit_code == 0 and "export jsonl" not in quiet.stderr
