"""Dyad trends and escalation alerts over a small hand-built store."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from typer.testing import CliRunner

from eventwire.analytics import DyadError, Period, dyad_series, find_alerts, parse_dyad
from eventwire.analytics.escalation import rolling_zscores
from eventwire.cli import app

MONDAY = dt.date(2024, 1, 1)  # a Monday: weeks start here


def _add_events(store, rows):
    """Insert events: (day offset, source (code, country), target (code, country), quad, gold)."""
    connection = store.connection
    connection.execute(
        "INSERT OR IGNORE INTO documents (doc_id, kind, text, coded_at) "
        "VALUES ('doc', 'article', 'x', now())"
    )
    start = connection.execute("SELECT count(*) FROM sentences").fetchone()[0]
    for n, (offset, source, target, quad, goldstein) in enumerate(rows, start=start):
        event_id = f"{n:016x}"
        connection.execute(
            'INSERT INTO sentences (doc_id, sentence_index, paragraph, "start", "end", text, '
            "tone) VALUES ('doc', ?, 0, 0, 1, 'x', ?)",
            [n, -2.0 if quad > 2 else 1.0],
        )
        connection.execute(
            "INSERT INTO events (event_id, doc_id, sentence_index, cameo, cameo_root, goldstein, "
            "quad_class, event_date) VALUES (?, 'doc', ?, '190', '19', ?, ?, ?)",
            [event_id, n, goldstein, quad, MONDAY + dt.timedelta(days=offset)],
        )
        for slot, (code, country) in (("source", source), ("target", target)):
            connection.execute(
                "INSERT INTO actors (event_id, slot, code, country, role) VALUES (?, ?, ?, ?, ?)",
                [event_id, slot, code, country, code[3:] or None],
            )


RUS = ("RUSMIL", "RUS")
UKR = ("UKRGOV", "UKR")
FRA = ("FRAGOV", "FRA")
DEU = ("DEUGOV", "DEU")


@pytest.fixture()
def db(tmp_path):
    from eventwire.store import open_store

    path = tmp_path / "dyads.duckdb"
    rows = []
    for week in range(10):
        # RUS → UKR: one verbal conflict a week (-2), then a burst of fighting in the last week.
        rows.append((7 * week, RUS, UKR, 3, -2.0))
        # FRA → DEU: two meetings a week, every week; nothing changes.
        rows += [(7 * week + 1, FRA, DEU, 1, 1.0), (7 * week + 2, FRA, DEU, 1, 3.0)]
    rows += [(63 + d, RUS, UKR, 4, -10.0) for d in range(4)]
    rows.append((15, UKR, RUS, 2, 7.0))  # the other direction
    with open_store(path) as store:
        _add_events(store, [*rows, (0, RUS, UKR, 4, -10.0)])
        # The last attack was denied ("did not attack"): it counts nowhere.
        store.connection.execute(
            "UPDATE events SET negated = true WHERE event_id = (SELECT max(event_id) FROM events)"
        )
    return path


def _connect(db):
    import duckdb

    return duckdb.connect(str(db), read_only=True)


def test_analytics_weekly_counts_and_goldstein_per_quadclass(db):
    series = dyad_series(_connect(db), "RUS", "UKR", by=Period.week)
    assert len(series) == 10
    assert series[0].period == MONDAY
    # Week 0: the negated attack is dropped, the verbal conflict stays.
    assert series[0].quad_counts == (0, 0, 1, 0)
    assert series[0].goldstein_sum == pytest.approx(-2.0)
    assert series[3].quad_counts == (0, 0, 1, 0)
    assert series[3].goldstein_mean == pytest.approx(-2.0)
    assert series[3].tone == pytest.approx(-2.0)
    last = series[-1]
    assert last.quad_counts == (0, 0, 1, 4)
    assert last.goldstein_sum == pytest.approx(-42.0)
    assert last.intensity == pytest.approx(42.0)


@pytest.mark.parametrize(
    ("source", "target", "both", "events"),
    [
        ("RUS", "UKR", False, 14),  # countries
        ("RUSMIL", "UKRGOV", False, 14),  # actor codes
        ("rus", "ukr", True, 15),  # both directions, case-insensitive
        ("UKR", "RUS", False, 1),
        ("UKR", "FRA", False, 0),
    ],
)
def test_analytics_dyad_sides_match_codes_countries_and_directions(
    db, source, target, both, events
):
    series = dyad_series(_connect(db), source, target, by=Period.week, both=both)
    assert sum(p.events for p in series) == events


def test_analytics_empty_periods_are_filled(db):
    series = dyad_series(_connect(db), "UKR", "RUS", by=Period.day)
    assert len(series) == 1
    series = dyad_series(_connect(db), "FRA", "DEU", by=Period.day)
    assert len(series) == 7 * 9 + 2
    assert series[2].events == 0 and series[2].goldstein_sum == 0.0


def test_analytics_monthly_periods(db):
    series = dyad_series(_connect(db), "FRA", "DEU", by=Period.month)
    assert [p.period for p in series] == [
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
        dt.date(2024, 3, 1),
    ]
    assert sum(p.quad_counts[0] for p in series) == 20


def test_analytics_spike_is_an_alert_and_flat_dyad_is_not(db):
    series = dyad_series(_connect(db), "RUS", "UKR", by=Period.week)
    assert series[-1].alert and series[-1].zscore is not None and series[-1].zscore > 2
    assert not any(p.alert for p in series[:-1])
    flat = dyad_series(_connect(db), "FRA", "DEU", by=Period.week)
    assert not any(p.alert for p in flat)
    [alert] = find_alerts(_connect(db), by=Period.week)
    assert (alert.source, alert.target) == ("RUS", "UKR")
    assert alert.latest.conflict_events == 5
    assert alert.history_mean == pytest.approx(2.0, abs=1.6)


def test_analytics_min_events_holds_back_a_small_spike(db):
    assert find_alerts(_connect(db), by=Period.week, min_events=6) == []


def test_analytics_zscore_needs_history():
    scores = rolling_zscores([0, 0, 0, 50])
    assert scores == [None, None, None, None]
    scores = rolling_zscores([1, 1, 1, 1, 1, 20])
    assert scores[4] == 0.0 and scores[5] == pytest.approx(19.0)


@pytest.mark.parametrize("value", ["RUS", "RUS:", ":UKR", "A:B:C", ""])
def test_analytics_bad_dyad_is_a_clear_error(value):
    with pytest.raises(DyadError, match="SOURCE:TARGET"):
        parse_dyad(value)


def test_analytics_cli_trends_table_and_csv(db):
    runner = CliRunner()
    table = runner.invoke(app, ["trends", "--db", str(db), "--dyad", "RUS:UKR"])
    assert table.exit_code == 0, table.output
    assert "RUS → UKR by week" in table.stdout and "2024-03-04" in table.stdout
    out = runner.invoke(app, ["trends", "--db", str(db), "--dyad", "FRA:DEU", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 10
    assert rows[0]["q1_verbal_coop"] == "2" and rows[0]["goldstein_sum"] == "4.0"
    assert {r["alert"] for r in rows} == {"False"}


def test_analytics_cli_alerts_lists_the_spike(db):
    out = CliRunner().invoke(app, ["alerts", "--db", str(db), "-f", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["source"], r["target"]) for r in rows] == [("RUS", "UKR")]
    actors = CliRunner().invoke(app, ["alerts", "--db", str(db), "--actors", "-f", "csv"])
    assert "RUSMIL,UKRGOV" in actors.stdout


def test_analytics_cli_bad_period_is_a_clear_error(db):
    out = CliRunner().invoke(app, ["trends", "--db", str(db), "--dyad", "RUS:UKR", "--by", "year"])
    assert out.exit_code != 0
    assert "not a period" in out.output


def test_analytics_cli_plot_writes_a_png(db, tmp_path):
    png = tmp_path / "rus_ukr.png"
    out = CliRunner().invoke(
        app, ["trends", "--db", str(db), "--dyad", "RUS:UKR", "--plot", str(png)]
    )
    assert out.exit_code == 0, out.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
