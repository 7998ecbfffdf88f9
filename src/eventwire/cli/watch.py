"""The ``eventwire watch`` command."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption

if TYPE_CHECKING:
    from eventwire.watch import FeedStatus, Watcher

EXIT_FEED_ERRORS = 1
# How often the main thread wakes to notice Ctrl-C while the poller works.
JOIN_SECONDS = 0.5


def watch(
    feeds: Annotated[
        Path,
        typer.Argument(
            help="Feed list: one RSS/Atom feed or article URL a line, # comments.",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    every: Annotated[
        str, typer.Option(help="Time between polls: a number and s, m or h (30s, 15m, 1h).")
    ] = "15m",
    once: Annotated[
        bool, typer.Option("--once", help="Poll once and exit (for cron and tests).")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Also fetch private and loopback addresses. For testing against a local "
            "server only: never with a feed list someone else writes.",
        ),
    ] = False,
    max_items: Annotated[
        int, typer.Option(min=1, help="Most new articles coded per feed per poll.")
    ] = 50,
    lexicon: Annotated[
        list[Path] | None,
        typer.Option(help="Folder with extra actor/event lexicon files (repeatable)."),
    ] = None,
) -> None:
    """Poll RSS/Atom feeds and pages, code the new articles, and print each feed's status.

    Requests are conditional (ETag, Last-Modified), so a feed that has not changed costs one
    request; an article is never coded twice. A feed that is down or sends garbage is reported
    and the others go on. Ctrl-C stops after the article being coded. With --once, exits 1 when
    any feed failed.
    """
    from eventwire.pipeline import Coder
    from eventwire.watch import Watcher, parse_interval, read_feed_list

    interval = parse_interval(every)
    read_feed_list(feeds)  # a missing or empty list is an error now, not at the first poll
    watcher = Watcher(
        db,
        feeds,
        coder=Coder(lexicon) if lexicon else None,
        every=interval,
        allow_private=allow_private,
        max_items=max_items,
        on_poll=print_statuses,
    )
    with watcher:
        if once:
            statuses = watcher.poll_once()
            print_statuses(statuses)
            if any(status.status == "error" for status in statuses):
                raise typer.Exit(EXIT_FEED_ERRORS)
            return
        _run_until_interrupted(watcher)


def _run_until_interrupted(watcher: Watcher) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    stop = threading.Event()
    # The poller runs in a thread so that Ctrl-C, which Python delivers to the main thread,
    # stops it between two articles instead of in the middle of a database write.
    poller = threading.Thread(target=watcher.run_forever, args=(stop,), name="eventwire-watch")
    poller.start()
    console.print(f"watching every {watcher.every:g} s; Ctrl-C stops")
    try:
        while poller.is_alive():
            poller.join(JOIN_SECONDS)
    except KeyboardInterrupt:
        console.print("stopping after the current article…")
        stop.set()
        poller.join()
    console.print("stopped")


def print_statuses(statuses: list[FeedStatus]) -> None:
    """Print one poll's report: a row per URL of the feed list."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"poll of {len(statuses)} URLs", title_justify="left")
    table.add_column("feed", overflow="fold")
    for column in ("status", "kind"):
        table.add_column(column)
    for column in ("new", "coded", "summary", "failed", "events"):
        table.add_column(column, justify="right")
    table.add_column("error / notes", overflow="fold")
    colours = {"ok": "green", "not-modified": "dim", "error": "red"}
    for status in statuses:
        table.add_row(
            status.feed,
            f"[{colours.get(status.status, '')}]{status.status}[/]",
            status.kind or "",
            str(status.new_items),
            str(status.coded),
            str(status.from_summary),
            str(status.failed),
            str(status.events),
            status.error or "",
        )
    Console(highlight=False).print(table)
