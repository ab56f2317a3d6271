"""robots.txt, read through the safe fetcher and cached per origin.

What we do, following RFC 9309 (Robots Exclusion Protocol), section 2.3.1:

* rules are matched for the product token ``warwatch`` (then the ``*`` group);
* 2xx: the file is parsed (at most the first 512 KiB, as the RFC allows); the most
  specific (longest) matching rule wins and Allow wins a tie (RFC 9309 2.2.2) —
  ``urllib.robotparser`` takes the first match, so rules are re-ordered after parsing;
* redirects are followed (up to the policy's ``max_redirects``); more than that counts
  as "unavailable";
* 4xx ("unavailable", 401 and 403 included, as the RFC says): everything is allowed;
* 429, 5xx, timeouts, connection and TLS errors ("unreachable"): everything is
  disallowed. The RFC names 5xx and network errors; 429 is not named, and we treat it
  like 5xx (the server asks us to back off, not telling us there are no rules);
* a robots.txt the safety policy refuses (e.g. it redirects to a private address) also
  counts as unreachable; a *page* the policy refuses is refused with the policy's own
  reason, not a robots one;
* results are cached per scheme+host+port for 24 hours (the RFC's upper bound); an
  "unreachable" result only for 10 minutes, so a passing outage does not block a host
  for the rest of a long run.

Not supported: ``*`` and ``$`` wildcards in paths (``urllib.robotparser`` compares
paths as plain prefixes) and Crawl-delay.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from warwatch.records import SourceError
from warwatch.sources.policy import USER_AGENT_TOKEN, FetchPolicy, FetchRefused
from warwatch.sources.safehttp import SafeClient, safe_get

__all__ = ["ROBOTS_MAX_BYTES", "RobotsCache", "default_robots_cache"]

ROBOTS_MAX_BYTES = 512 * 1024
ALLOW_TTL = 24 * 3600.0
UNREACHABLE_TTL = 600.0


@dataclass(slots=True)
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None
    """None with ``allow_all`` set means "no rules": no file, or unavailable."""
    allow_all: bool
    note: str | None
    """Why everything is disallowed (robots.txt unreachable), for the error message."""
    expires: float


def _longest_match_first(parser: urllib.robotparser.RobotFileParser) -> None:
    entries = list(parser.entries)
    if parser.default_entry is not None:
        entries.append(parser.default_entry)
    for entry in entries:
        entry.rulelines.sort(key=lambda line: (-len(line.path), not line.allowance))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


class RobotsCache:
    """robots.txt rules per origin, fetched on first use with the safe fetcher."""

    def __init__(
        self,
        *,
        ttl: float = ALLOW_TTL,
        unreachable_ttl: float = UNREACHABLE_TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._unreachable_ttl = unreachable_ttl
        self._clock = clock
        self._rules: dict[str, _Rules] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def allowed(self, url: str, policy: FetchPolicy = FetchPolicy(), *, client: SafeClient | None = None) -> bool:
        """Whether robots.txt lets ``warwatch`` fetch ``url``."""
        rules = self._rules_for(url, policy, client)
        if rules.parser is None:
            return rules.allow_all
        return rules.parser.can_fetch(USER_AGENT_TOKEN, url)

    def check(self, url: str, policy: FetchPolicy = FetchPolicy(), *, client: SafeClient | None = None) -> None:
        """Raise ``SourceError("disallowed by robots.txt: URL")`` if it is disallowed."""
        rules = self._rules_for(url, policy, client)
        if rules.parser is None and rules.allow_all:
            return
        if rules.parser is not None and rules.parser.can_fetch(USER_AGENT_TOKEN, url):
            return
        suffix = f" ({rules.note})" if rules.note else ""
        raise SourceError(f"disallowed by robots.txt: {url}{suffix}")

    def _rules_for(self, url: str, policy: FetchPolicy, client: SafeClient | None) -> _Rules:
        scheme, host, port = _origin(url)
        if scheme not in ("http", "https") or not host:
            raise SourceError(f"refused: only http and https URLs are fetched: {url}")
        netloc = f"[{host}]" if ":" in host else host
        key = f"{scheme}://{netloc}" if port == {"http": 80, "https": 443}[scheme] else f"{scheme}://{netloc}:{port}"
        now = self._clock()
        with self._lock:
            rules = self._rules.get(key)
        if rules is not None and rules.expires > now:
            return rules
        rules = self._load(f"{key}/robots.txt", policy, client)
        with self._lock:
            self._rules[key] = rules
        return rules

    def _load(self, robots_url: str, policy: FetchPolicy, client: SafeClient | None) -> _Rules:
        robots_policy = replace(policy, respect_robots=False, max_bytes=ROBOTS_MAX_BYTES)
        now = self._clock()
        try:
            result = safe_get(robots_url, robots_policy, client=client, any_type=True, truncate=True)
        except FetchRefused as exc:
            if exc.url is None or _origin(exc.url) == _origin(robots_url):
                # The origin itself is refused: say so rather than blaming robots.txt.
                # (Not cached: the next call may come with another policy.)
                raise
            return _Rules(None, False, f"robots.txt unreachable: {exc.reason}", now + self._unreachable_ttl)
        except SourceError as exc:
            reason = exc.reason
            if reason.startswith("HTTP 4") and not reason.startswith("HTTP 429"):
                return _Rules(None, True, None, now + self._ttl)  # unavailable: allow all
            if reason.startswith("too many redirects"):
                return _Rules(None, True, None, now + self._ttl)  # RFC 9309: MAY treat as unavailable
            return _Rules(None, False, f"robots.txt unreachable: {reason}", now + self._unreachable_ttl)
        text = result.content.decode("utf-8", errors="replace").lstrip("\ufeff")
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(text.splitlines())
        _longest_match_first(parser)
        return _Rules(parser, False, None, now + self._ttl)


_DEFAULT: RobotsCache | None = None
_DEFAULT_LOCK = threading.Lock()


def default_robots_cache() -> RobotsCache:
    """The process-wide cache :func:`warwatch.sources.web.fetch` uses by default."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = RobotsCache()
        return _DEFAULT
