"""The ``eventwire places`` command."""

from __future__ import annotations

import csv
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat

if TYPE_CHECKING:
    from eventwire.records import Place

PLACE_FIELDS = (
    "doc_id",
    "sentence_index",
    "text",
    "name",
    "country",
    "admin1",
    "feature",
    "lat",
    "lon",
    "confidence",
    "start",
    "end",
    "rule",
)


def places(
    db: DbOption = DEFAULT_DB,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO3 country of the place, e.g. CHE.")
    ] = None,
    feature: Annotated[
        str | None,
        typer.Option(help="country, state, region, city or landmark."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored place mentions, geocoded: name, ISO3 country, region, coordinates, feature."""
    from eventwire.store import PlaceFilter, open_store

    where = PlaceFilter(doc_id=doc, country=country, feature=feature, limit=limit)
    with open_store(db, read_only=True) as store:
        print_places(store.places(where), fmt)


def print_places(rows: list[Place], fmt: OutputFormat) -> int:
    """Print places to stdout in the given format; return how many were printed."""
    if fmt is OutputFormat.jsonl:
        for place in rows:
            sys.stdout.write(json.dumps(place.to_dict(), ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=PLACE_FIELDS, lineterminator="\n")
        writer.writeheader()
        for place in rows:
            data = place.to_dict()
            writer.writerow({key: data[key] for key in PLACE_FIELDS})
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for name in ("doc", "text", "place", "country", "feature", "lat, lon", "conf.", "rule"):
            table.add_column(name)
        for place in rows:
            point = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None else ""
            name = place.name + (f"\n[dim]{place.admin1}[/dim]" if place.admin1 else "")
            table.add_row(
                place.doc_id,
                place.text,
                name,
                place.country,
                place.feature,
                point,
                f"{place.confidence:.2f}",
                place.rule,
            )
        Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160).print(table)
    return len(rows)
