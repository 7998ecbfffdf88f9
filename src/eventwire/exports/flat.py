"""The flat events table written as Parquet: one row per event, actors and place spread out.

The column list is the documented Parquet schema (README.md, "Exports"); keep the two in step.
"""

from __future__ import annotations

# (column, DuckDB type, SQL expression) — the Parquet schema, in order.
PARQUET_SCHEMA: tuple[tuple[str, str, str], ...] = (
    ("event_id", "VARCHAR", "e.event_id"),
    ("global_event_id", "BIGINT", "('0x' || left(e.event_id, 15))::BIGINT"),
    ("doc_id", "VARCHAR", "e.doc_id"),
    ("url", "VARCHAR", "coalesce(d.url, d.origin)"),
    ("published", "DATE", "e.published"),
    ("event_date", "DATE", "e.event_date"),
    ("date_basis", "VARCHAR", "e.date_basis"),
    ("sentence_index", "INTEGER", "e.sentence_index"),
    ("sentence", "VARCHAR", "s.text"),
    ("source_code", "VARCHAR", "a1.code"),
    ("source_country", "VARCHAR", "a1.country"),
    ("source_role", "VARCHAR", "a1.role"),
    ("source_org", "VARCHAR", "a1.org"),
    ("source_text", "VARCHAR", "a1.text"),
    ("target_code", "VARCHAR", "a2.code"),
    ("target_country", "VARCHAR", "a2.country"),
    ("target_role", "VARCHAR", "a2.role"),
    ("target_org", "VARCHAR", "a2.org"),
    ("target_text", "VARCHAR", "a2.text"),
    ("reported_by_code", "VARCHAR", "rep.code"),
    ("cameo", "VARCHAR", "e.cameo"),
    ("cameo_root", "VARCHAR", "e.cameo_root"),
    ("plover", "VARCHAR", "e.plover"),
    ("goldstein", "DOUBLE", "e.goldstein"),
    ("quad_class", "INTEGER", "e.quad_class"),
    ("negated", "BOOLEAN", "e.negated"),
    ("hypothetical", "BOOLEAN", "e.hypothetical"),
    ("confidence", "DOUBLE", "e.confidence"),
    ("trigger", "VARCHAR", 'e."trigger"'),
    ("trigger_start", "INTEGER", "e.trigger_start"),
    ("trigger_end", "INTEGER", "e.trigger_end"),
    ("rule", "VARCHAR", "e.rule"),
    ("tone", "DOUBLE", "s.tone"),
    ("location_name", "VARCHAR", "e.location_name"),
    ("location_country", "VARCHAR", "e.location_country"),
    ("location_lat", "DOUBLE", "e.location_lat"),
    ("location_lon", "DOUBLE", "e.location_lon"),
)


def flat_events_sql() -> str:
    """Return the query of the flat events table, typed as PARQUET_SCHEMA says."""
    picks = ",\n            ".join(
        f'CAST({expr} AS {kind}) AS "{name}"' for name, kind, expr in PARQUET_SCHEMA
    )
    return f"""
        SELECT
            {picks}
        FROM events e
        JOIN documents d USING (doc_id)
        LEFT JOIN sentences s USING (doc_id, sentence_index)
        LEFT JOIN actors a1 ON a1.event_id = e.event_id AND a1.slot = 'source'
        LEFT JOIN actors a2 ON a2.event_id = e.event_id AND a2.slot = 'target'
        LEFT JOIN actors rep ON rep.event_id = e.event_id AND rep.slot = 'reported_by'
        ORDER BY e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start, e.event_id
    """
