"""The API's summaries computed in DuckDB: actors, event places, the actor network, evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from eventwire.records import Event, Quote

# Most event ids listed for one place: a map marker needs a handful to link to, not thousands.
PLACE_EVENT_IDS = 50
# Names listed for one actor code.
ACTOR_NAMES = 10
# Characters (a closing mark, a comma, a space) that may stand between a quote and a sentence it is
# still "adjacent" to: a quote's offsets leave out its quotation marks.
QUOTE_GAP = 3


def actor_summaries(connection: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Return actor codes with their event counts as source and target, most events first."""
    rows = connection.execute(
        """
        SELECT code, count(*) AS events,
               count(*) FILTER (WHERE slot = 'source') AS as_source,
               count(*) FILTER (WHERE slot = 'target') AS as_target,
               list(DISTINCT text ORDER BY text) FILTER (WHERE text IS NOT NULL)
        FROM actors WHERE slot IN ('source', 'target')
        GROUP BY code ORDER BY events DESC, code LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [
        {
            "code": code,
            "events": events,
            "as_source": as_source,
            "as_target": as_target,
            "names": list(names or [])[:ACTOR_NAMES],
        }
        for code, events, as_source, as_target, names in rows
    ]


def place_summaries(connection: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Return the places events happened at, most events first."""
    rows = connection.execute(
        f"""
        SELECT location_name, location_country, any_value(location_lat),
               any_value(location_lon), count(*) AS events,
               list(event_id ORDER BY event_date DESC NULLS LAST, event_id)[1:{PLACE_EVENT_IDS}]
        FROM events WHERE location_name IS NOT NULL
        GROUP BY location_name, location_country
        ORDER BY events DESC, location_name LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [
        {"name": name, "country": country, "lat": lat, "lon": lon, "events": n, "event_ids": ids}
        for name, country, lat, lon, n, ids in rows
    ]


def network(connection: duckdb.DuckDBPyConnection, limit: int) -> dict[str, Any]:
    """Return the busiest source → target edges and the actor codes they join."""
    rows = connection.execute(
        """
        SELECT source_code, target_code, count(*) AS events, avg(goldstein),
               mode(quad_class)
        FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
        GROUP BY source_code, target_code
        ORDER BY events DESC, source_code, target_code LIMIT ?
        """,
        [limit],
    ).fetchall()
    edges = [
        {
            "source": source,
            "target": target,
            "events": n,
            "goldstein_mean": mean,
            "quad_class_mode": mode,
        }
        for source, target, n, mean, mode in rows
    ]
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    counts: dict[str, int] = {}
    if codes:
        marks = ", ".join("?" for _ in codes)
        counts = dict(
            connection.execute(
                f"""
                SELECT code, count(*) FROM (
                    SELECT source_code AS code FROM events WHERE source_code IN ({marks})
                    UNION ALL
                    SELECT target_code FROM events WHERE target_code IN ({marks})
                ) GROUP BY code
                """,
                codes + codes,
            ).fetchall()
        )
    nodes = [{"id": code, "events": counts.get(code, 0)} for code in codes]
    return {"nodes": nodes, "edges": edges}


def evidence(event: Event) -> dict[str, Any]:
    """Return the event's sentence with its source, verb and target marked (sentence offsets).

    A side read from another sentence (a pronoun resolved by document memory) is not marked.
    """
    sentence = event.sentence
    spans: list[tuple[str, int | None, int | None]] = [
        ("source", *_actor_span(event.source)),
        ("verb", event.trigger_start, event.trigger_end),
        ("target", *_actor_span(event.target)),
    ]
    highlights = []
    for role, start, end in spans:
        if start is None or end is None:
            continue
        begin, stop = start - event.sentence_start, end - event.sentence_start
        if 0 <= begin < stop <= len(sentence):
            highlights.append(
                {"role": role, "start": begin, "end": stop, "text": sentence[begin:stop]}
            )
    highlights.sort(key=lambda h: (h["start"], h["end"]))
    return {"sentence": sentence, "sentence_start": event.sentence_start, "highlights": highlights}


def nearby_quotes(event: Event, quotes: list[Quote]) -> list[Quote]:
    """Return the quotes overlapping the event's sentence or just touching it."""
    return [
        q
        for q in quotes
        if q.start <= event.sentence_end + QUOTE_GAP and q.end >= event.sentence_start - QUOTE_GAP
    ]


def document_source(connection: duckdb.DuckDBPyConnection, doc_id: str) -> str | None:
    """Return the outlet (else the URL) a document came from."""
    row = connection.execute(
        "SELECT coalesce(source, url) FROM documents WHERE doc_id = ?", [doc_id]
    ).fetchone()
    return row[0] if row else None


def _actor_span(actor: Any) -> tuple[int | None, int | None]:
    if actor is None:
        return None, None
    return actor.start, actor.end
