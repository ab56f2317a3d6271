"""Fetch one URL safely.

warwatch is self-hosted: it runs next to other services (a router admin page, a cloud
metadata endpoint, a database UI). A feed or a redirect may point anywhere, so the
fetcher must never become a way to reach those (server-side request forgery). Rules:

* only ``http`` and ``https``;
* every host, on every redirect hop, is resolved once, each resolved address is
  checked against the policy (loopback, private, link-local, multicast, reserved,
  unspecified, carrier-grade NAT, ... are refused unless allowed), and the connection
  goes to the address that was checked, so DNS rebinding cannot swap it afterwards;
* bounded time (per operation and in total), bounded size (decompressed bytes),
  bounded redirects; only text-like content types;
* robots.txt is honoured (see :mod:`warwatch.sources.robots`).

Every failure is a :class:`~warwatch.records.SourceError` with a one-line reason.
See docs/fetching.md.

This module is the fetcher's public face: the policy and address checks live in
:mod:`warwatch.sources.policy`, the guarded connections and the low-level GET in
:mod:`warwatch.sources.safehttp`, and their public names are importable from here.
"""

from __future__ import annotations

from warwatch.records import HTML, TEXT, RawDocument, SourceError

# Re-exported: code imports these from warwatch.sources.web.
from warwatch.sources.policy import (
    DEFAULT_USER_AGENT,
    FetchPolicy,
    FetchRefused,
    check_address,
)
from warwatch.sources.robots import RobotsCache, default_robots_cache
from warwatch.sources.safehttp import (
    FetchResult,
    SafeClient,
    make_client,
    safe_get,
)

__all__ = [
    "DEFAULT_USER_AGENT",
    "FetchPolicy",
    "FetchRefused",
    "FetchResult",
    "SafeClient",
    "check_address",
    "fetch",
    "fetch_document",
    "make_client",
]


def fetch(
    url: str,
    policy: FetchPolicy = FetchPolicy(),
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: SafeClient | None = None,
    robots: RobotsCache | None = None,
) -> FetchResult:
    """GET ``url`` under ``policy``, following redirects by hand.

    ``etag``/``last_modified`` make it a conditional GET; a 304 gives
    ``not_modified=True``. ``client`` (from :func:`make_client` with the same network
    policy) reuses connections; ``robots`` is a :class:`~warwatch.sources.robots.RobotsCache`
    (default: the process-wide one). Raises :class:`SourceError` with a one-line reason.
    """
    if not policy.respect_robots:
        robots = None
    elif robots is None:
        robots = default_robots_cache()
    return safe_get(url, policy, etag=etag, last_modified=last_modified, client=client, robots=robots)


def fetch_document(
    url: str,
    policy: FetchPolicy = FetchPolicy(),
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: SafeClient | None = None,
    robots: RobotsCache | None = None,
) -> RawDocument:
    """Fetch ``url`` as a :class:`RawDocument` for extraction (``text/plain`` or HTML).

    A 304 (when ``etag``/``last_modified`` are given) raises :class:`SourceError`
    "not modified": use :func:`fetch` to handle conditional GETs yourself.
    """
    result = fetch(url, policy, etag=etag, last_modified=last_modified, client=client, robots=robots)
    if result.not_modified:
        raise SourceError(f"not modified since last fetch: {url}")
    media_type = TEXT if result.media_type == TEXT else HTML
    return RawDocument(
        source=url,
        content=result.content,
        media_type=media_type,
        url=result.url,
        encoding=result.encoding,
        fetched_at=result.fetched_at,
    )

