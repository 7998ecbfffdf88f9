"""Segmentation: article body and headline list, paragraphs, sentences."""

from eventwire.segment.headlines import find_headline_block, split_page
from eventwire.segment.paragraphs import MAX_PARAGRAPH_CHARS, split_paragraphs
from eventwire.segment.sentences import sentences_from_parse

__all__ = [
    "MAX_PARAGRAPH_CHARS",
    "find_headline_block",
    "sentences_from_parse",
    "split_page",
    "split_paragraphs",
]
