"""The ``eventwire quotes`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat


def quotes(
    db: DbOption = DEFAULT_DB,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Speaker's actor code, e.g. RUSGOV or NATO.")
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Words of the speaker's name, e.g. Ryabkov.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="direct, partial or indirect.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored quotes with their speakers, filtered by document, speaker and kind."""
    from eventwire.cli.records_output import print_quotes
    from eventwire.store import QuoteFilter, open_store

    if kind is not None and kind.lower() not in {"direct", "partial", "indirect"}:
        raise typer.BadParameter("use direct, partial or indirect", param_hint="--kind")
    where = QuoteFilter(doc_id=doc, speaker=speaker, name=name, kind=kind, limit=limit)
    with open_store(db, read_only=True) as store:
        print_quotes(store.quotes(where), fmt)
