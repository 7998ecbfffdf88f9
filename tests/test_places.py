"""Places: geocoding, disambiguation from context, event locations, storage and the CLI."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

from .conftest import SEED_PAGE


def _places(coder, text: str):
    from eventwire.ingest import read_text

    [result] = list(coder.code([read_text(text, published="2024-03-04")]))
    return result


def _by_text(result):
    return {p.text: p for p in result.places}


def test_places_seed_geneva_event_located_in_switzerland(seed_coded):
    page = seed_coded[0]
    opened = [e for e in page.events if e.trigger == "opened"]
    assert opened
    for event in opened:
        assert event.location is not None
        assert (event.location.name, event.location.country) == ("Geneva", "CHE")
        assert event.location.lat == pytest.approx(46.2, abs=0.1)
        assert event.location.lon == pytest.approx(6.1, abs=0.1)


def test_places_no_location_without_a_place_in_the_sentence(seed_coded):
    page = seed_coded[0]
    met = [e for e in page.events if e.trigger == "met"]
    assert met
    assert all(e.location is None for e in met)


def test_places_location_never_from_another_sentence(coder):
    result = _places(coder, "The talks took place in Oslo. Later, Iran condemned Israel.")
    [condemned] = [e for e in result.events if e.trigger == "condemned"]
    assert condemned.location is None


def test_places_actors_are_not_the_event_place(coder):
    result = _places(coder, "Iran threatened Israel with military force.")
    assert result.events
    assert all(e.location is None for e in result.events)


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Thousands of people rallied in Tbilisi, the capital of Georgia.", "Georgia", "GEO"),
        (
            "Voters in Atlanta and Macon waited for hours as Georgia counted ballots.",
            "Georgia",
            "USA",
        ),
        ("Lebanese police patrolled the streets of Tripoli on Friday.", "Tripoli", "LBN"),
        ("Gunmen attacked a hotel in Tripoli, the Libyan capital.", "Tripoli", "LBY"),
        ("A storm hit Paris, Texas, overnight.", "Paris", "USA"),
        ("The cabinet met in Paris to prepare the budget.", "Paris", "FRA"),
        ("Researchers in Cambridge, Massachusetts, built the robot.", "Cambridge", "USA"),
        ("Ferries left Victoria, British Columbia, at dawn.", "Victoria", "CAN"),
        ("Shoppers crowded the markets of Victoria in Hong Kong.", "Victoria", "HKG"),
    ],
)
def test_places_ambiguous_names_resolved_from_context(coder, text, mention, country):
    place = _by_text(_places(coder, text))[mention]
    assert place.country == country


def test_places_qualifier_is_part_of_the_mention(coder):
    result = _places(coder, "Ministers gathered in Geneva, Switzerland, for the conference.")
    places = _by_text(result)
    assert places["Geneva"].country == "CHE"
    assert places["Geneva"].rule.startswith("qualifier")
    assert "Switzerland" not in places


def test_places_country_has_a_map_point_and_feature(coder):
    place = _by_text(_places(coder, "Floods swept across Bangladesh."))["Bangladesh"]
    assert place.feature == "country"
    assert place.country == "BGD"
    assert place.lat is not None and place.lon is not None


def test_places_landmark_is_geocoded(coder):
    place = _by_text(_places(coder, "Crowds gathered outside the White House."))["the White House"]
    assert (place.country, place.feature) == ("USA", "landmark")


def test_places_unknown_names_and_plain_words_are_not_places(coder):
    result = _places(coder, "The committee approved the budget after a long debate.")
    assert result.places == []


def test_places_many_places_scale_linearly(coder):
    from eventwire.ingest import read_text

    sentence = "Talks in Geneva, Switzerland, and Vienna followed clashes near Tripoli and Kyiv. "

    def run(n: int) -> float:
        document = read_text(sentence * n, published="2024-03-04")
        start = time.perf_counter()
        [result] = list(coder.code([document]))
        assert len(result.places) >= 3 * n
        return time.perf_counter() - start

    run(2)
    small, large = run(20), run(400)
    # 20 times the input; a quadratic step would cost 400 times. Generous bound for noisy machines.
    assert large < small * 80


def test_places_stored_and_listed_by_cli(tmp_path):
    runner = CliRunner()
    db = tmp_path / "places.duckdb"
    coded = runner.invoke(
        app, ["code", str(SEED_PAGE), "--db", str(db), "--published", "2022-01-10"]
    )
    assert coded.exit_code == 0, coded.output
    result = runner.invoke(
        app, ["places", "--db", str(db), "--country", "CHE", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["name"], r["country"], r["feature"]) for r in rows] == [("Geneva", "CHE", "city")]
    assert {"doc_id", "name", "country", "lat", "lon", "feature"} <= rows[0].keys()
    as_csv = runner.invoke(app, ["places", "--db", str(db), "--format", "csv", "--limit", "2"])
    assert len(list(csv.DictReader(io.StringIO(as_csv.output)))) == 2
    table = runner.invoke(app, ["places", "--db", str(db), "--feature", "country"])
    assert "Ukraine" in table.output and "Geneva" not in table.output
    events = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    records = [json.loads(line) for line in events.output.splitlines()]
    located = [r for r in records if r["location"]]
    assert located and all(r["location"]["country"] == "CHE" for r in located)
    assert all("event_date" in r and "date_basis" in r for r in records)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Police arrested dozens of protesters in Nairobi on Saturday.", "Nairobi", "KEN"),
        ("In Lagos, soldiers fired on demonstrators.", "Lagos", "NGA"),
    ],
)
def test_places_event_location_from_locative_phrase(coder, text, name, country):
    events = _places(coder, text).events
    assert events
    assert all((e.location.name, e.location.country) == (name, country) for e in events)
