"""The small interface every store backend offers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from eventwire.errors import StoreError
    from eventwire.pipeline import CodedDocument
    from eventwire.records import Entity, Event, Place, Quote
    from eventwire.store.places import PlaceFilter


def sql_conditions(*conditions: tuple[str, Any]) -> tuple[list[str], list[Any]]:
    """Return the SQL conditions of a filter whose value is set, with their parameters.

    Each condition is ``(sql, value)``; a value that is None or empty leaves its condition out,
    and a list value fills several placeholders.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for sql, value in conditions:
        if value is None or value == "" or value == []:
            continue
        clauses.append(sql)
        params += value if isinstance(value, list) else [value]
    return clauses, params


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which stored events to return.

    ``actor`` matches a source or target actor code (``RUSGOV``, ``NATO``) case-insensitively;
    ``country`` an ISO3 country on either side; ``roots`` the CAMEO root codes; ``since`` and
    ``until`` the event date (inclusive).
    """

    actor: str | None = None
    country: str | None = None
    roots: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    doc_id: str | None = None
    limit: int | None = None
    # The REST API's filters (GET /events). ``dyad`` is (source, target), each an actor code or an
    # ISO3 country, or "*" for any; ``quad`` a QuadClass 1-4; ``q`` a case-insensitive substring
    # of the sentence; ``after`` the sort key of the last event of the previous page (keyset
    # paging: see ``event_sort_key``).
    dyad: tuple[str, str] | None = None
    plover: str | None = None
    quad: int | None = None
    q: str | None = None
    after: tuple[Any, ...] | None = None
    event_ids: tuple[str, ...] = ()
    # every stored mention, not one event per happening (stories/happenings.py)
    all_mentions: bool = False


ALL_EVENTS = EventFilter()


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class QuoteFilter:
    """Which stored quotes to return.

    ``speaker`` matches the speaker's actor code case-insensitively (``RUSGOV``); ``name`` is a
    case-insensitive substring of the speaker's words or full name; ``kind`` is direct, partial or
    indirect.
    """

    doc_id: str | None = None
    speaker: str | None = None
    name: str | None = None
    kind: str | None = None
    limit: int | None = None


ALL_QUOTES = QuoteFilter()


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EntityFilter:
    """Which stored entities to return.

    ``type`` is person, organisation or place; ``name`` a case-insensitive substring of the name;
    ``code`` an actor code (case-insensitive).
    """

    doc_id: str | None = None
    type: str | None = None
    name: str | None = None
    code: str | None = None
    limit: int | None = None


ALL_ENTITIES = EntityFilter()


class Store(Protocol):
    """What the pipeline, CLI and API need from a database."""

    def has_document(self, doc_id: str) -> bool:
        """Return whether the document is already stored."""
        ...

    def write(self, coded: CodedDocument) -> None:
        """Store one document with its sentences, events and actors in one transaction."""
        ...

    def write_many(
        self, batch: list[CodedDocument]
    ) -> list[tuple[CodedDocument, StoreError | None]]:
        """Store several documents; return each with the error that kept it out, or None."""
        ...

    def events(self, where: EventFilter = ...) -> list[Event]:
        """Return the stored events that match, newest first."""
        ...

    def places(self, where: PlaceFilter = ...) -> list[Place]:
        """Return the stored places that match, in document order."""
        ...

    def quotes(self, where: QuoteFilter = ...) -> list[Quote]:
        """Return the stored quotes that match."""
        ...

    def entities(self, where: EntityFilter = ...) -> list[Entity]:
        """Return the stored entities that match, with their mentions."""
        ...

    def stats(self) -> dict[str, Any]:
        """Return counts of what is stored."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...
