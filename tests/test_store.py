"""The DuckDB store: idempotent, transactional, queryable."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventwire.errors import StoreError
from eventwire.ingest import read_text
from eventwire.pipeline import run
from eventwire.store import EventFilter, open_store

TEXTS = [
    "Russia and China condemned the United States on Monday.",
    "French police arrested protesters in Paris.",
    "Iran threatened Israel with military force.",
]


def _documents():
    return [read_text(text, published=dt.date(2022, 1, 10 + n)) for n, text in enumerate(TEXTS)]


def test_store_recoding_adds_nothing(coder, tmp_path):
    with open_store(tmp_path / "ew.duckdb") as store:
        first = run(_documents(), coder=coder, store=store)
        before = store.stats()
        second = run(_documents(), coder=coder, store=store)
        after = store.stats()
    assert first.documents == 3 and first.events > 0
    assert second.documents == 0 and second.already_stored == 3 and second.events == 0
    assert before == after


def test_store_round_trips_events(coder, tmp_path):
    with open_store(tmp_path / "ew.duckdb") as store:
        run(_documents(), coder=coder, store=store)
        stored = store.events()
    coded = [e for r in coder.code(_documents()) for e in r.events]
    assert sorted(e.to_dict()["event_id"] for e in stored) == sorted(e.event_id for e in coded)
    by_id = {e.event_id: e for e in coded}
    for event in stored:
        assert event.to_dict() == by_id[event.event_id].to_dict()


@pytest.mark.parametrize(
    ("where", "expected_roots"),
    [
        (EventFilter(actor="usa"), {"11"}),
        (EventFilter(country="FRA"), {"17"}),
        (EventFilter(roots=("13",)), {"13"}),
        (EventFilter(since=dt.date(2022, 1, 11), until=dt.date(2022, 1, 11)), {"17"}),
    ],
)
def test_store_filters_events(coder, tmp_path, where, expected_roots):
    with open_store(tmp_path / "ew.duckdb") as store:
        run(_documents(), coder=coder, store=store)
        events = store.events(where)
    assert events and {e.cameo_root for e in events} == expected_roots


def test_store_failed_write_rolls_back_only_that_document(coder, tmp_path):
    good, bad = list(coder.code([read_text(TEXTS[0]), read_text(TEXTS[2])]))
    assert bad.events
    # Two events with one id break the primary key halfway through the write.
    broken = dataclasses.replace(bad, events=bad.events + bad.events[:1])
    with open_store(tmp_path / "ew.duckdb") as store:
        store.write(good)
        with pytest.raises(StoreError, match="not stored"):
            store.write(broken)
        assert store.has_document(good.document.doc_id)
        assert not store.has_document(bad.document.doc_id)
        stats = store.stats()
        assert stats["documents"] == 1
        assert stats["events"] == len(good.events)
        store.write(bad)  # the document can be stored once fixed
        assert store.has_document(bad.document.doc_id)


def test_store_read_only_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_store_batch_with_a_bad_document_keeps_the_good_ones(coder, tmp_path):
    first, bad, last = list(coder.code([read_text(t) for t in TEXTS]))
    broken = dataclasses.replace(bad, events=bad.events + bad.events[:1])
    with open_store(tmp_path / "ew.duckdb") as store:
        results = store.write_many([first, broken, last])
        errors = {coded.document.doc_id: error for coded, error in results}
        assert errors[first.document.doc_id] is None and errors[last.document.doc_id] is None
        assert isinstance(errors[bad.document.doc_id], StoreError)
        assert store.has_document(first.document.doc_id)
        assert store.has_document(last.document.doc_id)
        assert not store.has_document(bad.document.doc_id)
        assert store.stats()["events"] == len(first.events) + len(last.events)
