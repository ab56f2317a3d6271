"""Security for the web app: headers on every response, request size limit, API tokens.

- Every response (pages, API, static files, errors) carries a strict Content Security Policy
  (no inline script or style, nothing from another origin), ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY`` and friends.
- Request bodies larger than ``max_body`` are refused with 413: at once when
  ``Content-Length`` says so, else as soon as the streamed body passes the limit.
- Writes (``POST /api/...``) need ``Authorization: Bearer <api_token>``; with no token
  configured, writes are disabled (403). Reads are open unless a read token is set or
  ``private_reads`` is on; then the API needs a bearer token and pages need a session cookie
  obtained at ``/login`` with the same token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass

from fastapi import HTTPException, Request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
]

MiB = 1024 * 1024
COOKIE = "warwatch_session"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass
class WebConfig:
    """Server settings: ``WARWATCH_API_TOKEN``, ``WARWATCH_API_READ_TOKEN``, ``WARWATCH_PRIVATE_READS``,
    ``WARWATCH_MAX_REQUEST_BYTES``, ``WARWATCH_COOKIE_SECURE`` (or the same names, lower case without the
    prefix, on Settings)."""

    api_token: str | None = None
    """Bearer token for writes (POST /api/ingest). None: writes disabled."""
    read_token: str | None = None
    """When set, reads need this token (or the write token)."""
    private_reads: bool = False
    """Reads need a token (the read token, or the write token) even when no read token is set."""
    max_body: int = 5 * MiB
    cookie_secure: bool = False
    """Always mark the session cookie Secure, also when the request reached the app over plain http
    (behind a proxy that terminates TLS). Off: Secure only for https requests."""

    @property
    def reads_closed(self) -> bool:
        return bool(self.read_token) or self.private_reads

    @classmethod
    def from_settings(cls, settings=None, env: dict[str, str] | None = None) -> "WebConfig":
        env = dict(os.environ) if env is None else env
        config = cls(
            api_token=getattr(settings, "api_token", None) or env.get("WARWATCH_API_TOKEN") or None,
            read_token=getattr(settings, "api_read_token", None) or env.get("WARWATCH_API_READ_TOKEN") or None,
            private_reads=bool(getattr(settings, "private_reads", False)) or _truthy(env.get("WARWATCH_PRIVATE_READS")),
            cookie_secure=bool(getattr(settings, "cookie_secure", False)) or _truthy(env.get("WARWATCH_COOKIE_SECURE")),
        )
        size = getattr(settings, "max_request_bytes", None) or env.get("WARWATCH_MAX_REQUEST_BYTES")
        if size:
            config.max_body = int(size)
        if config.private_reads and not (config.read_token or config.api_token):
            raise ValueError("WARWATCH_PRIVATE_READS is on but no token is set: set WARWATCH_API_READ_TOKEN "
                             "or WARWATCH_API_TOKEN")
        return config

    def read_tokens(self) -> list[str]:
        return [t for t in (self.read_token, self.api_token) if t]

    def secure_cookie(self, request: Request) -> bool:
        """Whether the session cookie gets ``Secure``: over https, or always with ``cookie_secure``."""
        return self.cookie_secure or request.url.scheme == "https"


class ApiError(HTTPException):
    """An HTTP error with a short ``error`` phrase and a ``detail``, rendered as JSON under /api/."""

    def __init__(self, status_code: int, error: str, detail=None, headers: dict | None = None):
        super().__init__(status_code=status_code, detail=detail, headers=headers)
        self.error = error


class BodyTooLarge(ApiError):
    def __init__(self, limit: int):
        super().__init__(413, "request body too large", f"the limit is {limit} bytes")


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def session_value(token: str) -> str:
    """Cookie value proving the token was given at /login, without storing the token itself."""
    return hmac.new(token.encode(), b"warwatch reader session", hashlib.sha256).hexdigest()


def read_allowed(request: Request, config: WebConfig) -> bool:
    if not config.reads_closed:
        return True
    token = bearer(request)
    if token and any(_same(token, t) for t in config.read_tokens()):
        return True
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and any(_same(cookie, session_value(t)) for t in config.read_tokens())


def require_read(request: Request) -> None:
    """Dependency for API reads."""
    config: WebConfig = request.app.state.web
    if not read_allowed(request, config):
        raise ApiError(401, "authentication required",
                       "reads are closed on this server: send Authorization: Bearer <token>",
                       headers={"WWW-Authenticate": "Bearer"})


def require_write(request: Request) -> None:
    """Dependency for API writes."""
    config: WebConfig = request.app.state.web
    if not config.api_token:
        raise ApiError(403, "writes are disabled",
                       "no API token is configured on this server: set WARWATCH_API_TOKEN to enable writes")
    token = bearer(request)
    if token is None:
        raise ApiError(401, "authentication required", "send Authorization: Bearer <WARWATCH_API_TOKEN>",
                       headers={"WWW-Authenticate": "Bearer"})
    if not _same(token, config.api_token):
        raise ApiError(401, "invalid token", "the bearer token is not the configured API token",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class SecurityMiddleware:
    """Outermost ASGI layer: security headers on every response, and the body size limit."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_secure(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message = {**message, "headers": headers}
            await send(message)

        length = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
        if length is not None and length > self.max_body:
            return await self._too_large(scope, send_secure)

        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, limited_receive, send_secure)

    async def _too_large(self, scope, send):
        path = scope.get("path", "")
        if path.startswith("/api/"):
            body = json.dumps({"error": "request body too large",
                               "detail": f"the limit is {self.max_body} bytes"}).encode()
            kind = b"application/json"
        else:
            body = f"Request body too large (limit {self.max_body} bytes).\n".encode()
            kind = b"text/plain; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
