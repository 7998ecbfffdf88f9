"""The spaCy pipeline: loaded once per process, run over paragraphs in batches."""

from eventwire.nlp.pipeline import (
    BATCH_SIZE,
    EXCLUDED_COMPONENTS,
    MODEL_NAME,
    load_pipeline,
    parse_texts,
)

__all__ = ["BATCH_SIZE", "EXCLUDED_COMPONENTS", "MODEL_NAME", "load_pipeline", "parse_texts"]
