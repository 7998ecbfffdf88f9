"""Code the texts of gold records and score them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from eventwire.evaluation.gold import GoldRecord
from eventwire.evaluation.score import Scores, score_records
from eventwire.ingest import read_text
from eventwire.pipeline import CodedDocument, Coder
from eventwire.records import Event


def code_gold(
    records: list[GoldRecord], *, coder: Coder | None = None, lexicon_dirs: Iterable[Path] = ()
) -> Scores:
    """Code every gold record's text as its own document and score the events."""
    coder = coder or Coder(lexicon_dirs)
    documents = [
        read_text(r.text, doc_id=f"gold-{n}", published=r.published, origin=r.id)
        for n, r in enumerate(records)
    ]
    events: dict[str, list[Event]] = {d.doc_id: [] for d in documents}
    failures: list[str] = []
    for result in coder.code(documents):
        if isinstance(result, CodedDocument):
            # headlines cut from a gold text still belong to its record
            events[result.document.parent_id or result.document.doc_id] += result.events
        else:
            failures.append(f"{result.source}: {result.message}")
    scores = score_records([(r, events[d.doc_id]) for r, d in zip(records, documents, strict=True)])
    scores.failures = failures
    return scores
