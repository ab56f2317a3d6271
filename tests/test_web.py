"""The safe fetcher, against a real HTTP server on 127.0.0.1 (and nothing else).

Every socket connect in this module goes through a guard that fails the test if the
address is not 127.0.0.1, so a refusal that came too late would show as a failure, and
no test can send traffic beyond loopback.
"""

from __future__ import annotations

import gzip
import socket
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from loopback import Handler, Route, Server, guard_connections, running
from warwatch.records import HTML, TEXT, SourceError
from warwatch.sources import safehttp, web
from warwatch.sources.web import (
    FetchPolicy,
    FetchRefused,
    check_address,
    fetch,
    fetch_document,
    make_client,
)

pytestmark = pytest.mark.timeout(30)

@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running() as srv:
        yield srv


@pytest.fixture
def srv(server: Server) -> Server:
    server.reset()
    server.routes["/robots.txt"] = lambda h: h.reply(404, b"", "text/plain")
    return server


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record every outgoing connect; fail on anything but 127.0.0.1."""
    return guard_connections(monkeypatch)


POLICY = FetchPolicy(allow_networks=("127.0.0.0/8",), timeout=5, respect_robots=False)


def page(body: bytes = b"<html><body><p>Hello</p></body></html>", ctype: str = "text/html; charset=utf-8") -> Route:
    return lambda h: h.reply(200, body, ctype)


# ------------------------------------------------------------------------ basics

def test_plain_fetch(srv: Server) -> None:
    srv.routes["/a"] = page()
    result = fetch(srv.base + "/a", POLICY)
    assert result.status == 200
    assert result.content == b"<html><body><p>Hello</p></body></html>"
    assert result.media_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.url == srv.base + "/a"
    assert not result.not_modified
    assert result.fetched_at.tzinfo is not None and result.fetched_at.utcoffset().total_seconds() == 0
    (_, headers), = srv.requests
    assert headers["User-Agent"].startswith("warwatch/")
    assert "self-hosted conflict-news monitor" in headers["User-Agent"]


def test_charset_from_header_and_bytes_untouched(srv: Server) -> None:
    body = "Привет".encode("windows-1251")
    srv.routes["/cp"] = page(body, "text/html; charset=windows-1251")
    result = fetch(srv.base + "/cp", POLICY)
    assert result.encoding == "windows-1251"
    assert result.content == body


def test_missing_content_type_is_accepted(srv: Server) -> None:
    srv.routes["/bare"] = lambda h: h.reply(200, b"<p>x</p>", None)
    result = fetch(srv.base + "/bare", POLICY)
    assert result.media_type is None and result.encoding is None


def test_fetch_document(srv: Server) -> None:
    srv.routes["/t"] = page(b"plain words", "text/plain; charset=iso-8859-1")
    srv.routes["/h"] = page()
    srv.routes["/go"] = lambda h: h.redirect("/t")
    doc = fetch_document(srv.base + "/go", POLICY)
    assert doc.media_type == TEXT
    assert doc.content == b"plain words"
    assert doc.encoding == "iso-8859-1"
    assert doc.source == srv.base + "/go"
    assert doc.url == srv.base + "/t"
    assert doc.fetched_at is not None
    assert fetch_document(srv.base + "/h", POLICY).media_type == HTML


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_body_is_decoded(srv: Server, coding: str) -> None:
    body = b"<p>compressed</p>" * 100
    if coding == "gzip":
        data = gzip.compress(body)
    elif coding == "deflate":
        data = zlib.compress(body)
    else:
        squeeze = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data = squeeze.compress(body) + squeeze.flush()
    header = coding.replace("raw-", "")
    srv.routes["/z"] = lambda h: h.reply(200, data, "text/html", {"Content-Encoding": header})
    assert fetch(srv.base + "/z", POLICY).content == body


def test_unknown_content_encoding_refused(srv: Server) -> None:
    srv.routes["/br"] = lambda h: h.reply(200, b"??", "text/html", {"Content-Encoding": "br"})
    with pytest.raises(SourceError, match="^unsupported Content-Encoding 'br'"):
        fetch(srv.base + "/br", POLICY)


# --------------------------------------------------------------------- redirects

def test_redirect_chain_within_limit(srv: Server) -> None:
    srv.routes["/r1"] = lambda h: h.redirect("/r2", 301)
    srv.routes["/r2"] = lambda h: h.redirect(srv.base + "/r3", 307)
    srv.routes["/r3"] = lambda h: h.redirect("final", 308)
    srv.routes["/final"] = page(b"done")
    result = fetch(srv.base + "/r1", POLICY)
    assert result.content == b"done"
    assert result.url == srv.base + "/final"
    assert srv.paths() == ["/r1", "/r2", "/r3", "/final"]


def test_too_many_redirects(srv: Server) -> None:
    srv.routes["/loop"] = lambda h: h.redirect("/loop")
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/loop", replace(POLICY, max_redirects=3))
    assert err.value.reason == f"too many redirects (more than 3): {srv.base}/loop"
    assert len(srv.requests) == 4


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("http://10.0.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]/", "loopback"),  # IPv6 loopback is not in 127.0.0.0/8
        ("http://192.168.1.1:8080/admin", "private"),
        ("http://[::ffff:10.0.0.1]/", "private"),
    ],
)
@pytest.mark.parametrize("robots", [False, True])
def test_redirect_to_private_address_is_refused_without_connecting(
    srv: Server, loopback_only: list, target: str, kind: str, robots: bool
) -> None:
    srv.routes["/jump"] = lambda h: h.redirect(target)
    policy = replace(POLICY, respect_robots=robots)
    started = time.monotonic()
    with pytest.raises(FetchRefused) as err:
        fetch(srv.base + "/jump", policy, robots=web_robots() if robots else None)
    assert time.monotonic() - started < 2
    assert err.value.reason.startswith("refused: ")
    assert f"{kind} address" in err.value.reason
    assert all(addr[0] == "127.0.0.1" for addr in loopback_only)
    assert "/jump" in srv.paths()


def web_robots():  # a fresh cache, so results do not leak between tests
    from warwatch.sources.robots import RobotsCache

    return RobotsCache()


def test_redirect_to_other_scheme_is_refused(srv: Server) -> None:
    srv.routes["/ftp"] = lambda h: h.redirect("ftp://127.0.0.1/file")
    with pytest.raises(FetchRefused, match=r"^refused: only http and https URLs are fetched: ftp://"):
        fetch(srv.base + "/ftp", POLICY)


# ---------------------------------------------------------------------- addresses

@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "2130706433", "0x7f000001", "127.1", "0.0.0.0",
     "[::ffff:127.0.0.1]", "[::1]"],
)
def test_loopback_forms_refused_by_default(srv: Server, loopback_only: list, host: str) -> None:
    url = f"http://{host}:{srv.port}/a"
    srv.routes["/a"] = page()
    started = time.monotonic()
    with pytest.raises(FetchRefused) as err:
        fetch(url, FetchPolicy(timeout=2))  # default policy, robots on
    assert time.monotonic() - started < 2
    assert err.value.reason.startswith("refused: ")
    assert "(set allow_private or allow_networks to fetch it)" in err.value.reason
    assert loopback_only == []
    assert srv.requests == []


def test_octal_ip_literal_is_rejected_as_invalid(srv: Server, loopback_only: list) -> None:
    # httpx itself refuses a dotted address with a leading zero; no connection either way.
    with pytest.raises(SourceError, match="^invalid URL"):
        fetch(f"http://0177.0.0.1:{srv.port}/a", FetchPolicy())
    assert loopback_only == [] and srv.requests == []


def test_decimal_ip_literal_reason(srv: Server) -> None:
    with pytest.raises(FetchRefused) as err:
        fetch(f"http://2130706433:{srv.port}/", FetchPolicy())
    assert err.value.reason == (
        "refused: 2130706433 resolves to loopback address 127.0.0.1 "
        "(set allow_private or allow_networks to fetch it)"
    )


def test_allow_private_allows_loopback(srv: Server) -> None:
    srv.routes["/a"] = page(b"ok")
    policy = FetchPolicy(allow_private=True, respect_robots=False, timeout=5)
    assert fetch(f"http://localhost:{srv.port}/a", policy).content == b"ok"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.0.10", "private"),
        ("127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.1.1", "carrier-grade NAT"),
        ("240.0.0.1", "private"),  # Python counts 240/4 ("reserved") as private
        ("255.255.255.255", "private"),
        ("192.0.2.1", "private"),  # documentation range
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "link-local"),
        ("64:ff9b::a00:1", "private (IPv4 10.0.0.1 inside IPv6)"),
        ("2002:7f00:1::", "loopback (IPv4 127.0.0.1 inside IPv6)"),
        ("::7f00:1", "reserved"),
    ],
)
def test_check_address_refuses_non_public(address: str, kind: str) -> None:
    with pytest.raises(FetchRefused) as err:
        check_address("example.test", address, FetchPolicy())
    assert f"resolves to {kind} address" in err.value.reason
    check_address("example.test", address, FetchPolicy(allow_private=True))  # no error


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_check_address_allows_public(address: str) -> None:
    check_address("example.test", address, FetchPolicy())


def test_check_address_allow_networks() -> None:
    policy = FetchPolicy(allow_networks=("10.1.0.0/16",))
    check_address("mirror.lan", "10.1.2.3", policy)
    with pytest.raises(FetchRefused, match="resolves to private address 10.2.0.1"):
        check_address("mirror.lan", "10.2.0.1", policy)


def test_bad_allow_networks_rejected() -> None:
    with pytest.raises(ValueError, match="allow_networks"):
        FetchPolicy(allow_networks=("not-a-cidr",))


# --------------------------------------------------------------- DNS rebinding

@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Answer made-up ``*.test`` names from a table; count the lookups."""
    table: dict[str, list[list[str]]] = {}
    calls: dict[str, int] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(host, str) and host.endswith(".test"):
            answers = table[host]
            n = calls.get(host, 0)
            calls[host] = n + 1
            addresses = answers[min(n, len(answers) - 1)]
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port) if ":" not in a else (a, port, 0, 0))
                for a in addresses
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return {"table": table, "calls": calls}


def test_dns_rebinding_connects_to_the_checked_address(srv: Server, fake_dns: dict, loopback_only: list) -> None:
    # First answer is allowed; any later lookup would say 10.0.0.5.
    fake_dns["table"]["rebind.test"] = [["127.0.0.1"], ["10.0.0.5"]]
    srv.routes["/a"] = page(b"ok")
    result = fetch(f"http://rebind.test:{srv.port}/a", POLICY)
    assert result.content == b"ok"
    assert fake_dns["calls"]["rebind.test"] == 1
    assert [addr[0] for addr in loopback_only] == ["127.0.0.1"]
    (_, headers), = srv.requests
    assert headers["Host"] == f"rebind.test:{srv.port}"


def test_host_with_any_private_address_is_refused(srv: Server, fake_dns: dict, loopback_only: list) -> None:
    fake_dns["table"]["mixed.test"] = [["93.184.216.34", "10.0.0.5"]]
    with pytest.raises(FetchRefused) as err:
        fetch("http://mixed.test/", FetchPolicy())
    assert err.value.reason == (
        "refused: mixed.test resolves to private address 10.0.0.5 "
        "(set allow_private or allow_networks to fetch it)"
    )
    assert loopback_only == []


def test_unresolvable_host(fake_dns: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(SourceError, match=r"^cannot resolve host nowhere\.test: "):
        fetch("http://nowhere.test/", FetchPolicy(respect_robots=False))


# ------------------------------------------------------------------ failures

def test_only_http_and_https() -> None:
    for url in ("ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/"):
        with pytest.raises(FetchRefused, match="^refused: only http and https URLs are fetched"):
            fetch(url, POLICY)


def test_invalid_url() -> None:
    with pytest.raises(SourceError, match="invalid URL"):
        fetch("http://", POLICY)


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_errors(srv: Server, status: int) -> None:
    srv.routes["/e"] = lambda h: h.reply(status, b"oops")
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/e", POLICY)
    assert err.value.reason == f"HTTP {status}: {srv.base}/e"


@pytest.mark.parametrize("ctype", ["image/png", "application/pdf", "application/octet-stream", "video/mp4"])
def test_non_text_content_type_refused(srv: Server, ctype: str) -> None:
    srv.routes["/bin"] = page(b"\x89PNG....", ctype)
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/bin", POLICY)
    assert err.value.reason == f"refused: content type {ctype} is not text: {srv.base}/bin"


@pytest.mark.parametrize("ctype", ["application/rss+xml", "application/atom+xml", "text/xml", "application/xhtml+xml"])
def test_feed_and_xml_types_accepted(srv: Server, ctype: str) -> None:
    srv.routes["/x"] = page(b"<x/>", ctype)
    assert fetch(srv.base + "/x", POLICY).media_type == ctype


def test_timeout(srv: Server) -> None:
    def slow(h: Handler) -> None:
        time.sleep(3)
        h.reply(200, b"late")

    srv.routes["/slow"] = slow
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/slow", replace(POLICY, timeout=0.5))
    assert time.monotonic() - started < 2.5
    assert err.value.reason == f"timed out after 0.5 s: {srv.base}/slow"


def test_total_deadline_stops_a_trickling_server(srv: Server) -> None:
    def trickle(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)

    srv.routes["/trickle"] = trickle
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/trickle", replace(POLICY, timeout=1, deadline=1))
    assert time.monotonic() - started < 3
    assert err.value.reason == f"timed out: no complete response within 1 s: {srv.base}/trickle"


def test_connection_refused() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SourceError, match=r"^connection failed \(.*\): http://127\.0\.0\.1:\d+/$"):
        fetch(f"http://127.0.0.1:{port}/", POLICY)


def test_tls_error(srv: Server) -> None:
    # https to a plain-HTTP server: the TLS handshake fails.
    with pytest.raises(SourceError, match=r"^TLS error \(.*\): https://127\.0\.0\.1:\d+/a$"):
        fetch(f"https://127.0.0.1:{srv.port}/a", POLICY)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """HTTPS on 127.0.0.1 with a self-signed certificate for news.test."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl not available to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True, timeout=20,
    )
    srv = Server()
    srv.routes["/a"] = page(b"secure")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    srv.cafile = str(cert)  # type: ignore[attr-defined]
    with running(srv):
        yield srv


def test_tls_verifies_the_hostname_while_connecting_to_the_checked_ip(
    tls_server: Server, fake_dns: dict, monkeypatch: pytest.MonkeyPatch, loopback_only: list
) -> None:
    import ssl

    monkeypatch.setattr(safehttp, "_SSL_CONTEXT", ssl.create_default_context(cafile=tls_server.cafile))  # type: ignore[attr-defined]
    fake_dns["table"]["news.test"] = [["127.0.0.1"]]
    fake_dns["table"]["other.test"] = [["127.0.0.1"]]
    result = fetch(f"https://news.test:{tls_server.port}/a", POLICY)
    assert result.content == b"secure"
    assert [addr[0] for addr in loopback_only] == ["127.0.0.1"]
    # Same IP, but the certificate is not for other.test: the name, not the IP, is checked.
    with pytest.raises(SourceError, match=r"^TLS error \(.*other\.test.*\): https://other\.test"):
        fetch(f"https://other.test:{tls_server.port}/a", POLICY)


# ------------------------------------------------------------------- size

BIG = 50 * 1024 * 1024


def _stream(h: Handler, total: int, declared: int | None, chunked: bool = False, close: bool = False) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    if declared is not None:
        h.send_header("Content-Length", str(declared))
    if chunked:
        h.send_header("Transfer-Encoding", "chunked")
    if close:
        h.send_header("Connection", "close")
        h.close_connection = True
    h.end_headers()
    block = b"x" * 65536
    sent = 0
    while sent < total:
        if chunked:
            h.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
        else:
            h.wfile.write(block)
        sent += len(block)
        h.server.sent = sent  # type: ignore[attr-defined]
    if chunked:
        h.wfile.write(b"0\r\n\r\n")


def test_oversize_declared_content_length_refused_before_reading(srv: Server) -> None:
    srv.routes["/huge"] = lambda h: _stream(h, BIG, BIG)
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/huge", replace(POLICY, max_bytes=1024 * 1024))
    assert time.monotonic() - started < 5
    assert err.value.reason == (
        f"too large: Content-Length {BIG} bytes exceeds 1 MiB (max_bytes): {srv.base}/huge"
    )


@pytest.mark.parametrize("mode", ["chunked", "no-length"])
def test_oversize_stream_aborted(srv: Server, mode: str) -> None:
    srv.sent = 0  # type: ignore[attr-defined]
    srv.routes["/stream"] = lambda h: _stream(h, BIG, None, chunked=mode == "chunked", close=mode == "no-length")
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        fetch(srv.base + "/stream", replace(POLICY, max_bytes=1024 * 1024))
    assert time.monotonic() - started < 5
    assert err.value.reason == f"too large: more than 1 MiB (max_bytes): {srv.base}/stream"
    time.sleep(0.2)
    assert srv.sent < BIG  # type: ignore[attr-defined]  # never fully read


def test_lying_content_length_reads_no_more_than_declared(srv: Server) -> None:
    srv.routes["/liar"] = lambda h: _stream(h, 4 * 65536, 1000, close=True)
    result = fetch(srv.base + "/liar", replace(POLICY, max_bytes=1024 * 1024))
    assert len(result.content) == 1000


def test_gzip_bomb_aborted(srv: Server) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 1024 * 1024
    srv.routes["/bomb"] = lambda h: h.reply(200, bomb, "text/html", {"Content-Encoding": "gzip"})
    with pytest.raises(SourceError, match=r"^too large: more than 1 MiB \(max_bytes\)"):
        fetch(srv.base + "/bomb", replace(POLICY, max_bytes=1024 * 1024))


# ------------------------------------------------------------- conditional GET

def _conditional(h: Handler) -> None:
    etag, modified = '"v1"', "Tue, 03 Jun 2025 10:00:00 GMT"
    if h.headers.get("If-None-Match") == etag or h.headers.get("If-Modified-Since") == modified:
        h.send_response(304)
        h.send_header("ETag", etag)
        h.end_headers()
        return
    h.reply(200, b"<p>v1</p>", "text/html", {"ETag": etag, "Last-Modified": modified})


def test_conditional_get_with_etag(srv: Server) -> None:
    srv.routes["/c"] = _conditional
    first = fetch(srv.base + "/c", POLICY)
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Tue, 03 Jun 2025 10:00:00 GMT")
    again = fetch(srv.base + "/c", POLICY, etag=first.etag)
    assert again.not_modified and again.status == 304 and again.content == b""
    assert again.etag == '"v1"'
    assert srv.requests[-1][1]["If-None-Match"] == '"v1"'


def test_conditional_get_with_last_modified(srv: Server) -> None:
    srv.routes["/c"] = _conditional
    again = fetch(srv.base + "/c", POLICY, last_modified="Tue, 03 Jun 2025 10:00:00 GMT")
    assert again.not_modified
    assert again.last_modified == "Tue, 03 Jun 2025 10:00:00 GMT"  # kept for the caller
    changed = fetch(srv.base + "/c", POLICY, etag='"v0"')
    assert not changed.not_modified and changed.content == b"<p>v1</p>"


# ---------------------------------------------------------------- clients

def test_reusable_client(srv: Server) -> None:
    srv.routes["/a"] = page(b"a")
    srv.routes["/b"] = page(b"b")
    with make_client(POLICY) as client:
        assert fetch(srv.base + "/a", POLICY, client=client).content == b"a"
        assert fetch(srv.base + "/b", replace(POLICY, max_bytes=10), client=client).content == b"b"
        with pytest.raises(ValueError):
            fetch(srv.base + "/a", FetchPolicy(), client=client)


def test_foreign_client_rejected(srv: Server) -> None:
    with httpx.Client() as client, pytest.raises(TypeError):
        fetch(srv.base + "/a", POLICY, client=client)  # type: ignore[arg-type]


def test_policy_is_immutable() -> None:
    with pytest.raises(AttributeError):
        POLICY.allow_private = True  # type: ignore[misc]


def test_default_user_agent() -> None:
    assert web.DEFAULT_USER_AGENT.startswith("warwatch/")
    assert FetchPolicy().user_agent == web.DEFAULT_USER_AGENT


def test_a_dns_lookup_that_hangs_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def slow(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "slow-dns.test":
            time.sleep(3)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out resolving host slow-dns.test"):
        fetch("http://slow-dns.test/page", replace(POLICY, timeout=0.5))
    assert time.monotonic() - started < 2.5
