"""What the API process holds: the store, a read cursor per thread, the write lock, the coder.

DuckDB allows one writing process; inside it, a connection must not be shared across threads, so
every request thread reads through its own cursor of the one database, and documents are coded and
written one at a time under a lock, in a worker thread, while reads go on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.store import EventFilter, open_store

if TYPE_CHECKING:
    from eventwire.pipeline import Coder
    from eventwire.records import Document, Event
    from eventwire.store import DuckDBStore

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class Posted:
    """A document after POST /documents: its id, its (and its headlines') events."""

    doc_id: str
    events: list[Event]
    headlines: int
    created: bool


class ServeState:
    """The store, the coder and the token of one API app.

    Args:
        db_path: the DuckDB file (created if missing).
        token: the API token writes must present; None or empty refuses every write.
        coder: an already-loaded coder; None loads one on first use (the first POST).
    """

    def __init__(self, db_path: str | Path, *, token: str | None, coder: Coder | None) -> None:
        self.store: DuckDBStore = open_store(db_path)
        self._token = token.encode("utf-8") if token else None
        self._coder = coder
        self._coder_lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._local = threading.local()
        # every thread's read cursor, so that close() closes them all: a cursor left to a worker
        # thread's teardown at interpreter exit would be destroyed inside DuckDB mid-unwind
        self._readers: list[DuckDBStore] = []
        self._readers_lock = threading.Lock()
        # Writes go through a cursor of their own: the store's connection only makes cursors.
        self._writer = self.store.reader()
        from eventwire.serve.index import EventIndex

        self.index = EventIndex(self.store)

    def close(self) -> None:
        """Close every read cursor, the writer and the store."""
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:
            reader.close()
        self._writer.close()
        self.store.close()

    @property
    def writable(self) -> bool:
        """Return whether a token is configured (else every write is refused)."""
        return self._token is not None

    def token_matches(self, given: str | None) -> bool:
        """Return whether ``given`` is the configured token (constant-time comparison)."""
        if self._token is None or not given:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self._token)

    def reader(self) -> DuckDBStore:
        """Return this thread's read cursor on the store."""
        reader: DuckDBStore | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = self.store.reader()
            self._local.reader = reader
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    def coder(self) -> Coder:
        """Return the coder, loading spaCy and the lexicons on first use."""
        with self._coder_lock:
            if self._coder is None:
                from eventwire.pipeline import Coder

                logger.info("loading the coder (spaCy and lexicons)")
                self._coder = Coder()
            return self._coder

    def last_coded(self) -> dt.datetime | None:
        """When the newest stored document was coded (a watermark for :meth:`index_after`)."""
        with self.write_lock:
            row = self._writer.connection.execute("SELECT max(coded_at) FROM documents").fetchone()
        return row[0] if row else None

    def index_after(self, watermark: dt.datetime | None) -> dt.datetime | None:
        """List the events of documents another writer (the feed watcher) stored after
        ``watermark``; return the new watermark."""
        with self.write_lock:
            connection = self._writer.connection
            rows = connection.execute(
                "SELECT doc_id, coded_at FROM documents WHERE ? IS NULL OR coded_at > ?",
                [watermark, watermark],
            ).fetchall()
            self._index_documents([doc_id for doc_id, _ in rows])
        return max((coded for _, coded in rows), default=watermark)

    def _index_documents(self, doc_ids: list[str]) -> list[Event]:
        """Add the events of stored documents to the listing; return all their events.

        Only the event that stands for each happening is listed; a happening that got a new
        report has new counts, so its cached JSON goes. Call with the write lock held.
        """
        store = self._writer
        if not doc_ids:
            return []
        ids = tuple(
            row[0]
            for row in store.connection.execute(
                "SELECT event_id FROM events WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
            ).fetchall()
        )
        if not ids:
            return []
        events = store.events(EventFilter(event_ids=ids))
        links = dict(
            store.connection.execute(
                "SELECT event_id, happening_id FROM event_links WHERE event_id IN "
                "(SELECT unnest(?))",
                [list(ids)],
            ).fetchall()
        )
        self.index.forget(set(links.values()))
        self.index.add(e for e in events if links.get(e.event_id, e.event_id) == e.event_id)
        return events

    def post(self, document: Document) -> Posted:
        """Code and store a document unless it is stored; return its events.

        Raises:
            InputError: the document could not be coded.
        """
        from eventwire.pipeline import CodedDocument

        coder = self.coder()
        with self.write_lock:
            store = self._writer
            created = not store.has_document(document.doc_id)
            if created:
                results = list(coder.code([document]))
                coded = [r for r in results if isinstance(r, CodedDocument)]
                if not coded or coded[0].document.doc_id != document.doc_id:
                    failure = next(r for r in results if not isinstance(r, CodedDocument))
                    raise InputError(failure.source, failure.message)
                for stored, error in store.write_many(coded):
                    if error is not None:
                        if stored.document.doc_id == document.doc_id:
                            raise error
                        logger.warning("headline not stored: %s", error)
            family = [
                row[0]
                for row in store.connection.execute(
                    "SELECT doc_id FROM documents WHERE doc_id = ? OR parent_id = ?",
                    [document.doc_id, document.doc_id],
                ).fetchall()
            ]
            events = self._index_documents(family)
        return Posted(
            doc_id=document.doc_id,
            events=events,
            headlines=max(0, len(family) - 1),
            created=created,
        )
