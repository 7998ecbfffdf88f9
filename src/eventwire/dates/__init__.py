"""Dates: each event's date from its own clause, and a dateline's publication date."""

from eventwire.dates.attach import date_event
from eventwire.dates.dateline import read_dateline
from eventwire.dates.expressions import ResolvedDate, resolve_expression

__all__ = ["ResolvedDate", "date_event", "read_dateline", "resolve_expression"]
