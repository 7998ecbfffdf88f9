"""One happening per real-world event: event mentions grouped by what they report.

Two mentions report the same happening when they have the same *bucket* — source and target
(country, or organisation code), CAMEO root, and whether the event is flagged negated or
hypothetical — the same place (or one of them has none), and the same date: the same day when
both reports state it ("on Sunday"), at most ``DATE_WINDOW_DAYS`` apart when one is only dated by
its publication (a report may come out a day or two later); within one document, always the same
day (its undated events are dated by its own publication). A mention with neither a source nor
a target is a happening of its own: there is nothing to match it by. Flagged events never merge
with factual ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

DATE_WINDOW_DAYS = 2


@dataclasses.dataclass(frozen=True, slots=True)
class Mention:
    """What the grouping needs to know of one stored event."""

    event_id: str
    bucket: str | None
    place: str
    event_date: dt.date | None
    dated: bool = False  # the text states the date (not only the publication date)
    doc_id: str = ""


@dataclasses.dataclass(slots=True)
class Happening:
    """A happening as the grouping keeps it: its id (the first mention's event id) and anchor."""

    happening_id: str
    bucket: str
    place: str
    event_date: dt.date | None
    placed_by: str | None = None  # the mention that named the place
    dated: bool = False
    docs: set[str] = dataclasses.field(default_factory=set)  # documents seen in this batch


def bucket_of(source: str | None, target: str | None, root: str, flagged: bool) -> str | None:
    """The bucket key of an event, or None when it names neither side."""
    if not source and not target:
        return None
    return f"{source or '-'}|{target or '-'}|{root}|{'F' if flagged else 'A'}"


def matches(happening: Happening, mention: Mention) -> bool:
    """Whether a mention reports the happening (its bucket is already known to be the same)."""
    if happening.place and mention.place and happening.place != mention.place:
        return False
    if happening.event_date is None or mention.event_date is None:
        return happening.event_date == mention.event_date
    days = abs((happening.event_date - mention.event_date).days)
    if mention.doc_id in happening.docs or (happening.dated and mention.dated):
        return days == 0
    return days <= DATE_WINDOW_DAYS


def group(
    mentions: list[Mention], known: list[Happening]
) -> tuple[dict[str, str], list[Happening]]:
    """Assign each mention to a known happening or a new one.

    Args:
        mentions: the new mentions, in the order they were reported.
        known: stored happenings that share a bucket with some new mention.

    Returns:
        The happening id of each mention, and the happenings created.
    """
    by_bucket: dict[str, list[Happening]] = {}
    for happening in known:
        by_bucket.setdefault(happening.bucket, []).append(happening)
    assigned: dict[str, str] = {}
    created: list[Happening] = []
    for mention in mentions:
        if mention.bucket is None:
            assigned[mention.event_id] = mention.event_id
            continue
        candidates = [h for h in by_bucket.get(mention.bucket, []) if matches(h, mention)]
        if candidates:
            best = min(candidates, key=lambda h: _distance(h, mention))
            if not best.place and mention.place:
                # a later report may say where it happened
                best.place, best.placed_by = mention.place, mention.event_id
            assigned[mention.event_id] = best.happening_id
            best.docs.add(mention.doc_id)
            continue
        fresh = Happening(
            mention.event_id,
            mention.bucket,
            mention.place,
            mention.event_date,
            mention.event_id if mention.place else None,
            mention.dated,
            {mention.doc_id},
        )
        by_bucket.setdefault(mention.bucket, []).append(fresh)
        created.append(fresh)
        assigned[mention.event_id] = mention.event_id
    return assigned, created


def _distance(happening: Happening, mention: Mention) -> int:
    if happening.event_date is None or mention.event_date is None:
        return 0
    return abs((happening.event_date - mention.event_date).days)
