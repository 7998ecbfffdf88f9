"""Tone: VADER compound score and GDELT-style shares, per sentence and document."""

from __future__ import annotations

import pytest

from eventwire.tone import combine_tones, score_tone


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The leaders welcomed the friendly and successful agreement.", 1),
        ("Gunmen killed dozens of terrified villagers in a brutal massacre.", -1),
    ],
)
def test_tone_sign_of_clear_sentences(text, sign):
    tone = score_tone(text)
    assert tone.compound * sign > 0.3
    assert tone.tone * sign > 0
    assert tone.polarity == pytest.approx(tone.positive + tone.negative)


def test_tone_neutral_and_empty_text():
    assert score_tone("The committee meets on Tuesday.").tone == 0
    empty = score_tone("")
    assert (empty.words, empty.compound, empty.polarity) == (0, 0.0, 0.0)


def test_tone_document_combines_sentences():
    good, bad = score_tone("A warm and hopeful meeting."), score_tone("A deadly attack.")
    document = combine_tones([good, bad])
    assert document.words == good.words + bad.words
    assert bad.compound < document.compound < good.compound


def test_tone_on_coded_documents_and_store(seed_coded, tmp_path):
    from eventwire.store import open_store

    page = seed_coded[0]
    assert page.tone is not None and len(page.sentence_tones) == len(page.sentences)
    with open_store(tmp_path / "tone.duckdb") as store:
        store.write(page)
        row = store.connection.execute(
            "SELECT tone, tone_compound, word_count FROM documents"
        ).fetchone()
        assert row == (page.tone.tone, page.tone.compound, page.tone.words)
        sentences = store.connection.execute(
            "SELECT count(*) FROM sentences WHERE tone_compound IS NOT NULL"
        ).fetchone()
        assert sentences == (len(page.sentences),)


def test_tone_each_event_carries_its_sentence_tone(seed_coded, tmp_path):
    from eventwire.store import EventFilter, open_store

    page = seed_coded[0]
    assert page.events
    for event in page.events:
        assert event.tone == page.sentence_tones[event.sentence_index]
        assert event.to_dict()["tone"]["compound"] == event.tone.compound
    with open_store(tmp_path / "tone.duckdb") as store:
        store.write(page)
        stored = {e.event_id: e.tone for e in store.events(EventFilter(all_mentions=True))}
    assert stored == {e.event_id: e.tone for e in page.events}
