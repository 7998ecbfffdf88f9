"""Near-linearity of deduplication and story clustering: N documents, then 10 × N, in one run.

Synthetic documents (no spaCy: the grouping is what is measured) arrive in batches of 100, as
``eventwire code`` and the API write them: stories of a few reports each — near-verbatim copies
and rewordings — about a pair of countries, with three events and two named entities a report,
about 20 documents a day. Each size is written into a fresh DuckDB file through
``DuckDBStore.write_many`` (insert + grouping) after 400 untimed documents (the stories' date
window filled), the median of three runs of each, and the script prints the times, the ratio, and
the groups found. It exits non-zero when 10 × the documents costs more than 12 × the time.

    .venv/bin/python benchmarks/dedup_speed.py [N]      (default N = 800)
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from eventwire.pipeline import CodedDocument
from eventwire.records import Actor, Document, Entity, Event, Sentence
from eventwire.store import open_store

COUNTRIES = ("RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR", "IND", "PAK")
# made-up words whose first five letters differ (story clustering keys words by them)
_LETTERS = random.Random(1)
VOCABULARY = sorted(
    {"".join(_LETTERS.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(5000)}
)
BATCH = 100
PER_DAY = 20
PREFILL = 400  # 20 days: more than a story's date window
RUNS = 3
LIMIT = 12.0


def documents(count: int, seed: int = 7) -> list[CodedDocument]:
    """``count`` synthetic reports: stories of 1-5 reports, copies and rewordings."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    made: list[CodedDocument] = []
    story = 0
    while len(made) < count:
        story += 1
        day = start + dt.timedelta(days=len(made) // PER_DAY)
        source, target = rng.sample(COUNTRIES, 2)
        base = rng.choices(VOCABULARY, k=90)
        for report in range(rng.randint(1, 5)):
            if len(made) == count:
                break
            words = list(base) if report % 2 == 0 else rng.choices(VOCABULARY, k=90)
            if report % 2 == 0:
                for _ in range(3):  # a copy edited a little
                    words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
            made.append(_report(f"s{story}r{report}", " ".join(words), day, source, target, rng))
    return made


def _report(
    doc_id: str, text: str, day: dt.date, source: str, target: str, rng: random.Random
) -> CodedDocument:
    document = Document(
        doc_id=doc_id,
        text=text,
        title=text[:40],
        source=f"outlet{rng.randrange(30)}",
        published=day,
    )
    sentence = Sentence(doc_id=doc_id, index=0, paragraph=0, start=0, end=len(text), text=text)
    events = [
        Event(
            doc_id=doc_id,
            event_id=f"{doc_id}e{n}",
            sentence_index=0,
            sentence=text,
            sentence_start=0,
            sentence_end=len(text),
            source=Actor(text=source, code=f"{source}GOV", country=source, role="GOV"),
            target=Actor(text=target, code=target, country=target),
            cameo=cameo,
            cameo_root=cameo[:2],
            plover=None,
            goldstein=0.0,
            quad_class=1,
            trigger="word",
            trigger_start=n,
            trigger_end=n + 4,
            published=day,
            event_date=day,
            date_basis="published",
        )
        for n, cameo in enumerate(("040", "111", "190"))
    ]
    entities = [
        Entity(doc_id=doc_id, entity_id=f"{doc_id}n{c}", type="place", name=c, code=c)
        for c in (source, target)
    ]
    return CodedDocument(document=document, sentences=[sentence], events=events, entities=entities)


def write(count: int, folder: Path) -> tuple[float, int, int]:
    """Write ``PREFILL`` documents, then time ``count`` more in batches; return the seconds, the
    happenings and the stories. The untimed start fills the stories' date window, so both sizes
    measure the steady cost of a document, not the cheaper first days of an empty store."""
    batch_of = documents(PREFILL + count)
    folder.mkdir(exist_ok=True)
    store = open_store(folder / f"dedup-{count}.duckdb")
    for first in range(0, PREFILL, BATCH):
        store.write_many(batch_of[first : first + BATCH])
    started = time.perf_counter()
    for first in range(PREFILL, len(batch_of), BATCH):
        store.write_many(batch_of[first : first + BATCH])
    seconds = time.perf_counter() - started
    [(happenings,)] = store.connection.execute("SELECT count(*) FROM happenings").fetchall()
    [(stories,)] = store.connection.execute("SELECT count(*) FROM stories").fetchall()
    store.close()
    return seconds, happenings, stories


def main() -> int:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 800
    with tempfile.TemporaryDirectory() as folder:
        write(BATCH, Path(folder))  # warm up imports and DuckDB
        # the median of three runs of each size: one slow or lucky run decides nothing
        results = {
            n: sorted(write(n, Path(folder) / f"run{k}") for k in range(RUNS))[RUNS // 2]
            for n in (small, 10 * small)
        }
    for n, (seconds, happenings, stories) in results.items():
        print(
            f"{n:>6} documents  {seconds:7.2f} s  {happenings:>6} happenings  {stories:>5} stories"
        )
    ratio = results[10 * small][0] / results[small][0]
    print(f"10 × the documents took {ratio:.1f} × the time (limit {LIMIT:.0f} ×)")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
