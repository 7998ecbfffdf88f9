"""The ``eventwire lexicon`` command."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Part(StrEnum):
    """Which part of the lexicon to show."""

    all = "all"
    actors = "actors"
    people = "people"
    verbs = "verbs"
    nouns = "nouns"


def lexicon(
    query: Annotated[
        str | None,
        typer.Argument(
            help="Show only entries whose phrase, code or cues contain this (any case)."
        ),
    ] = None,
    part: Annotated[Part, typer.Option("--part", "-p", help="Which part to list.")] = Part.all,
    extra: Annotated[
        list[Path] | None,
        typer.Option("--lexicon", help="Folder with extra lexicon files (repeatable)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 200,
) -> None:
    """List and search the actor and event lexicons, with the file and line of each entry."""
    from rich.console import Console
    from rich.table import Table

    from eventwire.actors.lexicon import load_actor_lexicon
    from eventwire.events.lexicon import load_event_lexicon

    dirs = extra or []
    rows: list[tuple[str, str, str, str, str]] = []
    if part in (Part.all, Part.actors, Part.people):
        actors = load_actor_lexicon(dirs)
        if part is not Part.people:
            for actor_entry in actors.names + actors.roles:
                code = actor_entry.org or f"{actor_entry.country or ''}{actor_entry.role or ''}"
                rows.append((actor_entry.rule, actor_entry.kind, actor_entry.phrase, code, ""))
        if part is not Part.actors:
            seen = set()
            for name, offices in actors.people.by_name.items():
                for office in offices:
                    if (name, office.rule) not in seen:
                        seen.add((name, office.rule))
                        code = office.org or f"{office.country or ''}{office.role or ''}"
                        years = f"{office.start or ''}–{office.end or ''}"
                        rows.append((office.rule, "person", name, code, f"{office.title} {years}"))
    if part in (Part.all, Part.verbs, Part.nouns):
        events = load_event_lexicon(dirs)
        if part is not Part.nouns:
            for entries in events.verbs.values():
                for entry in entries:
                    verb = f"{entry.lemma} {entry.particle or ''}".strip()
                    cues = " ".join(f"{k}={'|'.join(sorted(v))}" for k, v in entry.cues)
                    rows.append(
                        (
                            entry.rule,
                            "verb",
                            verb,
                            entry.cameo,
                            f"{cues} → {entry.target or 'default'}",
                        )
                    )
        if part is not Part.verbs:
            for noun, (code, rule) in events.nouns.items():
                rows.append((rule, "noun", noun, code, ""))
    if query:
        needle = query.lower()
        rows = [r for r in rows if any(needle in cell.lower() for cell in r[1:])]
    table = Table(
        "where",
        "kind",
        "phrase",
        "code",
        "detail",
        title=f"{len(rows)} entries" + (f" matching {query!r}" if query else ""),
    )
    for row in sorted(rows, key=_file_order)[:limit]:
        table.add_row(*row)
    Console().print(table)
    if len(rows) > limit:
        typer.echo(f"… {len(rows) - limit} more; narrow the query or raise --limit", err=True)


def _file_order(row: tuple[str, str, str, str, str]) -> tuple[str, int]:
    name, _, line = row[0].rpartition(":")
    return name, int(line) if line.isdigit() else 0
