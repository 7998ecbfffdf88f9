"""The places table and the place, date and tone columns of the DuckDB store.

Kept apart from ``store/duckdb.py`` so the rows of places, event locations and tone are built in
one place; ``duckdb.py`` adds them to its tables.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from eventwire.records import Place, Tone
from eventwire.store.base import sql_conditions

if TYPE_CHECKING:
    from eventwire.pipeline import CodedDocument

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    doc_id VARCHAR NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    name VARCHAR NOT NULL, text VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
    feature VARCHAR,
    sentence_index INTEGER, confidence DOUBLE, rule VARCHAR,
    PRIMARY KEY (doc_id, "start")
);
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_name VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lat DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lon DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_basis VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS published DATE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tone DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tone_compound DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tone_positive DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tone_negative DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tone_polarity DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS word_count INTEGER;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS tone DOUBLE;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS tone_compound DOUBLE;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS tone_positive DOUBLE;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS tone_negative DOUBLE;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS tone_polarity DOUBLE;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS word_count INTEGER;
"""
PLACE_COLUMNS = (
    "doc_id",
    "start",
    "end",
    "name",
    "text",
    "country",
    "admin1",
    "lat",
    "lon",
    "feature",
    "sentence_index",
    "confidence",
    "rule",
)
# Appended to the events, documents and sentences rows, in this order.
EVENT_EXTRA_COLUMNS = (
    "location_start",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "date_basis",
    "published",
)
TONE_COLUMNS = (
    "tone",
    "tone_compound",
    "tone_positive",
    "tone_negative",
    "tone_polarity",
    "word_count",
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PlaceFilter:
    """Which stored places to return: by document, ISO3 country, feature; at most ``limit``."""

    doc_id: str | None = None
    country: str | None = None
    feature: str | None = None
    limit: int | None = None


ALL_PLACES = PlaceFilter()


def place_rows(batch: list[CodedDocument]) -> list[tuple[Any, ...]]:
    """Return the places rows of a batch."""
    return [
        (
            p.doc_id,
            p.start,
            p.end,
            p.name,
            p.text,
            p.country,
            p.admin1,
            p.lat,
            p.lon,
            p.feature,
            p.sentence_index,
            p.confidence,
            p.rule,
        )
        for c in batch
        for p in c.places
    ]


def event_extra(event: Any) -> tuple[Any, ...]:
    """Return the values of EVENT_EXTRA_COLUMNS for an event."""
    place = event.location
    return (
        place.start if place else None,
        place.name if place else None,
        place.country if place else None,
        place.lat if place else None,
        place.lon if place else None,
        event.date_basis,
        event.published,
    )


def tone_values(tone: Any) -> tuple[Any, ...]:
    """Return the values of TONE_COLUMNS for a Tone (or Nones)."""
    if tone is None:
        return (None,) * len(TONE_COLUMNS)
    return (tone.tone, tone.compound, tone.positive, tone.negative, tone.polarity, tone.words)


def tone_from_values(values: tuple[Any, ...]) -> Tone | None:
    """Return the Tone stored in TONE_COLUMNS values, or None when none was stored."""
    tone, compound, positive, negative, polarity, words = values
    if tone is None:
        return None
    return Tone(
        compound=compound,
        positive=positive,
        negative=negative,
        polarity=polarity,
        tone=tone,
        words=words,
    )


def place_clauses(where: PlaceFilter) -> tuple[list[str], list[Any]]:
    """Return SQL conditions and parameters for a place filter."""
    return sql_conditions(
        ("doc_id = ?", where.doc_id),
        ("country = ?", where.country and where.country.upper()),
        ("feature = ?", where.feature and where.feature.lower()),
    )


def place_from_row(row: tuple[Any, ...]) -> Place:
    """Return a Place from a row of PLACE_COLUMNS."""
    values = dict(zip(PLACE_COLUMNS, row, strict=True))
    return Place(**values)
