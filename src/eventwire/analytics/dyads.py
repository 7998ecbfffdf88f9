"""Dyad series: events between two actors (or countries, or organisations) per day, week or month.

Everything is aggregated in DuckDB; Python only fills empty periods and scores escalation, so a
series over 100,000 events takes a few milliseconds (benchmarks/trends_speed.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from eventwire.analytics.escalation import (
    HISTORY_PERIODS,
    MIN_EVENTS,
    is_alert,
    rolling_zscores,
    zscore,
)
from eventwire.errors import EventwireError

if TYPE_CHECKING:
    import duckdb

# Negated and hypothetical events did not happen: they count in no series.
_FACTUAL = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"
_SIDES = """
    FROM events e
    JOIN actors a1 ON a1.event_id = e.event_id AND a1.slot = 'source'
    JOIN actors a2 ON a2.event_id = e.event_id AND a2.slot = 'target'
    LEFT JOIN sentences s USING (doc_id, sentence_index)
"""
_PERIOD_COLUMNS = """
    count(*) FILTER (WHERE e.quad_class = 1),
    count(*) FILTER (WHERE e.quad_class = 2),
    count(*) FILTER (WHERE e.quad_class = 3),
    count(*) FILTER (WHERE e.quad_class = 4),
    coalesce(sum(e.goldstein), 0),
    avg(e.goldstein),
    avg(s.tone),
    coalesce(sum(-e.goldstein) FILTER (WHERE e.quad_class IN (3, 4)), 0)
"""


class DyadError(EventwireError):
    """A dyad that cannot be read (not ``A:B``)."""


class Period(StrEnum):
    """The length of one period of a series."""

    day = "day"
    week = "week"
    month = "month"


class Level(StrEnum):
    """What the two sides of a dyad in ``alerts`` are: countries or actor codes."""

    country = "country"
    actor = "actor"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DyadPeriod:
    """One period of a dyad's series.

    ``quad_counts`` are the event counts of QuadClass 1-4 (verbal/material cooperation, verbal/
    material conflict); ``intensity`` the conflict intensity and ``zscore`` its escalation score
    (eventwire.analytics.escalation); ``tone`` the mean tone of the events' sentences.
    """

    period: dt.date
    quad_counts: tuple[int, int, int, int]
    goldstein_sum: float
    goldstein_mean: float | None
    tone: float | None
    intensity: float
    zscore: float | None = None
    alert: bool = False

    @property
    def events(self) -> int:
        """Return the number of events in the period."""
        return sum(self.quad_counts)

    @property
    def conflict_events(self) -> int:
        """Return the number of QuadClass 3-4 events in the period."""
        return self.quad_counts[2] + self.quad_counts[3]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """A dyad whose latest period crosses the escalation thresholds."""

    source: str
    target: str
    latest: DyadPeriod
    history_mean: float


def parse_dyad(value: str) -> tuple[str, str]:
    """Return the two sides of ``A:B`` upper-cased.

    Raises:
        DyadError: not two non-empty sides separated by one colon.
    """
    parts = [part.strip().upper() for part in value.split(":")]
    if len(parts) != 2 or not all(parts):
        raise DyadError(
            f"{value!r} is not a dyad; write SOURCE:TARGET, e.g. RUS:UKR, RUSGOV:UKRMIL or NATO:RUS"
        )
    return parts[0], parts[1]


def dyad_series(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    target: str,
    *,
    by: Period = Period.week,
    both: bool = False,
    min_events: int = MIN_EVENTS,
) -> list[DyadPeriod]:
    """Return the dyad's periods from its first event to its last, empty periods included.

    Args:
        connection: an open store connection.
        source, target: each an actor code (RUSGOV), an ISO3 country (RUS: any actor of it) or an
            organisation (NATO), matched case-insensitively.
        by: the period length.
        both: count events in both directions, not only source → target.
        min_events: conflict events a period needs before it can be an alert.
    """
    source, target = source.upper(), target.upper()
    match = "(upper(a1.code) = ? OR a1.country = ? OR upper(a1.org) = ?)"
    other = match.replace("a1", "a2")
    condition = f"({match} AND {other})"
    params: list[Any] = [by.value] + [source] * 3 + [target] * 3
    if both:
        condition = f"({condition} OR ({match} AND {other}))"
        params += [target] * 3 + [source] * 3
    rows = connection.execute(
        f"""
        SELECT date_trunc(?, e.event_date)::DATE AS period, {_PERIOD_COLUMNS}
        {_SIDES}
        WHERE e.event_date IS NOT NULL AND {_FACTUAL} AND {condition}
        GROUP BY period ORDER BY period
        """,
        params,
    ).fetchall()
    return score_series(fill_periods(rows, by), min_events)


def fill_periods(rows: list[tuple[Any, ...]], by: Period) -> list[DyadPeriod]:
    """Return one DyadPeriod per period from the first row's to the last's, gaps as empty."""
    found = {row[0]: _period_from(row) for row in rows}
    if not found:
        return []
    series: list[DyadPeriod] = []
    day, last = min(found), max(found)
    while day <= last:
        series.append(found.get(day) or _empty(day))
        day = next_period(day, by)
    return series


def score_series(series: list[DyadPeriod], min_events: int = MIN_EVENTS) -> list[DyadPeriod]:
    """Return the series with each period's escalation score and alert flag filled in."""
    scores = rolling_zscores([p.intensity for p in series])
    return [
        dataclasses.replace(p, zscore=z, alert=is_alert(z, p.conflict_events, min_events))
        for p, z in zip(series, scores, strict=True)
    ]


def next_period(day: dt.date, by: Period) -> dt.date:
    """Return the first day of the period after the one starting on ``day``."""
    if by is Period.day:
        return day + dt.timedelta(days=1)
    if by is Period.week:
        return day + dt.timedelta(days=7)
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def previous_period(day: dt.date, by: Period, steps: int) -> dt.date:
    """Return the first day of the period ``steps`` periods before the one starting on ``day``."""
    if by is Period.day:
        return day - dt.timedelta(days=steps)
    if by is Period.week:
        return day - dt.timedelta(days=7 * steps)
    month = day.year * 12 + day.month - 1 - steps
    return dt.date(month // 12, month % 12 + 1, 1)


def find_alerts(
    connection: duckdb.DuckDBPyConnection,
    *,
    by: Period = Period.week,
    level: Level = Level.country,
    min_events: int = MIN_EVENTS,
) -> list[Alert]:
    """Return the dyads whose latest period (the store's latest) crosses the thresholds.

    Every directed pair of countries (or actor codes) is scored on the store's last period
    against its ``HISTORY_PERIODS`` before, strongest escalation first.
    """
    row = connection.execute(
        f"SELECT max(date_trunc(?, e.event_date))::DATE FROM events e WHERE {_FACTUAL}",
        [by.value],
    ).fetchone()
    latest = row[0] if row else None
    if latest is None:
        return []
    start = previous_period(latest, by, HISTORY_PERIODS)
    side = "country" if level is Level.country else "code"
    rows = connection.execute(
        f"""
        WITH scored AS (
            SELECT a1.{side} AS source, a2.{side} AS target,
                   date_trunc(?, e.event_date)::DATE AS period, {_PERIOD_COLUMNS}
            {_SIDES}
            WHERE e.event_date IS NOT NULL AND {_FACTUAL}
              AND a1.{side} IS NOT NULL AND a2.{side} IS NOT NULL
            GROUP BY ALL
        ),
        live AS (
            SELECT source, target, min(period) AS first FROM scored GROUP BY ALL
            HAVING max(period) = ?
        )
        SELECT live.first, scored.* FROM scored JOIN live USING (source, target)
        WHERE scored.period >= ?
        ORDER BY source, target, period
        """,
        [by.value, latest, start],
    ).fetchall()
    grouped: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for first, source, target, *period_row in rows:
        grouped.setdefault((source, target), [(first, None)]).append(tuple(period_row))
    alerts = []
    for (source, target), ((first, _), *periods) in grouped.items():
        # The history window starts at the dyad's first event when that is more recent.
        window = fill_periods([(max(first, start), *([0] * 8)), *periods], by)
        *history, current = [p.intensity for p in window]
        history = history[-HISTORY_PERIODS:]
        score = zscore(current, history)
        if is_alert(score, window[-1].conflict_events, min_events):
            latest_period = dataclasses.replace(window[-1], zscore=score, alert=True)
            mean = sum(history) / len(history)
            alerts.append(
                Alert(source=source, target=target, latest=latest_period, history_mean=mean)
            )
    alerts.sort(key=lambda a: -(a.latest.zscore or 0.0))
    return alerts


def _period_from(row: tuple[Any, ...]) -> DyadPeriod:
    period, q1, q2, q3, q4, total, mean, tone, intensity = row
    return DyadPeriod(
        period=period,
        quad_counts=(int(q1), int(q2), int(q3), int(q4)),
        goldstein_sum=float(total),
        goldstein_mean=mean,
        tone=tone,
        intensity=float(intensity),
    )


def _empty(day: dt.date) -> DyadPeriod:
    return DyadPeriod(
        period=day,
        quad_counts=(0, 0, 0, 0),
        goldstein_sum=0.0,
        goldstein_mean=None,
        tone=None,
        intensity=0.0,
    )
