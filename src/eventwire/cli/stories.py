"""The ``eventwire stories`` command."""

from __future__ import annotations

import csv
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat

if TYPE_CHECKING:
    from eventwire.store.stories import StoryRecord

STORY_FIELDS = (
    "story_id",
    "title",
    "first_date",
    "last_date",
    "actors",
    "documents",
    "headlines",
    "events",
)


def stories(
    db: DbOption = DEFAULT_DB,
    min_documents: Annotated[
        int, typer.Option("--min-documents", min=1, help="Only stories with this many articles.")
    ] = 1,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stories: articles about one developing situation, with their headlines and events."""
    from eventwire.store import open_store

    with open_store(db, read_only=True) as store:
        print_stories(store.stories(limit=limit, min_documents=min_documents), fmt)


def print_stories(rows: list[StoryRecord], fmt: OutputFormat) -> int:
    """Print stories to stdout in the given format; return how many were printed."""
    if fmt is OutputFormat.jsonl:
        for story in rows:
            sys.stdout.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=STORY_FIELDS, lineterminator="\n")
        writer.writeheader()
        for story in rows:
            data = story.to_dict()
            data["events"] = data.pop("event_ids")
            writer.writerow({k: " ".join(v) if isinstance(v, list) else v for k, v in data.items()})
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table(show_lines=True)
        for column in ("story", "dates", "actors", "reports"):
            table.add_column(column)
        for story in rows:
            span = f"{story.first_date or '?'} – {story.last_date or '?'}"
            table.add_row(
                escape(story.title) + f"\n[dim]{story.story_id}[/dim]",
                span,
                " ".join(story.actors) or "—",
                f"{len(story.documents)} articles, {len(story.headlines)} headlines, "
                f"{len(story.event_ids)} events",
            )
        Console(width=140).print(table)
    return len(rows)
