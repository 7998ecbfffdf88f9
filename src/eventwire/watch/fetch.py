"""Fetching a URL safely: bounded time, size and redirects, public addresses only.

The address check happens where the socket is opened (:class:`GuardedBackend`): the host is
resolved once, every address it resolves to is checked, and the connection goes to one of those
very addresses. Checking a name and then letting the HTTP client resolve it again would leave a
gap a DNS server could use to answer a public address first and ``127.0.0.1`` the second time
(DNS rebinding). Redirects are followed by hand, each target checked for its scheme before it is
requested and for its address when it is connected to. Proxies from the environment are ignored,
so the address checked is the address connected to.
"""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from eventwire.ingest.decode import format_size
from eventwire.watch.urls import FetchError, RefusedError, check_address, check_url

MAX_BYTES = 5 * 1024 * 1024
"""Largest response body read (5 MiB, after decompression): feeds and articles are far smaller."""
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
# A server that trickles one byte just inside the read timeout would otherwise hold the watcher
# for hours; the whole download must end within this.
TOTAL_TIMEOUT = 60.0
USER_AGENT = "eventwire-watch/0.1 (+https://github.com/eventwire/eventwire)"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A fetched URL.

    Attributes:
        url: the URL finally answered (after redirects).
        status: the HTTP status: 200, or 304 when the conditional request found nothing new.
        content: the body (empty for 304).
        content_type: the media type without parameters, lower-cased (``application/rss+xml``).
        etag: the ``ETag`` header, if any.
        last_modified: the ``Last-Modified`` header, if any.
    """

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """Whether the server said nothing changed since the last fetch (304)."""
        return self.status == 304


class GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses :func:`check_address` allows.

    Args:
        allow_private: allow private and loopback addresses (tests).
    """

    def __init__(self, *, allow_private: bool = False) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve ``host``, refuse it if any address is not public, connect to a checked one."""
        shown = f"{host}:{port}"
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(
                shown, f"cannot resolve the host ({exc}); check the URL and the network"
            ) from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        # One bad address refuses the host: a name that resolves to both a public and a private
        # address is how rebinding is usually set up.
        for address in addresses:
            check_address(shown, address, allow_private=self.allow_private)
        error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None  # getaddrinfo never returns an empty list
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on a :class:`GuardedBackend`."""

    def __init__(self, *, allow_private: bool = False) -> None:
        super().__init__(trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=5,
            network_backend=GuardedBackend(allow_private=allow_private),
        )


class Fetcher:
    """Fetches URLs with conditional requests and every limit applied.

    Args:
        allow_private: allow private and loopback addresses — for tests against a local server
            only.
        max_bytes: largest body read.
        max_redirects: most redirects followed.
        connect_timeout: seconds to open a connection.
        read_timeout: seconds to wait for each piece of the response.
        total_timeout: seconds the whole download may take.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        total_timeout: float = TOTAL_TIMEOUT,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.total_timeout = total_timeout
        self.client = httpx.Client(
            transport=GuardedTransport(allow_private=allow_private),
            timeout=httpx.Timeout(
                connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
            ),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": USER_AGENT},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """Fetch a URL, following at most ``max_redirects`` redirects.

        Args:
            url: an ``http`` or ``https`` URL.
            etag: the ``ETag`` of the last fetch, sent as ``If-None-Match``.
            last_modified: the ``Last-Modified`` of the last fetch, sent as ``If-Modified-Since``.

        Returns:
            The response: status 200 with the body, or 304 with none.

        Raises:
            RefusedError: a scheme other than http/https, or a non-public address, here or on a
                redirect.
            FetchError: the server is down, slow, answers an error status, loops in redirects or
                sends more than ``max_bytes``.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.max_redirects + 1):
            check_url(current)
            try:
                response = self._get(current, headers)
            except FetchError as exc:
                # The connection layer names host:port; the user wrote a URL.
                raise type(exc)(current, exc.message) from None
            except httpx.TimeoutException as exc:
                raise FetchError(
                    current, f"timed out ({type(exc).__name__}); the server is slow or down"
                ) from None
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError) as exc:
                # ValueError: a header or URL httpx cannot encode (non-ASCII host, bad port).
                raise FetchError(
                    current,
                    f"cannot be fetched ({type(exc).__name__}: {exc}); the server may be down",
                ) from None
            if isinstance(response, Response):
                return response
            current = response
        raise FetchError(
            url,
            f"more than {self.max_redirects} redirects (a redirect loop?); last was to {current}",
        )

    def _get(self, url: str, headers: dict[str, str]) -> Response | str:
        """One request: the response, or the URL a redirect points to."""
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code in REDIRECT_CODES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(
                        url, f"HTTP {response.status_code} redirect without a Location"
                    )
                try:
                    return str(response.url.join(location))
                except (httpx.InvalidURL, ValueError) as exc:
                    raise RefusedError(url, f"redirects to an invalid URL ({exc})") from None
            if response.status_code == 304:
                return Response(
                    url=url,
                    status=304,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
            if response.status_code != 200:
                reason = response.reason_phrase or "error"
                raise FetchError(url, f"HTTP {response.status_code} {reason}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise self._too_large(url, int(declared))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise self._too_large(url, size, stopped=True)
                if time.monotonic() - started > self.total_timeout:
                    raise FetchError(
                        url, f"took over {self.total_timeout:.0f} s to download; stopped"
                    )
                chunks.append(chunk)
            content_type = response.headers.get("Content-Type", "")
            return Response(
                url=url,
                status=200,
                content=b"".join(chunks),
                content_type=content_type.split(";", 1)[0].strip().lower(),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )

    def _too_large(self, url: str, size: int, *, stopped: bool = False) -> FetchError:
        told = "stopped after" if stopped else "is"
        return FetchError(
            url,
            f"response {told} {format_size(size)}, over the limit of "
            f"{format_size(self.max_bytes)}; not a feed or an article page?",
        )
