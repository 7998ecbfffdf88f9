"""URLs the watcher may fetch, and the canonical form that says two links are the same article.

Only ``http`` and ``https`` are fetched. An address is refused when it is private, loopback,
link-local, multicast, reserved or unspecified (:func:`check_address`): a feed list is often
written by someone else, and a watcher that fetches ``http://169.254.169.254/`` or
``http://localhost:8080/admin`` on its behalf would be a server-side request forgery tool.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from eventwire.errors import EventwireError

SCHEMES = frozenset({"http", "https"})

# Query parameters that only say where a reader clicked from; the same article is linked with
# different values of them from a feed, a newsletter and a social network.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid"}
)
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(EventwireError):
    """A URL that could not be fetched: refused, down, too large, or not what was expected.

    Args:
        url: the URL the error is about.
        message: what went wrong and what to do next.
    """

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        self.message = message
        super().__init__(f"{url}: {message}")


class RefusedError(FetchError):
    """A URL the watcher will not fetch: another scheme, or a private or loopback address."""


def check_url(url: str) -> str:
    """Return the URL if the watcher may fetch it: ``http``/``https`` with a host.

    Args:
        url: an absolute URL.

    Returns:
        The URL unchanged.

    Raises:
        RefusedError: another scheme, or no host.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise RefusedError(url, f"is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"'{scheme}'" if scheme else "no scheme"
        raise RefusedError(
            url, f"refused: {shown} is not fetched, only http:// and https:// URLs are"
        )
    if not parts.hostname:
        raise RefusedError(url, "refused: the URL has no host")
    return url


def address_problem(address: str) -> str | None:
    """Say why an IP address must not be fetched from, or return ``None`` if it is public.

    Args:
        address: an IPv4 or IPv6 address as text (an IPv6 zone such as ``%eth0`` is ignored).

    Returns:
        ``"a loopback address"``, ``"a private address"``… or ``None``.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    # An IPv4 address wrapped in IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        # Shared address space (100.64.0.0/10, carrier-grade NAT) is neither private nor global.
        ("non-global", not ip.is_global),
    )
    for name, matched in checks:
        if matched:
            return f"a {name} address"
    return None


def check_address(url: str, address: str, *, allow_private: bool) -> None:
    """Refuse to connect to a non-public address unless ``allow_private`` is set.

    Args:
        url: the URL being fetched (named in the error).
        address: the IP address about to be connected to.
        allow_private: allow every address (for tests against a server on 127.0.0.1).

    Raises:
        RefusedError: the address is private, loopback, link-local, multicast, reserved or
            unspecified.
    """
    if allow_private:
        return
    problem = address_problem(address)
    if problem is not None:
        raise RefusedError(
            url,
            f"refused: the host resolves to {address}, {problem}; only public addresses are "
            "fetched (--allow-private lifts this, for testing only)",
        )


def canonical_url(url: str) -> str:
    """Return the form of a URL that names its article: no fragment, no tracking parameters.

    The scheme and host are lower-cased, a default port dropped, ``utm_*`` and click ids removed
    from the query (the other parameters keep their order: some sites name articles by them).

    Args:
        url: an absolute URL.

    Returns:
        The canonical URL (the input, stripped, if it cannot be parsed).
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(TRACKING_PREFIXES) and key.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))
