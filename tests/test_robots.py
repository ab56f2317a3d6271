"""robots.txt handling (RFC 9309), against a real HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from loopback import Handler, Route, Server, guard_connections, running
from warwatch.records import SourceError
from warwatch.sources.robots import RobotsCache, default_robots_cache
from warwatch.sources.web import FetchPolicy, FetchRefused, fetch

pytestmark = pytest.mark.timeout(30)

@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running(default_ctype="text/html", fallback=lambda h: h.reply(200, b"<p>page</p>")) as srv:
        yield srv


@pytest.fixture
def srv(server: Server) -> Server:
    return server.reset()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list:
    return guard_connections(monkeypatch)


POLICY = FetchPolicy(allow_networks=("127.0.0.0/8",), timeout=5)


def robots(text: str, status: int = 200, ctype: str = "text/plain") -> Route:
    return lambda h: h.reply(status, text.encode(), ctype)


def test_disallowed_path(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: warwatch\nDisallow: /private\n")
    cache = RobotsCache()
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/private/page", POLICY, robots=cache)
    assert err.value.reason == f"disallowed by robots.txt: {srv.base}/private/page"
    assert "/private/page" not in srv.paths()
    assert fetch(srv.base + "/public", POLICY, robots=cache).content == b"<p>page</p>"


def test_our_group_wins_over_star(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots(
        "User-agent: *\nDisallow: /\n\nUser-agent: warwatch\nDisallow: /drafts/\n"
    )
    cache = RobotsCache()
    assert cache.allowed(srv.base + "/news/1", POLICY)
    assert not cache.allowed(srv.base + "/drafts/1", POLICY)


def test_star_group_applies_to_us(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /\n")
    cache = RobotsCache()
    with pytest.raises(SourceError, match="^disallowed by robots.txt: "):
        fetch(srv.base + "/anything", POLICY, robots=cache)


def test_other_agents_rules_do_not_apply(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: SomeOtherBot\nDisallow: /\n")
    assert RobotsCache().allowed(srv.base + "/x", POLICY)


def test_longest_match_wins_and_allow_wins_ties(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots(
        "User-agent: warwatch\nDisallow: /a\nAllow: /a/open\nDisallow: /b/\nAllow: /b/\n"
    )
    cache = RobotsCache()
    assert cache.allowed(srv.base + "/a/open/1", POLICY)
    assert not cache.allowed(srv.base + "/a/closed", POLICY)
    assert cache.allowed(srv.base + "/b/x", POLICY)  # equal length: Allow wins (RFC 9309 2.2.2)


def test_missing_robots_allows_everything(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("nope", status=404)
    assert fetch(srv.base + "/x", POLICY, robots=RobotsCache()).status == 200


@pytest.mark.parametrize("status", [401, 403, 410])
def test_4xx_robots_allows_everything(srv: Server, status: int) -> None:
    # RFC 9309 2.3.1.3: 4xx means "unavailable"; the crawler MAY access any resource.
    srv.routes["/robots.txt"] = robots("denied", status=status)
    assert RobotsCache().allowed(srv.base + "/x", POLICY)


@pytest.mark.parametrize("status", [500, 503, 429])
def test_5xx_and_429_robots_disallow_everything(srv: Server, status: int) -> None:
    # RFC 9309 2.3.1.4: unreachable (5xx) means complete disallow; we treat 429 alike.
    srv.routes["/robots.txt"] = robots("busy", status=status)
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/x", POLICY, robots=RobotsCache())
    assert err.value.reason.startswith(f"disallowed by robots.txt: {srv.base}/x (robots.txt unreachable: HTTP {status}")
    assert "/x" not in srv.paths()


def test_robots_timeout_disallows(srv: Server) -> None:
    def slow(h: Handler) -> None:
        time.sleep(2)
        h.reply(200, b"", "text/plain")

    srv.routes["/robots.txt"] = slow
    with pytest.raises(SourceError, match=r"^disallowed by robots.txt: .*\(robots.txt unreachable: timed out"):
        fetch(srv.base + "/x", replace(POLICY, timeout=0.3), robots=RobotsCache())


def test_robots_is_cached_per_origin(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /no\n")
    cache = RobotsCache()
    for path in ("/a", "/b", "/c"):
        fetch(srv.base + path, POLICY, robots=cache)
    assert srv.paths().count("/robots.txt") == 1
    # the same origin written differently shares the entry
    assert not cache.allowed(srv.base.replace("http://", "HTTP://") + "/no", POLICY)
    assert srv.paths().count("/robots.txt") == 1


def test_cache_expiry(srv: Server) -> None:
    now = [1000.0]
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /no\n")
    cache = RobotsCache(ttl=60, clock=lambda: now[0])
    assert not cache.allowed(srv.base + "/no", POLICY)
    srv.routes["/robots.txt"] = robots("")
    now[0] += 30
    assert not cache.allowed(srv.base + "/no", POLICY)
    now[0] += 31
    assert cache.allowed(srv.base + "/no", POLICY)
    assert srv.paths().count("/robots.txt") == 2


def test_unreachable_is_cached_briefly(srv: Server) -> None:
    now = [0.0]
    srv.routes["/robots.txt"] = robots("", status=503)
    cache = RobotsCache(unreachable_ttl=600, clock=lambda: now[0])
    assert not cache.allowed(srv.base + "/x", POLICY)
    srv.routes["/robots.txt"] = robots("", status=404)
    now[0] += 601
    assert cache.allowed(srv.base + "/x", POLICY)


def test_every_redirect_hop_is_checked(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /secret\n")
    srv.routes["/go"] = lambda h: h.reply(302, b"", None, {"Location": "/secret/doc"})
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/go", POLICY, robots=RobotsCache())
    assert err.value.reason == f"disallowed by robots.txt: {srv.base}/secret/doc"
    assert "/secret/doc" not in srv.paths()


def test_robots_redirect_is_followed(srv: Server) -> None:
    srv.routes["/robots.txt"] = lambda h: h.reply(301, b"", None, {"Location": "/real-robots.txt"})
    srv.routes["/real-robots.txt"] = robots("User-agent: *\nDisallow: /no\n")
    cache = RobotsCache()
    assert not cache.allowed(srv.base + "/no", POLICY)
    assert cache.allowed(srv.base + "/yes", POLICY)


def test_robots_redirect_to_private_address_disallows(srv: Server, loopback_only: list) -> None:
    srv.routes["/robots.txt"] = lambda h: h.reply(302, b"", None, {"Location": "http://10.0.0.1/robots.txt"})
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/x", POLICY, robots=RobotsCache())
    assert err.value.reason.startswith(f"disallowed by robots.txt: {srv.base}/x (robots.txt unreachable: refused: ")
    assert all(addr[0] == "127.0.0.1" for addr in loopback_only)


def test_refused_origin_reports_the_refusal_not_robots(srv: Server, loopback_only: list) -> None:
    with pytest.raises(FetchRefused) as err:
        fetch("http://10.0.0.1/page", POLICY, robots=RobotsCache())
    assert err.value.reason.startswith("refused: 10.0.0.1 is a private address")
    assert loopback_only == []


def test_robots_content_type_does_not_matter(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /no\n", ctype="application/octet-stream")
    assert not RobotsCache().allowed(srv.base + "/no", POLICY)


def test_oversize_robots_is_truncated_not_refused(srv: Server) -> None:
    text = "User-agent: *\nDisallow: /no\n" + "# filler\n" * 100_000  # ~900 KiB
    srv.routes["/robots.txt"] = robots(text)
    assert not RobotsCache().allowed(srv.base + "/no", POLICY)


def test_respect_robots_false_skips_it(srv: Server) -> None:
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /\n")
    assert fetch(srv.base + "/x", replace(POLICY, respect_robots=False)).status == 200
    assert "/robots.txt" not in srv.paths()


def test_default_cache_is_process_wide(srv: Server) -> None:
    default_robots_cache().clear()
    srv.routes["/robots.txt"] = robots("User-agent: *\nDisallow: /no\n")
    try:
        with pytest.raises(SourceError, match="^disallowed by robots.txt"):
            fetch(srv.base + "/no", POLICY)
        fetch(srv.base + "/yes", POLICY)
        assert srv.paths().count("/robots.txt") == 1
        assert default_robots_cache() is default_robots_cache()
    finally:
        default_robots_cache().clear()
