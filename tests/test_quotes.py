"""Quotes: spans, kinds, speakers and their actors, reported_by, bad input, the CLI."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.quotes import find_quote_spans

from .conftest import SEED_PAGE


def _quotes(coder, text: str, published: str = "2022-06-15"):
    from eventwire.ingest import read_text

    [result] = list(coder.code([read_text(text, published=published)]))
    return result.quotes


def _article(seed_coded):
    return next(doc for doc in seed_coded if doc.document.kind != "headline")


@pytest.mark.parametrize(
    ("words", "speaker", "code", "kind"),
    [
        ("Are they ready to give legal guarantees", "Ryabkov", "RUSGOV", "direct"),
        ("I have a rather pessimistic forecast", "Ryabkov", "RUSGOV", "direct"),
        ("We need to be prepared", "Stoltenberg", "NATO", "direct"),
        ("freedom of sovereign nations", "Sherman", "USAGOV", "partial"),
        ("difficult.", "Ryabkov", "RUSGOV", "partial"),
    ],
)
def test_quotes_seed_page_speakers(seed_coded, words, speaker, code, kind):
    quotes = _article(seed_coded).quotes
    [quote] = [q for q in quotes if q.quote.startswith(words) and q.kind != "indirect"]
    assert quote.kind == kind
    assert quote.speaker_text == speaker
    assert quote.speaker is not None and quote.speaker.code == code
    text = _article(seed_coded).document.text
    assert text[quote.start : quote.end] == quote.quote


def test_quotes_seed_page_full_names(seed_coded):
    names = {q.speaker_text: q.speaker_name for q in _article(seed_coded).quotes}
    assert names["Sherman"] == "Wendy Sherman"
    assert names["Ryabkov"] == "Sergei Ryabkov"
    assert names["Stoltenberg"] == "Jens Stoltenberg"


def test_quotes_seed_page_events_reported_by_speaker(seed_coded):
    events = _article(seed_coded).events
    [forecast] = [e for e in events if e.trigger == "have"]
    assert forecast.reported_by is not None and forecast.reported_by.code == "RUSGOV"
    # an event outside every quote keeps no speaker
    [buildup] = [e for e in events if e.trigger == "buildup"]
    assert buildup.reported_by is None


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "code"),
    [
        ('"We will hold firm," Lavrov said.', "We will hold firm,", "Lavrov", "RUSGOV"),
        ("“Talks go on,” said Blinken.", "Talks go on,", "Blinken", "USAGOV"),
        ("Zelensky said: “Kyiv stands.”", "Kyiv stands.", "Zelensky", "UKRGOV"),
        ('"Aid is coming," Guterres told donors.', "Aid is coming,", "Guterres", "UN"),
        ('"No ally is alone," the NATO chief said.', "No ally is alone,", "the NATO chief", "NATO"),
        ("“We object,” according to Peskov.", "We object,", "Peskov", "RUSGOV"),
    ],
)
def test_quotes_direct_frames(coder, text, quote, speaker, code):
    [found] = _quotes(coder, text)
    assert (found.quote, found.kind, found.speaker_text) == (quote, "direct", speaker)
    assert found.speaker is not None and found.speaker.code == code


def test_quotes_adding_and_continued_turn(coder):
    text = (
        '"We are ready," Macron said, adding "France will act." '
        '"Nobody should doubt it."\n'
        '"This is a new paragraph of the same turn."'
    )
    quotes = _quotes(coder, text)
    assert [q.speaker.code for q in quotes if q.speaker] == ["FRAGOV"] * 4
    assert quotes[-1].rule == "continued turn"


def test_quotes_multi_paragraph_quote_is_one(coder):
    text = '"We will rebuild the bridges.\n"We will rebuild the schools," Zelensky said.'
    [quote] = _quotes(coder, text)
    assert quote.quote.startswith("We will rebuild the bridges.") and quote.closed
    assert quote.quote.endswith("schools,")
    assert quote.speaker is not None and quote.speaker.code == "UKRGOV"


def test_quotes_pronoun_speaker_takes_last_person(coder):
    text = 'Peskov met reporters on Monday. "There is no deal," he said.'
    [quote] = _quotes(coder, text)
    assert quote.speaker_text == "he"
    assert quote.speaker is not None and quote.speaker.code == "RUSGOV"
    assert quote.speaker_name == "Peskov"


def test_quotes_partial_and_described_as(coder):
    [quote] = _quotes(coder, "Wang Yi described the plan as “a dangerous gamble” on Monday.")
    assert (quote.kind, quote.quote, quote.verb) == ("partial", "a dangerous gamble", "describe")
    assert quote.speaker is not None and quote.speaker.code == "CHNGOV"


def test_quotes_indirect_speech(coder):
    [quote] = _quotes(coder, "Stoltenberg told reporters that the alliance would not send troops.")
    assert quote.kind == "indirect" and quote.verb == "tell"
    assert quote.quote == "the alliance would not send troops"
    assert quote.speaker is not None and quote.speaker.code == "NATO"


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” was rejected by parliament.",
        'Crowds watched the film "War and Peace" in the square.',
        "Banners reading “No to war” filled the streets.",
        "He believes that the war will end soon.",
        "Russia’s troops and Ukraine’s army don’t agree on anything.",
    ],
)
def test_quotes_scare_quotes_titles_and_thoughts_are_not_quotes(coder, text):
    assert _quotes(coder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("say “a” and “b”", ["a", "b"]),
        ('say "a" and "b"', ["a", "b"]),
        ("a “nested “inner” outer” end", ["nested “inner” outer"]),
        ('mixed “marks," here', ["marks,"]),
        ("it’s ‘single quoted’ here, don’t", ["single quoted"]),
        ("never “closes here\nnext paragraph", ["closes here"]),
        ("“first paragraph\n“second paragraph”", ["first paragraph\n“second paragraph"]),
        ('""""""', []),
        ("stray ” close and “ ”", []),
    ],
)
def test_quotes_spans(text, expected):
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == expected


def test_quotes_unclosed_quote_ends_at_paragraph_end():
    text = "He said “this never ends.\nA new paragraph “quoted” here."
    first, second = find_quote_spans(text)
    assert text[first.start : first.end] == "this never ends." and not first.closed
    assert text[second.start : second.end] == "quoted" and second.closed


def test_quotes_ten_thousand_marks_are_sane():
    text = "Lavrov said " + '"' * 10_000 + " and left.\n" + "“yes” " * 5_000
    spans = find_quote_spans(text)
    # the empty straight pairs are dropped; each curly pair is one quote
    assert len(spans) == 5_000
    assert all(text[s.start : s.end] == "yes" for s in spans)


def test_quotes_ten_thousand_marks_through_the_whole_pipeline(coder):
    # a run of marks with no space used to cost spaCy's tokenizer quadratic time
    def timed(marks: int) -> float:
        text = "Lavrov said " + '"' * marks + " and left. Peru recalled its envoy."
        began = time.perf_counter()
        _quotes(coder, text)
        return time.perf_counter() - began

    timed(100)  # warm up
    small, large = timed(1_000), timed(10_000)
    assert large <= 20 * small + 1.0


def test_quotes_large_input_is_linear(coder):
    # "we" inside the quotes exercises the event coder's first-person look-up too
    def timed(pairs: int) -> tuple[float, list]:
        text = "Lavrov spoke. " + "“We agreed,” Lavrov said. “No.” The “deal” " * pairs
        began = time.perf_counter()
        quotes = _quotes(coder, text)
        return time.perf_counter() - began, quotes

    timed(5)  # warm up
    small_time, small = timed(100)
    large_time, large = timed(1_000)
    assert len(large) >= 9 * len(small) > 0
    assert all(q.speaker is not None and q.speaker.code == "RUSGOV" for q in large)
    assert large_time <= 20 * small_time


def test_quotes_never_closing_quote_keeps_the_paragraph(coder):
    quotes = _quotes(
        coder, "Lavrov said “" + "the talks failed and " * 100 + "end.\nNext paragraph."
    )
    [quote] = [q for q in quotes if q.kind != "indirect"]
    assert not quote.closed and quote.quote.endswith("end.")
    assert quote.speaker is not None and quote.speaker.code == "RUSGOV"


def test_quotes_cli(tmp_path):
    runner = CliRunner()
    db = tmp_path / "q.duckdb"
    coded = runner.invoke(
        app, ["code", str(SEED_PAGE), "--db", str(db), "--published", "2022-01-10"]
    )
    assert coded.exit_code == 0, coded.output
    result = runner.invoke(
        app, ["quotes", "--db", str(db), "--speaker", "nato", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and all(r["speaker"]["code"] == "NATO" for r in records)
    assert {"doc_id", "quote", "start", "end", "kind", "speaker_text", "speaker"} <= set(records[0])
    partial = runner.invoke(app, ["quotes", "--db", str(db), "--kind", "partial", "-f", "csv"])
    rows = partial.output.splitlines()
    assert rows[0].startswith("doc_id,quote_id,kind") and len(rows) == 3
    table = runner.invoke(app, ["quotes", "--db", str(db), "--name", "Ryabkov"])
    assert table.exit_code == 0 and "RUSGOV" in table.output
    bad = runner.invoke(app, ["quotes", "--db", str(db), "--kind", "shouted"])
    assert bad.exit_code != 0


def test_quotes_indirect_clause_keeps_the_quoted_words_it_ends_with(coder):
    text = "The Peruvian minister told reporters that the talks were “a waste of time.” He left."
    [indirect] = [q for q in _quotes(coder, text) if q.kind == "indirect"]
    assert indirect.quote == "the talks were “a waste of time.”"
    assert text[indirect.start : indirect.end] == indirect.quote
