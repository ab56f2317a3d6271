"""What the desk's pages share (map, charts, review, alerts): the corrected corpus view of a
request (reviews applied, cached per store and review change), write access from a page, and
the CSRF check of the desk's forms.

Write access on a page: the session cookie of someone who signed in at ``/login`` with the
write token (``WARWATCH_API_TOKEN``), or that token as a bearer. Forms carry a CSRF token, an
HMAC of the session cookie under the write token, checked on every POST together with the
``Origin`` (when sent); the cookie itself is ``SameSite=Strict``.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request

from .base import cache_of
from .security import COOKIE, ApiError, bearer, session_value


def corrected(request: Request):
    """(corpus view with reviews applied, {merged id: review})."""
    return cache_of(request).reviewed()


def review_of(request: Request, merged_id: str) -> dict | None:
    """The review a merged event carries (templates: ``review_of(request, m.id)``)."""
    return cache_of(request).reviewed()[1].get(merged_id)


def can_write(request: Request) -> bool:
    token = request.app.state.web.api_token
    if not token:
        return False
    given = bearer(request)
    if given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def csrf_token(request: Request) -> str:
    token = request.app.state.web.api_token
    cookie = request.cookies.get(COOKIE) or ""
    if not token:
        return ""
    return hmac.new(token.encode(), b"csrf|" + cookie.encode(), hashlib.sha256).hexdigest()[:40]


def check_form_write(request: Request, form: dict) -> None:
    """Refuse a form POST without write access, with a wrong CSRF token or from another origin."""
    if not can_write(request):
        raise ApiError(403, "forbidden", "sign in with the write token (WARWATCH_API_TOKEN) at /login to change this")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.url.netloc}"
        if origin != expected:
            raise ApiError(403, "forbidden", "cross-origin form post refused")
    if bearer(request):
        return
    given = str(form.get("csrf") or "")
    if not given or not hmac.compare_digest(given.encode(), csrf_token(request).encode()):
        raise ApiError(403, "forbidden", "missing or wrong CSRF token: reload the page and try again")


async def form_of(request: Request) -> dict[str, str]:
    from urllib.parse import parse_qs

    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
