"""The ``eventwire entities`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat


def entities(
    db: DbOption = DEFAULT_DB,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="person, organisation or place.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Words of the name, e.g. Ryabkov.")] = None,
    code: Annotated[str | None, typer.Option(help="Actor code, e.g. RUSGOV or NATO.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored people, organisations and places with their mentions."""
    from eventwire.cli.records_output import print_entities
    from eventwire.store import EntityFilter, open_store

    if type_ is not None and type_.lower() not in {"person", "organisation", "place"}:
        raise typer.BadParameter("use person, organisation or place", param_hint="--type")
    where = EntityFilter(doc_id=doc, type=type_, name=name, code=code, limit=limit)
    with open_store(db, read_only=True) as store:
        print_entities(store.entities(where), fmt)
