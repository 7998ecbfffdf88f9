"""``eventwire serve --watch``: the server polls a feed and its articles' events are listed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .test_watch import serve_news, site  # noqa: F401 - the local feed server fixture


@pytest.mark.slow
def test_serve_watch_lists_the_events_of_polled_articles(site, tmp_path):  # noqa: F811
    import httpx

    serve_news(site, ["/world/poland.html", "/world/chile.html"])
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the test gazette\n{site.base}/feed.xml\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(Path(sys.executable).parent / "eventwire"),
        "serve",
        "--db",
        str(tmp_path / "watched.duckdb"),
        "--port",
        str(port),
        "--watch",
        str(feeds),
        "--every",
        "1s",
        "--allow-private",
    ]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env={**os.environ, "EVENTWIRE_API_TOKEN": "t"}, stdout=out, stderr=out
        )
        try:
            base = f"http://127.0.0.1:{port}"
            events: list[dict] = []
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and len({e["doc_id"] for e in events}) < 2:
                time.sleep(1)
                try:
                    events = httpx.get(f"{base}/events", timeout=5).json()["items"]
                except (httpx.TransportError, ValueError):
                    continue
        finally:
            server.terminate()
            server.wait(timeout=60)
    assert len({e["doc_id"] for e in events}) == 2, log.read_text()[-2000:]
    # "Poland expelled two Belarusian diplomats": the watched article's event, listed by the API
    assert any(
        e["source"] and e["source"]["country"] == "POL" and e["cameo_root"] == "16" for e in events
    ), [(e["cameo"], e["source"], e["target"]) for e in events]
