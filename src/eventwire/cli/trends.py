"""The ``eventwire trends`` and ``eventwire alerts`` commands."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, FormatOption, OutputFormat

if TYPE_CHECKING:
    from eventwire.analytics import Alert, DyadPeriod

PERIODS = ("day", "week", "month")
SERIES_COLUMNS = (
    "period",
    "events",
    "q1_verbal_coop",
    "q2_material_coop",
    "q3_verbal_conflict",
    "q4_material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "tone",
    "intensity",
    "zscore",
    "alert",
)
ALERT_COLUMNS = ("source", "target", *SERIES_COLUMNS, "history_mean")

ByOption = Annotated[str, typer.Option("--by", help="Period: day, week or month.")]
MinEventsOption = Annotated[
    int,
    typer.Option(min=1, help="Conflict events a period needs to be an alert."),
]


def trends(
    dyad: Annotated[
        str,
        typer.Option(help="SOURCE:TARGET, each an actor code, ISO3 country or org: RUS:UKR."),
    ],
    db: DbOption = DEFAULT_DB,
    by: ByOption = "week",
    both: Annotated[bool, typer.Option("--both", help="Count both directions.")] = False,
    min_events: MinEventsOption = 3,
    fmt: FormatOption = OutputFormat.table,
    plot: Annotated[Path | None, typer.Option(help="Also draw the series to this PNG.")] = None,
) -> None:
    """Show a dyad's events per period: counts by QuadClass, Goldstein, tone and escalation."""
    from eventwire.analytics import dyad_series, parse_dyad
    from eventwire.store import open_store

    period = _period(by)
    source, target = parse_dyad(dyad)
    with open_store(db, read_only=True) as store:
        series = dyad_series(
            store.connection, source, target, by=period, both=both, min_events=min_events
        )
    rows = [_series_row(p) for p in series]
    arrow = "↔" if both else "→"
    _print(rows, SERIES_COLUMNS, fmt, f"{source} {arrow} {target} by {period.value}")
    if plot is not None:
        from eventwire.analytics.plot import plot_series

        plot_series(series, f"{source} {arrow} {target}, events per {period.value}", plot)
        typer.echo(f"drew {len(series)} periods to {plot}", err=True)


def alerts(
    db: DbOption = DEFAULT_DB,
    by: ByOption = "week",
    actors: Annotated[
        bool, typer.Option("--actors", help="Pair actor codes, not countries.")
    ] = False,
    min_events: MinEventsOption = 3,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List dyads whose latest period escalates: conflict intensity z ≥ 2 against their past."""
    from eventwire.analytics import Level, find_alerts
    from eventwire.store import open_store

    period = _period(by)
    level = Level.actor if actors else Level.country
    with open_store(db, read_only=True) as store:
        found = find_alerts(store.connection, by=period, level=level, min_events=min_events)
    rows = [_alert_row(a) for a in found]
    _print(rows, ALERT_COLUMNS, fmt, f"escalation alerts by {period.value}: {len(rows)}")


def _period(by: str) -> Any:
    from eventwire.analytics import Period

    if by not in PERIODS:
        raise typer.BadParameter(
            f"{by!r} is not a period; use one of {', '.join(PERIODS)}", param_hint="--by"
        )
    return Period(by)


def _series_row(p: DyadPeriod) -> dict[str, Any]:
    q1, q2, q3, q4 = p.quad_counts
    return {
        "period": p.period.isoformat(),
        "events": p.events,
        "q1_verbal_coop": q1,
        "q2_material_coop": q2,
        "q3_verbal_conflict": q3,
        "q4_material_conflict": q4,
        "goldstein_sum": round(p.goldstein_sum, 2),
        "goldstein_mean": _round(p.goldstein_mean),
        "tone": _round(p.tone),
        "intensity": round(p.intensity, 2),
        "zscore": _round(p.zscore),
        "alert": p.alert,
    }


def _alert_row(a: Alert) -> dict[str, Any]:
    return {
        "source": a.source,
        "target": a.target,
        **_series_row(a.latest),
        "history_mean": round(a.history_mean, 2),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _print(
    rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: OutputFormat, title: str
) -> None:
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if fmt is OutputFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(
            column, justify="left" if column in ("period", "source", "target") else "right"
        )
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console = Console(soft_wrap=False, width=200)
    console.print(table)
