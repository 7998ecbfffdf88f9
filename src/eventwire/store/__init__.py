"""Storage of documents, sentences, events and actors (DuckDB, embedded, by default)."""

from eventwire.store.base import EventFilter, Store
from eventwire.store.duckdb import DuckDBStore, open_store
from eventwire.store.places import PlaceFilter

__all__ = ["DuckDBStore", "EventFilter", "PlaceFilter", "Store", "open_store"]
