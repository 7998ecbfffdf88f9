"""What the watcher remembers between polls, in the same DuckDB file as the events.

``feed_state``: one row per URL of the feed list — the validators of its last answer (``ETag``,
``Last-Modified``) for conditional requests, and its last status. ``feed_polls``: one row per URL
per poll, the status report. ``seen_urls``: one row per article, keyed by its canonical URL, so an
article linked again (by the same feed, another feed, with other tracking parameters) is never
coded twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_state (
    url VARCHAR PRIMARY KEY, kind VARCHAR, etag VARCHAR, last_modified VARCHAR,
    last_status VARCHAR, last_http_status INTEGER, last_polled TIMESTAMP, last_ok TIMESTAMP,
    last_error VARCHAR, items_seen INTEGER DEFAULT 0, events_coded INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS feed_polls (
    url VARCHAR, polled_at TIMESTAMP, kind VARCHAR, status VARCHAR, http_status INTEGER,
    new_items INTEGER, coded INTEGER, from_summary INTEGER, failed INTEGER, events INTEGER,
    error VARCHAR
);
CREATE TABLE IF NOT EXISTS seen_urls (
    url VARCHAR PRIMARY KEY, feed VARCHAR, doc_id VARCHAR, outcome VARCHAR,
    attempts INTEGER, first_seen TIMESTAMP, last_attempt TIMESTAMP, error VARCHAR
);
"""

# An article whose page and summary both failed is tried again at later polls, this many times in
# all, then left alone: a dead link must not cost a request at every poll for ever.
MAX_ATTEMPTS = 3
DONE_OUTCOMES = ("article", "summary", "stored")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    """The remembered state of one URL of the feed list."""

    url: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class WatchState:
    """Reads and writes the watcher's tables on an open DuckDB connection.

    Args:
        connection: the store's connection (the tables are created if missing).
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        connection.execute(SCHEMA)

    def feed(self, url: str) -> FeedState:
        """Return the validators remembered for a URL (none if it was never fetched)."""
        rows = self.connection.execute(
            "SELECT kind, etag, last_modified FROM feed_state WHERE url = ?", [url]
        ).fetchall()
        if not rows:
            return FeedState(url=url)
        [(kind, etag, last_modified)] = rows
        return FeedState(url=url, kind=kind, etag=etag, last_modified=last_modified)

    def is_done(self, url: str) -> bool:
        """Return whether an article (canonical URL) was coded, or given up on."""
        # fetchall, not fetchone: DuckDB keeps a half-read result open on the connection.
        rows = self.connection.execute(
            "SELECT outcome, attempts FROM seen_urls WHERE url = ?", [url]
        ).fetchall()
        return any(
            outcome in DONE_OUTCOMES or attempts >= MAX_ATTEMPTS for outcome, attempts in rows
        )

    def mark_article(
        self, url: str, *, feed: str, doc_id: str | None, outcome: str, error: str | None = None
    ) -> None:
        """Remember an article's outcome: ``article``, ``summary``, ``stored`` or ``failed``."""
        now = _now()
        self.connection.execute(
            """
            INSERT INTO seen_urls VALUES (?, ?, ?, ?, 1, ?, ?, ?)
            ON CONFLICT (url) DO UPDATE SET doc_id = excluded.doc_id, outcome = excluded.outcome,
                attempts = seen_urls.attempts + 1, last_attempt = excluded.last_attempt,
                error = excluded.error
            """,
            [url, feed, doc_id, outcome, now, now, error],
        )

    def record_poll(self, status: Any, *, etag: str | None, last_modified: str | None) -> None:
        """Store one URL's poll: its report row, and its state (validators kept unless given).

        Args:
            status: the :class:`~eventwire.watch.watcher.FeedStatus` of the poll.
            etag: the new ``ETag`` to remember, or ``None`` to keep the old one.
            last_modified: the new ``Last-Modified``, or ``None`` to keep the old one.
        """
        connection = self.connection
        connection.execute(
            "INSERT INTO feed_polls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                status.feed,
                status.polled_at,
                status.kind,
                status.status,
                status.http_status,
                status.new_items,
                status.coded,
                status.from_summary,
                status.failed,
                status.events,
                status.error,
            ],
        )
        ok = status.status != "error"
        connection.execute(
            """
            INSERT INTO feed_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (url) DO UPDATE SET
                kind = coalesce(excluded.kind, feed_state.kind),
                etag = coalesce(excluded.etag, feed_state.etag),
                last_modified = coalesce(excluded.last_modified, feed_state.last_modified),
                last_status = excluded.last_status, last_http_status = excluded.last_http_status,
                last_polled = excluded.last_polled,
                last_ok = coalesce(excluded.last_ok, feed_state.last_ok),
                last_error = excluded.last_error,
                items_seen = feed_state.items_seen + excluded.items_seen,
                events_coded = feed_state.events_coded + excluded.events_coded
            """,
            [
                status.feed,
                status.kind,
                etag,
                last_modified,
                status.status,
                status.http_status,
                status.polled_at,
                status.polled_at if ok else None,
                status.error,
                status.new_items,
                status.events,
            ],
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
