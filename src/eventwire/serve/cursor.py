"""Opaque page cursors: the sort key of a page's last event, as URL-safe base64 JSON."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from eventwire.serve.errors import ApiError


def encode_cursor(key: tuple[Any, ...]) -> str:
    """Return the cursor of a sort key ``(date, doc_id, sentence_index, trigger_start, id)``."""
    day, *rest = key
    raw = json.dumps([day.isoformat(), *rest], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, ...]:
    """Return the sort key of a cursor.

    Raises:
        ApiError: 400, the cursor was not made by this API.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, doc_id, index, start, event_id = json.loads(raw)
        key = (dt.date.fromisoformat(day), doc_id, index, start, event_id)
        if not (
            isinstance(doc_id, str)
            and isinstance(event_id, str)
            and isinstance(index, int)
            and isinstance(start, int)
            and 0 <= index < 2**31
            and -(2**31) <= start < 2**31
        ):
            raise ValueError("bad types")
        return key
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            400, "cursor is not valid; pass the 'next' value of a previous page as it is"
        ) from None
