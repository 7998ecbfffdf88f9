"""The ``eventwire export`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption

FORMATS = ("gdelt-events", "gdelt-mentions", "parquet", "jsonl", "csv")


def export(
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="One of: " + ", ".join(FORMATS) + "."),
    ],
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write here (stdout when absent; Parquet needs it)."),
    ] = None,
) -> None:
    """Export every stored event: GDELT 2.0 events or mentions (TSV), Parquet, JSON Lines or CSV."""
    from eventwire.exports import ExportFormat, write_export
    from eventwire.store import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not an export format; use one of {', '.join(FORMATS)}",
            param_hint="--format",
        )
    with open_store(db, read_only=True) as store:
        count = write_export(store, ExportFormat(fmt), out)
    if out is not None:
        typer.echo(f"wrote {count} rows to {out}", err=True)
