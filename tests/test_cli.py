"""The command line: code, events, stats, and bad input in a batch."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

from .conftest import SEED_PAGE


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def seed_db(runner, tmp_path):
    db = tmp_path / "seed.duckdb"
    result = runner.invoke(
        app, ["code", str(SEED_PAGE), "--db", str(db), "--published", "2022-01-10"]
    )
    assert result.exit_code == 0, result.output
    return db


def test_cli_code_prints_a_summary(runner, tmp_path):
    db = tmp_path / "ew.duckdb"
    result = runner.invoke(app, ["code", str(SEED_PAGE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "coded 1 documents and 17 headlines" in result.output
    assert "0 failed" in result.output
    again = runner.invoke(app, ["code", str(SEED_PAGE), "--db", str(db)])
    assert "coded 0 documents" in again.output and "already stored" in again.output


def test_cli_code_no_store_prints_jsonl(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["code", str(SEED_PAGE), "--format", "jsonl", "--no-store"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(r["cameo_root"] == "13" for r in records)
    assert not (tmp_path / "eventwire.duckdb").exists()


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (
            ["--format", "jsonl", "--root", "13"],
            lambda out: {json.loads(x)["cameo_root"] for x in out.splitlines()} == {"13"},
        ),
        (
            ["--format", "jsonl", "--actor", "NATO"],
            lambda out: all(
                "NATO"
                in (json.loads(x)["source"] or {}).get("code", "")
                + (json.loads(x)["target"] or {}).get("code", "")
                for x in out.splitlines()
            ),
        ),
        (
            ["--format", "csv", "--country", "RUS"],
            lambda out: all(
                "RUS" in (r["source_country"], r["target_country"])
                for r in csv.DictReader(io.StringIO(out))
            ),
        ),
        (["--format", "jsonl", "--since", "2022-01-11"], lambda out: out.strip() == ""),
        (["--format", "table"], lambda out: "USAGOV" in out and "RUSGOV" in out),
    ],
)
def test_cli_events_filters(runner, seed_db, args, check):
    result = runner.invoke(app, ["events", "--db", str(seed_db), *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() or args[-1] == "2022-01-11"
    assert check(result.stdout)


def test_cli_events_rejects_a_bad_date(runner, seed_db):
    result = runner.invoke(app, ["events", "--db", str(seed_db), "--since", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_cli_stats(runner, seed_db):
    result = runner.invoke(app, ["stats", "--db", str(seed_db), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents_by_kind"] == {"article": 1, "headline": 17}
    assert figures["events"] > 5


def test_cli_bad_inputs_fail_alone(runner, tmp_path):
    """Every bad input gets one error line naming it; the good ones are coded and stored."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Iran threatened Israel with military force.\n")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 talks in Z\xfcrich.".encode("latin-1"))
    (corpus / "broken.html").write_text("<html><body><div><p>")
    (corpus / "feed.rss").write_text("this is not xml at all {{{")
    (corpus / "lines.jsonl").write_text(
        '{"id": "a", "text": "Russia and China condemned the United States."}\n'
        "not json\n"
        '{"id": "c", "title": "no text"}\n'
    )
    big = corpus / "huge.txt"
    with big.open("wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    db = tmp_path / "ew.duckdb"
    # something stored before the bad batch must survive it
    assert runner.invoke(app, ["code", str(SEED_PAGE), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["code", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name in (
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "broken.html",
        "feed.rss",
        "lines.jsonl:2",
        "lines.jsonl:3",
        "huge.txt",
    ):
        assert any(name in line for line in errors), (name, result.stderr)
    assert "coded 2 documents" in result.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["documents_by_kind"]["article"] == 3
    assert stats["documents_by_kind"]["headline"] == 17


def test_cli_help_does_not_load_heavy_libraries():
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom eventwire.cli import app\n"
        "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0\n"
        "print(sorted(m for m in ('spacy', 'duckdb', 'trafilatura') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_stories_and_happenings(runner, seed_db):
    stories = [
        json.loads(line)
        for line in runner.invoke(app, ["stories", "--db", str(seed_db), "-f", "jsonl"])
        .stdout.strip()
        .splitlines()
    ]
    # the article is one story; the page's unrelated headlines join none
    [article] = [s for s in stories if s["documents"]]
    assert article["event_ids"] and "RUSGOV" in article["actors"] and not article["headlines"]
    every = runner.invoke(app, ["events", "--db", str(seed_db), "--all-mentions", "-f", "jsonl"])
    once = runner.invoke(app, ["events", "--db", str(seed_db), "-f", "jsonl"])
    happenings = [json.loads(line) for line in once.stdout.splitlines()]
    assert len(happenings) < len(every.stdout.splitlines())
    assert sum(e["num_mentions"] for e in happenings) == len(every.stdout.splitlines())
