"""Quotes, entities and entity mentions in DuckDB: their columns, rows and queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.records import Actor, Entity, EntityMention, Quote
from eventwire.store.base import sql_conditions

if TYPE_CHECKING:
    import duckdb

    from eventwire.pipeline import CodedDocument
    from eventwire.store.base import EntityFilter, QuoteFilter

QUOTE_COLUMNS = (
    "quote_id",
    "doc_id",
    "kind",
    "quote",
    "start",
    "end",
    "verb",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "speaker_name",
    "speaker_code",
    "speaker_country",
    "speaker_role",
    "speaker_org",
    "speaker_rule",
    "closed",
    "rule",
)
ENTITY_COLUMNS = ("entity_id", "doc_id", "type", "name", "title", "code", "mention_count")
MENTION_COLUMNS = ("entity_id", "doc_id", "start", "end", "text")


def quote_rows(batch: list[CodedDocument]) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of the quotes, entities and entity_mentions tables for a batch."""
    quotes = []
    for coded in batch:
        for q in coded.quotes:
            a = q.speaker
            quotes.append(
                (
                    q.quote_id,
                    q.doc_id,
                    q.kind,
                    q.quote,
                    q.start,
                    q.end,
                    q.verb,
                    q.speaker_text,
                    q.speaker_start,
                    q.speaker_end,
                    q.speaker_name,
                    a.code if a else None,
                    a.country if a else None,
                    a.role if a else None,
                    a.org if a else None,
                    a.rule if a else None,
                    q.closed,
                    q.rule,
                )
            )
    entities = [
        (e.entity_id, e.doc_id, e.type, e.name, e.title, e.code, len(e.mentions))
        for c in batch
        for e in c.entities
    ]
    mentions = [
        (e.entity_id, e.doc_id, m.start, m.end, m.text)
        for c in batch
        for e in c.entities
        for m in e.mentions
    ]
    return {"quotes": quotes, "entities": entities, "entity_mentions": mentions}


def select_quotes(connection: duckdb.DuckDBPyConnection, where: QuoteFilter) -> list[Quote]:
    """Return the stored quotes that match ``where``, in document and text order."""
    clauses, params = sql_conditions(
        ("doc_id = ?", where.doc_id),
        ("upper(speaker_code) = ?", where.speaker and where.speaker.upper()),
        ("(speaker_text ILIKE ? OR speaker_name ILIKE ?)", where.name and [f"%{where.name}%"] * 2),
        ("kind = ?", where.kind and where.kind.lower()),
    )
    names = ", ".join(f'"{c}"' for c in QUOTE_COLUMNS)
    sql = (
        f"SELECT {names} FROM quotes"
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + ' ORDER BY doc_id, "start", "end"'
        + (f" LIMIT {int(where.limit)}" if where.limit else "")
    )
    return [
        _quote(dict(zip(QUOTE_COLUMNS, row, strict=True))) for row in _rows(connection, sql, params)
    ]


def select_entities(connection: duckdb.DuckDBPyConnection, where: EntityFilter) -> list[Entity]:
    """Return the stored entities that match ``where`` with their mentions, in document order."""
    clauses, params = sql_conditions(
        ("e.doc_id = ?", where.doc_id),
        ("e.type = ?", where.type and where.type.lower()),
        ("e.name ILIKE ?", where.name and f"%{where.name}%"),
        ("upper(e.code) = ?", where.code and where.code.upper()),
    )
    sql = (
        "SELECT e.entity_id, e.doc_id, e.type, e.name, e.title, e.code, "
        'list(struct_pack(s := m."start", e := m."end", t := m.text) ORDER BY m."start") '
        "FROM entities e LEFT JOIN entity_mentions m USING (entity_id)"
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + ' GROUP BY ALL ORDER BY e.doc_id, min(m."start")'
        + (f" LIMIT {int(where.limit)}" if where.limit else "")
    )
    return [
        Entity(
            entity_id=entity_id,
            doc_id=doc_id,
            type=kind,
            name=name,
            title=title,
            code=code,
            mentions=tuple(
                EntityMention(start=m["s"], end=m["e"], text=m["t"])
                for m in mentions or ()
                if m["s"] is not None
            ),
        )
        for entity_id, doc_id, kind, name, title, code, mentions in _rows(connection, sql, params)
    ]


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Any]:
    return connection.execute(sql, params).fetchall()


def _quote(values: dict[str, Any]) -> Quote:
    speaker = None
    if values["speaker_code"] is not None:
        speaker = Actor(
            text=values["speaker_text"] or "",
            code=values["speaker_code"],
            country=values["speaker_country"],
            role=values["speaker_role"],
            org=values["speaker_org"],
            start=values["speaker_start"],
            end=values["speaker_end"],
            rule=values["speaker_rule"],
        )
    return Quote(
        doc_id=values["doc_id"],
        quote_id=values["quote_id"],
        quote=values["quote"],
        start=values["start"],
        end=values["end"],
        kind=values["kind"],
        verb=values["verb"],
        speaker_text=values["speaker_text"],
        speaker_start=values["speaker_start"],
        speaker_end=values["speaker_end"],
        speaker_name=values["speaker_name"],
        speaker=speaker,
        closed=values["closed"],
        rule=values["rule"] or "",
    )
