"""Reports reconciled across articles in the web app (issue 5): merged events, /contested, place
control timelines, Top content, speakers' contradicted counts, and their API. The store is filled
by the real pipeline over short pages written here."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from warwatch.config import Settings
from warwatch.ingest import ingest
from warwatch.records import RawDocument
from warwatch.store import Store
from warwatch.web import create_app
from warwatch.web.security import WebConfig

JARABULUS = "geonames:169179"
WIRE = ("JARABULUS, Syria (Meridian) — Syrian rebels backed by Turkish tanks captured the border town of "
        "Jarabulus from Islamic State on Wednesday, Turkish officials said. The militants pulled out of the town "
        "with little resistance, the officials said, and the rebels raised their flag over the town hall.")


def page(site: str, slug: str, title: str, paragraphs: list[str], published: str) -> RawDocument:
    url = f"https://{slug.split('/')[0]}.example/{slug}"
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<link rel="canonical" href="{url}"><meta property="article:published_time" content="{published}"></head>
<body><main><article><h1>{title}</h1>{body}</article></main></body></html>"""
    return RawDocument(source=url, content=html.encode(), url=url)


DOCS = [
    page("Levant Courier", "courier/jarabulus", "Rebels capture Jarabulus <script>alert(1)</script>",
         ["Syrian rebel factions backed by Turkish tanks captured the border town of Jarabulus from Islamic "
          "State on Wednesday, Turkish officials said.",
          "Residents said the militants had left the town overnight, heading south towards al-Bab."],
         "2016-08-24T18:00:00+03:00"),
    page("Tigris Herald", "herald/jarabulus", "Turkish-backed fighters seize Jarabulus",
         ["Turkish-backed rebels seized Jarabulus from the Islamic State group on Wednesday after a short "
          "assault, a rebel commander told the Herald.",
          "The commander said the fighters met little resistance in the town."],
         "2016-08-24T20:00:00+03:00"),
    page("Atlantic Ledger", "ledger/wire-jarabulus", "Rebels take Syrian border town", [WIRE],
         "2016-08-24T19:00:00+03:00"),
    page("Cedar Review", "cedar/wire-jarabulus", "Rebels take Syrian border town of Jarabulus", [WIRE],
         "2016-08-24T19:30:00+03:00"),
    page("Rojava Frontline", "rojava/denial", "Council: Jarabulus not captured",
         ["The Jarabulus Military Council denied on Thursday that the factions had captured Jarabulus, "
          "saying its fighters remain in the town."],
         "2016-08-25T12:00:00+03:00"),
    page("Euphrates Monitor", "monitor/clashes", "Clashes continue in Jarabulus",
         ["SOHR director Rami Abdulrahman said that clashes between rebel factions and IS fighters continued "
          "on Thursday on the southern outskirts of Jarabulus."],
         "2016-08-25T15:00:00+03:00"),
]


@pytest.fixture(scope="module")
def web(module_db_url):
    path = module_db_url
    with Store.open(path) as store:
        summary = ingest(iter(DOCS), store, workers=0)
        assert not summary.failures, summary
    with TestClient(create_app(path, Settings(db=path, workers=0), web=WebConfig())) as client:
        yield client


def capture(web) -> dict:
    items = web.get("/api/events/merged").json()["items"]
    found = [m for m in items if m["place"] == JARABULUS and m["articles"] >= 3]
    assert found, items
    return max(found, key=lambda m: m["articles"])


def test_one_merged_capture_counts_the_wire_once(web):
    m = capture(web)
    detail = web.get(f"/api/events/merged/{m['id']}").json()
    sites = {s["site"] for s in detail["sources"]}
    assert {"Levant Courier", "Atlantic Ledger", "Cedar Review"} <= sites
    # the two copies of the Meridian story are one source
    assert detail["corroboration"] <= len({s["article_id"] for s in detail["sources"]}) - 1
    assert all(s["evidence"]["text"] for s in detail["sources"])
    html = web.get(f"/events/merged/{m['id']}").text
    assert f"reported by <strong>{m['corroboration']}</strong> independent source" in html
    assert "Atlantic Ledger" in html and "Sources" in html
    listing = web.get("/events").text   # merged view is the default here
    assert f'href="/events/merged/{m["id"]}"' in listing and 'aria-current="page">Merged' in listing
    assert 'class="item-title event-evidence"' in web.get("/events", params={"view": "all"}).text
    assert web.get("/events/merged/nope").status_code == 404
    assert web.get("/api/events/merged/nope").status_code == 404


def test_contested_page_lists_a_contradiction(web):
    data = web.get("/api/contested").json()
    assert data["total"] >= 1
    c = data["items"][0]
    assert c["a"]["article_id"] != c["b"]["article_id"] or c["scope"] == "article"
    html = web.get("/contested").text
    assert "Contradictions" in html and c["reason"].split(";")[0].split(" says")[0] in html
    assert 'href="/contested"' in html  # nav


def test_place_timeline_turns_contested(web):
    tl = web.get(f"/api/places/{JARABULUS}/timeline").json()
    statuses = [e["status"] for e in tl["entries"]]
    assert "contested" in statuses, statuses
    html = web.get(f"/places/{JARABULUS}").text
    assert "Control timeline" in html and "badge-contested" in html


def test_top_content_ranks_the_merged_event(web):
    m = capture(web)
    home = web.get("/").text
    assert "Top content" in home and f'/events/merged/{m["id"]}' in home


def test_speaker_contradicted_count(web):
    speakers = web.get("/api/speakers").json()["items"]
    assert any((s["contradicted"] or 0) > 0 for s in speakers), speakers


def test_everything_is_escaped(web):
    for path in ("/", "/events", "/contested", f"/places/{JARABULUS}", f"/events/merged/{capture(web)['id']}"):
        assert "<script>alert(1)" not in web.get(path).text
