"""Storage of documents, sentences, events and actors (DuckDB, embedded, by default)."""

from eventwire.store.base import EntityFilter, EventFilter, QuoteFilter, Store
from eventwire.store.duckdb import DuckDBStore, open_store
from eventwire.store.places import PlaceFilter

__all__ = [
    "DuckDBStore",
    "EntityFilter",
    "EventFilter",
    "PlaceFilter",
    "QuoteFilter",
    "Store",
    "open_store",
]
