"""The whole path on the bundled example page, and the Python API."""

from __future__ import annotations

import datetime as dt

import pytest

import eventwire


def _events(seed_coded):
    return [e for doc in seed_coded for e in doc.events]


def _has(events, root, source, target=None):
    return any(
        e.cameo_root == root
        and e.source is not None
        and e.source.code == source
        and (target is None or (e.target is not None and e.target.code == target))
        for e in events
    )


@pytest.mark.parametrize(
    ("root", "source", "target", "what"),
    [
        ("13", "USAGOV", "RUS", "the US threatens Russia with sanctions"),
        ("15", "RUSMIL", "UKR", "the Russian troop buildup at the Ukrainian border"),
        ("10", "RUSGOV", "USA", "Moscow's demands on the US"),
        ("10", "RUSGOV", "NATO", "Moscow's demands on NATO"),
        ("04", "USAGOV", "RUSGOV", "the Sherman–Ryabkov talks in Geneva"),
        ("04", "RUSGOV", "USAGOV", "the Sherman–Ryabkov talks in Geneva, both ways"),
        ("13", "NATO", "RUS", "Stoltenberg's warning to Russia"),
        ("01", "RUSGOV", None, "Ryabkov's pessimistic comment"),
    ],
)
def test_pipeline_seed_page_events(seed_coded, root, source, target, what):
    assert _has(_events(seed_coded), root, source, target), what


def test_pipeline_seed_pessimistic_comment_is_ryabkovs(seed_coded):
    comments = [e for e in _events(seed_coded) if e.cameo == "012"]
    assert comments and all(e.source.code == "RUSGOV" for e in comments)
    assert any("pessimistic" in e.sentence for e in comments)


def test_pipeline_seed_threat_is_a_sanctions_threat(seed_coded):
    threats = [
        e
        for e in _events(seed_coded)
        if e.cameo_root == "13" and e.source and e.source.country == "USA"
    ]
    assert any(
        e.cameo == "1312"
        and e.plover == "THREATEN"
        and e.quad_class == 3
        and e.goldstein == pytest.approx(-5.8)
        for e in threats
    )


def test_pipeline_seed_invasion_is_only_hypothetical(seed_coded):
    invasions = [e for e in _events(seed_coded) if e.trigger.lower().startswith("invad")]
    assert all(e.hypothetical for e in invasions)
    assert not any(
        e.cameo_root in {"18", "19", "20"} and not e.hypothetical
        for e in _events(seed_coded)
        if e.doc_id == seed_coded[0].document.doc_id
    )


def test_pipeline_seed_headlines_are_own_documents(seed_coded):
    page, *headlines = seed_coded
    assert page.document.kind == "article"
    assert len(headlines) == 17
    assert all(
        h.document.kind == "headline" and h.document.parent_id == page.document.doc_id
        for h in headlines
    )
    assert all(len(h.sentences) >= 1 for h in headlines)


def test_pipeline_events_carry_their_evidence(seed_coded, seed_text):
    for event in _events(seed_coded):
        doc = next(d.document for d in seed_coded if d.document.doc_id == event.doc_id)
        assert doc.text[event.sentence_start : event.sentence_end] == event.sentence
        assert doc.text[event.trigger_start : event.trigger_end] == event.trigger
        for actor in (event.source, event.target):
            if actor is not None and actor.start is not None:
                assert doc.text[actor.start : actor.end] == actor.text
        assert event.rule
        assert 0.0 <= event.confidence <= 1.0
        assert event.published == dt.date(2022, 1, 10)


def test_pipeline_event_contract_fields(seed_coded):
    record = _events(seed_coded)[0].to_dict()
    for field in (
        "doc_id",
        "event_id",
        "sentence_index",
        "sentence",
        "sentence_start",
        "sentence_end",
        "source",
        "target",
        "cameo",
        "cameo_root",
        "plover",
        "goldstein",
        "quad_class",
        "negated",
        "hypothetical",
        "confidence",
        "rule",
    ):
        assert field in record
    actor = record["source"] or record["target"]
    assert set(actor) >= {"text", "code", "country", "role", "org"}


def test_pipeline_code_text_api():
    events = eventwire.code_text(
        "Russia and China condemned the United States on Monday.", published="2022-03-01"
    )
    assert {(e.source.code, e.target.code) for e in events} >= {
        ("RUSGOV", "USA"),
        ("CHNGOV", "USA"),
    }
    assert all(e.cameo_root == "11" for e in events)
    assert all(e.published == dt.date(2022, 3, 1) for e in events)


def test_pipeline_event_ids_are_stable(coder, seed_text):
    from eventwire.ingest import read_text

    first = [e.event_id for r in coder.code([read_text(seed_text)]) for e in r.events]
    second = [e.event_id for r in coder.code([read_text(seed_text)]) for e in r.events]
    assert first == second
    assert len(set(first)) == len(first)


def test_pipeline_workers_give_the_same_events(coder, seed_text):
    from eventwire.ingest import read_text

    one = [e.to_dict() for r in coder.code([read_text(seed_text)]) for e in r.events]
    two = [e.to_dict() for r in coder.code([read_text(seed_text)], workers=2) for e in r.events]
    assert one == two
