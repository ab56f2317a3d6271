"""The reader in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

Starts the real server (uvicorn, in a thread, 127.0.0.1, free port) over a store filled with
the invented fixtures (with their invented actors and places), then reads like a person: home,
an article, the font size control (persisting across reloads and pages), the theme toggle, a
revision diff, search, an actor and a place opened from an article's chips, and the hostile
article (and hostile entity names) whose payloads must never run. Screenshots of the main pages (light and
dark, desktop and phone) go to artifacts/screenshots/.

Skipped with a reason when playwright or chromium is missing. Never runs ``playwright
install``: the browser is the system's (``WARWATCH_CHROMIUM`` or /usr/bin/chromium).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from test_web_fixtures import build

CHROMIUM = os.environ.get("WARWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "store.db"
    ids = build(path, entities=True)
    yield from _serve(path, ids)


@pytest.fixture(scope="module")
def events_server(tmp_path_factory):
    """A second store with the invented events, claims and speakers (tests/events_fixtures.py)."""
    from events_fixtures import build_events

    path = tmp_path_factory.mktemp("browser-events") / "store.db"
    ids = build_events(path)
    yield from _serve(path, ids)


@pytest.fixture(scope="module")
def private_server(tmp_path_factory):
    """The invented articles behind a reader token (closed reads: /login, the session cookie, Sign out)."""
    from warwatch.web.security import WebConfig

    path = tmp_path_factory.mktemp("browser-private") / "store.db"
    ids = build(path)
    yield from _serve(path, ids, web=WebConfig(read_token="reader"))


def _serve(path, ids, web=None):
    import uvicorn

    from warwatch.config import Settings
    from warwatch.web import create_app
    from warwatch.web.security import WebConfig

    app = create_app(path, Settings(db=path, workers=0), web=web or WebConfig())
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # noqa: BLE001 - a broken browser install is an environment problem
            pytest.skip(f"chromium at {CHROMIUM} could not be launched: {exc}")
        yield b
        b.close()


class Watch:
    """Dialogs, page errors and CSP violations seen by a page."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.csp.append(m.text) if "Content Security Policy" in m.text else None)


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport=DESKTOP, color_scheme="light")
    # nothing may leave the machine: any request to another origin fails the test
    base = server[0]
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith(("data:", "about:")):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    pg.watch = Watch(pg)
    yield pg
    ctx.close()
    assert not outside, f"requests left the app: {outside}"
    assert not pg.watch.csp, f"our own page broke the CSP: {pg.watch.csp}"
    assert not pg.watch.errors, f"script errors: {pg.watch.errors}"


def shot(page, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_home_page(page, server):
    base, _ = server
    page.goto(base + "/")
    assert page.title() == "warwatch · latest"
    assert page.locator("#top-h").inner_text().lower() == "top content"
    assert "Qamar bridge" in page.locator(".lead-story .story-title").inner_text()
    assert page.locator(".terms li").count() >= 3
    assert page.locator(".terms a.term-entity").count() == page.locator(".terms li").count()  # Trending by entities
    assert page.locator(".items .item").count() == 24
    shot(page, "home-light")


def test_read_an_article(page, server):
    base, ids = server
    page.goto(base + "/")
    page.get_by_role("link", name="Civilian toll rises after shells hit market near Qamar bridge").first.click()
    page.wait_for_url(f"**/articles/{ids['revised']}")
    assert page.locator("h1").inner_text() == "Civilian toll rises after shells hit market near Qamar bridge"
    assert page.locator(".prose p").count() == 3
    assert "min read" in page.locator(".reading-meta").inner_text()
    assert "Updated" in page.locator(".dateline").inner_text()
    width = page.evaluate("document.querySelector('.prose').getBoundingClientRect().width")
    em = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.prose')).fontSize)")
    assert 50 <= width / (em * 0.5) <= 90  # the measure stays near 65-75 characters
    shot(page, "article-light")


def test_font_size_persists_across_reloads_and_pages(page, server):
    base, ids = server
    page.goto(f"{base}/articles/{ids['bridge']}")
    root_px = lambda: page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")  # noqa: E731
    base_px = root_px()
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    assert page.locator("#font-value").inner_text() == "120%"
    assert root_px() == pytest.approx(base_px * 1.2, rel=0.01)
    page.reload()
    assert page.locator("#font-value").inner_text() == "120%"
    assert root_px() == pytest.approx(base_px * 1.2, rel=0.01)
    page.goto(base + "/search?q=Qamar")
    assert page.locator("#font-value").inner_text() == "120%"
    assert root_px() == pytest.approx(base_px * 1.2, rel=0.01)
    # applied before first paint: the size is already set when the body starts parsing
    page.goto(f"{base}/articles/{ids['bridge']}", wait_until="commit")
    page.wait_for_selector("body", state="attached")  # head scripts ran: the parser blocks on them
    assert page.evaluate("document.documentElement.style.fontSize") == "120%"
    page.get_by_role("button", name="Smaller text").click()
    assert page.locator("#font-value").inner_text() == "110%"
    page.get_by_role("button", name="Text size, reset to 100%").click()
    assert page.locator("#font-value").inner_text() == "100%"
    page.reload()
    assert root_px() == pytest.approx(base_px, rel=0.01)


def test_theme_toggle_persists(page, server):
    base, ids = server
    page.goto(f"{base}/articles/{ids['revised']}")
    background = lambda: page.evaluate("getComputedStyle(document.body).backgroundColor")  # noqa: E731
    light = background()
    page.locator("[data-theme-toggle]").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = background()
    assert dark != light
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark" and background() == dark
    page.locator("[data-theme-toggle]").click()
    assert background() == light


def test_revision_diff(page, server):
    base, ids = server
    page.goto(f"{base}/articles/{ids['revised']}")
    page.get_by_role("link", name="See the latest changes").click()
    page.wait_for_url("**/diff")
    assert page.locator(".diff-body del").first.inner_text() == "Five"
    assert "nine" in page.locator(".diff-body ins").first.inner_text()
    assert page.locator(".diff-stats").inner_text().startswith("+")
    shot(page, "diff-light")
    # the compare form
    page.select_option("#cmp-from", "2")
    page.select_option("#cmp-to", "1")
    page.get_by_role("button", name="Show changes").click()
    page.wait_for_url("**/diff?from=2&to=1")
    assert page.locator(".diff-body ins").first.inner_text() == "Five"


def test_search(page, server):
    base, _ = server
    page.goto(base + "/")
    page.fill("#quick-q", "Qamar bridge")
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/search?q=Qamar+bridge")
    assert page.locator(".hit").count() >= 4
    marks = page.locator(".snippet mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} <= {"qamar", "bridge"}
    shot(page, "search-light")


def test_actor_and_place_pages_from_article_chips(page, server):
    base, ids = server
    page.goto(f"{base}/articles/{ids['revised']}")
    chips = page.locator(".in-article .chip")
    assert chips.count() >= 3
    assert page.locator(".prose a.mention").count() >= 3
    shot(page, "article-entities-light")
    page.locator(".chip-actor", has_text="East Bank Militia").click()
    page.wait_for_url("**/actors/east-bank-militia")
    assert page.locator("h1").inner_text() == "East Bank Militia"
    assert "Armed group" in page.locator(".facts").inner_text()
    assert page.locator(".entity-articles .item").count() == 6
    assert page.locator(".entity-articles .snippet mark").count() == 6
    shot(page, "actor-light")
    page.go_back()
    page.locator(".chip-place", has_text="Qamar bridge").click()
    page.wait_for_url("**/places/warwatch:qamar-bridge")
    assert page.locator("h1").inner_text() == "Qamar bridge"
    facts = page.locator(".facts").inner_text()
    assert "36.6100° N, 38.2100° E" in facts and "Bridge" in facts
    assert page.locator(".entity-articles .item").count() == 5
    shot(page, "place-light")
    # a mention in the text leads to the same page
    page.goto(f"{base}/articles/{ids['revised']}")
    page.locator(".prose a.m-place").first.click()
    page.wait_for_url("**/places/warwatch:qamar-bridge")
    page.goto(base + "/places")
    assert page.locator(".entity-table tbody tr").count() == 5
    shot(page, "places-light")
    page.goto(base + "/actors")
    shot(page, "actors-light")


def test_hostile_article_runs_nothing(page, server):
    base, ids = server
    from urllib.parse import quote

    from test_web_fixtures import XSS_ACTOR_ID, XSS_PLACE_ID

    for path in (f"/articles/{ids['xss']}", "/", "/search?q=silos", "/search?q=Hafir", f"/api/articles/{ids['xss']}",
                 "/actors/" + quote(XSS_ACTOR_ID, safe=":"), "/places/" + quote(XSS_PLACE_ID, safe=":"), "/actors",
                 "/places"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.title() != "PWNED", path
        assert page.watch.dialogs == [], path
    page.goto(f"{base}/articles/{ids['xss']}")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    assert page.locator(".prose img, .prose svg, .prose iframe, .prose script").count() == 0
    # the only links in the text are mention links to entity pages
    hrefs = page.locator(".prose a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith(("/actors/", "/places/")) for h in hrefs), hrefs
    assert page.locator("a.original").count() == 0
    assert "<script>" in page.locator(".chip-actor .chip-name").inner_text()  # the hostile actor name, as text


def test_sign_out_is_a_button_and_another_site_cannot_sign_you_out(browser, private_server):
    base, ids = private_server
    attacker = "http://attacker.example"
    ctx = browser.new_context(viewport=DESKTOP, color_scheme="light")
    # another site (served by the test) that links to, embeds and posts to /logout
    evil = (f'<a id="link" href="{base}/logout">cute cats</a><img id="img" src="{base}/logout" alt="">'
            f'<form id="post" method="post" action="{base}/logout"><button>win</button></form>')
    ctx.route(f"{attacker}/**", lambda r: r.fulfill(status=200, content_type="text/html", body=evil))
    pg = ctx.new_page()
    watch = Watch(pg)
    article = f"{base}/articles/{ids['revised']}"

    def signed_in() -> bool:
        pg.goto(article)
        return pg.url == article

    assert not signed_in() and "/login" in pg.url
    pg.fill("#token", "reader")
    pg.click("form.login button[type=submit]")
    pg.wait_for_url(article)
    # the footer's Sign out is a form button that looks like the links beside it
    button = pg.locator("footer form.signout button")
    assert button.inner_text() == "Sign out" and pg.locator('footer a[href="/logout"]').count() == 0
    style = button.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).textDecorationLine]")
    assert style == ["rgba(0, 0, 0, 0)", "underline"], style
    # the image and the link (a top-level GET) sign nobody out
    pg.goto(attacker + "/")
    pg.wait_for_load_state("load")
    pg.click("#link")
    pg.wait_for_url(f"{base}/logout")
    assert pg.locator("h1").inner_text() == "Sign out"
    assert signed_in()
    # a cross-site form post arrives without the SameSite=Strict cookie: nothing is cleared
    pg.goto(attacker + "/")
    pg.click("#post button")
    pg.wait_for_load_state("load")
    assert signed_in()
    # the app's own button signs out
    pg.locator("footer form.signout button").click()
    pg.wait_for_url("**/login**")
    assert not signed_in()
    assert not watch.csp and not watch.errors and not watch.dialogs
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, server, scheme):
    base, ids = server
    pages = {"home": "/", "article": f"/articles/{ids['revised']}", "diff": f"/articles/{ids['revised']}/diff",
             "search": "/search?q=Qamar", "actor": "/actors/east-bank-militia",
             "place": "/places/warwatch:qamar-bridge", "places": "/places"}
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        ctx = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1,
                                  is_mobile=device == "phone", has_touch=device == "phone")
        pg = ctx.new_page()
        for name, path in pages.items():
            pg.goto(base + path)
            if device == "phone":
                assert pg.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (name, "scrolls sideways")
            shot(pg, f"{name}-{scheme}-{device}", full=device == "desktop")
        ctx.close()


def test_event_and_speaker_pages(browser, events_server):
    """An event page (evidence highlighted, asserted / denied split) reached from the article, a
    speaker page from a claim's chip, the hostile event page running nothing; screenshots."""
    from urllib.parse import quote

    from events_fixtures import XSS_SPEAKER_ID

    base, ids = events_server
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        pg = ctx.new_page()
        watch = Watch(pg)
        pg.goto(f"{base}/articles/{ids['bridge']}")
        assert pg.locator(".article-events .event-item").count() == 2
        assert pg.locator(".article-events li.claim-deny .badge-deny").inner_text().strip().lower() == "denies"
        pg.locator(".article-events .event-evidence").first.click()
        pg.wait_for_url(f"**/events/{ids['bridge']}/e1")
        assert "Non-state actor overtakes territory" in pg.locator("h1").inner_text()
        assert pg.locator(".evidence-quote mark").inner_text().startswith("Rebel fighters seized")
        assert pg.locator(".claim-columns > div").nth(1).locator("li.claim-deny").count() == 1
        shot(pg, f"event-{scheme}")
        pg.locator(".claim-columns .chip-speaker", has_text="East Bank Militia").click()
        pg.wait_for_url("**/speakers/east-bank-militia")
        assert pg.locator("h1").inner_text() == "East Bank Militia"
        assert pg.locator(".speaker-claims li.claim").count() == 1
        shot(pg, f"speaker-{scheme}")
        pg.goto(base + "/events")
        shot(pg, f"events-{scheme}")
        pg.goto(base + "/speakers")
        shot(pg, f"speakers-{scheme}")
        for path in (f"/events/{ids['hostile']}/e1", f"/articles/{ids['hostile']}",
                     "/speakers/" + quote(XSS_SPEAKER_ID, safe=":")):
            pg.goto(base + path)
            pg.wait_for_load_state("load")
            pg.wait_for_timeout(150)
            assert pg.evaluate("typeof window.__pwned") == "undefined", path
            assert pg.title() != "PWNED" and watch.dialogs == [], path
        assert not watch.errors and not watch.csp, (watch.errors, watch.csp)
        ctx.close()
    ctx = browser.new_context(viewport=PHONE, color_scheme="light", is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    for name, path in (("event", f"/events/{ids['bridge']}/e1"), ("speaker", "/speakers/east-bank-militia"),
                       ("events", "/events"), ("speakers", "/speakers"), ("contested", "/contested")):
        pg.goto(base + path)
        assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (name, "scrolls sideways")
        shot(pg, f"{name}-light-phone", full=False)
    ctx.close()
