"""The ``eventwire serve`` command."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption

if TYPE_CHECKING:
    from eventwire.serve.state import ServeState


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log each request's path.")
    ] = True,
    watch: Annotated[
        Path | None,
        typer.Option(help="Also poll the feeds and pages listed in this file (eventwire watch)."),
    ] = None,
    every: Annotated[
        str, typer.Option(help="How often to poll with --watch: 30s, 15m, 1h.")
    ] = "15m",
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let --watch fetch private and loopback addresses (testing)."
        ),
    ] = False,
) -> None:
    """Serve the REST API and the dashboard (OpenAPI docs at /docs).

    Reads are open; POST /documents needs 'Authorization: Bearer <token>' with the token from the
    environment variable EVENTWIRE_API_TOKEN (without it, writes are refused). The coder loads on
    the first POST.
    """
    import uvicorn

    from eventwire.serve import create_app

    # The access log prints the method, path and status, never headers: the token stays out.
    app = create_app(db)
    state = app.state.serve
    stop = threading.Event()
    watcher = _start_watching(state, watch, every, allow_private, stop) if watch else None
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)
    finally:
        stop.set()
        if watcher is not None:
            watcher.join(timeout=60)
        state.close()


def _start_watching(
    state: ServeState, feeds: Path, every: str, allow_private: bool, stop: threading.Event
) -> threading.Thread:
    """Poll the feeds in a thread of the server: the watcher codes with the server's coder under
    its write lock, through a cursor of its own, and each poll's documents join the listing."""
    from eventwire.watch import Watcher, parse_interval

    interval = parse_interval(every)
    if not feeds.is_file():
        raise typer.BadParameter(f"{feeds}: no such feed list", param_hint="--watch")
    watermark = state.last_coded()

    def listed(_statuses: object) -> None:
        nonlocal watermark
        watermark = state.index_after(watermark)

    watcher = Watcher(
        state.store.reader(),
        feeds,
        coder=state.coder(),
        every=interval,
        allow_private=allow_private,
        coding_lock=state.write_lock,
        on_poll=listed,
    )
    thread = threading.Thread(
        target=watcher.run_forever, args=(stop,), name="eventwire-watch", daemon=True
    )
    thread.start()
    return thread
