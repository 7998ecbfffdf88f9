"""Entities: people, organisations and places, merged mentions, titles, actor codes, the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

from .conftest import SEED_PAGE


def _entities(coder, text: str, published: str = "2022-06-15"):
    from eventwire.ingest import read_text

    [result] = list(coder.code([read_text(text, published=published)]))
    return result.entities


def _by_name(entities):
    return {e.name: e for e in entities}


@pytest.mark.parametrize(
    ("name", "title", "code", "mentions"),
    [
        ("Sergei Ryabkov", "Deputy Foreign Minister", "RUSGOV", 5),
        ("Wendy Sherman", "Deputy Secretary of State", "USAGOV", 2),
        ("Jens Stoltenberg", "Secretary-General", "NATO", 3),
    ],
)
def test_entities_seed_page_people(seed_coded, name, title, code, mentions):
    article = next(doc for doc in seed_coded if doc.document.kind != "headline")
    person = _by_name(article.entities)[name]
    assert (person.type, person.title, person.code) == ("person", title, code)
    assert len(person.mentions) == mentions
    text = article.document.text
    assert all(text[m.start : m.end] == m.text for m in person.mentions)


def test_entities_seed_page_places_and_organisations(seed_coded):
    article = next(doc for doc in seed_coded if doc.document.kind != "headline")
    entities = _by_name(article.entities)
    assert (entities["Switzerland"].type, entities["Switzerland"].code) == ("place", "CHE")
    assert (entities["NATO"].type, entities["NATO"].code) == ("organisation", "NATO")
    assert "Russian" not in entities  # a group (NORP), not an entity


def test_entities_merge_country_names_and_surnames(coder):
    text = (
        "The United States sent envoys. Antony Blinken met officials in Cairo. "
        "Later the US said Blinken would return."
    )
    entities = _entities(coder, text)
    places = [e for e in entities if e.code == "USA"]
    assert len(places) == 1 and {m.text for m in places[0].mentions} == {"United States", "US"}
    [blinken] = [e for e in entities if e.type == "person"]
    assert blinken.name == "Antony Blinken" and len(blinken.mentions) == 2
    assert blinken.code == "USAGOV"


def test_entities_different_people_stay_apart(coder):
    entities = _entities(coder, "Olaf Scholz met Emmanuel Macron in Paris on Monday.")
    people = {e.name: e.code for e in entities if e.type == "person"}
    assert people == {"Olaf Scholz": "DEUGOV", "Emmanuel Macron": "FRAGOV"}


def test_entities_no_title_without_a_role_word(coder):
    [person] = [
        e for e in _entities(coder, "Yesterday Emmanuel Macron spoke.") if e.type == "person"
    ]
    assert person.title is None


def test_entities_nothing_in_plain_text(coder):
    assert _entities(coder, "it rained all day and nobody came.") == []


def test_entities_cli(tmp_path):
    runner = CliRunner()
    db = tmp_path / "e.duckdb"
    coded = runner.invoke(
        app, ["code", str(SEED_PAGE), "--db", str(db), "--published", "2022-01-10"]
    )
    assert coded.exit_code == 0, coded.output
    result = runner.invoke(
        app, ["entities", "--db", str(db), "--type", "person", "--name", "ryabkov", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert record["code"] == "RUSGOV" and record["title"] == "Deputy Foreign Minister"
    assert len(record["mentions"]) == 5
    by_code = runner.invoke(app, ["entities", "--db", str(db), "--code", "NATO", "-f", "csv"])
    assert by_code.output.splitlines()[0].startswith("doc_id,entity_id,type")
    assert len(by_code.output.splitlines()) >= 3  # NATO, Stoltenberg
    table = runner.invoke(app, ["entities", "--db", str(db), "--limit", "3"])
    assert table.exit_code == 0 and "Russia" in table.output
    bad = runner.invoke(app, ["entities", "--db", str(db), "--type", "planet"])
    assert bad.exit_code != 0
