"""Dyad analytics: event series between two sides, and escalation alerts."""

from __future__ import annotations

from eventwire.analytics.dyads import (
    Alert,
    DyadError,
    DyadPeriod,
    Level,
    Period,
    dyad_series,
    find_alerts,
    parse_dyad,
)

__all__ = [
    "Alert",
    "DyadError",
    "DyadPeriod",
    "Level",
    "Period",
    "dyad_series",
    "find_alerts",
    "parse_dyad",
]
