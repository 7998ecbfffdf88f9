"""Quotations and reported speech with their speakers (see ``spans`` and ``attribute``)."""

from eventwire.quotes.attribute import attribute_events, extract_quotes
from eventwire.quotes.spans import QuoteSpan, find_quote_spans

__all__ = ["QuoteSpan", "attribute_events", "extract_quotes", "find_quote_spans"]
