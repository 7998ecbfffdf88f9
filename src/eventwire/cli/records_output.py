"""Printing quotes and entities as a table, JSON Lines or CSV (as ``output`` does for events)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from eventwire.cli.options import OutputFormat
from eventwire.cli.output import TABLE_WIDTH

if TYPE_CHECKING:
    from eventwire.records import Entity, Quote
    from eventwire.store.stories import StoryRecord

QUOTE_CSV_COLUMNS = (
    "doc_id",
    "quote_id",
    "kind",
    "speaker_code",
    "speaker_country",
    "speaker_role",
    "speaker_org",
    "speaker_text",
    "speaker_name",
    "verb",
    "start",
    "end",
    "closed",
    "quote",
)
ENTITY_CSV_COLUMNS = ("doc_id", "entity_id", "type", "name", "title", "code", "mentions", "spans")
STORY_CSV_COLUMNS = (
    "story_id",
    "title",
    "first_date",
    "last_date",
    "actors",
    "documents",
    "headlines",
    "event_ids",
)


def print_quotes(quotes: Iterable[Quote], fmt: OutputFormat) -> int:
    """Print quotes to stdout in the given format; return how many were printed."""
    return _print(
        list(quotes),
        fmt,
        QUOTE_CSV_COLUMNS,
        _quote_row,
        ("speaker", "kind", "quote"),
        lambda q: (
            (q.speaker.code if q.speaker else "—")
            + f"\n[dim]{_escape(q.speaker_name or q.speaker_text or '')}[/dim]",
            f"{q.kind}\n[dim]{q.verb or ''}[/dim]",
            _escape(q.quote) + f"\n[dim]{q.doc_id} · {q.start}-{q.end}[/dim]",
        ),
    )


def print_entities(entities: Iterable[Entity], fmt: OutputFormat) -> int:
    """Print entities to stdout in the given format; return how many were printed."""
    return _print(
        list(entities),
        fmt,
        ENTITY_CSV_COLUMNS,
        _entity_row,
        ("type", "name", "code", "mentions"),
        lambda e: (
            e.type,
            _escape(e.name) + (f"\n[dim]{_escape(e.title)}[/dim]" if e.title else ""),
            e.code or "—",
            str(len(e.mentions)) + f"\n[dim]{e.doc_id}[/dim]",
        ),
    )


def print_stories(stories: Iterable[StoryRecord], fmt: OutputFormat) -> int:
    """Print stories to stdout in the given format; return how many were printed."""
    return _print(
        list(stories),
        fmt,
        STORY_CSV_COLUMNS,
        lambda s: {k: " ".join(v) if isinstance(v, list) else v for k, v in s.to_dict().items()},
        ("dates", "actors", "reports", "story"),
        lambda s: (
            f"{s.first_date or '?'}\n{s.last_date or '?'}",
            " ".join(s.actors) or "—",
            f"{len(s.documents)} articles\n{len(s.headlines)} headlines\n{len(s.event_ids)} events",
            _escape(s.title) + f"\n[dim]{s.story_id}[/dim]",
        ),
    )


def _quote_row(quote: Quote) -> dict[str, Any]:
    data = quote.to_dict()
    speaker = data.pop("speaker") or {}
    for field in ("code", "country", "role", "org"):
        data[f"speaker_{field}"] = speaker.get(field)
    return {key: data.get(key) for key in QUOTE_CSV_COLUMNS}


def _entity_row(entity: Entity) -> dict[str, Any]:
    data = entity.to_dict()
    data["spans"] = " ".join(f"{m.start}-{m.end}" for m in entity.mentions)
    data["mentions"] = len(entity.mentions)
    return {key: data.get(key) for key in ENTITY_CSV_COLUMNS}


def _print(
    records: list[Any],
    fmt: OutputFormat,
    csv_columns: Sequence[str],
    row: Callable[[Any], dict[str, Any]],
    headers: Sequence[str],
    cells: Callable[[Any], tuple[str, ...]],
) -> int:
    if fmt is OutputFormat.jsonl:
        for record in records:
            sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        return len(records)
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(csv_columns), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(row(record))
        return len(records)
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=True, expand=True)
    for index, header in enumerate(headers):
        last = index == len(headers) - 1
        table.add_column(header, ratio=4 if last else 1)
    for record in records:
        table.add_row(*cells(record))
    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console = Console(soft_wrap=False, width=TABLE_WIDTH)
    console.print(table)
    return len(records)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
