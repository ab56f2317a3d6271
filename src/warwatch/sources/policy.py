"""What the safe fetcher may do, and the address checks that enforce it.

:class:`FetchPolicy` (time, size, redirect and address limits), :class:`FetchRefused`
(a URL refused before any connection) and :func:`check_address` (is this resolved
address public, or allowed by the policy?). No network code here: the connections are
made by :mod:`warwatch.sources.safehttp`. See :mod:`warwatch.sources.web` and docs/fetching.md.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from warwatch.records import SourceError

__all__ = [
    "DEFAULT_USER_AGENT",
    "USER_AGENT_TOKEN",
    "FetchPolicy",
    "FetchRefused",
    "check_address",
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
