"""Speed of ``eventwire trends`` and ``alerts`` on a store of synthetic events.

Generates N events (default 100,000) between 12 countries over two years into a temporary DuckDB
file with DuckDB's own ``range()`` (seconds, no spaCy), then times the weekly RUS→UKR series,
the same with ``--both``, and the country-pair alerts. Prints times; asserts nothing.

    .venv/bin/python benchmarks/trends_speed.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from eventwire.analytics import Level, Period, dyad_series, find_alerts
from eventwire.store import open_store

COUNTRIES = ("RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR", "IND", "PAK")


def fill(connection, count: int) -> None:
    """Insert ``count`` synthetic events with source and target actors and sentences."""
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    connection.execute(
        "INSERT INTO documents (doc_id, kind, text, coded_at) VALUES ('synthetic', 'article', "
        "'x', now())"
    )
    connection.execute(
        f"""
        INSERT INTO sentences (doc_id, sentence_index, paragraph, "start", "end", text, tone)
        SELECT 'synthetic', i, 0, 0, 1, 'x', (hash(i) % 200) / 10.0 - 10 FROM range({count}) t(i)
        """
    )
    connection.execute(
        f"""
        INSERT INTO events (event_id, doc_id, sentence_index, cameo, cameo_root, goldstein,
                            quad_class, event_date)
        SELECT printf('%016x', i), 'synthetic', i, '190', '19',
               CASE q WHEN 1 THEN 1.0 WHEN 2 THEN 7.0 WHEN 3 THEN -2.0 ELSE -10.0 END, q,
               DATE '2023-01-01' + CAST(hash(i * 7) % 730 AS INTEGER)
        FROM (SELECT i, CAST(hash(i * 3) % 4 + 1 AS INTEGER) AS q FROM range({count}) t(i))
        """
    )
    for slot, salt in (("source", 5), ("target", 11)):
        connection.execute(
            f"""
            INSERT INTO actors (event_id, slot, code, country, role)
            SELECT printf('%016x', i), '{slot}', c || 'GOV', c, 'GOV'
            FROM (SELECT i, {countries}[CAST(hash(i * {salt}) % {len(COUNTRIES)} AS INTEGER) + 1]
                  AS c FROM range({count}) t(i))
            """
        )


def timed(label: str, run) -> None:
    start = time.perf_counter()
    result = run()
    print(f"{label:<32} {time.perf_counter() - start:7.3f} s  ({len(result)} rows)")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.duckdb"
        start = time.perf_counter()
        with open_store(path) as store:
            fill(store.connection, count)
        print(f"generated {count:,} events in {time.perf_counter() - start:.1f} s")
        with open_store(path, read_only=True) as store:
            connection = store.connection
            timed("trends RUS:UKR --by week", lambda: dyad_series(connection, "RUS", "UKR"))
            timed(
                "trends RUS:UKR --by day --both",
                lambda: dyad_series(connection, "RUS", "UKR", by=Period.day, both=True),
            )
            timed(
                "trends RUSGOV:UKR --by month",
                lambda: dyad_series(connection, "RUSGOV", "UKR", by=Period.month),
            )
            timed("alerts --by week", lambda: find_alerts(connection))
            timed("alerts --by week --actors", lambda: find_alerts(connection, level=Level.actor))


if __name__ == "__main__":
    main()
