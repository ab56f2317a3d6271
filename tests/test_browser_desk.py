"""The analyst's desk in a real headless Chromium (Debian's chromium driven by Playwright), over
the invented Jarabulus pages: map markers present and clickable, filters change them, the chart's
bars match the merged events, an alert appears after an ingest, a review is shown on /review.
Screenshots go to artifacts/screenshots/desk-*.png.

Skipped with a reason when playwright, chromium or the map's npm packages (npm ci) are missing.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from test_browser import CHROMIUM, SHOTS, _serve, browser  # noqa: F401 - browser: the same fixture
from test_desk import LATER
from test_web_reconcile import DOCS, page as news_page
from warwatch.ingest import ingest
from warwatch.store import Store
from warwatch.web import assets

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
if not assets.available():
    pytest.skip("the map's JavaScript is not installed: run npm ci at the repository root (scripts/setup.sh)",
                allow_module_level=True)

pytestmark = pytest.mark.slow
TOKEN = "write-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from warwatch.web.security import WebConfig

    path = tmp_path_factory.mktemp("browser-desk") / "store.db"
    with Store.open(path) as store:
        assert not ingest(iter([*DOCS, LATER]), store, workers=0).failures
    yield from _serve(path, {}, web=WebConfig(api_token=TOKEN))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    assert errors == []
    context.close()


def test_map_markers_are_clickable_and_filters_change_them(server, page):
    base, _ = server
    api = page.request.get(base + "/api/map").json()
    events = [f for f in api["features"] if f["properties"]["kind"] == "event"]
    page.goto(base + "/map")
    page.wait_for_selector("#map[data-ready='1']")
    markers = page.locator("path.ww-event")
    assert markers.count() == len(events) > 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "desk-map.png"))
    markers.first.click(force=True)
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert link.get_attribute("href").startswith("/events/merged/")
    kind = events[0]["properties"]["type"]
    page.select_option("#f-type", kind)
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#map[data-ready='1']")
    expected = sum(1 for f in events if f["properties"]["type"] == kind)
    assert page.locator("path.ww-event").count() == expected < len(events)
    # the slider replays the period: at its first step only the earliest day's events show
    page.goto(base + "/map")
    page.wait_for_selector("#map[data-ready='1']")
    first = min(f["properties"]["date"] for f in events if f["properties"]["date"])
    page.locator("#map-slider").fill("0")
    assert page.locator("#map-date").inner_text() == first
    assert page.locator("path.ww-event").count() == sum(1 for f in events if (f["properties"]["date"] or "") <= first)


def test_chart_has_the_expected_bars(server, page):
    base, _ = server
    merged = page.request.get(base + "/api/events/merged?limit=500").json()["items"]
    dated = [m for m in merged if m["date"]]
    page.goto(base + "/charts?unit=day")
    bars = page.locator("svg.chart rect.bar")
    total = sum(int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count()))
    assert total == len(dated)
    days = {m["date"] for m in dated}
    assert {bars.nth(i).get_attribute("data-start") for i in range(bars.count())} == days
    assert page.locator("svg.chart title").first.text_content().startswith("Events in the store")


def test_an_alert_appears_after_an_ingest_and_a_review_shows(server, page):
    base, _ = server
    headers = {"Authorization": f"Bearer {TOKEN}"}
    r = page.request.post(base + "/api/alerts/rules", headers=headers, data={"keyword": "al-Rai"})
    assert r.status == 201
    page.goto(base + "/alerts")
    assert page.locator(".alert-hit").count() == 0
    last = news_page("Tigris Herald", "herald/rai", "Strike on al-Rai",
                     ["Warplanes struck the town of al-Rai on Sunday, killing six civilians, residents said."],
                     "2016-08-28T18:00:00+03:00")
    r = page.request.post(base + "/api/ingest", headers=headers, data={"html": last.content.decode(), "url": last.url})
    assert r.status == 200
    # rules are matched after the answer is sent (a background task): wait for it, bounded
    deadline = time.monotonic() + 30
    while not page.request.get(base + "/api/alerts?unread=true").json()["items"] and time.monotonic() < deadline:
        time.sleep(0.2)
    page.goto(base + "/alerts")
    assert page.locator(".unread-count").inner_text() == "1"
    assert "al-Rai" in page.locator(".alert-hit.unread").inner_text()
    # review through the page after signing in with the write token
    page.goto(base + "/login?next=/review")
    page.fill("input[name=token]", TOKEN)
    page.click("form button[type=submit]")
    page.wait_for_url("**/review")
    page.locator(".review-item a").first.click()
    page.select_option("#rv-status", "confirmed")
    page.fill("#rv-fat", "3")
    page.fill("#rv-who", "dana")
    page.click(".review-form button[type=submit]")
    assert page.locator("#review-status").inner_text() == "confirmed"
    assert "dana" in page.locator("table.audit").inner_text()
    page.goto(base + "/review?status=confirmed")
    assert page.locator(".review-item").count() == 1
    page.screenshot(path=str(SHOTS / "desk-review.png"), full_page=True)
