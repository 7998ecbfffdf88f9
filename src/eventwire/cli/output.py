"""Printing events as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eventwire.cli.options import OutputFormat

if TYPE_CHECKING:
    from eventwire.records import Event

# Width of the events table when stdout is not a terminal.
TABLE_WIDTH = 160
CSV_COLUMNS = (
    "doc_id",
    "event_id",
    "published",
    "sentence_index",
    "source_code",
    "source_country",
    "source_role",
    "source_org",
    "source_text",
    "cameo",
    "cameo_root",
    "plover",
    "goldstein",
    "quad_class",
    "target_code",
    "target_country",
    "target_role",
    "target_org",
    "target_text",
    "reported_by_code",
    "negated",
    "hypothetical",
    "confidence",
    "trigger",
    "rule",
    "sentence",
    "event_date",
    "date_basis",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "num_mentions",
    "num_sources",
    "num_documents",
)


def print_events(events: Iterable[Event], fmt: OutputFormat) -> int:
    """Print events to stdout in the given format; return how many were printed."""
    if fmt is OutputFormat.jsonl:
        count = 0
        for event in events:
            sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for event in events:
            writer.writerow(flatten(event))
            count += 1
        return count
    return print_table(list(events))


def flatten(event: Event) -> dict[str, Any]:
    """Return the event as one flat row (actor objects spread into ``source_*``/``target_*``)."""
    data = event.to_dict()
    row = {key: data.get(key) for key in CSV_COLUMNS if key in data}
    row["reported_by_code"] = (data["reported_by"] or {}).get("code")
    location = data.get("location") or {}
    for field in ("name", "country", "lat", "lon"):
        row[f"location_{field}"] = location.get(field)
    for slot in ("source", "target"):
        actor = data[slot] or {}
        for field in ("code", "country", "role", "org", "text"):
            row[f"{slot}_{field}"] = actor.get(field)
    return row


def print_table(events: list[Event]) -> int:
    """Print a readable table: who, what, whom, the flags and the evidence."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=True, expand=True)
    for name, kwargs in (
        ("date", {"no_wrap": True, "min_width": 10}),
        ("source", {"ratio": 1, "min_width": 12}),
        ("cameo", {"no_wrap": True, "min_width": 5}),
        ("event", {"min_width": 10, "max_width": 12}),
        ("target", {"ratio": 1, "min_width": 12}),
        ("flags", {"max_width": 12}),
        ("evidence", {"ratio": 4, "min_width": 40}),
    ):
        table.add_column(name, **kwargs)  # type: ignore[arg-type]
    for event in events:
        flags = ", ".join(
            f for f, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on
        )
        if event.num_mentions > 1:
            # the other reports of the same happening (eventwire stories, export)
            flags = "\n".join(
                filter(None, (flags, f"{event.num_mentions} reports, {event.num_sources} outlets"))
            )
        table.add_row(
            _date_cell(event),
            _actor_cell(event.source),
            event.cameo,
            f"{event.plover or ''}\n{event.goldstein:+.1f} Q{event.quad_class}",
            _actor_cell(event.target),
            flags,
            _evidence(event),
        )
    console = Console(soft_wrap=False)
    if not console.is_terminal:
        # piped or captured (make run, CI logs): wide enough for the evidence to be read
        console = Console(soft_wrap=False, width=TABLE_WIDTH)
    console.print(table)
    return len(events)


def _date_cell(event: Event) -> str:
    """The event's date (else the publication date), and its place when it has one."""
    day = event.event_date or event.published
    cell = day.isoformat() if day else ""
    if event.date_basis and event.date_basis != "published":
        cell += f"\n[dim]{event.date_basis.split(':')[0]}[/dim]"
    if event.location is not None:
        cell += f"\n{event.location.name} {event.location.country}"
    return cell


def _actor_cell(actor: Any) -> str:
    if actor is None:
        return "—"
    return f"{actor.code}\n[dim]{actor.text}[/dim]"


def _evidence(event: Event) -> str:
    from rich.markup import escape

    sentence = event.sentence
    if event.trigger_start is None:
        return escape(sentence)
    start = event.trigger_start - event.sentence_start
    end = (event.trigger_end or start) - event.sentence_start
    if not 0 <= start <= end <= len(sentence):
        return escape(sentence)
    return (
        escape(sentence[:start])
        + "[bold yellow]"
        + escape(sentence[start:end])
        + "[/]"
        + escape(sentence[end:])
        + f"\n[dim]{event.doc_id} · {event.rule}[/dim]"
    )
