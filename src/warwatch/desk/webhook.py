"""Alert webhooks: a JSON POST signed with HMAC-SHA256 of the body, retried with back-off, and
sent through the fetcher's guard (``sources.safehttp``), so private and loopback addresses are
refused unless the rule allows them (as ``--allow-private`` does for fetching).

Headers: ``X-Warwatch-Signature: sha256=<hex HMAC of the raw body with the rule's secret>``,
``X-Warwatch-Event: alert``. A receiver recomputes the HMAC over the bytes it received.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Callable

from ..sources.policy import FetchPolicy, FetchRefused
from ..sources.safehttp import make_client

ATTEMPTS = 4
BACKOFF = 1.0
"""Seconds before the second attempt; doubled before each next one (1, 2, 4)."""


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body_of(rule: dict[str, Any], hit: dict[str, Any]) -> bytes:
    return json.dumps({"rule": {"id": rule["id"], "name": rule["name"]},
                       "alert": {k: hit.get(k) for k in ("id", "key", "kind", "title", "link", "created", "payload")}},
                      ensure_ascii=False, default=str, sort_keys=True).encode()


def deliver(rule: dict[str, Any], hit: dict[str, Any], *, allow_private: bool = False, attempts: int = ATTEMPTS,
            backoff: float = BACKOFF, sleep: Callable[[float], None] = time.sleep) -> str:
    """POST the hit to the rule's webhook; returns ``sent (HTTP n)``, ``refused: ...`` or ``failed: ...``.
    A refused address is not retried; a network error or a 5xx/429 answer is, with back-off."""
    url, secret = rule.get("webhook_url"), rule.get("webhook_secret") or ""
    if not url:
        return "no webhook"
    body = body_of(rule, hit)
    headers = {"Content-Type": "application/json", "X-Warwatch-Signature": sign(secret, body),
               "X-Warwatch-Event": "alert"}
    policy = FetchPolicy(allow_private=bool(allow_private or rule.get("allow_private")), timeout=10.0, deadline=20.0)
    last = "failed"
    with make_client(policy) as client:
        for attempt in range(attempts):
            if attempt:
                sleep(backoff * 2 ** (attempt - 1))
            try:
                response = client.post(url, content=body, headers=headers)
            except FetchRefused as exc:
                return f"refused: {exc.reason if hasattr(exc, 'reason') else exc}"
            except Exception as exc:  # noqa: BLE001 - any transport error is retried, then reported
                refused = _refusal(exc)
                if refused:
                    return f"refused: {refused}"
                last = f"failed: {type(exc).__name__}: {exc}"
                continue
            if response.status_code < 300:
                return f"sent (HTTP {response.status_code})"
            last = f"failed: HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                return last
    return last


def _refusal(exc: BaseException) -> str | None:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, FetchRefused):
            return getattr(exc, "reason", None) or str(exc)
        if "refused:" in str(exc):
            return str(exc)
        exc = exc.__cause__ or exc.__context__
    return None
