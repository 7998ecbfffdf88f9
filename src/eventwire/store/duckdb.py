"""The embedded DuckDB store: one file, no server.

Re-coding is idempotent: a document whose id is stored is skipped, so running the same input twice
adds nothing. Each document is written in its own transaction; a failure rolls back that document
only and leaves everything stored before it untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import StoreError
from eventwire.records import Actor, Entity, Event, Place, Quote
from eventwire.store.base import (
    ALL_ENTITIES,
    ALL_EVENTS,
    ALL_QUOTES,
    EntityFilter,
    EventFilter,
    QuoteFilter,
)
from eventwire.store.places import (
    ALL_PLACES,
    EVENT_EXTRA_COLUMNS,
    PLACE_COLUMNS,
    TONE_COLUMNS,
    PlaceFilter,
    event_extra,
    place_clauses,
    place_from_row,
    place_rows,
    tone_from_values,
    tone_values,
)
from eventwire.store.places import SCHEMA as PLACES_SCHEMA
from eventwire.store.quotes import (
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    quote_rows,
    select_entities,
    select_quotes,
)
from eventwire.store.stories import SCHEMA as STORIES_SCHEMA
from eventwire.store.stories import StoryRecord, select_mentions, select_stories
from eventwire.store.stories import update as update_stories

if TYPE_CHECKING:
    import duckdb

    from eventwire.pipeline import CodedDocument

logger = logging.getLogger("eventwire.store")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, title VARCHAR, url VARCHAR,
    published DATE, author VARCHAR, source VARCHAR, origin VARCHAR, parent_id VARCHAR,
    parent_start INTEGER, text VARCHAR NOT NULL, coded_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, sentence_index)
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
    cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, plover VARCHAR, goldstein DOUBLE,
    quad_class INTEGER, negated BOOLEAN, hypothetical BOOLEAN, confidence DOUBLE, rule VARCHAR,
    "trigger" VARCHAR, trigger_start INTEGER, trigger_end INTEGER, event_date DATE,
    source_code VARCHAR, target_code VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    event_id VARCHAR NOT NULL, slot VARCHAR NOT NULL, text VARCHAR, code VARCHAR NOT NULL,
    country VARCHAR, role VARCHAR, org VARCHAR, "start" INTEGER, "end" INTEGER, rule VARCHAR,
    PRIMARY KEY (event_id, slot)
);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    quote VARCHAR NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, verb VARCHAR,
    speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER, speaker_name VARCHAR,
    speaker_code VARCHAR, speaker_country VARCHAR, speaker_role VARCHAR, speaker_org VARCHAR,
    speaker_rule VARCHAR, closed BOOLEAN, rule VARCHAR
);
CREATE TABLE IF NOT EXISTS entities (
    entity_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
    name VARCHAR NOT NULL, title VARCHAR, code VARCHAR, mention_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entity_mentions (
    entity_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, PRIMARY KEY (entity_id, "start")
);
"""
DOCUMENT_COLUMNS = (
    "doc_id",
    "kind",
    "title",
    "url",
    "published",
    "author",
    "source",
    "origin",
    "parent_id",
    "parent_start",
    "text",
    "coded_at",
    *TONE_COLUMNS,
)
SENTENCE_COLUMNS = ("doc_id", "sentence_index", "paragraph", "start", "end", "text", *TONE_COLUMNS)
EVENT_COLUMNS = (
    "event_id",
    "doc_id",
    "sentence_index",
    "cameo",
    "cameo_root",
    "plover",
    "goldstein",
    "quad_class",
    "negated",
    "hypothetical",
    "confidence",
    "rule",
    "trigger",
    "trigger_start",
    "trigger_end",
    "event_date",
    "source_code",
    "target_code",
    *EVENT_EXTRA_COLUMNS,
)
ACTOR_COLUMNS = (
    "event_id",
    "slot",
    "text",
    "code",
    "country",
    "role",
    "org",
    "start",
    "end",
    "rule",
)
TABLES = (
    ("documents", DOCUMENT_COLUMNS),
    ("sentences", SENTENCE_COLUMNS),
    ("events", EVENT_COLUMNS),
    ("actors", ACTOR_COLUMNS),
    ("places", PLACE_COLUMNS),
    ("quotes", QUOTE_COLUMNS),
    ("entities", ENTITY_COLUMNS),
    ("entity_mentions", MENTION_COLUMNS),
)


def open_store(path: str | Path, *, read_only: bool = False) -> DuckDBStore:
    """Open (creating if needed) a DuckDB store at ``path``."""
    return DuckDBStore(path, read_only=read_only)


class DuckDBStore:
    """Documents, sentences, events and actors in one DuckDB file.

    Args:
        path: the database file (``:memory:`` for a throwaway one).
        read_only: open without write access (queries from several processes).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database; run 'eventwire code PATH' first")
        try:
            self.connection: duckdb.DuckDBPyConnection = duckdb.connect(
                self.path, read_only=read_only
            )
            if not read_only:
                self.connection.execute(SCHEMA)
                self.connection.execute(PLACES_SCHEMA)
                self.connection.execute(STORIES_SCHEMA)
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: cannot open the database ({exc}); "
                "is another eventwire process writing to it?"
            ) from exc

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def reader(self) -> DuckDBStore:
        """Return this store through a new cursor: DuckDB connections are not shared across
        threads, so each thread that reads (an API worker) takes its own."""
        view = object.__new__(DuckDBStore)
        view.path = self.path
        view.connection = self.connection.cursor()
        return view

    def has_document(self, doc_id: str) -> bool:
        """Return whether the document is already stored."""
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return row is not None

    def write(self, coded: CodedDocument) -> None:
        """Store one document with its sentences, events and actors in one transaction.

        Raises:
            StoreError: the document was not stored (nothing of it was); the store is unchanged.
        """
        [(_, error)] = self.write_many([coded])
        if error is not None:
            raise error

    def write_many(
        self, batch: list[CodedDocument]
    ) -> list[tuple[CodedDocument, StoreError | None]]:
        """Store documents in one transaction; if that fails, each in its own, so one bad
        document never costs the others. Documents already stored are skipped.

        Returns:
            Each document with the error that kept it out of the store, or None.
        """
        import duckdb

        if not batch:
            return []
        connection = self.connection
        try:
            connection.begin()
            stored = self._stored_ids([c.document.doc_id for c in batch])
            fresh = [c for c in batch if c.document.doc_id not in stored]
            tables = _rows(fresh)
            tables.update(quote_rows(fresh))
            for table, columns in TABLES:
                _insert(connection, table, columns, tables[table])
            connection.commit()
            self._group([c.document.doc_id for c in fresh])
            return [(c, None) for c in batch]
        except duckdb.Error as exc:
            connection.rollback()
            if len(batch) == 1:
                document = batch[0].document
                return [
                    (
                        batch[0],
                        StoreError(
                            f"{document.origin or document.doc_id}: not stored ({exc}); "
                            "the rest of the batch is kept"
                        ),
                    )
                ]
        return [result for coded in batch for result in self.write_many([coded])]

    def _group(self, doc_ids: list[str]) -> None:
        """Update document clusters, happenings and stories for documents just stored.

        It runs in a transaction of its own after theirs: should it fail, the documents stay
        stored and the failure is logged (``eventwire.store``), never raised into the batch.
        """
        try:
            self.connection.begin()
            update_stories(self.connection, doc_ids)
            self.connection.commit()
        except Exception as exc:  # noqa: BLE001 - a grouping bug must never cost stored documents
            self.connection.rollback()
            logger.warning(
                "%d documents stored but not grouped into stories: %s", len(doc_ids), exc
            )

    def regroup(self) -> int:
        """Group every stored document that has not been grouped yet; return how many were."""
        rows = self.connection.execute(
            "SELECT doc_id FROM documents "
            "WHERE doc_id NOT IN (SELECT doc_id FROM doc_fingerprints) "
            "ORDER BY published NULLS LAST, doc_id"
        ).fetchall()
        self._group([r[0] for r in rows])
        return len(rows)

    def stories(self, *, limit: int | None = None, min_documents: int = 1) -> list[StoryRecord]:
        """Return stories, most recent first, with their documents, headlines and events."""
        return select_stories(self.connection, limit=limit, min_documents=min_documents)

    def event_mentions(self, event_id: str) -> list[dict[str, Any]]:
        """Return every report of the happening an event belongs to (one per mention)."""
        return select_mentions(self.connection, event_id)

    def _stored_ids(self, doc_ids: list[str]) -> set[str]:
        marks = ", ".join("?" for _ in doc_ids)
        rows = self.connection.execute(
            f"SELECT doc_id FROM documents WHERE doc_id IN ({marks})", doc_ids
        ).fetchall()
        return {row[0] for row in rows}

    def events(self, where: EventFilter = ALL_EVENTS) -> list[Event]:
        """Return the stored events that match, newest first (then in document order)."""
        clauses, params = _event_clauses(where)
        # The matching events are picked and cut to the limit from the events table alone, and
        # only they are joined to their sentences, actors and places: a page of 50 of 100,000
        # events then costs milliseconds, not a join of the whole store (benchmarks/load_serve.py).
        sql = f"""
            WITH page AS (
                SELECT e.* FROM events e
                {"WHERE " + " AND ".join(clauses) if clauses else ""}
                ORDER BY {_EVENT_ORDER}
                {"LIMIT " + str(int(where.limit)) if where.limit else ""}
            )
            SELECT e.*, s."start", s."end", s.text,
                   {", ".join(f's."{c}"' for c in TONE_COLUMNS)},
                   src.text, src.code, src.country, src.role, src.org, src."start", src."end",
                   src.rule,
                   tgt.text, tgt.code, tgt.country, tgt.role, tgt.org, tgt."start", tgt."end",
                   tgt.rule,
                   rep.text, rep.code, rep.country, rep.role, rep.org, rep."start", rep."end",
                   rep.rule,
                   {", ".join(f'p."{c}"' for c in PLACE_COLUMNS)},
                   h.num_mentions, h.num_sources, h.num_documents
            FROM page e
            JOIN sentences s USING (doc_id, sentence_index)
            LEFT JOIN actors src ON src.event_id = e.event_id AND src.slot = 'source'
            LEFT JOIN actors tgt ON tgt.event_id = e.event_id AND tgt.slot = 'target'
            LEFT JOIN actors rep ON rep.event_id = e.event_id AND rep.slot = 'reported_by'
            LEFT JOIN event_links l ON l.event_id = e.event_id
            LEFT JOIN happenings h ON h.happening_id = l.happening_id
            -- where the happening was, as the first report that says so has it
            LEFT JOIN events g ON g.event_id = coalesce(h.placed_by, e.event_id)
            LEFT JOIN places p ON p.doc_id = g.doc_id AND p."start" = g.location_start
            ORDER BY {_EVENT_ORDER}
        """
        return [_event_from_row(row) for row in self.connection.execute(sql, params).fetchall()]

    def places(self, where: PlaceFilter = ALL_PLACES) -> list[Place]:
        """Return the stored places that match, in document order."""
        clauses, params = place_clauses(where)
        names = ", ".join(f'"{c}"' for c in PLACE_COLUMNS)
        sql = f"""
            SELECT {names} FROM places
            {"WHERE " + " AND ".join(clauses) if clauses else ""}
            ORDER BY doc_id, "start"
            {"LIMIT " + str(int(where.limit)) if where.limit else ""}
        """
        return [place_from_row(row) for row in self.connection.execute(sql, params).fetchall()]

    def quotes(self, where: QuoteFilter = ALL_QUOTES) -> list[Quote]:
        """Return the stored quotes that match, in document and text order."""
        return select_quotes(self.connection, where)

    def entities(self, where: EntityFilter = ALL_ENTITIES) -> list[Entity]:
        """Return the stored entities that match, with their mentions, in document order."""
        return select_entities(self.connection, where)

    def stats(self) -> dict[str, Any]:
        """Return counts of stored documents, sentences, events, roots and actors."""
        one = self.connection.execute
        kinds = dict(
            one("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY kind").fetchall()
        )
        return {
            "documents": sum(kinds.values()),
            "documents_by_kind": kinds,
            "sentences": one("SELECT count(*) FROM sentences").fetchone()[0],  # type: ignore[index]
            "events": one("SELECT count(*) FROM events").fetchone()[0],  # type: ignore[index]
            "events_by_root": dict(
                one("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
            ),
            "top_actors": one(
                "SELECT code, count(*) AS n FROM actors "
                "GROUP BY code ORDER BY n DESC, code LIMIT 10"
            ).fetchall(),
            "date_range": one("SELECT min(event_date), max(event_date) FROM events").fetchone(),
        }


def _rows(batch: list[CodedDocument]) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of each table for a batch of coded documents."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    documents = [
        (
            d.doc_id,
            d.kind,
            d.title,
            d.url,
            d.published,
            d.author,
            d.source,
            d.origin,
            d.parent_id,
            d.parent_start,
            d.text,
            now,
            *tone_values(c.tone),
        )
        for c, d in ((c, c.document) for c in batch)
    ]
    sentences = [
        (s.doc_id, s.index, s.paragraph, s.start, s.end, s.text, *tone_values(t))
        for c in batch
        for s, t in zip(c.sentences, c.sentence_tones or _no_tones(c.sentences), strict=True)
    ]
    events = [
        (
            e.event_id,
            e.doc_id,
            e.sentence_index,
            e.cameo,
            e.cameo_root,
            e.plover,
            e.goldstein,
            e.quad_class,
            e.negated,
            e.hypothetical,
            e.confidence,
            e.rule,
            e.trigger,
            e.trigger_start,
            e.trigger_end,
            e.event_date or e.published,
            e.source.code if e.source else None,
            e.target.code if e.target else None,
            *event_extra(e),
        )
        for c in batch
        for e in c.events
    ]
    actors = [
        (e.event_id, slot, a.text, a.code, a.country, a.role, a.org, a.start, a.end, a.rule)
        for c in batch
        for e in c.events
        for slot, a in (("source", e.source), ("target", e.target), ("reported_by", e.reported_by))
        if a is not None
    ]
    return {
        "documents": documents,
        "sentences": sentences,
        "events": events,
        "actors": actors,
        "places": place_rows(batch),
    }


def _no_tones(sentences: list[Any]) -> list[Any]:
    return [None for _ in sentences]


def _insert(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
) -> None:
    """Insert rows by scanning them as NumPy object columns.

    DuckDB binds query parameters one by one (about 230 µs a row for these tables, measured with
    benchmarks/speed.py's corpus); scanning registered columns costs about 7 µs a row.
    """
    if not rows:
        return
    import numpy as np

    name = f"_eventwire_{table}_rows"
    data = {
        f"c{n}": np.array(values, dtype=object) for n, values in enumerate(zip(*rows, strict=True))
    }
    names = ", ".join(f'"{c}"' for c in columns)
    picks = ", ".join(f"c{n}" for n in range(len(columns)))
    connection.register(name, data)
    try:
        connection.execute(f"INSERT INTO {table} ({names}) SELECT {picks} FROM {name}")
    finally:
        connection.unregister(name)


# The mentions of a happening other than the event that stands for it.
MERGED_MENTIONS = "SELECT event_id FROM event_links WHERE happening_id <> event_id"


def _event_clauses(where: EventFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.actor:
        clauses.append("(upper(e.source_code) = ? OR upper(e.target_code) = ?)")
        params += [where.actor.upper()] * 2
    if where.country:
        clauses.append(
            "e.event_id IN (SELECT event_id FROM actors "
            "WHERE slot IN ('source', 'target') AND country = ?)"
        )
        params.append(where.country.upper())
    if where.roots:
        clauses.append("e.cameo_root IN (" + ", ".join("?" for _ in where.roots) + ")")
        params += [root.zfill(2) for root in where.roots]
    if where.since:
        clauses.append("e.event_date >= ?")
        params.append(where.since)
    if where.until:
        clauses.append("e.event_date <= ?")
        params.append(where.until)
    if where.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(where.doc_id)
    if not where.all_mentions and not where.event_ids and not where.doc_id:
        # one event per happening: the mentions merged into another event's happening are left
        # out (an event asked for by id or by document is always returned)
        clauses.append(f"e.event_id NOT IN ({MERGED_MENTIONS})")
    more, values = _api_event_clauses(where)
    return clauses + more, params + values


# The events' order, newest first then in document order, as one row value: keyset paging
# compares it with the last event of the previous page. The sentinels keep NULL dates last and
# NULL trigger offsets last within a sentence, as ``ORDER BY ... NULLS LAST`` did.
EVENT_SORT_KEY = (
    "coalesce(e.event_date, DATE '0001-01-01')",
    "e.doc_id",
    "e.sentence_index",
    "coalesce(e.trigger_start, 2147483647)",
    "e.event_id",
)
_EVENT_ORDER = f"{EVENT_SORT_KEY[0]} DESC, {', '.join(EVENT_SORT_KEY[1:])}"


def event_sort_key(event: Event) -> tuple[Any, ...]:
    """Return the event's position in the events' order (``EventFilter.after`` of a page)."""
    return (
        event.event_date or dt.date(1, 1, 1),
        event.doc_id,
        event.sentence_index,
        event.trigger_start if event.trigger_start is not None else 2147483647,
        event.event_id,
    )


def _side_matches(slot: str, value: str) -> tuple[str, list[Any]]:
    """One side of a dyad: the actor code, or an actor of the country, in that slot."""
    column = "e.source_code" if slot == "source" else "e.target_code"
    return (
        f"(upper({column}) = ? OR e.event_id IN "
        f"(SELECT event_id FROM actors WHERE slot = '{slot}' AND country = ?))",
        [value.upper()] * 2,
    )


def _api_event_clauses(where: EventFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.dyad:
        for slot, value in zip(("source", "target"), where.dyad, strict=True):
            if value and value != "*":
                sql, values = _side_matches(slot, value)
                clauses.append(sql)
                params += values
    if where.plover:
        clauses.append("upper(e.plover) = ?")
        params.append(where.plover.upper())
    if where.quad is not None:
        clauses.append("e.quad_class = ?")
        params.append(where.quad)
    if where.q:
        clauses.append(
            "(e.doc_id, e.sentence_index) IN (SELECT doc_id, sentence_index FROM sentences "
            "WHERE contains(lower(text), ?))"
        )
        params.append(where.q.lower())
    if where.after:
        ahead = ", ".join(EVENT_SORT_KEY[1:])
        clauses.append(
            f"({EVENT_SORT_KEY[0]} < ? OR ({EVENT_SORT_KEY[0]} = ? AND ({ahead}) > (?, ?, ?, ?)))"
        )
        params += [where.after[0], *where.after]
    if where.event_ids:
        clauses.append("e.event_id IN (" + ", ".join("?" for _ in where.event_ids) + ")")
        params += list(where.event_ids)
    return clauses, params


def _event_from_row(row: tuple[Any, ...]) -> Event:
    values = dict(zip(EVENT_COLUMNS, row[: len(EVENT_COLUMNS)], strict=True))
    rest = row[len(EVENT_COLUMNS) :]
    sentence_start, sentence_end, sentence = rest[:3]
    tone = tone_from_values(rest[3 : 3 + len(TONE_COLUMNS)])
    rest = rest[:3] + rest[3 + len(TONE_COLUMNS) :]
    return Event(
        doc_id=values["doc_id"],
        event_id=values["event_id"],
        sentence_index=values["sentence_index"],
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        source=_actor_from(rest[3:11]),
        target=_actor_from(rest[11:19]),
        reported_by=_actor_from(rest[19:27]),
        cameo=values["cameo"],
        cameo_root=values["cameo_root"],
        plover=values["plover"],
        goldstein=values["goldstein"],
        quad_class=values["quad_class"],
        negated=values["negated"],
        hypothetical=values["hypothetical"],
        confidence=values["confidence"],
        rule=values["rule"],
        trigger=values["trigger"],
        trigger_start=values["trigger_start"],
        trigger_end=values["trigger_end"],
        published=values["published"] or values["event_date"],
        location=place_from_row(rest[27:-3]) if rest[27] is not None else None,
        event_date=values["event_date"],
        date_basis=values["date_basis"],
        tone=tone,
        num_mentions=rest[-3] or 1,
        num_sources=rest[-2] or 1,
        num_documents=rest[-1] or 1,
    )


def _actor_from(cells: tuple[Any, ...]) -> Actor | None:
    text, code, country, role, org, start, end, rule = cells
    if code is None:
        return None
    return Actor(
        text=text, code=code, country=country, role=role, org=org, start=start, end=end, rule=rule
    )
