"""eventwire: news in, structured political events out — who did what to whom, with the evidence.

The public API::

    import eventwire
    events = eventwire.code_text("Russia warned Ukraine on Monday.", published="2022-01-10")
    with eventwire.connect("eventwire.duckdb") as db:
        db.events()
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import EventwireError
from eventwire.records import Actor, Document, Event, Sentence

if TYPE_CHECKING:
    from eventwire.pipeline import Coder
    from eventwire.store import DuckDBStore

__all__ = [
    "Actor",
    "Document",
    "Event",
    "EventwireError",
    "Sentence",
    "__version__",
    "code_text",
    "connect",
]
__version__ = "0.1.0"

_coders: dict[tuple[str, ...], Coder] = {}


def code_text(
    text: str, published: str | dt.date | None = None, *, lexicon_dirs: tuple[str | Path, ...] = ()
) -> list[Event]:
    """Code one text and return its events (headlines at the end of a page included).

    Args:
        text: the article or page text.
        published: its publication date (ISO string or date), used to date the events.
        lexicon_dirs: folders with extra actor and event lexicon files.

    Returns:
        The events, in document order.
    """
    from eventwire.ingest import read_text
    from eventwire.pipeline import CodedDocument, Coder

    key = tuple(str(d) for d in lexicon_dirs)
    if key not in _coders:
        _coders[key] = Coder([Path(d) for d in lexicon_dirs])
    document = read_text(text, published=published)
    events: list[Event] = []
    for result in _coders[key].code([document]):
        if not isinstance(result, CodedDocument):
            raise EventwireError(result.message)
        events += result.events
    return events


def connect(db: str | Path = "eventwire.duckdb", *, read_only: bool = False) -> DuckDBStore:
    """Open the event database for queries (``.events()``, ``.stats()``, ``.connection``)."""
    from eventwire.store import open_store

    return open_store(db, read_only=read_only)
