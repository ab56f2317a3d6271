"""RSS/Atom parsing and fetching: safety, dates, links, conditional GET (127.0.0.1 only)."""

from __future__ import annotations

import socket
import time
import tracemalloc
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from loopback import Handler, Server, guard_connections, running
from warwatch.records import SourceError
from warwatch.sources.feeds import (
    UNSAFE_ENTITIES,
    FeedEntry,
    entry_location,
    fetch_feed,
    parse_feed,
)
from warwatch.sources.web import FetchPolicy

pytestmark = pytest.mark.timeout(30)

UTC = timezone.utc

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Frontline Daily</title>
  <link>https://frontline.example/</link>
  <item>
    <title>Shelling reported near the river</title>
    <link>articles/2025/06/shelling.html</link>
    <guid isPermaLink="false">fd-1001</guid>
    <pubDate>Tue, 03 Jun 2025 10:00:00 +0200</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Full <b>story</b>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Talks resume</title>
    <link>https://other.example/talks</link>
    <pubDate>Wed, 04 Jun 2025 08:30:00 GMT</pubDate>
    <description>Delegations met.</description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire Service</title>
  <link href="/" rel="alternate"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2025-06-05T12:00:00Z</updated>
  <entry>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <title>Ceasefire holds</title>
    <link href="stories/ceasefire" rel="alternate"/>
    <published>2025-06-05T07:15:00-04:00</published>
    <updated>2025-06-05T12:00:00Z</updated>
    <summary>It held overnight.</summary>
    <content type="html">&lt;p&gt;It &lt;em&gt;held&lt;/em&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>urn:uuid:2</id>
    <title>Only updated</title>
    <link href="https://wire.example/2"/>
    <updated>2025-06-06T00:00:00+03:00</updated>
  </entry>
</feed>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://x.example/</link></item></channel></rss>
"""


def _quadratic() -> bytes:
    big = "A" * 100_000
    refs = "&a;" * 20_000
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]>'
        f'<rss version="2.0"><channel><title>t</title><item><title>{refs}</title></item></channel></rss>'
    ).encode()


EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title><item><title>x</title></item></channel></rss>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://10.0.0.1/evil.dtd"> %remote;]>
<rss version="2.0"><channel><title>x</title></channel></rss>
"""


# ------------------------------------------------------------------- parsing

def test_rss2_parsed_with_dates_and_content() -> None:
    feed = parse_feed(RSS, "https://frontline.example/feeds/main.xml")
    assert feed.title == "Frontline Daily"
    assert feed.link == "https://frontline.example/"
    first, second = feed.entries
    assert first.id == "fd-1001"  # isPermaLink="false": kept as written
    assert first.title == "Shelling reported near the river"
    assert first.link == "https://frontline.example/feeds/articles/2025/06/shelling.html"
    assert first.published == datetime(2025, 6, 3, 8, 0, tzinfo=UTC)
    assert first.published.tzinfo is not None
    assert first.summary == "Short summary."
    assert first.content_html == "<p>Full <b>story</b>.</p>"
    assert second.link == "https://other.example/talks"
    assert second.id == "https://other.example/talks"  # no guid: falls back to the link
    assert second.published == datetime(2025, 6, 4, 8, 30, tzinfo=UTC)
    assert second.content_html is None


def test_atom_parsed_with_dates_and_relative_links() -> None:
    feed = parse_feed(ATOM, "https://wire.example/en/atom.xml")
    assert feed.title == "Wire Service"
    assert feed.link == "https://wire.example/"
    first, second = feed.entries
    assert first.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert first.link == "https://wire.example/en/stories/ceasefire"
    assert first.published == datetime(2025, 6, 5, 11, 15, tzinfo=UTC)
    assert first.summary == "It held overnight."
    assert first.content_html == "<p>It <em>held</em>.</p>"
    assert second.published == datetime(2025, 6, 5, 21, 0, tzinfo=UTC)  # updated, as UTC


def test_without_url_relative_links_stay_relative() -> None:
    feed = parse_feed(RSS)
    assert feed.entries[0].link == "articles/2025/06/shelling.html"


def test_entry_without_id_or_link_gets_a_stable_id() -> None:
    doc = b'<rss version="2.0"><channel><title>t</title><item><title>A</title><description>B</description></item></channel></rss>'
    one = parse_feed(doc).entries[0]
    two = parse_feed(doc).entries[0]
    assert one.id.startswith("sha1:") and one.id == two.id
    assert one.link is None and one.published is None


def test_empty_but_valid_feed() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert feed.title == "Quiet" and feed.entries == []


def test_sloppy_feed_with_entries_is_still_read() -> None:
    doc = (
        b'<rss version="2.0"><channel><title>Fish & Chips</title>'
        b'<item><title>Unescaped & ampersand</title><link>https://a.example/1</link></item>'
        b"<item><title>Unclosed<b> tag</title><link>https://a.example/2</link></item>"
        b"</channel>"  # no </rss>
    )
    feed = parse_feed(doc)
    assert [e.link for e in feed.entries] == ["https://a.example/1", "https://a.example/2"]
    assert feed.entries[0].title == "Unescaped & ampersand"


def test_netscape_doctype_without_entity_declarations_is_fine() -> None:
    doc = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Caf\xe9</title>'
        b"<item><title>r&eacute;sum&eacute;</title><link>https://a.example/r</link></item></channel></rss>"
    )
    feed = parse_feed(doc)
    assert feed.title == "Café"
    assert feed.entries[0].title == "résumé"


def test_charset_from_content_type_wins() -> None:
    doc = '<rss version="2.0"><channel><title>Київ</title><item><title>Х</title></item></channel></rss>'
    feed = parse_feed(doc.encode("koi8-u"), content_type="application/rss+xml; charset=koi8-u")
    assert feed.title == "Київ"


# -------------------------------------------------------------------- safety

@pytest.mark.parametrize(
    "doc",
    [BILLION_LAUGHS, _quadratic(), EXTERNAL_ENTITY, PARAMETER_ENTITY],
    ids=["billion-laughs", "quadratic-blowup", "external-entity", "parameter-entity"],
)
def test_entity_declarations_rejected_fast_and_small(doc: bytes) -> None:
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(SourceError) as err:
            parse_feed(doc)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.value.reason == UNSAFE_ENTITIES == "unsafe feed: XML entity declarations are not allowed"
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_entity_declaration_in_broken_xml_rejected() -> None:
    doc = b'<rss version="2.0"><!DOCTYPE x [<!ENTITY a "b">]><channel><item><title>&a;</title></item> <<<'
    with pytest.raises(SourceError, match="^unsafe feed"):
        parse_feed(doc)


def test_entity_declaration_in_utf16_rejected() -> None:
    with pytest.raises(SourceError, match="^unsafe feed"):
        parse_feed(BILLION_LAUGHS.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>').decode().encode("utf-16"))


@pytest.mark.parametrize(
    "doc",
    [b"hello, world", b"<html><head><title>x</title></head><body><p>not a feed</body></html>", b"\x00\x01\x02\xff", b"   "],
    ids=["text", "html", "binary", "blank"],
)
def test_not_a_feed(doc: bytes) -> None:
    with pytest.raises(SourceError) as err:
        parse_feed(doc)
    assert err.value.reason.startswith("not a valid RSS/Atom feed: ")
    assert "\n" not in err.value.reason


def test_feed_size_limit() -> None:
    with pytest.raises(SourceError, match="^feed too large"):
        parse_feed(RSS, max_bytes=100)


def test_parse_feed_never_fetches_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(SourceError, match="^not a valid RSS/Atom feed"):
        parse_feed(b"http://10.0.0.1/feed.xml")


# ------------------------------------------------------------- local files

@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "01-some-article.html").write_text("<p>one</p>")
    (tmp_path / "secret.txt").write_text("not for feeds")
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Demo</title>
      <item><title>Local</title><link>pages/01-some-article.html</link></item>
      <item><title>Missing</title><link>pages/02-missing.html</link></item>
      <item><title>Remote</title><link>https://invented-outlet.example/a</link></item>
      <item><title>Escape</title><link>../secret.txt</link></item>
    </channel></rss>"""
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "pages").mkdir()
    (tmp_path / "demo" / "pages" / "01-some-article.html").write_text("<p>one</p>")
    (tmp_path / "demo" / "feed.xml").write_bytes(feed)
    return tmp_path / "demo"


def test_fetch_feed_from_local_file(corpus: Path) -> None:
    result = fetch_feed(corpus / "feed.xml")
    assert result.location == str(corpus / "feed.xml")
    assert not result.not_modified and result.etag is None
    assert [e.title for e in result.entries] == ["Local", "Missing", "Remote", "Escape"]
    assert result.feed.title == "Demo"
    assert fetch_feed(str(corpus / "feed.xml")).entries == result.entries
    assert fetch_feed((corpus / "feed.xml").as_uri()).entries == result.entries


def test_entry_location_for_local_feed(corpus: Path) -> None:
    feed_path = corpus / "feed.xml"
    local, missing, remote, escape = fetch_feed(feed_path).entries
    assert entry_location(local, feed_path) == str((corpus / "pages" / "01-some-article.html").resolve())
    assert entry_location(local, str(feed_path)) == str((corpus / "pages" / "01-some-article.html").resolve())
    assert entry_location(missing, feed_path) == str((corpus / "pages" / "02-missing.html").resolve())
    assert entry_location(remote, feed_path) == "https://invented-outlet.example/a"
    with pytest.raises(SourceError, match="outside the feed's folder"):
        entry_location(escape, feed_path)  # a feed must not point us at arbitrary local files


def test_entry_location_for_url_feed() -> None:
    entry = FeedEntry(id="1", link="pages/a.html", title=None, published=None, summary=None, content_html=None)
    assert entry_location(entry, "https://x.example/feeds/rss.xml") == "https://x.example/feeds/pages/a.html"
    no_link = FeedEntry(id="2", link=None, title=None, published=None, summary=None, content_html=None)
    assert entry_location(no_link, "https://x.example/feeds/rss.xml") is None


def test_missing_local_feed(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^cannot read feed "):
        fetch_feed(tmp_path / "nope.xml")


def test_local_feed_size_limit(corpus: Path) -> None:
    with pytest.raises(SourceError, match="^feed too large"):
        fetch_feed(corpus / "feed.xml", FetchPolicy(max_bytes=50))


def test_local_broken_feed_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<rss><channel><item>")
    with pytest.raises(SourceError) as err:
        fetch_feed(path)
    assert err.value.reason.startswith("not a valid RSS/Atom feed")
    assert err.value.reason.endswith(str(path))


# ------------------------------------------------------------------ over HTTP

ETAG, MODIFIED = '"feed-v7"', "Wed, 04 Jun 2025 09:00:00 GMT"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running(default_ctype="application/rss+xml", fallback=lambda h: h.reply(404, b"")) as srv:
        yield srv


@pytest.fixture
def srv(server: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    guard_connections(monkeypatch)
    return server.reset()


POLICY = FetchPolicy(allow_networks=("127.0.0.0/8",), timeout=5, respect_robots=False)


def conditional_feed(h: Handler) -> None:
    if h.headers.get("If-None-Match") == ETAG or h.headers.get("If-Modified-Since") == MODIFIED:
        h.send_response(304)
        h.send_header("ETag", ETAG)
        h.send_header("Last-Modified", MODIFIED)
        h.end_headers()
        return
    h.reply(200, RSS, "application/rss+xml; charset=utf-8", {"ETag": ETAG, "Last-Modified": MODIFIED})


def test_fetch_feed_over_http_resolves_links_against_final_url(srv: Server) -> None:
    srv.routes["/feed"] = lambda h: h.reply(301, b"", "text/plain", {"Location": "/feeds/main.xml"})
    srv.routes["/feeds/main.xml"] = conditional_feed
    result = fetch_feed(srv.base + "/feed", POLICY)
    assert result.location == srv.base + "/feeds/main.xml"
    assert result.etag == ETAG and result.last_modified == MODIFIED
    assert result.entries[0].link == srv.base + "/feeds/articles/2025/06/shelling.html"
    assert entry_location(result.entries[0], result.location) == result.entries[0].link


def test_fetch_feed_conditional_get_with_etag(srv: Server) -> None:
    srv.routes["/feeds/main.xml"] = conditional_feed
    first = fetch_feed(srv.base + "/feeds/main.xml", POLICY)
    again = fetch_feed(srv.base + "/feeds/main.xml", POLICY, etag=first.etag)
    assert again.not_modified and again.entries == []
    assert again.etag == ETAG and again.last_modified == MODIFIED
    assert srv.requests[-1][1]["If-None-Match"] == ETAG


def test_fetch_feed_conditional_get_with_last_modified(srv: Server) -> None:
    srv.routes["/feeds/main.xml"] = conditional_feed
    again = fetch_feed(srv.base + "/feeds/main.xml", POLICY, last_modified=MODIFIED)
    assert again.not_modified and again.entries == []
    assert srv.requests[-1][1]["If-Modified-Since"] == MODIFIED


def test_fetch_feed_unsafe_over_http(srv: Server) -> None:
    srv.routes["/bomb.xml"] = lambda h: h.reply(200, BILLION_LAUGHS)
    with pytest.raises(SourceError) as err:
        fetch_feed(srv.base + "/bomb.xml", POLICY)
    assert err.value.reason == f"{UNSAFE_ENTITIES}: {srv.base}/bomb.xml"


def test_fetch_feed_html_page_is_not_a_feed(srv: Server) -> None:
    srv.routes["/page"] = lambda h: h.reply(200, b"<html><body><p>hi</p></body></html>", "text/html")
    with pytest.raises(SourceError, match="^not a valid RSS/Atom feed"):
        fetch_feed(srv.base + "/page", POLICY)


def test_fetch_feed_http_error(srv: Server) -> None:
    with pytest.raises(SourceError, match=r"^HTTP 404: "):
        fetch_feed(srv.base + "/missing.xml", POLICY)
