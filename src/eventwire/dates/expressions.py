"""Date expressions resolved against a publication date.

News conventions, in order of what :func:`resolve_expression` tries:

- a weekday alone ("Sunday", "on Monday") is the most recent such day on or before the
  publication date — news report what happened; with ``future=True`` (the clause says "will",
  "is to") the next such day on or after it;
- "today", "yesterday", "tomorrow", "tonight";
- "this/last/next week|month|year", "N days/weeks/months/years ago", "earlier this month";
- a year ("in 2008", "2008") is that year, dated to its 1 January with precision ``year``;
- a month ("in March", "March 2021") is that month's first day; a month without a year is the
  most recent such month on or before the publication (the next one with ``future=True``);
- anything else (``January 9``, ``9 Jan 2022``) goes to dateparser, relative to the publication
  date and preferring the past.

Each result carries a precision (day, week, month, year) so a reader knows "2008-01-01" means 2008.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {m[:3]: n for n, m in enumerate(MONTHS, start=1)} | {"sept": 9}
UNITS = {"day": 1, "week": 7}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# Words around an expression that do not change its date.
FILLER = re.compile(
    r"^(?:on|in|during|since|by|from|until|at|the|of|this past|past|earlier|later|late|early|"
    r"last(?=\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))\s+",
)
YEAR = re.compile(r"(?:19|20)\d\d")
AGO = re.compile(r"(\w+)\s+(day|week|month|year)s?\s+ago")
RELATIVE = re.compile(r"(this|last|next|past|previous|coming)\s+(week|month|year|weekend)")
MONTH_YEAR = re.compile(r"([a-z]+)\.?(?:\s+of)?(?:\s+((?:19|20)\d\d))?")
# Expressions longer than this are clauses the entity recogniser ran on, not dates.
MAX_EXPRESSION_CHARS = 60


@dataclasses.dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date with how precise it is: ``day``, ``week``, ``month`` or ``year``."""

    date: dt.date
    precision: str


def resolve_expression(
    text: str, published: dt.date | None, *, future: bool = False
) -> ResolvedDate | None:
    """Resolve a date expression against the publication date.

    Args:
        text: the expression as written ("Sunday", "last month", "in 2008").
        published: the document's date; relative expressions need it.
        future: the clause speaks of the future (the next Sunday, not the last one).

    Returns:
        The date and its precision, or None when the expression is not a date eventwire can place.
    """
    words = " ".join(text.lower().replace("’", "'").split()).strip(" ,.;:")
    if not words or len(words) > MAX_EXPRESSION_CHARS:
        return None
    previous = None
    while previous != words:
        previous, words = words, FILLER.sub("", words)
    words = re.sub(r"^(this|the)\s+(?=(?:19|20)\d\d)", "", words)
    if YEAR.fullmatch(words):
        return ResolvedDate(dt.date(int(words), 1, 1), "year")
    if words.startswith(("next ", "this coming ", "coming ")) and words.split()[-1] in WEEKDAYS:
        words, future = words.split()[-1], True
    if published is not None:
        relative = _relative(words, published, future=future)
        if relative is not None:
            return relative
    month = _month(words, published, future=future)
    if month is not None:
        return month
    return _dateparser(words, published)


def _relative(words: str, published: dt.date, *, future: bool) -> ResolvedDate | None:
    simple = {
        "today": (0, "day"),
        "tonight": (0, "day"),
        "this morning": (0, "day"),
        "this afternoon": (0, "day"),
        "this evening": (0, "day"),
        "yesterday": (-1, "day"),
        "last night": (-1, "day"),
        "tomorrow": (1, "day"),
        "the day before": (-1, "day"),
    }
    if words in simple:
        days, precision = simple[words]
        return ResolvedDate(published + dt.timedelta(days=days), precision)
    for suffix in ("", " morning", " afternoon", " evening", " night"):
        for number, day in enumerate(WEEKDAYS):
            if words == day + suffix or words == day + "s" and not suffix:
                delta = (published.weekday() - number) % 7
                if future:
                    return ResolvedDate(
                        published + dt.timedelta(days=(number - published.weekday()) % 7), "day"
                    )
                return ResolvedDate(published - dt.timedelta(days=delta), "day")
    match = AGO.fullmatch(words)
    if match:
        count = NUMBER_WORDS.get(match[1]) or (int(match[1]) if match[1].isdigit() else None)
        if count is None:
            return None
        return _shift(published, match[2], -count)
    match = RELATIVE.fullmatch(words) or RELATIVE.fullmatch(words.removeprefix("earlier "))
    if match:
        step = {"this": 0, "coming": 1, "next": 1}.get(match[1], -1)
        unit = "week" if match[2] == "weekend" else match[2]
        return _shift(published, unit, step)
    return None


def _shift(published: dt.date, unit: str, count: int) -> ResolvedDate:
    if unit in UNITS:
        date = published + dt.timedelta(days=UNITS[unit] * count)
        if unit == "week":
            # A week is dated to its Monday: "last week" is the week before the published one.
            date -= dt.timedelta(days=date.weekday())
        return ResolvedDate(date, unit)
    if unit == "month":
        month = published.year * 12 + published.month - 1 + count
        return ResolvedDate(dt.date(month // 12, month % 12 + 1, 1), "month")
    return ResolvedDate(dt.date(published.year + count, 1, 1), "year")


def _month(words: str, published: dt.date | None, *, future: bool) -> ResolvedDate | None:
    match = MONTH_YEAR.fullmatch(words)
    if not match:
        return None
    name = match[1]
    number = MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBREVIATIONS.get(name)
    if number is None or (name == "may" and not match[2]):
        # "may" alone is the verb far more often than the month.
        return None
    if match[2]:
        return ResolvedDate(dt.date(int(match[2]), number, 1), "month")
    if published is None:
        return None
    year = published.year
    if future and number < published.month:
        year += 1
    elif not future and number > published.month:
        year -= 1
    return ResolvedDate(dt.date(year, number, 1), "month")


def _dateparser(words: str, published: dt.date | None) -> ResolvedDate | None:
    """Exact dates ("January 9", "9 Jan 2022") through dateparser, never guessing a year alone."""
    if not re.search(r"\d", words) or not any(m[:3] in words for m in MONTHS):
        return None
    if published is None and not YEAR.search(words):
        return None
    import dateparser

    base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time())
    parsed = dateparser.parse(
        words,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"],
            "STRICT_PARSING": False,
        },
    )
    if parsed is None:
        return None
    return ResolvedDate(parsed.date(), "day")
