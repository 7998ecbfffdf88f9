"""Place mentions of a document, geocoded with the gazetteer and disambiguated from context.

A mention is a spaCy GPE, LOC or FAC entity (or an ORG entity that names a landmark: the model
tags "the Kremlin" either way) whose name the gazetteer knows. For a name with several places, in
order:

1. a qualifier wins: "Paris, Texas", "Geneva, Switzerland", "Victoria, Canada" (a country or US
   state right after a comma); the qualifier is then part of the mention, not a place of its own;
2. a US state that shares a country's name (Georgia) is the state only when the document names
   other US states or US cities, else the country;
3. otherwise each candidate scores: a country 10 (a country outranks any city of its name), a
   landmark or region 8, a state 1.5, a city half the log10 of its people; +0.8 when the document
   names its country (by name or adjective: "Lebanese troops"), +1.0 when it names its US state;
   -1.0 when only an alternate name matched. The best score wins.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwire.places.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    normalize_name,
    population_weight,
)
from eventwire.places.locate import LOCATIVE_PREPOSITIONS
from eventwire.records import Place, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LANDMARK_LABELS = frozenset({"ORG"})
# The small English model tags some towns as people or groups ("in Antakya" PERSON, "Kiev" ORG);
# such an entity counts as a place when it is written where a place goes: after a locative
# preposition ("in", "near", "of" as in "the port of Odesa") or coordinated with a place.
MISTAGGED_LABELS = frozenset({"PERSON", "ORG", "NORP"})
PLACE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"of", "from", "to", "toward", "towards"}
FEATURE_PRIOR = {"country": 10.0, "landmark": 8.0, "region": 8.0, "state": 1.5}
COUNTRY_BONUS = 0.8
STATE_BONUS = 1.0
ALTERNATE_PENALTY = 1.0
# Mentions longer than this are not place names (a run-away entity in a bad parse).
MAX_NAME_CHARS = 80


@dataclasses.dataclass(slots=True)
class _Mention:
    text: str
    start: int
    end: int
    candidates: list[GazetteerEntry]
    qualifier: GazetteerEntry | None = None


def find_places(
    doc_id: str,
    parses: Sequence[tuple[int, Doc]],
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """Return the geocoded place mentions of a document, in text order.

    Args:
        doc_id: the document's id.
        parses: each paragraph's parse with its offset in the document.
        sentences: the document's sentences (to give each place its sentence index).
        gazetteer: the gazetteer (the bundled one by default).

    Returns:
        One Place per mention the gazetteer knows; unknown names are left out.
    """
    gazetteer = gazetteer or load_gazetteer()
    mentions: list[_Mention] = []
    context_countries: set[str] = set()
    for offset, parsed in parses:
        mentions += _mentions(parsed, offset, gazetteer)
        for ent in parsed.ents:
            if ent.label_ == "NORP" and ent.text in gazetteer.adjectives:
                context_countries.add(gazetteer.adjectives[ent.text])
    # Document context: countries and US states named unambiguously, US places other than states.
    states: set[str] = set()
    us_places: dict[str, int] = {}
    for mention in mentions:
        best = _choose(mention, context_countries, set(), us_context=False)[0]
        if len({c.country for c in mention.candidates}) == 1 or best.feature == "country":
            context_countries.add(best.country)
        if all(c.country == "USA" for c in mention.candidates) and best.feature in (
            "state",
            "city",
        ):
            if best.feature == "state":
                states.add(best.name)
            key = normalize_name(mention.text)
            us_places[key] = us_places.get(key, 0) + 1
    starts = [s.start for s in sentences]
    places = []
    for mention in mentions:
        key = normalize_name(mention.text)
        # Another US place than this very name makes the document an American story.
        us_context = any(name != key for name in us_places)
        entry, rule, confidence = _choose(mention, context_countries, states, us_context=us_context)
        index = bisect.bisect_right(starts, mention.start) - 1
        places.append(
            Place(
                doc_id=doc_id,
                name=entry.name,
                text=mention.text,
                start=mention.start,
                end=mention.end,
                country=entry.country,
                feature=entry.feature,
                lat=entry.lat,
                lon=entry.lon,
                admin1=entry.admin1,
                sentence_index=sentences[index].index if sentences and index >= 0 else None,
                confidence=confidence,
                rule=f"{rule}:{entry.source}",
            )
        )
    return places


def _mentions(parsed: Doc, offset: int, gazetteer: Gazetteer) -> list[_Mention]:
    ents = [e for e in parsed.ents if len(e.text) <= MAX_NAME_CHARS]
    mentions: list[_Mention] = []
    skip: set[int] = set()
    for number, ent in enumerate(ents):
        if number in skip:
            continue
        candidates = _candidates(ent, gazetteer)
        if not candidates:
            continue
        mention = _Mention(
            text=ent.text,
            start=offset + ent.start_char,
            end=offset + ent.end_char,
            candidates=candidates,
        )
        following = ents[number + 1] if number + 1 < len(ents) else None
        if following is not None and _is_qualifier(ent, following):
            qualifier = _qualifier_entry(following, candidates, gazetteer)
            if qualifier is not None:
                mention.qualifier = qualifier
                skip.add(number + 1)
        mentions.append(mention)
    return mentions


def _candidates(ent: Span, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    if ent.label_ in PLACE_LABELS:
        return gazetteer.lookup(ent.text)
    candidates = gazetteer.lookup(ent.text) if ent.label_ in MISTAGGED_LABELS else []
    landmarks = [c for c in candidates if c.feature == "landmark"]
    if landmarks and ent.label_ in LANDMARK_LABELS:
        return landmarks
    if candidates and ent.text not in gazetteer.adjectives and _in_place_slot(ent):
        own = [c for c in candidates if not c.alternate]
        # An alternate name only after "in", "at", "near" … ("officials in Kiev").
        return own or (candidates if _locative(ent) else [])
    return []


# Nouns that say the name after them is a place: "the town of Kirkuk", "the province of Idlib".
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "district", "port", "capital", "county"}
)


def _locative(ent: Span) -> bool:
    preposition = ent.root.head
    if preposition.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return preposition.lower_ == "of" and preposition.head.lower_ in PLACE_NOUNS


def _in_place_slot(ent: Span) -> bool:
    root = ent.root
    if root.dep_ == "conj" and root.head.ent_type_ == "GPE":
        return True
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def _is_qualifier(ent: Span, following: Span) -> bool:
    """Return whether ``following`` is written as ``ent``'s qualifier: "Paris, Texas"."""
    doc = ent.doc
    return following.label_ == "GPE" and following.start == ent.end + 1 and doc[ent.end].text == ","


def _qualifier_entry(
    following: Span, candidates: list[GazetteerEntry], gazetteer: Gazetteer
) -> GazetteerEntry | None:
    """Return the country or state entry the qualifier names, when it fits a candidate."""
    if all(c.feature == "country" for c in candidates):
        return None
    for entry in gazetteer.lookup(following.text):
        if entry.feature not in ("country", "state"):
            continue
        if any(_within(c, entry) for c in candidates if c.feature != "country"):
            return entry
    # A province or region ("Victoria, British Columbia") tells the country.
    for country in sorted(gazetteer.regions.get(normalize_name(following.text), ())):
        area = GazetteerEntry(
            name=following.text, country=country, feature="region", lat=None, lon=None
        )
        if any(_within(c, area) for c in candidates if c.feature != "country"):
            return area
    return None


def _within(candidate: GazetteerEntry, area: GazetteerEntry) -> bool:
    if area.feature in ("country", "region"):
        return candidate.country == area.country
    return candidate.country == area.country and candidate.admin1 == area.admin1


def _choose(
    mention: _Mention, countries: set[str], states: set[str], *, us_context: bool
) -> tuple[GazetteerEntry, str, float]:
    """Return the chosen entry, the rule that chose it and a confidence."""
    candidates = mention.candidates
    if mention.qualifier is not None:
        fitting = [c for c in candidates if _within(c, mention.qualifier)]
        return max(fitting, key=_score_population), "qualifier", 0.95
    if len(candidates) == 1:
        only = candidates[0]
        return only, "unique", 0.6 if only.alternate else 0.9
    features = {c.feature for c in candidates}
    if "country" in features and any(
        c.feature == "state" and c.country == "USA" for c in candidates
    ):
        # Georgia: the country, unless the story is about the United States.
        feature = "state" if us_context else "country"
        return next(c for c in candidates if c.feature == feature), "context", 0.75
    scored = sorted(((_score(c, countries, states), c) for c in candidates), key=lambda sc: -sc[0])
    (best_score, best), (second_score, _) = scored[0], scored[1]
    best = _specific(best, candidates, mention.text)
    decided_by_context = best.country in countries or best.admin1 in states
    rule = "context" if decided_by_context else "population"
    margin = best_score - second_score
    confidence = round(min(0.9, 0.5 + margin / 4), 2)
    return best, rule, confidence


def _specific(best: GazetteerEntry, candidates: list[GazetteerEntry], text: str) -> GazetteerEntry:
    """Prefer a city or region to a country that only goes by that name as an alias ("Gaza")."""
    if best.feature != "country" or normalize_name(best.name) == normalize_name(text):
        return best
    same = [
        c
        for c in candidates
        if c.country == best.country and c.feature != "country" and not c.alternate
    ]
    return max(same, key=_score_population) if same else best


def _score(entry: GazetteerEntry, countries: set[str], states: set[str]) -> float:
    score = FEATURE_PRIOR.get(entry.feature) or population_weight(entry)
    if entry.country in countries:
        score += COUNTRY_BONUS
    if entry.admin1 and entry.admin1 in states and entry.feature != "state":
        score += STATE_BONUS
    if entry.alternate:
        score -= ALTERNATE_PENALTY
    return score


def _score_population(entry: GazetteerEntry) -> float:
    return population_weight(entry) - (ALTERNATE_PENALTY if entry.alternate else 0.0)
