"""The feed watcher: poll RSS/Atom feeds and pages, code what is new, report each URL's status.

From Python (the API server runs it in a background thread)::

    import threading
    from eventwire.watch import Watcher

    stop = threading.Event()
    watcher = Watcher("news.duckdb", Path("FEEDS.txt"), every=15 * 60)
    threading.Thread(target=watcher.run_forever, args=(stop,), daemon=True).start()
    ...
    stop.set()
"""

from __future__ import annotations

from eventwire.watch.feedlist import FeedListError, parse_interval, read_feed_list
from eventwire.watch.fetch import Fetcher, Response
from eventwire.watch.urls import FetchError, RefusedError, canonical_url
from eventwire.watch.watcher import FeedStatus, Watcher

__all__ = [
    "FeedListError",
    "FeedStatus",
    "FetchError",
    "Fetcher",
    "RefusedError",
    "Response",
    "Watcher",
    "canonical_url",
    "parse_interval",
    "read_feed_list",
]
