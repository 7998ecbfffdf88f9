"""The small interface every store backend offers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from eventwire.errors import StoreError
    from eventwire.pipeline import CodedDocument
    from eventwire.records import Event, Place
    from eventwire.store.places import PlaceFilter


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


ALL_EVENTS = EventFilter()


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

    def stats(self) -> dict[str, Any]:
        """Return counts of what is stored."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...
