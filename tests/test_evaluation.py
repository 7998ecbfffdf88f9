"""Scoring against gold data: formats, the metrics' rules, and the CLI report."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import FormatError
from eventwire.evaluation import load_gold, score_records
from eventwire.evaluation.gold import GoldEvent, GoldRecord, plover_type
from eventwire.events.cameo import lookup_cameo
from eventwire.records import Actor, Event


def _event(cameo, source=None, target=None, hypothetical=False, negated=False):
    code = lookup_cameo(cameo)
    return Event(
        doc_id="d",
        event_id=cameo,
        sentence_index=0,
        sentence="s",
        sentence_start=0,
        sentence_end=1,
        cameo=cameo,
        cameo_root=code.root,
        plover=code.plover,
        goldstein=code.goldstein,
        quad_class=code.quad_class,
        hypothetical=hypothetical,
        negated=negated,
        source=Actor(text=source, code=source, country=source) if source else None,
        target=Actor(text=target, code=target, country=target) if target else None,
    )


def _gold(kind, sources=(), targets=()):
    return GoldRecord(
        id="g",
        text="t",
        published=None,
        events=(GoldEvent(type=kind, sources=frozenset(sources), targets=frozenset(targets)),),
    )


@pytest.mark.parametrize(
    ("cameo", "expected"),
    [
        ("0871", "RETREAT"),
        ("083", "CONCEDE"),
        ("1312", "THREATEN"),
        ("111", "DISAPPROVE"),
        ("010", None),
        ("023", None),
        ("195", "FIGHT"),
        ("182", "ASSAULT"),
    ],
)
def test_evaluation_plover_type_of_cameo(cameo, expected):
    assert plover_type(cameo) == expected


def test_evaluation_perfect_record():
    scores = score_records([(_gold("THREATEN", ["USA"], ["RUS"]), [_event("1312", "USA", "RUS")])])
    figures = scores.summary()
    assert figures["type_f1"] == 1.0
    assert figures["source_accuracy"] == figures["target_accuracy"] == 1.0
    assert figures["triple_f1"] == 1.0
    assert not scores.misses


def test_evaluation_wrong_type_and_target():
    scores = score_records([(_gold("THREATEN", ["USA"], ["RUS"]), [_event("111", "USA", "CHN")])])
    assert scores.types.tp == 0 and scores.types.fp == 1 and scores.types.fn == 1
    assert scores.source_accuracy == 1.0  # the only coded event is checked when no type matches
    assert scores.target_accuracy == 0.0
    assert scores.triple_f1 == 0.0
    assert scores.confusion[("THREATEN", "DISAPPROVE")] == 1
    assert scores.misses
    assert any("type THREATEN not found" in p for p in scores.misses[0].problems)


def test_evaluation_statements_hypotheticals_and_negations_are_not_scored():
    events = [
        _event("010", "USA", "RUS"),
        _event("190", "RUS", "UKR", hypothetical=True),
        _event("030", "RUS", "UKR", negated=True),
    ]
    scores = score_records([(_gold("THREATEN", ["USA"], ["RUS"]), events)])
    assert scores.types.fp == 0 and scores.types.fn == 1


def test_evaluation_negative_record_counts_false_positives():
    record = GoldRecord(id="n", text="t", published=None, events=())
    scores = score_records([(record, [_event("190", "RUS", "UKR")])])
    assert scores.types.fp == 1 and scores.types.tp == 0
    assert scores.confusion[("(none)", "FIGHT")] == 1


def test_evaluation_mass_violence_counts_as_either_type():
    for kind in ("ASSAULT", "FIGHT"):
        scores = score_records([(_gold(kind, ["SDN"]), [_event("202", "SDN", None)])])
        assert scores.types.tp == 1 and scores.types.fp == 0


def test_evaluation_reads_plover_records(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "X-1",
                    "date": "2001-02-03",
                    "event": "DEMAND",
                    "text": "A text.",
                    "source": [{"actorText": "France", "code": "FRA"}],
                    "target": "",
                }
            ]
        )
    )
    [record] = load_gold(path)
    assert record.published == "2001-02-03"
    assert record.events == (
        GoldEvent(type="DEMAND", sources=frozenset({"FRA"}), targets=frozenset()),
    )


def test_evaluation_reads_jsonl_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "a", "text": "One.", "events": [{"cameo": "1312", "source": ["usa"], '
        '"target": ["RUS"]}]}\n\n{"id": "b", "text": "Two.", "events": []}\n'
    )
    first, second = load_gold(path)
    assert first.events[0] == GoldEvent(
        type="THREATEN", sources=frozenset({"USA"}), targets=frozenset({"RUS"})
    )
    assert second.events == ()


@pytest.mark.parametrize(
    "line",
    ['{"id": "a"}', '{"text": "x", "events": [{"type": "NOPE"}]}', "not json"],
)
def test_evaluation_bad_gold_lines_name_the_line(tmp_path, line):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "ok", "events": []}\n' + line + "\n")
    with pytest.raises(FormatError, match=r"gold.jsonl:2"):
        load_gold(path)


def test_evaluation_cli_reports_and_lists_misses(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "hit", "text": "Iran threatened Israel with military force.", '
        '"events": [{"type": "THREATEN", "source": ["IRN"], "target": ["ISR"]}]}\n'
        '{"id": "none", "text": "The weather in Oslo was mild on Tuesday.", "events": []}\n'
    )
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 2 and figures["type_f1"] == 1.0 and figures["triple_f1"] == 1.0
    report = runner.invoke(app, ["eval", str(path), "--misses"])
    assert report.exit_code == 0 and "Per type" in report.stdout
