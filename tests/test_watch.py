"""The feed watcher against a local HTTP server on 127.0.0.1 (no network)."""

from __future__ import annotations

import contextlib
import hashlib
import random
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.watch import (
    FeedListError,
    Fetcher,
    FetchError,
    RefusedError,
    Watcher,
    canonical_url,
    parse_interval,
    read_feed_list,
)
from eventwire.watch.urls import address_problem

# -- the test server -------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    length: bool = True


@dataclass
class Site:
    """What the server serves, and the requests it got (path, If-None-Match, status answered)."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, str | None, int]] = field(default_factory=list)
    base: str = ""

    def hits(self, path: str) -> list[tuple[str, str | None, int]]:
        return [entry for entry in self.log if entry[0] == path]


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = self.path.split("?", 1)[0]
            route = site.routes.get(path)
            sent = self.headers.get("If-None-Match")
            if route is None:
                route = Route(b"not here", "text/plain", status=404)
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:12] + '"'
            status = 304 if route.etag and sent == tag and route.status == 200 else route.status
            site.log.append((path, sent, status))
            self.send_response(status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.etag:
                self.send_header("ETag", tag)
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", route.content_type)
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # the client may stop reading on purpose (size limit)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


# -- hand-written feed and articles ----------------------------------------------------------

ARTICLES = {
    "/world/poland.html": (
        "Poland expels diplomats",
        "Poland expelled two Belarusian diplomats on Monday after a border incident. The "
        "foreign ministry in Warsaw gave the two men three days to leave the country.",
    ),
    "/world/chile.html": (
        "Fisheries deal signed",
        "Chile and Argentina signed a fisheries agreement in Santiago on Tuesday. The deal "
        "sets quotas for the southern waters that both countries have fished for decades.",
    ),
    "/world/kenya.html": (
        "Kenya and Somalia",
        "Kenya accused Somalia of sheltering armed rebels near the border. Officials in "
        "Nairobi said the rebels had crossed the frontier three times this month.",
    ),
}


def article_page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". ") if sentence)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        '<meta name="date" content="2024-03-04"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright The Test Gazette</footer></body></html>"
    ).encode()


def feed(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed; each item is (path, title, description)."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}?utm_source=rss</link>"
        f"<guid>{base}{path}</guid><description>{description}</description>"
        "<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
        for path, title, description in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>The Test Gazette</title><link>{base}/</link><description>World news</description>"
        f"{entries}</channel></rss>"
    ).encode()


def serve_news(site: Site, paths: list[str]) -> None:
    for path, (title, text) in ARTICLES.items():
        site.routes[path] = Route(article_page(title, text))
    items = [(path, ARTICLES[path][0], "Read the story.") for path in paths]
    site.routes["/feed.xml"] = Route(feed(site.base, items), "application/rss+xml")


def stored_event_targets(watcher: Watcher) -> list[tuple[str | None, str, str | None]]:
    return sorted(
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)
        for e in watcher.store.events()
    )


@pytest.fixture
def make_watcher(coder, tmp_path: Path):
    made: list[Watcher] = []

    def make(feeds: list[str], **options: object) -> Watcher:
        options.setdefault("allow_private", True)
        watcher = Watcher(tmp_path / "watch.duckdb", feeds, coder=coder, **options)  # type: ignore[arg-type]
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.close()


# -- polling ---------------------------------------------------------------------------------


def test_watch_first_poll_codes_articles_then_304_codes_nothing(site, make_watcher):
    serve_news(site, ["/world/poland.html", "/world/chile.html"])
    watcher = make_watcher([site.base + "/feed.xml"])

    [first] = watcher.poll_once()
    assert (first.status, first.kind, first.new_items, first.coded) == ("ok", "feed", 2, 2)
    assert first.from_summary == first.failed == 0
    events = stored_event_targets(watcher)
    assert ("POLGOV", "161", "BLRGOV") in events
    assert any(source == "CHLGOV" and target == "ARG" for source, _, target in events)
    assert first.events == len(events)
    # the article's text was coded, not the feed's one-line description
    documents = watcher.store.connection.execute("SELECT text FROM documents").fetchall()
    assert all("Read the story" not in text for (text,) in documents)

    [second] = watcher.poll_once()
    assert (second.status, second.http_status, second.new_items, second.events) == (
        "not-modified",
        304,
        0,
        0,
    )
    sent_tag = site.hits("/feed.xml")[-1][1]
    assert sent_tag is not None and sent_tag.startswith('"')
    assert stored_event_targets(watcher) == events
    assert len(site.hits("/world/poland.html")) == 1  # the article is not fetched again


def test_watch_new_item_codes_only_the_new_article(site, make_watcher):
    serve_news(site, ["/world/poland.html"])
    watcher = make_watcher([site.base + "/feed.xml"])
    watcher.poll_once()
    before = len(watcher.store.events())

    serve_news(site, ["/world/kenya.html", "/world/poland.html"])
    [status] = watcher.poll_once()
    assert (status.status, status.new_items, status.coded) == ("ok", 1, 1)
    assert len(site.hits("/world/poland.html")) == 1
    assert len(site.hits("/world/kenya.html")) == 1
    assert ("KENGOV", "112", "SOM") in stored_event_targets(watcher)
    assert len(watcher.store.events()) == before + status.events
    # the feed state remembers the poll
    rows = watcher.store.connection.execute(
        "SELECT last_status, items_seen FROM feed_state"
    ).fetchall()
    assert rows == [("ok", 2)]


def test_watch_never_codes_the_same_article_twice_across_feeds(site, make_watcher):
    serve_news(site, ["/world/poland.html"])
    # the same article in a second feed, linked with other tracking parameters
    site.routes["/other.xml"] = Route(
        feed(site.base, [("/world/poland.html", "Poland", "Warsaw acts.")]).replace(
            b"utm_source=rss", b"utm_campaign=x&amp;fbclid=abc"
        ),
        "application/atom+xml",
    )
    watcher = make_watcher([site.base + "/feed.xml", site.base + "/other.xml"])
    first, second = watcher.poll_once()
    assert (first.coded, second.new_items, second.coded) == (1, 0, 0)
    assert len(site.hits("/world/poland.html")) == 1
    assert watcher.store.connection.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]


def test_watch_falls_back_to_the_summary_when_the_article_fails(site, make_watcher):
    site.routes["/feed.xml"] = Route(
        feed(
            site.base,
            [("/gone.html", "Talks", "Brazil hosted talks between Peru and Ecuador on Friday.")],
        ),
        "application/rss+xml",
    )
    watcher = make_watcher([site.base + "/feed.xml"])
    [status] = watcher.poll_once()
    assert (status.status, status.coded, status.from_summary) == ("ok", 0, 1)
    assert "summary" in (status.error or "") and "404" in (status.error or "")
    assert ("BRAGOV", "043", "PER") in stored_event_targets(watcher)


def test_watch_bad_feeds_are_errors_and_the_good_feed_is_coded(site, make_watcher):
    serve_news(site, ["/world/chile.html"])
    site.routes["/garbage.xml"] = Route(random.Random(7).randbytes(4000), "application/rss+xml")
    site.routes["/menu.xml"] = Route(
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "application/xml"
    )
    site.routes["/broken"] = Route(b"oops", "text/plain", status=500)
    site.routes["/empty.html"] = Route(b"<html><body><script>var x = 1;</script></body></html>")
    urls = [
        closed_port_url(),
        site.base + "/garbage.xml",
        site.base + "/menu.xml",
        site.base + "/broken",
        site.base + "/empty.html",
        site.base + "/feed.xml",
    ]
    watcher = make_watcher(urls)
    down, garbage, menu, broken, empty, good = watcher.poll_once()
    for status in (down, garbage, menu, broken, empty):
        assert status.status == "error", status
        assert status.error and status.events == 0
    assert "cannot be fetched" in (down.error or "")
    assert "binary" in (garbage.error or "")
    assert "feed" in (menu.error or "")
    assert "HTTP 500" in (broken.error or "")
    assert "no article text" in (empty.error or "")
    assert (good.status, good.coded) == ("ok", 1)
    assert good.events > 0
    # the report is kept in the database, one row per URL
    rows = watcher.store.connection.execute(
        "SELECT status, count(*) FROM feed_polls GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert rows == [("error", 5), ("ok", 1)]


def test_watch_plain_page_url_is_coded_once(site, make_watcher):
    serve_news(site, [])
    watcher = make_watcher([site.base + "/world/kenya.html#top"])
    [first] = watcher.poll_once()
    assert (first.status, first.kind, first.coded) == ("ok", "page", 1)
    assert ("KENGOV", "112", "SOM") in stored_event_targets(watcher)
    [second] = watcher.poll_once()
    assert (second.status, second.events) == ("not-modified", 0)
    assert len(site.hits("/world/kenya.html")) == 1


def test_watch_refuses_loopback_without_allow_private(site, make_watcher):
    serve_news(site, ["/world/poland.html"])
    watcher = make_watcher([site.base + "/feed.xml"], allow_private=False)
    [status] = watcher.poll_once()
    assert status.status == "error"
    assert "127.0.0.1" in (status.error or "") and "loopback" in (status.error or "")
    assert "--allow-private" in (status.error or "")
    assert site.log == []  # refused before any request was sent


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/feed.xml", "gopher://x/", "feed.xml"]
)
def test_watch_refuses_other_schemes(make_watcher, url):
    [status] = make_watcher([url]).poll_once()
    assert status.status == "error"
    assert "only http:// and https://" in (status.error or "")


def test_watch_keeps_polling_after_a_refused_entry(site, make_watcher):
    serve_news(site, ["/world/poland.html"])
    watcher = make_watcher(["file:///etc/passwd", site.base + "/feed.xml"])
    refused, good = watcher.poll_once()
    assert refused.status == "error" and good.coded == 1


# -- the fetcher -----------------------------------------------------------------------------


@pytest.mark.parametrize("length", [True, False])
def test_fetch_stops_an_oversized_body(site, length):
    site.routes["/huge.xml"] = Route(
        b"<rss>" + b"x" * 300_000, "application/rss+xml", length=length
    )
    with Fetcher(allow_private=True, max_bytes=50_000) as fetcher:
        with pytest.raises(FetchError, match="over the limit"):
            fetcher.fetch(site.base + "/huge.xml")
        site.routes["/small.xml"] = Route(b"<rss></rss>", "application/rss+xml")
        assert fetcher.fetch(site.base + "/small.xml").content == b"<rss></rss>"


def test_fetch_redirect_loop_is_bounded(site):
    site.routes["/a"] = Route(b"", status=302, headers={"Location": "/b"}, etag=False)
    site.routes["/b"] = Route(b"", status=301, headers={"Location": "/a"}, etag=False)
    with (
        Fetcher(allow_private=True, max_redirects=3) as fetcher,
        pytest.raises(FetchError, match="more than 3 redirects"),
    ):
        fetcher.fetch(site.base + "/a")
    assert len(site.log) == 4


def test_fetch_follows_a_short_redirect_chain(site):
    site.routes["/old"] = Route(b"", status=301, headers={"Location": "/new"}, etag=False)
    site.routes["/new"] = Route(b"hello", "text/plain")
    with Fetcher(allow_private=True) as fetcher:
        response = fetcher.fetch(site.base + "/old")
    assert (response.url, response.content) == (site.base + "/new", b"hello")


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_fetch_redirect_to_another_scheme_is_refused(site, target):
    site.routes["/jump"] = Route(b"", status=302, headers={"Location": target}, etag=False)
    with Fetcher(allow_private=True) as fetcher, pytest.raises(RefusedError, match="only http"):
        fetcher.fetch(site.base + "/jump")


def test_fetch_sends_conditional_headers(site):
    site.routes["/feed.xml"] = Route(b"<rss></rss>", "application/rss+xml")
    with Fetcher(allow_private=True) as fetcher:
        first = fetcher.fetch(site.base + "/feed.xml")
        second = fetcher.fetch(site.base + "/feed.xml", etag=first.etag)
        third = fetcher.fetch(site.base + "/feed.xml", etag='"stale"')
    assert (first.status, second.status, third.status) == (200, 304, 200)
    assert second.not_modified and second.content == b""


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.7", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "non-global"),
        ("240.0.0.1", "reserved"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_watch_address_problem(address, problem):
    found = address_problem(address)
    assert (found is None) if problem is None else (problem in (found or ""))


# -- URLs, feed lists, intervals -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTP://News.Example.org:80/a?utm_source=rss&id=7#comments",
         "http://news.example.org/a?id=7"),
        ("https://example.org/a?fbclid=x&utm_medium=y", "https://example.org/a"),
        ("https://example.org:8443/a?page=2&id=1", "https://example.org:8443/a?page=2&id=1"),
        ("https://example.org", "https://example.org/"),
    ],
)  # fmt: skip
def test_watch_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_watch_feed_list_skips_comments_and_blanks(tmp_path):
    path = tmp_path / "FEEDS.txt"
    path.write_text(
        "# world news\n\nhttps://a.example/feed.xml   # daily\n"
        "https://b.example/page.html#part\nhttps://a.example/feed.xml\n",
        encoding="utf-8",
    )
    assert read_feed_list(path) == [
        "https://a.example/feed.xml",
        "https://b.example/page.html#part",
    ]
    (tmp_path / "empty.txt").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(FeedListError, match="no URL"):
        read_feed_list(tmp_path / "empty.txt")
    with pytest.raises(FeedListError, match="cannot read"):
        read_feed_list(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("45", 45), ("1.5m", 90)]
)
def test_watch_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15 minutes", "m", "0s", "-5m", "3d"])
def test_watch_parse_interval_rejects(text):
    with pytest.raises(FeedListError):
        parse_interval(text)


# -- the loop and the command ----------------------------------------------------------------


def test_watch_run_forever_polls_until_stopped(site, make_watcher):
    serve_news(site, ["/world/poland.html"])
    stop = threading.Event()
    polls: list[list[str]] = []

    def on_poll(statuses) -> None:
        polls.append([status.status for status in statuses])
        if len(polls) == 2:
            stop.set()

    watcher = make_watcher([site.base + "/feed.xml"], every=0.05, on_poll=on_poll)
    thread = threading.Thread(target=watcher.run_forever, args=(stop,))
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert polls == [["ok"], ["not-modified"]]


def test_watch_command_once(site, coder, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire.cli import app

    monkeypatch.setattr("eventwire.pipeline.Coder", lambda *args, **kwargs: coder)
    monkeypatch.setenv("COLUMNS", "300")
    serve_news(site, ["/world/chile.html"])
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text(f"# test feeds\n{site.base}/feed.xml\n\nftp://example.org/x\n")
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    args = ["watch", str(feeds), "--db", str(db), "--once"]
    result = runner.invoke(app, [*args, "--allow-private"])
    assert result.exit_code == 1, result.output  # the ftp entry failed
    assert "ok" in result.output and "error" in result.output and "feed.xml" in result.output
    again = runner.invoke(app, [*args, "--allow-private"])
    assert "not-modified" in again.output
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1 and "loopback" in refused.output
    bad = runner.invoke(app, [*args, "--every", "soon"])
    assert bad.exit_code != 0


@pytest.mark.parametrize("host", ["localhost", "0x7f000001", "2130706433", "[::ffff:127.0.0.1]"])
def test_fetch_refuses_loopback_however_it_is_written(site, host):
    site.routes["/feed.xml"] = Route(b"<rss></rss>", "application/rss+xml")
    port = site.base.rsplit(":", 1)[1]
    with Fetcher() as fetcher, pytest.raises(RefusedError, match="loopback"):
        fetcher.fetch(f"http://{host}:{port}/feed.xml")
    assert site.log == []
