"""Accuracy gate: score the coder on gold data and fail when a figure drops below its floor.

    python benchmarks/eval_gate.py                 # check every gold set against its floors
    python benchmarks/eval_gate.py --raise-floors  # write the better current figures as floors
    python benchmarks/eval_gate.py --raise-floors --allow-lower   # also lower floors (say why!)

Floors live in benchmarks/eval_baseline.json, one block per gold set. Raising a floor is free;
lowering one needs --allow-lower, so a regression is always a deliberate, reviewed change.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "benchmarks" / "eval_baseline.json"
GOLD_SETS = {
    "plover_gsr_dev": ROOT.parent / "shared" / "benchmarks" / "plover_gsr_dev.json",
    # 120 news-style sentences written for the project without sight of the coder or the
    # benchmark: a check that the rules generalise (see README, Accuracy)
    "eventwire_events": ROOT / "benchmarks" / "gold" / "events.jsonl",
    # a second such set of 100 sentences, written blind in session 3 (README, Accuracy)
    "eventwire_events2": ROOT / "benchmarks" / "gold" / "events2.jsonl",
}


def measure() -> dict[str, dict[str, float]]:
    """Score every gold set that is present; return its headline figures."""
    from eventwire.evaluation import load_gold
    from eventwire.evaluation.run import code_gold
    from eventwire.pipeline import Coder

    coder = Coder()
    results = {}
    for name, path in GOLD_SETS.items():
        if not path.exists():
            raise SystemExit(f"gold set {name} missing at {path}; the gate needs ../shared/")
        scores = code_gold(load_gold(path), coder=coder)
        if scores.failures:
            raise SystemExit(
                f"{name}: {len(scores.failures)} records failed to code, e.g. {scores.failures[0]}"
            )
        results[name] = scores.summary()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--raise-floors",
        action="store_true",
        help="write current figures that beat their floors into the baseline",
    )
    parser.add_argument(
        "--allow-lower",
        action="store_true",
        help="with --raise-floors, also lower floors to the current figures",
    )
    args = parser.parse_args()
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    current = measure()
    failures = []
    for name, figures in current.items():
        for measure_name, value in figures.items():
            floor = floors.get(name, {}).get(measure_name)
            mark = ""
            if floor is not None and value < floor:
                failures.append(f"{name} {measure_name}: {value:.4f} < floor {floor:.4f}")
                mark = "  BELOW FLOOR"
            shown = "—" if floor is None else f"{floor:.4f}"
            print(f"{name:16s} {measure_name:18s} {value:.4f}  floor {shown}{mark}")
            if args.raise_floors and (floor is None or value > floor or args.allow_lower):
                floors.setdefault(name, {})[measure_name] = value
    if args.raise_floors:
        BASELINE.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE.relative_to(ROOT)}")
        if failures and not args.allow_lower:
            print("still below floor (use --allow-lower to lower):\n  " + "\n  ".join(failures))
            return 1
        return 0
    if failures:
        print("eval gate FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("eval gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
