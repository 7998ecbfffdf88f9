"""Quote gate: score quote speaker attribution on hand-written gold and fail below the floors.

    python benchmarks/quotes_gate.py                 # check against benchmarks/quotes_baseline.json
    python benchmarks/quotes_gate.py --misses        # also list every miss and wrong attribution
    python benchmarks/quotes_gate.py --raise-floors  # write better current figures as floors

Gold (benchmarks/gold/quotes.jsonl): one passage a line, ``{"id", "text", "published",
"quotes": [{"quote", "speaker", "code", "kind"}]}``; ``quote`` is a substring of ``text`` (its
first occurrence is the gold span), ``code`` the speaker's actor code (or a list of acceptable
codes); ``"quotes": []`` marks a passage with nothing to attribute (scare quotes, titles).

A found quote that has a speaker is correct when its span overlaps a gold quote whose code is
the speaker's; precision is over found quotes with a speaker, recall over gold quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold" / "quotes.jsonl"
BASELINE = ROOT / "benchmarks" / "quotes_baseline.json"


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """Read the gold passages, each gold quote with its span."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        for quote in record["quotes"]:
            start = record["text"].find(quote["quote"])
            if start < 0:
                raise SystemExit(f"{path}:{number}: quote {quote['quote']!r} is not in the text")
            quote["start"], quote["end"] = start, start + len(quote["quote"])
            codes = quote["code"]
            quote["codes"] = {codes} if isinstance(codes, str) else set(codes)
        records.append(record)
    return records


def score(records: list[dict[str, Any]], coder: Any, misses: list[str]) -> dict[str, float]:
    """Code every passage and return speaker-attribution precision, recall and F1."""
    from eventwire.ingest import read_text
    from eventwire.pipeline import CodedDocument

    found_total = found_right = gold_total = gold_found = 0
    for record in records:
        [coded] = list(coder.code([read_text(record["text"], published=record.get("published"))]))
        assert isinstance(coded, CodedDocument), coded
        attributed = [q for q in coded.quotes if q.speaker is not None]
        gold = record["quotes"]

        def right(quote: Any, item: dict[str, Any]) -> bool:
            overlaps = quote.start < item["end"] and item["start"] < quote.end
            return overlaps and quote.speaker.code in item["codes"]

        for quote in attributed:
            found_total += 1
            if any(right(quote, item) for item in gold):
                found_right += 1
            else:
                misses.append(
                    f"{record['id']}: wrong {quote.kind} {quote.quote[:50]!r} → "
                    f"{quote.speaker_text} {quote.speaker.code} ({quote.rule})"
                )
        for item in gold:
            gold_total += 1
            if any(right(quote, item) for quote in attributed):
                gold_found += 1
            else:
                misses.append(
                    f"{record['id']}: missed {item['kind']} {item['quote'][:50]!r} "
                    f"({item['speaker']} {item['code']})"
                )
    precision = found_right / found_total if found_total else 1.0
    recall = gold_found / gold_total if gold_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "speaker_precision": round(precision, 3),
        "speaker_recall": round(recall, 3),
        "speaker_f1": round(f1, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses and wrong speakers")
    parser.add_argument("--raise-floors", action="store_true", help="write better figures")
    args = parser.parse_args()
    from eventwire.pipeline import Coder

    misses: list[str] = []
    current = score(load_gold(), Coder(), misses)
    floors = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    failures = []
    for name, value in current.items():
        floor = floors.get(name, 0.0)
        status = "ok" if value >= floor else "BELOW FLOOR"
        print(f"{name:20} {value:.3f}  floor {floor:.3f}  {status}")
        if value < floor:
            failures.append(name)
    if args.misses:
        print("\n".join(misses))
    if args.raise_floors:
        better = {k: max(v, floors.get(k, 0.0)) for k, v in current.items()}
        BASELINE.write_text(json.dumps(better, indent=2) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
