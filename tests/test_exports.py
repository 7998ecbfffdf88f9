"""Exports: GDELT 2.0 events and mentions, Parquet, JSON Lines and CSV from a coded store."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.exports import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, global_event_id


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_coded):
    from eventwire.store import open_store

    path = tmp_path_factory.mktemp("exports") / "seed.duckdb"
    with open_store(path) as store:
        for coded in seed_coded:
            store.write(coded)
    return path


def _export(db, fmt, *extra):
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def _load_tsv(path, columns):
    spec = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in columns) + "}"
    return duckdb.sql(
        f"SELECT * FROM read_csv('{path}', delim='\t', header=false, quote='', columns={spec})"
    )


def test_exports_gdelt_columns_match_gdelt_2():
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(set(GDELT_EVENT_COLUMNS)) == 61
    assert GDELT_EVENT_COLUMNS[:5] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
    )
    assert GDELT_EVENT_COLUMNS[26:31] == (
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
    )
    assert GDELT_EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(GDELT_MENTION_COLUMNS) == 16


def test_exports_gdelt_events_load_with_gdelt_column_list(seed_db, tmp_path):
    out = tmp_path / "events.tsv"
    _export(seed_db, "gdelt-events", "--out", str(out))
    rows = _load_tsv(out, GDELT_EVENT_COLUMNS).fetchall()
    assert rows
    records = [dict(zip(GDELT_EVENT_COLUMNS, row, strict=True)) for row in rows]
    geneva = [r for r in records if (r["ActionGeo_FullName"] or "").startswith("Geneva")]
    assert geneva, "the Geneva talks are placed in Geneva"
    talk = next(r for r in geneva if r["Actor1Code"] == "USAGOV")
    assert talk["Actor2Code"] == "RUSGOV"
    assert talk["Actor1CountryCode"] == "USA" and talk["Actor1Type1Code"] == "GOV"
    assert talk["EventCode"] == "040" and talk["EventRootCode"] == "04"
    assert talk["QuadClass"] == "1" and float(talk["GoldsteinScale"]) > 0
    assert talk["SQLDATE"] == "20220110" and talk["MonthYear"] == "202201"
    assert talk["Year"] == "2022"
    # FIPS 10-4 like GDELT: Switzerland is SZ (ISO would say CH).
    assert talk["ActionGeo_CountryCode"] == "SZ" and talk["ActionGeo_Type"] == "4"
    assert abs(float(talk["ActionGeo_Lat"]) - 46.2) < 0.1
    # the article reports Monday's talks twice ("discussions", "opened"): one event row with two
    # mentions in one article from one source (Sunday's dinner is a happening of its own)
    assert talk["NumMentions"] == "2" and talk["NumArticles"] == talk["NumSources"] == "1"
    assert talk["SOURCEURL"].endswith("seed_page.txt")
    assert talk["Actor1Geo_FullName"] is None
    assert all(r["GLOBALEVENTID"].isdigit() for r in records)
    # an actor read from "Both" is named by its country, as GDELT names actors
    met = next(r for r in records if r["Actor1Code"] == "USAGOV" and r["SQLDATE"] == "20220109")
    assert met["Actor1Name"] == "UNITED STATES" and met["Actor2Name"] == "RUSSIA"


def test_exports_gdelt_event_ids_are_stable_integers():
    assert global_event_id("ce753522ab89ce02") == int("ce753522ab89ce0", 16)
    assert global_event_id("ffffffffffffffff") < 2**63


def test_exports_gdelt_mentions_point_at_the_text(seed_db, tmp_path):
    out = tmp_path / "mentions.tsv"
    _export(seed_db, "gdelt-mentions", "--out", str(out))
    rows = _load_tsv(out, GDELT_MENTION_COLUMNS).fetchall()
    events = [
        dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"), strict=True))
        for line in _export(seed_db, "gdelt-events").splitlines()
    ]
    # one row per mention, each pointing at its happening's event row, as many as it counts
    article = [dict(zip(GDELT_MENTION_COLUMNS, r, strict=True)) for r in rows]
    counts = {e["GLOBALEVENTID"]: int(e["NumMentions"]) for e in events}
    assert len(rows) == sum(counts.values()) > len(events)
    assert {m["GLOBALEVENTID"] for m in article} == set(counts)
    longest = max(int(m["MentionDocLen"]) for m in article)
    assert longest > 1000, "the article's length, not a headline's"
    full = [m for m in article if int(m["MentionDocLen"]) == longest]
    # Offsets index the stored document text: the trigger word starts there.
    store = duckdb.connect(str(seed_db), read_only=True)
    [(text,)] = store.execute("SELECT text FROM documents WHERE kind = 'article'").fetchall()
    assert len(text) == longest
    triggers: dict[int, set[str]] = {}
    for happening_id, trigger in store.execute(
        'SELECT l.happening_id, e."trigger" FROM events e JOIN event_links l USING (event_id)'
    ).fetchall():
        triggers.setdefault(global_event_id(happening_id), set()).add(trigger)
    for mention in full:
        offset = int(mention["ActionCharOffset"])
        assert any(
            text[offset : offset + len(t)] == t for t in triggers[int(mention["GLOBALEVENTID"])]
        )
    assert all(m["MentionType"] == "1" and m["InRawText"] == "1" for m in article)


def test_exports_parquet_has_the_documented_schema(seed_db, tmp_path):
    from eventwire.exports import PARQUET_SCHEMA

    out = tmp_path / "events.parquet"
    _export(seed_db, "parquet", "--out", str(out))
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{out}')")
    assert relation.columns == [name for name, _, _ in PARQUET_SCHEMA]
    assert relation.fetchall()
    [(count,)] = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out}') WHERE location_name = 'Geneva'"
    ).fetchall()
    assert count >= 1


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("jsonl", lambda out: all("cameo" in json.loads(line) for line in out.splitlines())),
        ("csv", lambda out: all(r["cameo"] for r in csv.DictReader(io.StringIO(out)))),
        ("gdelt-events", lambda out: {len(x.split("\t")) for x in out.splitlines()} == {61}),
        ("gdelt-mentions", lambda out: {len(x.split("\t")) for x in out.splitlines()} == {16}),
    ],
)
def test_exports_text_formats_print_to_stdout(seed_db, fmt, check):
    out = _export(seed_db, fmt)
    assert out.strip()
    assert check(out)


def test_exports_out_writes_a_file_not_stdout(seed_db, tmp_path):
    out = tmp_path / "events.jsonl"
    printed = _export(seed_db, "jsonl", "--out", str(out))
    assert printed == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "not an export format"),
        (["--format", "parquet"], "--out"),
    ],
)
def test_exports_bad_requests_give_a_clear_error(seed_db, args, message):
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [str(Path(sys.executable).parent / "eventwire"), "export", "--db", str(seed_db), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_exports_text_with_tabs_stays_in_its_column(tmp_path):
    from eventwire.exports import ExportFormat, write_export
    from eventwire.store import open_store

    db = tmp_path / "tabs.duckdb"
    with open_store(db) as store:
        store.connection.execute(
            "INSERT INTO documents (doc_id, kind, url, text, coded_at) "
            "VALUES ('d1', 'article', 'http://x.test/a\tb', 'x', now())"
        )
        store.connection.execute(
            "INSERT INTO sentences VALUES ('d1', 0, 0, 0, 1, 'x', "
            "NULL, NULL, NULL, NULL, NULL, NULL)"
        )
        store.connection.execute(
            "INSERT INTO events (event_id, doc_id, sentence_index, cameo, cameo_root, "
            "event_date) VALUES ('00000000000000a1', 'd1', 0, '190', '19', DATE '2024-03-01')"
        )
        store.connection.execute(
            "INSERT INTO actors (event_id, slot, text, code) "
            "VALUES ('00000000000000a1', 'source', 'the\nrebels', 'REB')"
        )
        out = tmp_path / "tabs.tsv"
        write_export(store, ExportFormat.gdelt_events, out)
    [line] = out.read_text(encoding="utf-8").splitlines()
    cells = line.split("\t")
    assert len(cells) == 61
    assert cells[6] == "THE REBELS" and cells[-1] == "http://x.test/a b"
