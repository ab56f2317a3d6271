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
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from warwatch.records import HTML, TEXT, RawDocument, SourceError

if TYPE_CHECKING:
    from warwatch.sources.robots import RobotsCache

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

MiB = 1024 * 1024


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("warwatch")
    except (ImportError, PackageNotFoundError):  # running from a source tree
        return "0.1.0"


USER_AGENT_TOKEN = "warwatch"
"""The product token robots.txt rules are matched against."""

DEFAULT_USER_AGENT = f"{USER_AGENT_TOKEN}/{_version()} (+self-hosted conflict-news monitor)"

TEXT_MEDIA_TYPES = frozenset(
    {
        "application/xhtml+xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
    }
)
"""Accepted besides any ``text/*`` and any ``*+xml`` type."""

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchRefused(SourceError):
    """The policy refused a URL before any connection was made (scheme, address).

    ``url`` is the URL (possibly a redirect target) that was refused.
    """

    url: str | None = None


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the fetcher may do. Immutable: derive variants with ``dataclasses.replace``."""

    timeout: float = 15.0
    """Seconds allowed for each connect, each read and each write."""
    deadline: float = 60.0
    """Seconds allowed for the whole fetch, redirects and body included."""
    max_bytes: int = 10 * MiB
    """Largest body accepted, counted after decompression. Larger bodies are aborted."""
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    respect_robots: bool = True
    allow_private: bool = False
    """Allow every non-public address (loopback, private, link-local, ...)."""
    allow_networks: tuple[str, ...] = ()
    """CIDRs allowed even though non-public, e.g. ``("127.0.0.0/8",)`` or a LAN mirror."""
    _networks: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.allow_networks, str):  # a lone CIDR, not a tuple of characters
            object.__setattr__(self, "allow_networks", (self.allow_networks,))
        try:
            nets = tuple(ipaddress.ip_network(n, strict=False) for n in self.allow_networks)
        except ValueError as exc:
            raise ValueError(f"FetchPolicy.allow_networks: {exc}") from None
        object.__setattr__(self, "_networks", nets)
        if self.timeout <= 0 or self.deadline <= 0:
            raise ValueError("FetchPolicy timeout and deadline must be positive")
        if self.max_bytes <= 0 or self.max_redirects < 0:
            raise ValueError("FetchPolicy max_bytes must be positive, max_redirects >= 0")

    def address_allowed(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(ip.version == net.version and ip in net for net in self._networks)


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    """Final URL, after redirects."""
    status: int
    content: bytes
    media_type: str | None
    """Lower-cased ``type/subtype`` from Content-Type; None when the server sent none."""
    encoding: str | None
    """Charset from Content-Type, if any."""
    etag: str | None
    last_modified: str | None
    not_modified: bool
    """True on 304: ``content`` is empty and the caller's copy is still current."""
    fetched_at: datetime


# --------------------------------------------------------------------------- addresses

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    return None


def _classify(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address (``"private"``, ``"loopback"``...), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            kind = _classify(inner)
            return f"{kind} (IPv4 {inner} inside IPv6)" if kind else None
        if ip.teredo is not None:
            return "reserved (Teredo)"
        if ip in _NAT64_LOCAL:
            return "private (local NAT64)"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "carrier-grade NAT"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "site-local"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "non-public"
    return None


def check_address(host: str, address: str, policy: FetchPolicy) -> None:
    """Raise :class:`FetchRefused` unless ``policy`` lets us connect to ``address``."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    kind = _classify(ip)
    if kind is None or policy.allow_private or policy.address_allowed(ip):
        return
    article = "an" if kind[0] in "aeiou" else "a"
    what = f"is {article} {kind} address" if host == address else f"resolves to {kind} address {ip}"
    raise FetchRefused(
        f"refused: {host} {what} (set allow_private or allow_networks to fetch it)"
    )


# ------------------------------------------------------------------- network backend
#
# Why this part is hand-written: httpx resolves and connects inside httpcore, so a check
# made on the URL beforehand would do its own DNS lookup and the connection would do a
# second one. A hostile DNS server can answer the first with a public address and the
# second with 127.0.0.1 (DNS rebinding). The only sound place for the check is the
# moment of connecting: this backend resolves the host once, refuses the whole host if
# any address is non-public, and connects to the very address it checked. TLS is layered
# on top by httpcore with the URL's hostname, so SNI and certificate checks are intact.
# Redirects are also handled by hand (below) so every hop goes through this check and
# the robots check. httpx.HTTPTransport does not accept a network backend, so
# _GuardedTransport builds its own httpcore.ConnectionPool (see make_client).


_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="warwatch-dns")


def _resolve(host: str, port: int, timeout: float | None) -> list:
    """``getaddrinfo`` with a time limit: the C resolver has none, and a dead DNS server would
    otherwise hang a fetch (or ``warwatch watch``) far past the policy's timeout."""
    lookup = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        return lookup.result(timeout=timeout)
    except FuturesTimeout:
        raise SourceError(f"timed out resolving host {host} after {timeout:g} s") from None
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceError(f"cannot resolve host {host}: {exc}") from None


class _GuardedBackend(httpcore.NetworkBackend):
    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        infos = _resolve(host, port, timeout)
        addresses: list[str] = []
        for _family, _type, _proto, _canon, sockaddr in infos:
            address = str(sockaddr[0])
            check_address(host, address, self._policy)  # all of them, before connecting
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise SourceError(f"cannot resolve host {host}: no address")
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise FetchRefused("refused: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


_SSL_CONTEXT: Any = None


def _ssl_context() -> Any:
    """One verifying SSL context (certifi's CA bundle) shared by all clients."""
    global _SSL_CONTEXT
    if _SSL_CONTEXT is None:
        _SSL_CONTEXT = httpx.create_ssl_context(trust_env=False)
    return _SSL_CONTEXT


class _GuardedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose connection pool connects through _GuardedBackend."""

    def __init__(self, policy: FetchPolicy) -> None:
        # Deliberately not calling HTTPTransport.__init__: it would build a pool (and
        # maybe proxies) we would throw away. HTTPTransport's methods only use _pool.
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=_GuardedBackend(policy),
        )


class SafeClient(httpx.Client):
    """An ``httpx.Client`` whose every connection obeys a :class:`FetchPolicy`.

    Reuse one across many fetches to keep connections alive; close it when done.
    """

    def __init__(self, policy: FetchPolicy) -> None:
        super().__init__(
            transport=_GuardedTransport(policy),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": policy.user_agent},
            timeout=policy.timeout,
        )
        self.policy = policy


def make_client(policy: FetchPolicy | None = None) -> SafeClient:
    return SafeClient(policy or FetchPolicy())


_NETWORK_FIELDS = ("allow_private", "allow_networks")


def _same_network_policy(a: FetchPolicy, b: FetchPolicy) -> bool:
    return all(getattr(a, name) == getattr(b, name) for name in _NETWORK_FIELDS)


# ---------------------------------------------------------------------------- fetch


def _media_type(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type")
    if not value:
        return None
    return value.split(";", 1)[0].strip().lower() or None


def _is_text_type(media_type: str | None) -> bool:
    if media_type is None:  # no Content-Type: let extraction sniff it
        return True
    return media_type.startswith("text/") or media_type.endswith("+xml") or media_type in TEXT_MEDIA_TYPES


def _size(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB and n % (MiB // 16) == 0 else f"{n} bytes"


def _check_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise SourceError(f"invalid URL {url!r}: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchRefused(f"refused: only http and https URLs are fetched: {url}")
    if not parsed.host:
        raise SourceError(f"invalid URL (no host): {url}")
    return parsed


def _describe_error(exc: httpx.HTTPError, policy: FetchPolicy, url: str) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {policy.timeout:g} s: {url}"
    cause: BaseException | None = exc
    seen = 0
    while cause is not None and seen < 10:
        if isinstance(cause, (ssl.SSLError, ssl.CertificateError)):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None) or cause
            return f"TLS error ({detail}): {url}"
        cause = cause.__cause__ or cause.__context__
        seen += 1
    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed ({message}): {url}"
    if isinstance(exc, httpx.ProtocolError):
        return f"protocol error ({message}): {url}"
    return f"fetch failed ({message}): {url}"


class _Deadline:
    def __init__(self, seconds: float, url: str) -> None:
        self.seconds = seconds
        self.url = url
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise SourceError(f"timed out: no complete response within {self.seconds:g} s: {self.url}")
        return left


def _decoder(encoding: str, url: str) -> Any:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return "deflate"  # zlib-wrapped or raw: decided on the first bytes
    raise SourceError(f"unsupported Content-Encoding {encoding!r}: {url}")


class _Full(Exception):
    pass


def _read_body(
    response: httpx.Response, policy: FetchPolicy, deadline: _Deadline, url: str, truncate: bool = False
) -> bytes:
    """Read at most ``policy.max_bytes`` decoded bytes, aborting as soon as it is exceeded.

    With ``truncate`` the first ``max_bytes`` are returned instead of an error. The
    body is decompressed here, bounded, rather than by httpx, so a small gzip bomb
    cannot inflate past the limit in one go.
    """
    limit = policy.max_bytes
    declared = response.headers.get("content-length", "").strip()
    if not truncate and declared.isdigit() and int(declared) > limit:
        raise SourceError(
            f"too large: Content-Length {int(declared)} bytes exceeds {_size(limit)} (max_bytes): {url}"
        )
    codings = [c for c in response.headers.get("content-encoding", "").split(",") if c.strip()]
    if len(codings) > 1:
        raise SourceError(f"unsupported Content-Encoding {response.headers['content-encoding']!r}: {url}")
    decoder = _decoder(codings[0], url) if codings else None

    out = bytearray()
    raw_total = 0

    def add(piece: bytes) -> None:
        out.extend(piece)
        if len(out) > limit:
            raise _Full

    try:
        for chunk in response.iter_raw():  # as the bytes arrive, so the deadline is checked
            deadline.remaining()
            raw_total += len(chunk)
            if decoder is None:
                add(chunk)
                continue
            if raw_total > limit:
                raise _Full
            if decoder == "deflate":
                zlib_wrapped = chunk[:1] == b"\x78"
                decoder = zlib.decompressobj() if zlib_wrapped else zlib.decompressobj(-zlib.MAX_WBITS)
            data = chunk
            while data:
                add(decoder.decompress(data, 64 * 1024))
                data = decoder.unconsumed_tail
        if decoder is not None and not isinstance(decoder, str):
            add(decoder.flush())
    except _Full:
        if truncate:
            return bytes(out[:limit])
        raise SourceError(f"too large: more than {_size(limit)} (max_bytes): {url}") from None
    except zlib.error as exc:
        raise SourceError(f"corrupt compressed body ({exc}): {url}") from None
    return bytes(out)


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
    return _fetch(url, policy, etag=etag, last_modified=last_modified, client=client, robots=robots)


def _fetch(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: SafeClient | None = None,
    robots: RobotsCache | None = None,
    any_type: bool = False,
    truncate: bool = False,
) -> FetchResult:
    if client is not None:
        if not isinstance(client, SafeClient):
            raise TypeError("fetch(client=...) takes a client from warwatch.sources.web.make_client")
        if not _same_network_policy(client.policy, policy):
            raise ValueError("fetch(): the client's allow_private/allow_networks differ from the policy's")
    own_client = client is None
    if client is None:
        client = SafeClient(policy)
    if policy.respect_robots and robots is None:
        from warwatch.sources.robots import default_robots_cache

        robots = default_robots_cache()

    deadline = _Deadline(policy.deadline, url)
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    try:
        current = url
        hops = 0
        while True:
            try:
                parsed = _check_url(current)
            except FetchRefused as exc:
                exc.url = current
                raise
            if policy.respect_robots:
                robots.check(current, policy, client=client)
            per_op = min(policy.timeout, deadline.remaining())
            request = client.build_request("GET", parsed, headers=headers, timeout=per_op)
            try:
                response = client.send(request, stream=True, follow_redirects=False)
            except FetchRefused as exc:
                exc.url = exc.url or current
                raise
            except httpx.HTTPError as exc:
                if deadline.end <= time.monotonic() and isinstance(exc, httpx.TimeoutException):
                    deadline.remaining()
                raise SourceError(_describe_error(exc, policy, current)) from None
            try:
                status = response.status_code
                if status in REDIRECT_STATUSES and "location" in response.headers:
                    hops += 1
                    if hops > policy.max_redirects:
                        raise SourceError(
                            f"too many redirects (more than {policy.max_redirects}): {url}"
                        )
                    try:
                        target = str(response.url.join(response.headers["location"]))
                    except (httpx.InvalidURL, ValueError) as exc:
                        raise SourceError(f"bad redirect Location ({exc}): {current}") from None
                    current = target
                    continue
                return _finish(response, policy, deadline, current, etag, last_modified, any_type, truncate)
            finally:
                response.close()
    finally:
        if own_client:
            client.close()


def _finish(
    response: httpx.Response,
    policy: FetchPolicy,
    deadline: _Deadline,
    url: str,
    etag: str | None,
    last_modified: str | None,
    any_type: bool,
    truncate: bool,
) -> FetchResult:
    status = response.status_code
    now = datetime.now(timezone.utc)
    if status == 304:
        return FetchResult(
            url=url, status=304, content=b"", media_type=None, encoding=None,
            etag=response.headers.get("etag") or etag,
            last_modified=response.headers.get("last-modified") or last_modified,
            not_modified=True, fetched_at=now,
        )
    if status >= 400:
        raise SourceError(f"HTTP {status}: {url}")
    if status >= 300 or status < 200:
        raise SourceError(f"unexpected HTTP {status} without a usable redirect: {url}")
    media_type = _media_type(response)
    if not any_type and not _is_text_type(media_type):
        raise SourceError(f"refused: content type {media_type} is not text: {url}")
    try:
        content = _read_body(response, policy, deadline, url, truncate)
    except httpx.HTTPError as exc:
        deadline.remaining()
        raise SourceError(_describe_error(exc, policy, url)) from None
    return FetchResult(
        url=url, status=status, content=content, media_type=media_type,
        encoding=response.charset_encoding, etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"), not_modified=False,
        fetched_at=now,
    )


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


