"""Paragraphs with character offsets, cut to a size the parser handles well."""

from __future__ import annotations

import re

# A paragraph longer than this is cut at sentence-like boundaries: the parser's cost grows with
# text length and one 50 MB "paragraph" must not exhaust memory.
MAX_PARAGRAPH_CHARS = 10_000
PARAGRAPH_BREAK = re.compile(r"\n\s*")
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the paragraphs in ``text[start:end]``, whitespace trimmed.

    A line break ends a paragraph (scraped pages put one paragraph a line). Paragraphs longer than
    ``MAX_PARAGRAPH_CHARS`` are cut after the last sentence end before the limit, or at the limit.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    position = start
    for match in PARAGRAPH_BREAK.finditer(text, start, end):
        spans.extend(_trimmed_chunks(text, position, match.start()))
        position = match.end()
    spans.extend(_trimmed_chunks(text, position, end))
    return spans


def _trimmed_chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    chunks = []
    while end - start > MAX_PARAGRAPH_CHARS:
        cut = start + MAX_PARAGRAPH_CHARS
        last = None
        for match in SENTENCE_END.finditer(text, start + MAX_PARAGRAPH_CHARS // 2, cut):
            last = match.end()
        cut = last or cut
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        chunks.append((start, stop))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        chunks.append((start, end))
    return chunks
