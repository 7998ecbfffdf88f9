"""The ``eventwire stats`` command."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption


def stats(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show what the database holds: documents, sentences, events by CAMEO root, top actors."""
    from rich.console import Console
    from rich.table import Table

    from eventwire.events.cameo import load_cameo
    from eventwire.store import open_store

    with open_store(db, read_only=True) as store:
        figures = store.stats()
    if as_json:
        print(json.dumps(figures, default=str, indent=2))
        return
    console = Console()
    kinds = ", ".join(f"{n} {k}" for k, n in figures["documents_by_kind"].items())
    first, last = figures["date_range"]
    console.print(
        f"{db}: {figures['documents']} documents ({kinds or 'none'}), "
        f"{figures['sentences']} sentences, {figures['events']} events"
        + (f", dated {first} to {last}" if first else "")
    )
    cameo = load_cameo()
    roots = Table("root", "name", "events", title="Events by CAMEO root")
    for root, count in figures["events_by_root"].items():
        roots.add_row(root, cameo[root].description, str(count))
    console.print(roots)
    actors = Table("actor", "events", title="Most frequent actors")
    for code, count in figures["top_actors"]:
        actors.add_row(code, str(count))
    console.print(actors)
