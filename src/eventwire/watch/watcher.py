"""The feed watcher: poll feeds and pages, code what is new, report each URL's status.

One poll, for each URL of the feed list:

1. fetch it with a conditional request (the ``ETag`` and ``Last-Modified`` of the last answer);
   ``304 Not Modified`` ends there, with nothing new;
2. tell a feed from a page by what came back (content type, then the bytes);
3. a feed: take its entries whose article (canonical URL) was never coded, at most
   ``max_items`` a poll; fetch each article page and code it, or code the entry's own summary
   when the page cannot be fetched or read (the status says how many);
4. a page: code it once;
5. store each coded document with its events (:func:`eventwire.pipeline.run`), remember each
   article in ``seen_urls`` and the URL's validators and status in ``feed_state`` and
   ``feed_polls`` (:mod:`eventwire.watch.state`).

A URL that is down, refused, slow, huge or garbage is that URL's error; the others go on, and
everything already stored stays stored (each document is written in its own transaction).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from eventwire.errors import EventwireError, InputError
from eventwire.watch.feedlist import read_feed_list
from eventwire.watch.fetch import MAX_BYTES, Fetcher, Response
from eventwire.watch.state import WatchState
from eventwire.watch.urls import canonical_url, check_url

if TYPE_CHECKING:
    from eventwire.pipeline import Coder
    from eventwire.records import Document
    from eventwire.store.duckdb import DuckDBStore

logger = logging.getLogger(__name__)

MAX_ITEMS = 50
"""Most new articles fetched and coded per feed per poll; the rest wait for the next poll."""
DEFAULT_EVERY = 15 * 60.0

STATUSES = ("ok", "not-modified", "error")
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
     "text/xml", "application/x-rss+xml"}
)  # fmt: skip
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")
_PAGE_STARTS = (b"<!doctype html", b"<html")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FeedStatus:
    """What one poll of one URL of the feed list did.

    Attributes:
        feed: the URL as the feed list gives it.
        status: ``ok``, ``not-modified`` (304, or a page already coded) or ``error``.
        kind: ``feed`` or ``page`` once known, else ``None``.
        http_status: the HTTP status of the feed's answer, if one came.
        new_items: articles never seen before, taken at this poll.
        coded: new articles coded from their own page.
        from_summary: new articles coded from the feed entry's summary (page not fetched).
        failed: new articles that could not be coded at all (tried again at a later poll).
        waiting: new articles left for the next poll (over ``max_items``).
        events: events coded from this URL at this poll.
        error: why the URL failed; for ``ok``, notes on articles that fell back or failed.
        polled_at: when (UTC, naive).
    """

    feed: str
    status: str
    kind: str | None = None
    http_status: int | None = None
    new_items: int = 0
    coded: int = 0
    from_summary: int = 0
    failed: int = 0
    waiting: int = 0
    events: int = 0
    error: str | None = None
    polled_at: dt.datetime = dataclasses.field(
        default_factory=lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None)
    )

    def to_dict(self) -> dict[str, Any]:
        """Return the status as JSON-ready values (``polled_at`` in ISO 8601)."""
        data = dataclasses.asdict(self)
        data["polled_at"] = self.polled_at.isoformat(timespec="seconds")
        return data


@dataclasses.dataclass(slots=True)
class _Tally:
    new_items: int = 0
    coded: int = 0
    from_summary: int = 0
    failed: int = 0
    waiting: int = 0
    events: int = 0
    notes: list[str] = dataclasses.field(default_factory=list)


class Watcher:
    """Polls a list of feeds and pages, codes what is new into a store.

    Args:
        store: an open :class:`~eventwire.store.DuckDBStore`, or the path of its file. Given a
            path, the watcher opens its own connection in the thread that polls (DuckDB
            connections must not be shared between threads) and closes it in :meth:`close`.
        feeds: the URLs, or the path of a feed list file (read again at every poll, so edits
            apply without a restart).
        coder: the loaded coder; ``None`` loads one at the first poll that has something to code.
        every: seconds between polls in :meth:`run_forever`.
        allow_private: fetch private and loopback addresses too — for tests only.
        max_items: most new articles per feed per poll.
        max_bytes: largest response read.
        coding_lock: held while coding and storing, when the coder or store is shared with
            another thread (the API server).
        on_poll: called with the statuses after each poll of :meth:`run_forever`.
        fetcher: the fetcher to use (tests set tighter limits); made from the other arguments if
            ``None``.
    """

    def __init__(
        self,
        store: DuckDBStore | str | Path,
        feeds: Sequence[str] | Path,
        *,
        coder: Coder | None = None,
        every: float = DEFAULT_EVERY,
        allow_private: bool = False,
        max_items: int = MAX_ITEMS,
        max_bytes: int = MAX_BYTES,
        coding_lock: threading.Lock | None = None,
        on_poll: Callable[[list[FeedStatus]], None] | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self._store = store if not isinstance(store, str | Path) else None
        self._store_path = store if isinstance(store, str | Path) else None
        self.feeds = feeds
        self.coder = coder
        self.every = every
        self.max_items = max_items
        self.coding_lock = coding_lock
        self.on_poll = on_poll
        self.fetcher = fetcher or Fetcher(allow_private=allow_private, max_bytes=max_bytes)
        self._stop = threading.Event()

    # -- public ------------------------------------------------------------------------------

    def poll_once(self) -> list[FeedStatus]:
        """Poll every URL of the feed list once and store what is new.

        Returns:
            One status per URL, in the order of the list. Never raises for a bad feed; raises
            only when the feed list file or the store cannot be opened.
        """
        urls = read_feed_list(self.feeds) if isinstance(self.feeds, Path) else list(self.feeds)
        store = self.store
        state = WatchState(store.connection)
        statuses = []
        for url in urls:
            if self._stop.is_set():
                break
            status, validators = self._poll_safely(url, store, state)
            etag, last_modified = validators
            state.record_poll(status, etag=etag, last_modified=last_modified)
            statuses.append(status)
        return statuses

    def run_forever(self, stop_event: threading.Event | None = None) -> None:
        """Poll every ``every`` seconds until ``stop_event`` is set.

        A poll that fails as a whole (the store is locked, the feed list is gone) is logged and
        tried again at the next interval. Setting the event stops between two articles.

        Args:
            stop_event: set it to stop (from another thread, or a signal handler).
        """
        if stop_event is not None:
            self._stop = stop_event
        while not self._stop.is_set():
            try:
                statuses = self.poll_once()
            except Exception:  # the loop outlives any single poll
                logger.exception("eventwire watch: the poll failed; trying again next interval")
            else:
                if self.on_poll is not None:
                    self.on_poll(statuses)
            self._stop.wait(self.every)

    def stop(self) -> None:
        """Ask :meth:`run_forever` to stop after the article being coded."""
        self._stop.set()

    def close(self) -> None:
        """Close the connections (and the store, if the watcher opened it)."""
        self.fetcher.close()
        if self._store is not None and self._store_path is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store(self) -> DuckDBStore:
        """The store, opened at first use when the watcher was given a path."""
        if self._store is None:
            from eventwire.store import open_store

            assert self._store_path is not None
            self._store = open_store(self._store_path)
        return self._store

    # -- one URL -----------------------------------------------------------------------------

    def _poll_safely(
        self, url: str, store: DuckDBStore, state: WatchState
    ) -> tuple[FeedStatus, tuple[str | None, str | None]]:
        try:
            return self._poll(url, store, state)
        except EventwireError as exc:
            return FeedStatus(feed=url, status="error", error=str(exc)), (None, None)
        except Exception as exc:  # one feed's surprise must not stop the others
            logger.exception("eventwire watch: %s failed", url)
            error = f"failed unexpectedly ({type(exc).__name__}: {exc}); please report this feed"
            return FeedStatus(feed=url, status="error", error=error), (None, None)

    def _poll(
        self, url: str, store: DuckDBStore, state: WatchState
    ) -> tuple[FeedStatus, tuple[str | None, str | None]]:
        check_url(url)
        remembered = state.feed(url)
        if remembered.kind == "page" and state.is_done(canonical_url(url)):
            # A page is one article: once coded it is never fetched or coded again.
            return FeedStatus(feed=url, status="not-modified", kind="page"), (None, None)
        response = self.fetcher.fetch(
            url, etag=remembered.etag, last_modified=remembered.last_modified
        )
        if response.not_modified:
            status = FeedStatus(
                feed=url, status="not-modified", kind=remembered.kind, http_status=304
            )
            return status, (response.etag, response.last_modified)
        tally = _Tally()
        kind = detect_kind(response)
        if kind == "feed":
            complete = self._poll_feed(url, response, store, state, tally)
        else:
            complete = self._poll_page(url, response, store, state, tally)
        status = FeedStatus(
            feed=url,
            status="ok",
            kind=kind,
            http_status=response.status,
            new_items=tally.new_items,
            coded=tally.coded,
            from_summary=tally.from_summary,
            failed=tally.failed,
            waiting=tally.waiting,
            events=tally.events,
            error="; ".join(tally.notes) or None,
        )
        # Validators are kept only when every new article was dealt with: a 304 at the next poll
        # would otherwise hide the articles left waiting or failed.
        validators = (response.etag, response.last_modified) if complete else (None, None)
        return status, validators

    def _poll_feed(
        self, url: str, response: Response, store: DuckDBStore, state: WatchState, tally: _Tally
    ) -> bool:
        from eventwire.ingest.feeds import read_feed

        fresh: list[tuple[str, Document]] = []
        taken: set[str] = set()
        for entry in read_feed(response.content, response.url):
            if isinstance(entry, InputError):
                continue  # an entry with neither title nor text has nothing to code
            link = urljoin(response.url, entry.url) if entry.url else None
            key = canonical_url(link) if link else f"{canonical_url(url)}#entry:{entry.doc_id}"
            if key in taken or state.is_done(key):
                continue
            if store.has_document(entry.doc_id):
                state.mark_article(key, feed=url, doc_id=entry.doc_id, outcome="stored")
                continue
            taken.add(key)
            fresh.append((key, dataclasses.replace(entry, url=link)))
        tally.new_items = min(len(fresh), self.max_items)
        tally.waiting = len(fresh) - tally.new_items
        if tally.waiting:
            tally.notes.append(f"{tally.waiting} more new articles left for the next poll")
        for key, entry in fresh[: self.max_items]:
            if self._stop.is_set():
                tally.waiting += 1
                continue
            document, note = self._article(entry)
            events, error = self._code(document, store)
            if error is not None:
                tally.failed += 1
                tally.notes.append(f"{entry.url or key}: {error}")
                state.mark_article(key, feed=url, doc_id=None, outcome="failed", error=error)
                continue
            tally.events += events
            if note is None:
                tally.coded += 1
            else:
                tally.from_summary += 1
                tally.notes.append(f"{entry.url}: coded from the feed summary ({note})")
            outcome = "article" if note is None else "summary"
            state.mark_article(key, feed=url, doc_id=document.doc_id, outcome=outcome, error=note)
        return not tally.waiting and not tally.failed

    def _poll_page(
        self, url: str, response: Response, store: DuckDBStore, state: WatchState, tally: _Tally
    ) -> bool:
        key = canonical_url(url)
        if state.is_done(key):
            return True
        document = read_page(response)
        tally.new_items = 1
        events, error = self._code(document, store)
        if error is not None:
            # Raised so the status is an error: the page is the whole of this URL.
            state.mark_article(key, feed=url, doc_id=None, outcome="failed", error=error)
            raise InputError(url, error)
        tally.coded = 1
        tally.events = events
        state.mark_article(key, feed=url, doc_id=document.doc_id, outcome="article")
        return True

    def _article(self, entry: Document) -> tuple[Document, str | None]:
        """The document of a feed entry's article page, else the entry itself and why."""
        if not entry.url:
            return entry, "the entry has no link"
        try:
            page = read_page(self.fetcher.fetch(entry.url))
        except EventwireError as exc:
            message = exc.message if isinstance(exc, InputError) else str(exc)
            return entry, message
        # The entry's id (its guid or link) names the article, so coding the same feed from a
        # file later (``eventwire code feed.xml``) finds it already stored.
        document = dataclasses.replace(
            page,
            doc_id=entry.doc_id,
            url=page.url or entry.url,
            title=page.title or entry.title,
            published=page.published or entry.published,
            author=page.author or entry.author,
            source=page.source or entry.source,
            origin=entry.url,
        )
        return document, None

    def _code(self, document: Document, store: DuckDBStore) -> tuple[int, str | None]:
        """Code and store one document: its event count, or why it failed."""
        from eventwire.pipeline import Coder, run

        with self.coding_lock or nullcontext():
            if self.coder is None:
                self.coder = Coder()
            summary = run([document], coder=self.coder, store=store)
        if summary.failures:
            return 0, "; ".join(failure.message for failure in summary.failures)
        return summary.events, None


def detect_kind(response: Response) -> str:
    """Tell a feed from a page: by the content type, else by how the body starts.

    Returns:
        ``"feed"`` or ``"page"`` (a page may be HTML or plain text).
    """
    head = response.content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if response.content_type in PAGE_TYPES:
        return "feed" if head.startswith(_FEED_STARTS) else "page"
    if response.content_type in FEED_TYPES or response.content_type.endswith("+xml"):
        return "feed"
    return "feed" if head.startswith(_FEED_STARTS) else "page"


def read_page(response: Response) -> Document:
    """Make the document of a fetched page: HTML by trafilatura, plain text as it is.

    Raises:
        InputError: the page is not HTML or text, or holds no article text.
    """
    from eventwire.ingest.html import read_html
    from eventwire.ingest.text import read_text_file

    head = response.content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if response.content_type == "text/plain":
        return read_text_file(response.content, response.url)
    if response.content_type in PAGE_TYPES or head.startswith(_PAGE_STARTS):
        document = read_html(response.content, response.url)
        return document if document.url else dataclasses.replace(document, url=response.url)
    shown = response.content_type or "no content type"
    raise InputError(
        response.url,
        f"is neither a feed nor a page ({shown}); list RSS/Atom feeds or article pages only",
    )
