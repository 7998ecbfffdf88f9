"""Storage of documents, sentences, events and actors (DuckDB, embedded, by default)."""

from eventwire.store.base import EventFilter, Store
from eventwire.store.duckdb import DuckDBStore, open_store

__all__ = ["DuckDBStore", "EventFilter", "Store", "open_store"]
