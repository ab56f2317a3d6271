"""The JSON API: reads, filters, paging, diff, search, errors, tokens, ingest, limits, headers."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from test_web_fixtures import REVISED_V1, REVISED_V2, build
from warwatch.config import Settings
from warwatch.web import create_app
from warwatch.web.security import CSP, WebConfig

TOKEN = "s3cret-write-token"


@pytest.fixture(scope="module")
def db(module_db_url):
    path = module_db_url
    ids = build(path)
    return path, ids


def client(db_path, **web) -> TestClient:
    settings = Settings(db=db_path, workers=0)
    return TestClient(create_app(db_path, settings, web=WebConfig(**web)))


@pytest.fixture(scope="module")
def api(db):
    with client(db[0]) as c:
        yield c


@pytest.fixture(scope="module")
def ids(db):
    return db[1]


def assert_error(response, status: int, error: str | None = None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "detail"}
    if error:
        assert body["error"] == error
    return body


# -- reads --------------------------------------------------------------------------------------


def test_list_articles_newest_first_with_paging(api):
    first = api.get("/api/articles", params={"limit": 5}).json()
    assert first["total"] == 24 and first["limit"] == 5 and first["next_offset"] == 5
    dates = [a["published"] for a in first["items"]]
    assert dates == sorted(dates, reverse=True)
    second = api.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    last = api.get("/api/articles", params={"limit": 5, "offset": 20}).json()
    assert len(last["items"]) == 4 and last["next_offset"] is None


def test_list_filters_by_site_and_dates(api):
    body = api.get("/api/articles", params={"site": "Northern Wire", "limit": 100}).json()
    assert body["total"] == len(body["items"]) > 0
    assert {a["site"] for a in body["items"]} == {"Northern Wire"}
    body = api.get("/api/articles", params={"since": "2016-09-27", "until": "2016-09-27", "limit": 100}).json()
    assert body["items"] and all(a["published"].startswith("2016-09-27") for a in body["items"])
    assert_error(api.get("/api/articles", params={"since": "last tuesday"}), 422, "invalid request")
    assert_error(api.get("/api/articles", params={"limit": 0}), 422)


def test_get_article_with_revisions(api, ids):
    body = api.get(f"/api/articles/{ids['revised']}").json()
    assert body["title"].startswith("Civilian toll rises")
    assert body["text"] == REVISED_V2
    assert body["revision_count"] == 2
    assert [(r["number"], r["current"]) for r in body["revisions"]] == [(1, False), (2, True)]
    assert body["updated"] and body["published"] != body["updated"]
    revs = api.get(f"/api/articles/{ids['revised']}/revisions").json()
    assert [r["number"] for r in revs] == [1, 2] and "text" not in revs[0]
    one = api.get(f"/api/articles/{ids['revised']}/revisions/1").json()
    assert one["text"] == REVISED_V1 and one["current"] is False


def test_missing_things_are_json_404s(api, ids):
    assert "999999" in assert_error(api.get("/api/articles/999999"), 404, "not found")["detail"]
    assert_error(api.get(f"/api/articles/{ids['revised']}/revisions/9"), 404, "not found")
    assert_error(api.get("/api/articles/999999/revisions/1"), 404, "not found")
    assert_error(api.get("/api/no-such-endpoint"), 404, "not found")
    assert_error(api.get("/api/articles/abc"), 422, "invalid request")


def test_diff_between_revisions(api, ids):
    body = api.get(f"/api/articles/{ids['revised']}/diff", params={"from": 1, "to": 2}).json()
    assert (body["from_revision"], body["to_revision"]) == (1, 2)
    segments = body["segments"]
    old = "".join(s["text"] for s in segments if s["op"] != "insert")
    new = "".join(s["text"] for s in segments if s["op"] != "delete")
    assert old == REVISED_V1 and new == REVISED_V2
    assert any(s["op"] == "delete" and "Five" in s["text"] for s in segments)
    assert any(s["op"] == "insert" and "nine" in s["text"] for s in segments)
    assert body["inserted_words"] > 0 and body["deleted_words"] > 0
    default = api.get(f"/api/articles/{ids['revised']}/diff").json()
    assert (default["from_revision"], default["to_revision"]) == (1, 2)
    assert_error(api.get(f"/api/articles/{ids['revised']}/diff", params={"from": 1, "to": 7}), 404)


def test_search_with_highlights_and_paging(api):
    body = api.get("/api/search", params={"q": "Qamar bridge", "limit": 2}).json()
    assert body["total"] >= 4 and len(body["items"]) == 2
    for item in body["items"]:
        marked = [item["snippet"][a:b].lower() for a, b in item["highlights"]]
        assert marked and set(marked) <= {"qamar", "bridge"}
    page2 = api.get("/api/search", params={"q": "Qamar bridge", "limit": 2, "offset": 2}).json()
    assert not {i["id"] for i in body["items"]} & {i["id"] for i in page2["items"]}
    assert api.get("/api/search", params={"q": "zzzz-no-such-word"}).json() == {
        "query": "zzzz-no-such-word", "total": 0, "limit": 20, "offset": 0, "items": []}
    assert_error(api.get("/api/search", params={"q": ""}), 422)


def test_search_snippet_is_plain_text(api, ids):
    body = api.get("/api/search", params={"q": "grain silos"}).json()
    hit = next(i for i in body["items"] if i["id"] == ids["xss"])
    assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    assert "<img" in hit["snippet"]  # the stored text, as text: JSON clients escape it themselves


def test_sites_trending_and_top(api, ids):
    sites = {s["site"]: s["articles"] for s in api.get("/api/sites").json()}
    assert sites["Levant Courier"] >= 5
    trending = api.get("/api/trending").json()
    terms = [t["term"] for t in trending["terms"]]
    assert terms[0] == "Qamar bridge" and "Tal Sabin" in terms[:6]
    assert trending["recent_articles"] > 0 and trending["baseline_articles"] > 0
    top = api.get("/api/top").json()
    assert top and len(top[0]["sites"]) == 4 and "Qamar" in top[0]["head"]["title"]
    assert any("Tal Sabin" in s["head"]["title"] and len(s["sites"]) == 3 for s in top)
    only = api.get("/api/top", params={"site": "Levant Courier"}).json()
    assert all(a["site"] == "Levant Courier" for s in only for a in s["articles"])


def test_openapi_is_served_and_no_cdn_docs(api):
    spec = api.get("/openapi.json").json()
    assert "/api/articles" in spec["paths"] and "/api/ingest" in spec["paths"]
    assert "ArticleSummary" in spec["components"]["schemas"]
    assert api.get("/docs").status_code == 404 and api.get("/redoc").status_code == 404
    page = api.get("/api")
    assert page.status_code == 200 and "/api/articles/{article_id}/diff" in page.text
    assert "cdn" not in page.text.lower()


# -- security -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/articles", "/", "/static/style.css", "/api/articles/999999", "/nowhere",
                                  "/openapi.json"])
def test_security_headers_on_every_response(api, path):
    r = api.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"


def test_writes_disabled_without_token(api):
    body = assert_error(api.post("/api/ingest", json={"text": "Some text."}), 403, "writes are disabled")
    assert "WARWATCH_API_TOKEN" in body["detail"]


def test_writes_need_the_right_token(db):
    with client(db[0], api_token=TOKEN) as c:
        r = c.post("/api/ingest", json={"text": "Some text."})
        assert_error(r, 401, "authentication required")
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert_error(c.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer nope"}), 401,
                     "invalid token")
        assert_error(c.post("/api/ingest", json={"text": "x"}, headers={"Authorization": f"Basic {TOKEN}"}), 401)


@pytest.fixture
def writer(tmp_path, db_url):
    path = db_url
    build(path)
    with client(path, api_token=TOKEN, max_body=64 * 1024) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c


def test_ingest_text_then_same_again_then_changed(writer):
    text = ("Engineers reopened the pontoon crossing at Qara Qozak on Friday after repairs.\n\n"
            "Traffic resumed by noon, a local official said.")
    body = {"text": text, "url": "https://gazette.example/qara-qozak", "title": "Crossing reopens at Qara Qozak",
            "published": "2016-09-29T10:00:00Z"}
    r = writer.post("/api/ingest", json=body)
    assert r.status_code == 200, r.text
    new = r.json()
    assert new["status"] == "new" and new["revision"] == 1 and new["article"] == f"/api/articles/{new['article_id']}"
    article = writer.get(new["article"]).json()
    assert article["title"] == "Crossing reopens at Qara Qozak"
    assert article["published"].startswith("2016-09-29T10:00")
    assert "pontoon crossing" in article["text"]
    assert writer.post("/api/ingest", json=body).json()["status"] == "unchanged"
    changed = writer.post("/api/ingest", json={**body, "text": text + "\n\nA second crossing is planned."}).json()
    assert changed["status"] == "revision" and changed["revision"] == 2
    # the home page and search see it at once (caches are keyed on store changes)
    assert writer.get("/api/search", params={"q": "Qozak"}).json()["total"] == 1
    assert writer.get("/api/articles", params={"limit": 1}).json()["total"] == 25


def test_ingest_html(writer):
    html = ("<html><head><title>Convoy crosses at Bab al-Salama</title>"
            "<meta property='article:published_time' content='2016-09-30T06:00:00Z'></head><body><article>"
            "<h1>Convoy crosses at Bab al-Salama</h1>"
            + "".join(f"<p>Sentence {i} about the aid convoy that crossed at Bab al-Salama with food and medicine "
                      f"for families in the camps near the border, officials said on Friday.</p>" for i in range(6))
            + "<script>window.__pwned = 1</script></article></body></html>")
    r = writer.post("/api/ingest", json={"html": html, "url": "https://wire.example/convoy"})
    assert r.status_code == 200, r.text
    article = writer.get(r.json()["article"]).json()
    assert "aid convoy" in article["text"] and "__pwned" not in article["text"]


def test_ingest_validation_errors(writer):
    assert_error(writer.post("/api/ingest", json={}), 422, "invalid request")
    assert_error(writer.post("/api/ingest", json={"html": "<p>x</p>", "text": "x"}), 422)
    assert_error(writer.post("/api/ingest", json={"url": "file:///etc/passwd"}), 422)
    assert_error(writer.post("/api/ingest", json={"url": "javascript:alert(1)"}), 422)
    assert_error(writer.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"}), 422)


def test_ingest_url_with_spaces_is_still_only_fetched(writer, tmp_path, monkeypatch):
    # the value that was checked (trimmed) is the one used: never a local path
    (tmp_path / " http:").mkdir()
    (tmp_path / "secret.txt").write_text("SECRET-CONTENT " * 20)
    monkeypatch.chdir(tmp_path)
    body = assert_error(writer.post("/api/ingest", json={"url": " http://../secret.txt"}), 422, "could not ingest")
    assert "no such file" not in body["detail"]
    assert writer.get("/api/search", params={"q": "SECRET"}).json()["total"] == 0


def test_ingest_url_keeps_the_fetcher_private_address_protection(writer):
    # Refused before any connection is made: loopback and private addresses are not fetched.
    for url in ("http://127.0.0.1:9/secret", "http://10.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest"):
        body = assert_error(writer.post("/api/ingest", json={"url": url}), 422, "could not ingest")
        assert "private" in body["detail"].lower() or "refused" in body["detail"].lower() or "loopback" in body["detail"].lower(), body


def test_large_bodies_are_refused_with_413(writer):
    big = json.dumps({"text": "x" * (70 * 1024)}).encode()
    assert_error(writer.post("/api/ingest", content=big, headers={"content-type": "application/json"}), 413,
                 "request body too large")

    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    r = writer.post("/api/ingest", content=chunks(), headers={"content-type": "application/json"})
    assert_error(r, 413, "request body too large")


# -- closed reads ---------------------------------------------------------------------------------


def test_reads_can_be_closed(db):
    with client(db[0], read_token="reader", api_token=TOKEN) as c:
        r = c.get("/api/articles")
        assert_error(r, 401, "authentication required")
        assert c.get("/api/articles", headers={"Authorization": "Bearer reader"}).status_code == 200
        assert c.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert c.get("/api/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/search", params={"q": "Qamar"}).status_code == 401
        # pages send the browser to the login form, which sets an HttpOnly session cookie
        r = c.get("/articles/1", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
        assert c.post("/login", data={"token": "wrong", "next": "/"}, follow_redirects=False).status_code == 401
        r = c.post("/login", data={"token": "reader", "next": "/articles/1"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/articles/1"
        assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
        assert c.get("/articles/1").status_code == 200
        assert c.get("/api/articles").status_code == 200  # the session cookie works for the API too


@pytest.mark.parametrize("closed", [{"read_token": "reader", "api_token": TOKEN},
                                    {"private_reads": True, "api_token": "reader"}], ids=["read-token", "private-reads"])
def test_closed_reads_cover_the_api_reference_and_openapi(db, closed):
    with client(db[0], **closed) as c:
        # the OpenAPI document is a read like the API: 401 in JSON without a token
        body = assert_error(c.get("/openapi.json"), 401, "authentication required")
        assert "Bearer" in body["detail"]
        assert c.get("/openapi.json").headers["www-authenticate"] == "Bearer"
        assert c.get("/openapi.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
        spec = c.get("/openapi.json", headers={"Authorization": "Bearer reader"})
        assert spec.status_code == 200 and "/api/articles" in spec.json()["paths"]
        # the HTML reference is a page: to the login form without a session, no endpoint listed
        for path in ("/api", "/api/"):
            r = c.get(path, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"] == "/login?next=" + path.replace("/", "%2F")
            assert "/api/articles" not in r.text
        assert "/api/articles/{article_id}/diff" in c.get("/api", headers={"Authorization": "Bearer reader"}).text
        c.post("/login", data={"token": "reader", "next": "/api"})
        assert "/api/articles/{article_id}/diff" in c.get("/api/").text
        assert c.get("/openapi.json").status_code == 200  # the session cookie opens it, as it opens the API


def test_open_reads_serve_the_api_reference_and_openapi(api):
    assert api.get("/openapi.json").status_code == 200
    assert api.get("/api", follow_redirects=False).status_code == 200
    assert api.get("/api/", follow_redirects=False).status_code == 200


def _session_cookie(response):
    """The attributes of the session cookie a response sets (``secure`` True or "")."""
    from http.cookies import SimpleCookie

    jar = SimpleCookie()
    jar.load(response.headers["set-cookie"])
    return jar["warwatch_session"]


def test_session_cookie_is_secure_over_https_or_when_forced(db):
    settings = Settings(db=db[0], workers=0)
    login = {"token": "reader", "next": "/"}
    with client(db[0], read_token="reader") as c:  # plain http, nothing forced: not Secure
        cookie = _session_cookie(c.post("/login", data=login, follow_redirects=False))
        assert cookie.value and not cookie["secure"] and cookie["httponly"] and cookie["samesite"].lower() == "strict"
    app = create_app(db[0], settings, web=WebConfig(read_token="reader"))
    with TestClient(app, base_url="https://testserver") as c:  # https: Secure
        assert _session_cookie(c.post("/login", data=login, follow_redirects=False))["secure"]
    # behind a proxy that terminates TLS the app sees http: cookie_secure forces Secure, on login and logout
    with client(db[0], read_token="reader", cookie_secure=True) as c:
        cookie = _session_cookie(c.post("/login", data=login, follow_redirects=False))
        assert cookie.value and cookie["secure"] and cookie["httponly"]
        # the browser sends a Secure cookie over https only; the client here talks http, so send it by hand
        gone = _session_cookie(c.post("/logout", headers={"cookie": f"warwatch_session={cookie.value}"},
                                      follow_redirects=False))
        assert gone.value == "" and gone["secure"] and gone["max-age"] == "0"


def test_logout_is_a_post_and_a_get_signs_nobody_out(db):
    with client(db[0], read_token="reader") as c:
        c.post("/login", data={"token": "reader", "next": "/"}, follow_redirects=False)
        session = c.cookies.get("warwatch_session")
        assert session and c.get("/articles/1", follow_redirects=False).status_code == 200
        # the footer of every page signs out with a form that posts, not a link
        html = c.get("/").text
        assert '<form class="signout" action="/logout" method="post">' in html
        assert 'href="/logout"' not in html
        # a GET (a link, an image, a prefetch) shows the button and clears nothing
        r = c.get("/logout", follow_redirects=False)
        assert r.status_code == 200 and "set-cookie" not in r.headers
        assert '<form class="login" action="/logout" method="post">' in r.text and "removes this browser" in r.text
        assert c.get("/articles/1", follow_redirects=False).status_code == 200
        # a post without the session cookie (what a cross-site form gets: the cookie is SameSite=Strict)
        # clears nothing either
        r = c.post("/logout", headers={"cookie": "other=1"}, follow_redirects=False)
        assert r.status_code == 303 and "set-cookie" not in r.headers
        assert c.get("/articles/1", follow_redirects=False).status_code == 200
        # the app's own form: the cookie goes, with the attributes it was set with
        r = c.post("/logout", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        gone = _session_cookie(r)
        assert gone.value == "" and gone["max-age"] == "0" and gone["httponly"] and gone["samesite"].lower() == "strict"
        r = c.get("/articles/1", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
        assert "has no session" in c.get("/logout").text
    # open reads: no sign-out button in the footer
    with client(db[0]) as c:
        assert 'action="/logout"' not in c.get("/").text


def test_cookie_secure_setting():
    assert WebConfig.from_settings(None, env={"WARWATCH_COOKIE_SECURE": "1"}).cookie_secure
    assert WebConfig.from_settings(None, env={"WARWATCH_COOKIE_SECURE": "true"}).cookie_secure
    assert not WebConfig.from_settings(None, env={"WARWATCH_COOKIE_SECURE": "0"}).cookie_secure
    assert not WebConfig.from_settings(None, env={}).cookie_secure

    class WithCookie:
        cookie_secure = True

    assert WebConfig.from_settings(WithCookie(), env={}).cookie_secure


def test_login_does_not_redirect_off_site(db):
    with client(db[0], read_token="reader") as c:
        for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
            r = c.post("/login", data={"token": "reader", "next": target}, follow_redirects=False)
            assert r.headers["location"] == "/"


def test_private_reads_flag_uses_the_write_token():
    cfg = WebConfig.from_settings(None, env={"WARWATCH_PRIVATE_READS": "1", "WARWATCH_API_TOKEN": "t"})
    assert cfg.reads_closed and cfg.read_tokens() == ["t"]
    with pytest.raises(ValueError):
        WebConfig.from_settings(None, env={"WARWATCH_PRIVATE_READS": "yes"})
    open_cfg = WebConfig.from_settings(None, env={})
    assert not open_cfg.reads_closed and open_cfg.api_token is None
