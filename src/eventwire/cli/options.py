"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_DB = Path("eventwire.duckdb")


class OutputFormat(StrEnum):
    """How to print records."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def parse_day(value: str | None, option: str) -> dt.date | None:
    """Parse a YYYY-MM-DD option value, with an error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", param_hint=option
        ) from None
