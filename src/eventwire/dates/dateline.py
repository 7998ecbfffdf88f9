"""A news dateline's date: "MOSCOW, Jan. 10, 2022 (Reuters) -", "GENEVA, 10 January 2022 —".

Read only when nothing else gives the publication date (metadata, ``--published``). A dateline
without a year gives no date: guessing the year from the clock would make results depend on when
a corpus was read.
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.dates.expressions import resolve_expression

# An upper-case place (with an optional ", Country"), a comma, then up to 30 characters of date,
# then a news agency in brackets, a dash or the end of the line — within the first 200 characters.
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s*"
    r"(?P<date>[A-Za-z0-9 .,]{4,30}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—:]",
)


def read_dateline(text: str) -> dt.date | None:
    """Return the date of a dateline at the start of ``text``, or None.

    Args:
        text: the document's text.

    Returns:
        The dateline's date when it names a day and a year.
    """
    match = DATELINE.match(text[:200])
    if not match:
        return None
    written = match["date"].strip(" ,.")
    if not re.search(r"(?:19|20)\d\d", written):
        return None
    resolved = resolve_expression(written, None)
    if resolved is None or resolved.precision != "day":
        return None
    return resolved.date
