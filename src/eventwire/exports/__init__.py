"""Exports of the stored events: GDELT 2.0 events and mentions (TSV), Parquet, JSON Lines, CSV.

``write_export(store, fmt, out)`` writes one format to a file, or to stdout for the text formats.
"""

from __future__ import annotations

import contextlib
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from eventwire.errors import EventwireError
from eventwire.exports.flat import PARQUET_SCHEMA, flat_events_sql
from eventwire.exports.gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    global_event_id,
    register_countries,
)

if TYPE_CHECKING:
    from eventwire.store.duckdb import DuckDBStore

__all__ = [
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "PARQUET_SCHEMA",
    "ExportError",
    "ExportFormat",
    "global_event_id",
    "write_export",
]

# Rows fetched from DuckDB at a time while writing TSV: bounded memory on a large store.
FETCH_ROWS = 10_000
_LINE_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


class ExportFormat(StrEnum):
    """The export formats."""

    gdelt_events = "gdelt-events"
    gdelt_mentions = "gdelt-mentions"
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"


class ExportError(EventwireError):
    """An export that cannot be written (binary format to stdout, unwritable file)."""


def write_export(store: DuckDBStore, fmt: ExportFormat, out: Path | None = None) -> int:
    """Write every stored event in ``fmt`` to ``out`` (stdout when None); return the row count.

    Raises:
        ExportError: Parquet without ``out``, or ``out`` cannot be written.
    """
    if fmt is ExportFormat.parquet:
        if out is None:
            raise ExportError("Parquet is binary and is not written to stdout; pass --out FILE")
        return _write_parquet(store, out)
    try:
        with _open(out) as stream:
            if fmt in (ExportFormat.gdelt_events, ExportFormat.gdelt_mentions):
                return _write_gdelt(store, fmt, stream)
            return _write_records(store, fmt, stream)
    except BrokenPipeError:
        # stdout closed early (``| head``): not an error, but nothing more can be written.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the export ({exc.strerror})") from exc


@contextlib.contextmanager
def _open(out: Path | None) -> Any:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def _write_gdelt(store: DuckDBStore, fmt: ExportFormat, stream: IO[str]) -> int:
    from eventwire.exports.gdelt import gdelt_events_sql, gdelt_mentions_sql

    connection = store.connection
    register_countries(connection)
    sql = gdelt_events_sql() if fmt is ExportFormat.gdelt_events else gdelt_mentions_sql()
    cursor = connection.execute(sql)
    count = 0
    while rows := cursor.fetchmany(FETCH_ROWS):
        stream.writelines("\t".join(map(_cell, row)) + "\n" for row in rows)
        count += len(rows)
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        # GDELT files have no quoting: a tab or line break inside a field would shift columns.
        return value.translate(_LINE_BREAKS)
    return str(value)


def _write_parquet(store: DuckDBStore, out: Path) -> int:
    import duckdb

    connection = store.connection
    path = str(out).replace("'", "''")
    try:
        connection.execute(f"COPY ({flat_events_sql()}) TO '{path}' (FORMAT parquet)")
    except duckdb.Error as exc:
        raise ExportError(f"{out}: cannot write the Parquet file ({exc})") from exc
    row = connection.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()
    return int(row[0]) if row else 0


def _write_records(store: DuckDBStore, fmt: ExportFormat, stream: IO[str]) -> int:
    from eventwire.cli.options import OutputFormat
    from eventwire.cli.output import print_events

    with contextlib.redirect_stdout(stream):
        return print_events(store.events(), OutputFormat(fmt.value))
