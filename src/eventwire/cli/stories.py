"""The ``eventwire stories`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat


def stories(
    db: DbOption = DEFAULT_DB,
    min_documents: Annotated[
        int, typer.Option("--min-documents", min=1, help="Only stories with this many articles.")
    ] = 1,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stories: articles about one developing situation, with their headlines and events."""
    from eventwire.cli.records_output import print_stories
    from eventwire.store import open_store

    with open_store(db, read_only=True) as store:
        print_stories(store.stories(limit=limit, min_documents=min_documents), fmt)
