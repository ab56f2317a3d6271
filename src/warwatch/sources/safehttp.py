"""The low-level safe GET: guarded connections, redirects by hand, bounded bodies.

:func:`safe_get` is the one place a request is sent. Every connection goes through a
network backend that resolves the host once, checks every address with
:func:`~warwatch.sources.policy.check_address` and connects to the address it checked;
every redirect hop is checked again (and, when a robots checker is given, against
robots.txt). It knows nothing of robots.txt rules itself, so :mod:`warwatch.sources.robots`
can fetch robots.txt with it. Public entry points: :mod:`warwatch.sources.web`.
"""

from __future__ import annotations

import socket
import ssl
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

import httpcore
import httpx

from warwatch.records import SourceError
from warwatch.sources.policy import MiB, FetchPolicy, FetchRefused, check_address

__all__ = ["FetchResult", "RobotsCheck", "SafeClient", "make_client", "safe_get"]

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


class RobotsCheck(Protocol):
    """What :func:`safe_get` asks of a robots.txt cache (:class:`~warwatch.sources.robots.RobotsCache`)."""

    def check(self, url: str, policy: FetchPolicy, *, client: SafeClient | None = None) -> None: ...


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



def safe_get(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: SafeClient | None = None,
    robots: RobotsCheck | None = None,
    any_type: bool = False,
    truncate: bool = False,
) -> FetchResult:
    """GET ``url`` under ``policy``, following redirects by hand (what :func:`warwatch.sources.web.fetch` does).

    ``robots``, when given, checks every URL (the first and each redirect target) before it
    is requested; ``policy.respect_robots`` is not looked at here (the caller decides and
    passes None when robots.txt is not to be checked). ``any_type`` accepts any content
    type; ``truncate`` returns the first ``max_bytes`` of a larger body instead of failing.
    """
    if client is not None:
        if not isinstance(client, SafeClient):
            raise TypeError("fetch(client=...) takes a client from warwatch.sources.web.make_client")
        if not _same_network_policy(client.policy, policy):
            raise ValueError("fetch(): the client's allow_private/allow_networks differ from the policy's")
    own_client = client is None
    if client is None:
        client = SafeClient(policy)

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
            if robots is not None:
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

