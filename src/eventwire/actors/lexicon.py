"""The actor lexicon: countries, organisations and roles, read from ``data/actors/*.tsv``.

Names are matched case-sensitively (``US`` is a country, ``us`` a pronoun) with spaCy's
PhraseMatcher on the ORTH attribute; role words and titles case-insensitively (LOWER), so headline
case ("Russian Troops") matches too. Users add their own files of the same formats with
``--lexicon DIR``; their rows are added to the bundled ones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.people import PeopleLexicon, load_people
from eventwire.datafiles import data_path, read_tsv
from eventwire.errors import LexiconError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

COUNTRY_FILE = "countries.tsv"
ORGANISATION_FILE = "organisations.tsv"
ROLE_FILE = "roles.tsv"
COUNTRY_COLUMNS = ("iso3", "kind", "phrase", "role")
ORGANISATION_COLUMNS = ("code", "phrase", "note")
ROLE_COLUMNS = ("role", "phrase", "note")
COUNTRY_KINDS = frozenset({"name", "adjective", "demonym", "capital", "seat", "agency", "group"})
# A capital or seat used as an actor ("Moscow demands…") stands for the government.
METONYM_KINDS = frozenset({"capital", "seat", "agency"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """One lexicon row: what a phrase tells about an actor.

    ``kind`` is a countries.tsv kind, ``org`` or ``role``; ``rule`` is ``file:line`` of the row.
    """

    phrase: str
    kind: str
    country: str | None = None
    org: str | None = None
    role: str | None = None
    rule: str = ""


@dataclasses.dataclass(slots=True)
class ActorLexicon:
    """All actor rows, and the matchers built from them for one spaCy vocabulary."""

    names: list[ActorEntry]
    roles: list[ActorEntry]
    people: PeopleLexicon = dataclasses.field(default_factory=lambda: PeopleLexicon(by_name={}))
    _matchers: tuple[PhraseMatcher, PhraseMatcher, dict[str, ActorEntry]] | None = None

    def matchers(self, nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, ActorEntry]]:
        """Return the (names, roles) phrase matchers and the entry of each match key."""
        if self._matchers is None:
            from spacy.matcher import PhraseMatcher

            names = PhraseMatcher(nlp.vocab, attr="ORTH")
            roles = PhraseMatcher(nlp.vocab, attr="LOWER")
            entries: dict[str, ActorEntry] = {}
            for number, entry in enumerate(self.names + self.roles):
                key = f"A{number}"
                entries[key] = entry
                matcher = roles if entry.kind == "role" else names
                matcher.add(key, [nlp.make_doc(entry.phrase)])
            self._matchers = (names, roles, entries)
        return self._matchers


def load_actor_lexicon(extra_dirs: Iterable[Path] = ()) -> ActorLexicon:
    """Read the bundled actor files, then those found in each of ``extra_dirs``.

    Args:
        extra_dirs: user lexicon folders holding any of countries.tsv, organisations.tsv, roles.tsv.

    Returns:
        The combined lexicon (matchers are built lazily for a pipeline's vocabulary).
    """
    extra_dirs = list(extra_dirs)
    folders = [data_path("actors"), *extra_dirs]
    names: list[ActorEntry] = []
    roles: list[ActorEntry] = []
    for folder in folders:
        if (folder / COUNTRY_FILE).exists():
            names += _read_countries(folder / COUNTRY_FILE)
        if (folder / ORGANISATION_FILE).exists():
            names += _read_organisations(folder / ORGANISATION_FILE)
        if (folder / ROLE_FILE).exists():
            roles += _read_roles(folder / ROLE_FILE)
    org_codes = {entry.org for entry in names if entry.org}
    people = load_people(extra_dirs, org_codes)
    return ActorLexicon(names=names, roles=roles, people=people)


def _read_countries(path: Path) -> list[ActorEntry]:
    entries = []
    for number, row in read_tsv(path, COUNTRY_COLUMNS, required=3):
        kind = row["kind"]
        if kind not in COUNTRY_KINDS:
            raise LexiconError(
                f"{path}:{number}: unknown kind {kind!r}; "
                f"use one of {', '.join(sorted(COUNTRY_KINDS))}"
            )
        role = row["role"] or ("GOV" if kind in METONYM_KINDS else None)
        entries.append(
            ActorEntry(
                phrase=row["phrase"],
                kind=kind,
                country=row["iso3"].upper(),
                role=role,
                rule=f"{path.name}:{number}",
            )
        )
    return entries


def _read_organisations(path: Path) -> list[ActorEntry]:
    return [
        ActorEntry(phrase=row["phrase"], kind="org", org=row["code"], rule=f"{path.name}:{number}")
        for number, row in read_tsv(path, ORGANISATION_COLUMNS, required=2)
    ]


def _read_roles(path: Path) -> list[ActorEntry]:
    return [
        ActorEntry(
            phrase=row["phrase"].lower(),
            kind="role",
            role=row["role"].upper(),
            rule=f"{path.name}:{number}",
        )
        for number, row in read_tsv(path, ROLE_COLUMNS, required=2)
    ]
