"""The feed list file and the polling interval.

A feed list has one URL a line; ``#`` starts a comment (a whole line, or after the URL), blank
lines are skipped. A URL may be an RSS/Atom feed or a plain article page: which one is told from
what the server sends, not from the list.
"""

from __future__ import annotations

import re
from pathlib import Path

from eventwire.errors import EventwireError

UNITS = {"s": 1, "m": 60, "h": 3600}
MIN_INTERVAL = 1.0
_INTERVAL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$", re.IGNORECASE)


class FeedListError(EventwireError):
    """A feed list or an interval that cannot be read."""


def parse_feed_list(text: str) -> list[str]:
    """Return the URLs of a feed list, in order, each once.

    Args:
        text: the file's text.

    Returns:
        The URLs (not yet checked: a refused URL is reported as its feed's error at the poll).
    """
    urls: list[str] = []
    for line in text.splitlines():
        # A '#' after whitespace starts a comment; inside a URL it is a fragment.
        url = re.split(r"\s+#", line.strip(), maxsplit=1)[0].strip()
        if url and not url.startswith("#") and url not in urls:
            urls.append(url)
    return urls


def read_feed_list(path: Path) -> list[str]:
    """Read a feed list file.

    Args:
        path: the file.

    Returns:
        Its URLs.

    Raises:
        FeedListError: the file cannot be read or holds no URL.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedListError(f"{path}: cannot read the feed list ({exc}); check the path") from None
    urls = parse_feed_list(text)
    if not urls:
        raise FeedListError(f"{path}: no URL in the feed list; write one feed or page URL a line")
    return urls


def parse_interval(text: str) -> float:
    """Turn ``90s``, ``15m``, ``2h`` (or plain seconds) into seconds.

    Args:
        text: a number with an optional unit ``s``, ``m`` or ``h``.

    Returns:
        The interval in seconds.

    Raises:
        FeedListError: not a number with a known unit, or under one second.
    """
    match = _INTERVAL_RE.match(text)
    if match is None:
        raise FeedListError(
            f"cannot read the interval {text!r}; write a number and a unit: 30s, 15m or 1h"
        )
    seconds = float(match.group(1)) * UNITS[(match.group(2) or "s").lower()]
    if seconds < MIN_INTERVAL:
        raise FeedListError(f"the interval {text!r} is under one second; poll less often")
    return seconds
