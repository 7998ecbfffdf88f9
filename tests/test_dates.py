"""Dates: expressions resolved against the publication date, event dates, datelines."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.dates import read_dateline, resolve_expression

from .conftest import code_sentence_events

MONDAY = dt.date(2022, 1, 10)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Sunday", dt.date(2022, 1, 9), "day"),
        ("on Friday", dt.date(2022, 1, 7), "day"),
        ("Monday", MONDAY, "day"),
        ("yesterday", dt.date(2022, 1, 9), "day"),
        ("last week", dt.date(2022, 1, 3), "week"),
        ("last month", dt.date(2021, 12, 1), "month"),
        ("in 2008", dt.date(2008, 1, 1), "year"),
        ("January 6", dt.date(2022, 1, 6), "day"),
        ("in March", dt.date(2021, 3, 1), "month"),
        ("three days ago", dt.date(2022, 1, 7), "day"),
    ],
)
def test_dates_expressions_resolve_against_publication(text, expected, precision):
    resolved = resolve_expression(text, MONDAY)
    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, precision)


def test_dates_weekday_is_the_last_one_unless_the_future_is_said():
    assert resolve_expression("Thursday", MONDAY).date == dt.date(2022, 1, 6)
    assert resolve_expression("Thursday", MONDAY, future=True).date == dt.date(2022, 1, 13)
    assert resolve_expression("next Thursday", MONDAY).date == dt.date(2022, 1, 13)


def test_dates_future_clause_takes_the_coming_weekday(coder):
    events = code_sentence_events(
        coder, "Iran will hold talks with Oman on Friday.", published="2022-01-10"
    )
    assert events and all(e.event_date == dt.date(2022, 1, 14) for e in events)


@pytest.mark.parametrize("text", ["decades", "recent years", "may", "", "x" * 500])
def test_dates_non_dates_give_nothing(text):
    assert resolve_expression(text, MONDAY) is None


def test_dates_relative_expression_needs_a_publication_date():
    assert resolve_expression("Sunday", None) is None
    assert resolve_expression("in 2008", None).date == dt.date(2008, 1, 1)


def test_dates_seed_talks_in_publication_week_and_pledge_in_2008(seed_coded):
    page = seed_coded[0]
    talks = [e for e in page.events if e.trigger in ("opened", "met", "discussions")]
    assert talks
    for event in talks:
        assert dt.date(2022, 1, 3) <= event.event_date <= dt.date(2022, 1, 10)
    met = [e for e in page.events if e.trigger == "met"]
    assert all((e.event_date, e.date_basis) == (dt.date(2022, 1, 9), "day:Sunday") for e in met)
    # The NATO pledge is an event of its own, dated 2008; the sentence's "said" (2022) is not.
    pledge = next(s for s in page.sentences if "made in 2008" in s.text)
    [pledged] = [e for e in page.events if e.trigger == "pledge"]
    assert pledged.source.code == "NATO" and pledged.cameo_root == "03"
    assert (pledged.event_date, pledged.date_basis) == (dt.date(2008, 1, 1), "year:in 2008")
    said = [e for e in page.events if e.sentence_index == pledge.index and e.trigger == "said"]
    assert said and all(e.event_date == dt.date(2022, 1, 10) for e in said)


def test_dates_seed_pledge_clause_words_dated_2008(coder, seed_text):
    from eventwire.dates import date_event

    start = seed_text.index("said Ryabkov, referring")
    parsed = coder.nlp(seed_text[start : seed_text.index("“I have", start)])
    words = {t.text: t for t in parsed}
    for word in ("made", "consider", "offering"):
        event_date, basis = date_event(words[word], dt.date(2022, 1, 10))
        assert (event_date, basis) == (dt.date(2008, 1, 1), "year:in 2008")
    assert date_event(words["said"], dt.date(2022, 1, 10)) == (dt.date(2022, 1, 10), "published")


def test_dates_event_without_expression_takes_publication_date(coder):
    [event, *_] = code_sentence_events(coder, "Iran threatened Israel.", published="2024-04-10")
    assert (event.event_date, event.date_basis) == (dt.date(2024, 4, 10), "published")


def test_dates_event_with_no_date_at_all(coder):
    events = code_sentence_events(coder, "Iran threatened Israel.")
    assert events and all(e.event_date is None and e.date_basis is None for e in events)


def test_dates_expression_of_another_clause_does_not_count(coder):
    events = code_sentence_events(
        coder,
        "Turkey condemned Greece, which had seized the ship on Sunday.",
        published="2024-04-10",
    )
    condemned = [e for e in events if e.trigger == "condemned"]
    assert condemned and condemned[0].date_basis == "published"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ANKARA, March 3, 2023 (Reuters) - Turkey said", dt.date(2023, 3, 3)),
        ("NAIROBI, Kenya, 12 May 2021 — Police fired", dt.date(2021, 5, 12)),
        ("ANKARA, March 3 (Reuters) - Turkey said", None),
        ("The minister said, on reflection - nothing", None),
    ],
)
def test_dates_dateline(text, expected):
    assert read_dateline(text) == expected


def test_dates_dateline_used_when_nothing_else_is_known(coder):
    from eventwire.ingest import read_text

    document = read_text("CAIRO, June 2, 2021 (Reuters) - Egypt condemned Ethiopia.")
    [result] = list(coder.code([document]))
    assert result.document.published == dt.date(2021, 6, 2)


def test_dates_year_expression_dates_its_clause(coder):
    events = code_sentence_events(
        coder, "Kenya signed a trade deal with Uganda in 2008.", published="2024-03-04"
    )
    assert events
    expected = (dt.date(2008, 1, 1), "year:in 2008")
    assert all((e.event_date, e.date_basis) == expected for e in events)
