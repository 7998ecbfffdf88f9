"""The ``eventwire events`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat, parse_day


def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None,
        typer.Option(help="Actor code on either side, e.g. RUSGOV or NATO."),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="ISO3 country on either side, e.g. RUS."),
    ] = None,
    root: Annotated[
        list[str] | None,
        typer.Option(help="CAMEO root code, e.g. 13 (repeatable)."),
    ] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    all_mentions: Annotated[
        bool,
        typer.Option(
            "--all-mentions", help="Every report of each happening, not one event per happening."
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored events, newest first, filtered by actor, country, CAMEO root and dates.

    Each happening is listed once, with how many reports, outlets and documents tell of it.
    """
    from eventwire.cli.output import print_events
    from eventwire.store import EventFilter, open_store

    where = EventFilter(
        actor=actor,
        country=country,
        roots=tuple(root or ()),
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        limit=limit,
        all_mentions=all_mentions,
    )
    with open_store(db, read_only=True) as store:
        print_events(store.events(where), fmt)
