"""Scores: event type precision/recall/F1, source and target accuracy, full triples.

The rules (also in the README):

- **event type**: per record, the set of PLOVER types the coder found (statements and appeals,
  CAMEO 01 and 02, have none and are ignored; so are events flagged hypothetical or negated, which
  say the act may not or did not happen) against the gold types; micro-averaged P/R/F1,
  overall and per type.
- **source / target accuracy**: per gold event with a source (target), correct when one of the
  coder's events of that type — or of any type, when none has it — has an actor whose country (or
  ``IGO`` for an organisation) is among the gold codes.
- **triples**: a coded (type, source, target) is right when a gold event has that type, a gold
  source among its codes, and the target among the gold targets (or the gold event has none);
  precision over coded triples, recall over gold events.
"""

from __future__ import annotations

import collections
import dataclasses

from eventwire.evaluation.gold import EITHER_TYPES, GoldEvent, GoldRecord, plover_type
from eventwire.records import Actor, Event

NONE = "(none)"


@dataclasses.dataclass(frozen=True, slots=True)
class Coded:
    """One coded event reduced to what gold data can check."""

    types: frozenset[str]
    source: str | None
    target: str | None
    event: Event


@dataclasses.dataclass(slots=True)
class Miss:
    """A record the coder got wrong in some way, for ``--misses``."""

    record: GoldRecord
    coded: list[Coded]
    problems: list[str]


def ratio(part: int, whole: int) -> float:
    """Return part/whole, 0.0 for an empty whole."""
    return part / whole if whole else 0.0


def harmonic_mean(precision: float, recall: float) -> float:
    """Return F1 of a precision and a recall."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclasses.dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


@dataclasses.dataclass(slots=True)
class Scores:
    """Everything ``eventwire eval`` reports."""

    records: int = 0
    types: Counts = dataclasses.field(default_factory=Counts)
    per_type: dict[str, Counts] = dataclasses.field(
        default_factory=lambda: collections.defaultdict(Counts)
    )
    source_right: int = 0
    source_total: int = 0
    target_right: int = 0
    target_total: int = 0
    triples_coded: int = 0
    triples_coded_right: int = 0
    triples_gold: int = 0
    triples_gold_found: int = 0
    confusion: collections.Counter[tuple[str, str]] = dataclasses.field(
        default_factory=collections.Counter
    )
    misses: list[Miss] = dataclasses.field(default_factory=list)
    failures: list[str] = dataclasses.field(default_factory=list)

    @property
    def triple_precision(self) -> float:
        return ratio(self.triples_coded_right, self.triples_coded)

    @property
    def triple_recall(self) -> float:
        return ratio(self.triples_gold_found, self.triples_gold)

    @property
    def triple_f1(self) -> float:
        return harmonic_mean(self.triple_precision, self.triple_recall)

    @property
    def source_accuracy(self) -> float:
        return ratio(self.source_right, self.source_total)

    @property
    def target_accuracy(self) -> float:
        return ratio(self.target_right, self.target_total)

    def summary(self) -> dict[str, float]:
        """The headline figures, as the gate compares them."""
        return {
            "type_precision": round(self.types.precision, 4),
            "type_recall": round(self.types.recall, 4),
            "type_f1": round(self.types.f1, 4),
            "source_accuracy": round(self.source_accuracy, 4),
            "target_accuracy": round(self.target_accuracy, 4),
            "triple_precision": round(self.triple_precision, 4),
            "triple_recall": round(self.triple_recall, 4),
            "triple_f1": round(self.triple_f1, 4),
        }


def actor_code(actor: Actor | None) -> str | None:
    """Reduce an actor to what gold data codes: ISO3, ``IGO`` for organisations, or None."""
    if actor is None:
        return None
    if actor.org:
        return "IGO"
    if actor.country:
        return actor.country
    return actor.role if actor.role == "NGO" else None


def reduce_event(event: Event) -> Coded | None:
    """Return the checkable form of an event, or None for types PLOVER does not score."""
    if event.cameo_root in EITHER_TYPES:
        types = EITHER_TYPES[event.cameo_root]
    else:
        kind = plover_type(event.cameo)
        if kind is None:
            return None
        types = frozenset({kind})
    return Coded(types, actor_code(event.source), actor_code(event.target), event)


def score_records(pairs: list[tuple[GoldRecord, list[Event]]]) -> Scores:
    """Score each gold record against the events coded from its text."""
    scores = Scores()
    for record, events in pairs:
        asserted = [e for e in events if not (e.hypothetical or e.negated)]
        coded = [c for c in (reduce_event(e) for e in asserted) if c]
        scores.records += 1
        problems = _score_record(scores, record, coded)
        if problems:
            scores.misses.append(Miss(record, coded, problems))
    return scores


def _score_record(scores: Scores, record: GoldRecord, coded: list[Coded]) -> list[str]:
    problems: list[str] = []
    gold_types = {g.type for g in record.events}
    # A root-20 event (ASSAULT or FIGHT) counts once, as whichever type the gold has.
    predicted = {t for c in coded for t in (c.types & gold_types or {min(c.types)})}
    for kind in gold_types | predicted:
        counts = scores.per_type[kind]
        if kind in gold_types and kind in predicted:
            scores.types.tp += 1
            counts.tp += 1
            scores.confusion[(kind, kind)] += 1
        elif kind in gold_types:
            scores.types.fn += 1
            counts.fn += 1
            wrong = sorted(predicted - gold_types) or [NONE]
            for other in wrong:
                scores.confusion[(kind, other)] += 1
            problems.append(f"type {kind} not found (coded: {', '.join(wrong)})")
        else:
            scores.types.fp += 1
            counts.fp += 1
            if not gold_types:
                scores.confusion[(NONE, kind)] += 1
            problems.append(f"extra type {kind}")
    for gold in record.events:
        candidates = [c for c in coded if gold.type in c.types] or coded
        if gold.sources:
            scores.source_total += 1
            if any(c.source in gold.sources for c in candidates):
                scores.source_right += 1
            else:
                problems.append(f"source {_show(gold.sources)} not found")
        if gold.targets:
            scores.target_total += 1
            if any(c.target in gold.targets for c in candidates):
                scores.target_right += 1
            else:
                problems.append(f"target {_show(gold.targets)} not found")
    _score_triples(scores, record.events, coded, problems)
    return problems


def _score_triples(
    scores: Scores, gold: tuple[GoldEvent, ...], coded: list[Coded], problems: list[str]
) -> None:
    triples = {(c.types, c.source, c.target) for c in coded}
    for types, source, target in triples:
        scores.triples_coded += 1
        if any(_triple_matches(g, types, source, target) for g in gold):
            scores.triples_coded_right += 1
    for g in gold:
        scores.triples_gold += 1
        if any(_triple_matches(g, types, source, target) for types, source, target in triples):
            scores.triples_gold_found += 1
        else:
            problems.append(f"no full triple {g.type} {_show(g.sources)} → {_show(g.targets)}")


def _triple_matches(
    gold: GoldEvent, types: frozenset[str], source: str | None, target: str | None
) -> bool:
    return (
        gold.type in types
        and (not gold.sources or source in gold.sources)
        and (not gold.targets or target in gold.targets)
    )


def _show(codes: frozenset[str]) -> str:
    return "/".join(sorted(codes)) or "—"
