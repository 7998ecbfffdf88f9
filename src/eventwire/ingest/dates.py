"""Publication dates as :class:`datetime.date`.

Inputs write dates in every style: ISO 8601 in JSON Lines, RFC 822 in RSS, ``5 March 2024`` in HTML.
:func:`parse_date` tries the strict ISO parsers first (fast, and never guesses) and falls back to
``dateutil`` for the rest. A datetime keeps the calendar date as written in its own time zone; it is
not shifted to UTC, because the day a story was dated is what event coders compare.
"""

from __future__ import annotations

import datetime as dt

from dateutil import parser as dateutil_parser

# dateutil fills missing parts from this default: "March 2024" becomes 2024-03-01 rather than
# borrowing today's day of the month, which would make results depend on when a corpus was read.
_DATEUTIL_DEFAULT = dt.datetime(2000, 1, 1)


def parse_date(value: object) -> dt.date | None:
    """Parse a publication date written as a string, date or datetime.

    Args:
        value: ``None``, a blank string, a :class:`datetime.date` or :class:`datetime.datetime`,
            or a date string (ISO 8601 first, then anything ``dateutil`` understands).

    Returns:
        The calendar date, or ``None`` when ``value`` is ``None`` or blank.

    Raises:
        ValueError: the value is not a date (the message quotes it).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__} {value!r}")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(text, default=_DATEUTIL_DEFAULT).date()
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc
