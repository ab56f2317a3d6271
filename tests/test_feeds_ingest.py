"""Feeds end to end: `ingest --feed` on a local file, and `watch` polling a feed over HTTP."""

import threading
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import PARAGRAPHS, news_page
from warwatch import service
from warwatch.config import Settings


def rss(items):
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(datetime(2016, 8, 24, 9, i, tzinfo=timezone.utc))}</pubDate></item>"
        for i, (title, link) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>'
            f"<link>https://courier.example/</link>{body}</channel></rss>").encode()


def settings(tmp_path, **kw):
    return Settings(db=tmp_path / "w.db", workers=0, allow_networks=("127.0.0.0/8",), fetch_timeout=5, **kw)


def test_local_feed_file_ingests_its_pages(store, tmp_path):
    (tmp_path / "pages").mkdir()
    for i in range(3):
        (tmp_path / "pages" / f"{i}.html").write_text(
            news_page(f"Story {i}", url=f"https://courier.example/{i}",
                      paragraphs=[f"Story {i}. " + p for p in PARAGRAPHS]))
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([(f"Story {i}", f"pages/{i}.html") for i in range(3)] + [("Gone", "pages/none.html")]))
    summary = service.run_ingest(store, settings(tmp_path), feeds=[str(feed)])
    assert summary.new == 3
    assert [f.reason for f in summary.failures] == ["no such file or folder"]
    again = service.run_ingest(store, settings(tmp_path), feeds=[str(feed)])
    assert (again.new, again.unchanged) == (0, 3)


def test_broken_and_unsafe_feeds_are_failures(store, tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    "<rss><channel><title>&b;</title></channel></rss>")
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"\x00\x01\x02 this is not xml")
    summary = service.run_ingest(store, settings(tmp_path), feeds=[str(bomb), str(broken)])
    reasons = [f.reason for f in summary.failures]
    assert len(reasons) == 2 and reasons[0].startswith("unsafe feed")
    assert store.count()["articles"] == 0


class FeedSite:
    """A tiny news site on loopback: a feed with an ETag, and pages; it counts requests."""

    def __init__(self):
        self.items = [("First story", "/story/1")]
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                if self.path == "/feed.xml":
                    etag = f'"v{len(site.items)}"'
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.end_headers()
                        return
                    body = rss([(t, f"http://127.0.0.1:{site.port}{p}" if p.startswith("/") else p)
                                for t, p in site.items])
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("ETag", etag)
                elif self.path.startswith("/story/"):
                    n = self.path.rsplit("/", 1)[1]
                    body = news_page(f"Story {n}", url=None,
                                     paragraphs=[f"Story {n}. " + p for p in PARAGRAPHS]).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                else:
                    body = b"not found"
                    self.send_response(404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = FeedSite()
    yield s
    s.close()


@pytest.mark.timeout(60)
def test_watch_polls_with_conditional_get_and_fetches_only_new_entries(store, tmp_path, site):
    url = f"http://127.0.0.1:{site.port}/feed.xml"
    cfg = settings(tmp_path)
    first = service.run_ingest(store, cfg, feeds=[url], only_new=True)
    assert first.new == 1 and not first.failures
    site.hits.clear()
    second = service.run_ingest(store, cfg, feeds=[url], only_new=True)
    assert second.documents == 0 and site.hits == ["/feed.xml"]  # 304, nothing downloaded
    site.items.append(("Second story", "/story/2"))
    site.hits.clear()
    third = service.run_ingest(store, cfg, feeds=[url], only_new=True)
    assert third.new == 1
    assert [h for h in site.hits if h.startswith("/story/")] == ["/story/2"]  # not /story/1 again


@pytest.mark.timeout(60)
def test_loopback_feed_refused_without_permission(store, tmp_path, site):
    url = f"http://127.0.0.1:{site.port}/feed.xml"
    summary = service.run_ingest(store, Settings(db=tmp_path / "w.db", workers=0), feeds=[url])
    [failure] = summary.failures
    assert "refused" in failure.reason and site.hits == []


def test_local_feed_cannot_make_us_read_files_outside_its_folder(store, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT of a file nobody meant to ingest. " * 5)
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "link.txt").symlink_to(secret)  # a symlink out of the folder is refused too
    feed = folder / "feed.xml"
    feed.write_bytes(rss([("Absolute", str(secret)), ("Climb", "../secret.txt"), ("Symlink", "link.txt"),
                          ("File URL", secret.as_uri()), ("Other scheme", "ftp://x.example/a")]))
    summary = service.run_ingest(store, settings(tmp_path), feeds=[str(feed)])
    assert summary.new == 0 and len(summary.failures) == 5
    assert all(f.reason.startswith("refused: feed entry link is outside the feed's folder") for f in summary.failures)
    assert store.search("SECRET") == [] and store.count()["articles"] == 0


def test_url_feed_entries_are_only_ever_fetched(store, tmp_path, site):
    site.items = [("Local path", "../../etc/hostname")]
    url = f"http://127.0.0.1:{site.port}/feed.xml"
    summary = service.run_ingest(store, settings(tmp_path), feeds=[url])
    # the relative link resolves against the feed URL: fetched over HTTP (a 404 here), never read from disk
    assert [f.reason.split(":")[0] for f in summary.failures] == ["HTTP 404"]
