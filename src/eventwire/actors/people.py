"""Named people: heads of state and government, ministers and heads of organisations, with the
years they held office (``data/actors/people.tsv``), so that "Stoltenberg" codes NATO in 2022 and
"Sherman" codes USAGOV.

A name is looked up by its full form first, then by its surname; among the offices a name has,
the one held in the document's year wins (the latest office when the year is unknown).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from eventwire.datafiles import data_path, read_tsv
from eventwire.errors import LexiconError

PEOPLE_FILE = "people.tsv"
COLUMNS = ("name", "aliases", "code", "role", "start", "end", "title")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Office:
    """One person in one office for some years."""

    name: str
    country: str | None
    org: str | None
    role: str | None
    start: int | None
    end: int | None
    title: str
    rule: str

    def held_in(self, year: int) -> bool:
        """Return whether the office was held during ``year``."""
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclasses.dataclass(slots=True)
class PeopleLexicon:
    """Offices by every name form (full names, aliases, surnames)."""

    by_name: dict[str, list[Office]]

    def lookup(self, names: Iterable[str], year: int | None) -> Office | None:
        """Return the office for the first name form that is known, chosen by ``year``."""
        for name in names:
            offices = self.by_name.get(name)
            if not offices:
                continue
            if year is not None:
                held = [o for o in offices if o.held_in(year)]
                if held:
                    return held[0]
                # a name known only outside the year: still the same person, most likely
                return min(offices, key=lambda o: _distance(o, year))
            return max(offices, key=lambda o: o.end or 9999)
        return None


def _distance(office: Office, year: int) -> int:
    if office.start is not None and year < office.start:
        return office.start - year
    if office.end is not None and year > office.end:
        return year - office.end
    return 0


def load_people(extra_dirs: Iterable[Path] = (), org_codes: Iterable[str] = ()) -> PeopleLexicon:
    """Read the bundled people file, then ``people.tsv`` in each of ``extra_dirs``.

    Args:
        extra_dirs: user lexicon folders.
        org_codes: the organisation codes (codes not among them are countries).
    """
    orgs = set(org_codes)
    by_name: dict[str, list[Office]] = {}
    for folder in [data_path("actors"), *extra_dirs]:
        path = folder / PEOPLE_FILE
        if not path.exists():
            continue
        for number, row in read_tsv(path, COLUMNS, required=1):
            code = row["code"].upper()
            if not code:
                raise LexiconError(f"{path}:{number}: a person needs a code (ISO3 or organisation)")
            office = Office(
                name=row["name"],
                country=None if code in orgs else code,
                org=code if code in orgs else None,
                role=(row["role"] or None) if code not in orgs else None,
                start=_year(row["start"], path, number),
                end=_year(row["end"], path, number),
                title=row["title"],
                rule=f"{path.name}:{number}",
            )
            names = [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]
            for name in dict.fromkeys(names):
                by_name.setdefault(name, []).append(office)
    return PeopleLexicon(by_name=by_name)


def _year(value: str, path: Path, number: int) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise LexiconError(f"{path}:{number}: {value!r} is not a year (YYYY)") from None
