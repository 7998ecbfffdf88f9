"""Places gate: geocode the hand-written gold sentences and fail below the pinned floors.

    python benchmarks/places_gate.py                 # check against benchmarks/places_baseline.json
    python benchmarks/places_gate.py --misses        # also list every miss
    python benchmarks/places_gate.py --raise-floors  # write better current figures as floors
    python benchmarks/places_gate.py --raise-floors --allow-lower   # also lower them (say why!)

Gold: benchmarks/gold/places.jsonl, one sentence a line, written for eventwire (ambiguous names,
"City, Country" pairs, seats of government, capital metonyms, sentences with no place), each with
its places as ``{"text", "country"}`` (ISO3). A gold place is found when a place mention has the
same words; ``country_accuracy`` is the share of found places with the gold country, ``recall``
the share of gold places found, ``precision`` the share of mentions that are gold places.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "benchmarks" / "places_baseline.json"
GOLD = ROOT / "benchmarks" / "gold" / "places.jsonl"


def _key(text: str) -> str:
    from eventwire.places.gazetteer import normalize_name

    return normalize_name(text)


def measure(show_misses: bool = False) -> dict[str, float]:
    """Geocode every gold sentence; return country accuracy, recall and precision."""
    from eventwire.ingest import read_text
    from eventwire.pipeline import CodedDocument, Coder

    coder = Coder()
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    documents = [read_text(r["text"], published="2024-01-15") for r in records]
    results = list(coder.code(documents))
    gold_total = found = correct = predicted = matched_predictions = 0
    for record, result in zip(records, results, strict=True):
        assert isinstance(result, CodedDocument), result
        places = {_key(p.text): p for p in result.places}
        predicted += len(places)
        gold_keys = {_key(g["text"]) for g in record["places"]}
        matched_predictions += sum(1 for key in places if key in gold_keys)
        for gold in record["places"]:
            gold_total += 1
            place = places.get(_key(gold["text"]))
            if place is None:
                if show_misses:
                    print(f"{record['id']}: missed {gold['text']!r}")
                continue
            found += 1
            if place.country == gold["country"]:
                correct += 1
            elif show_misses:
                print(f"{record['id']}: {gold['text']!r} → {place.country}, gold {gold['country']}")
        for key, place in places.items():
            if key not in gold_keys and show_misses:
                print(f"{record['id']}: extra {place.text!r} ({place.country})")
    return {
        "country_accuracy": round(correct / found, 4) if found else 0.0,
        "recall": round(found / gold_total, 4) if gold_total else 0.0,
        "precision": round(matched_predictions / predicted, 4) if predicted else 0.0,
    }


def main() -> int:
    """Check the figures against the floors (or raise the floors)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raise-floors", action="store_true")
    parser.add_argument("--allow-lower", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    figures = measure(args.misses)
    floors = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    print(
        "places: "
        + ", ".join(f"{k} {v:.3f} (floor {floors.get(k, 0):.3f})" for k, v in figures.items())
    )
    if args.raise_floors:
        new = {k: v if args.allow_lower else max(v, floors.get(k, 0.0)) for k, v in figures.items()}
        BASELINE.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n")
        print(f"floors written to {BASELINE}")
        return 0
    failed = [k for k, v in figures.items() if v < floors.get(k, 0.0) - 1e-9]
    for name in failed:
        print(
            f"FAIL places {name}: {figures[name]:.4f} < floor {floors[name]:.4f}", file=sys.stderr
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
