"""Quotation spans in a document's text, found in one pass over its characters.

The rules, in the order the scanner applies them:

1. ``“`` and ``«`` open a quotation, ``”`` and ``»`` close it; marks of the same family inside a
   quotation nest (``“a “b” c”`` is one quotation).
2. A straight ``"`` opens when no quotation is open and closes a quotation it opened. Inside a
   curly quotation it closes it when it follows a word (mixed marks: ``“Yes," he said``), else it
   is a nested mark and is passed over.
3. ``‘`` opens only outside any quotation, at the start of a word (after a space, a bracket or the
   start of the text) and before a non-space; ``’`` closes it only when no letter follows, so the
   apostrophes of "Russia’s" and "don’t" never close anything. Straight ``'`` is never a mark.
4. Paragraphs (line breaks) end quotations. When a quotation is still open at a line break and the
   next paragraph starts with an opening mark, the quotation goes on (the news convention for a
   quotation of several paragraphs); otherwise it ends at its paragraph's end and is kept with
   ``closed=False``: an unbalanced mark costs at most one paragraph, never the rest of the text.
5. A quotation without a letter or digit inside (``""``, ``“ ”``) is dropped.

Every character is looked at once and the state is a handful of integers, so the time is linear in
the text and 10,000 marks in a row cost nothing special.
"""

from __future__ import annotations

import dataclasses

OPENERS = {"“": "curly", "«": "angle"}
CLOSERS = {"”": "curly", "»": "angle"}
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
# Characters after which a "‘" starts a word (and so can open a quotation).
WORD_START = frozenset(" \t\n([{—–-/")


@dataclasses.dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation's marks and contents as offsets into the document text.

    ``start``/``end`` cover the contents without the marks; ``open_at`` is the opening mark's
    offset and ``close_at`` the closing mark's (None when the quotation was never closed).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None

    @property
    def closed(self) -> bool:
        """Whether a closing mark ended the quotation."""
        return self.close_at is not None


@dataclasses.dataclass(slots=True)
class _Open:
    at: int
    family: str
    depth: int = 1


def find_quote_spans(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Return the quotations in ``text[start:end]`` in text order.

    Args:
        text: the document text.
        start: where to begin scanning.
        end: where to stop (the text's end by default).

    Returns:
        Non-overlapping quotation spans, each with offsets into ``text``.
    """
    end = len(text) if end is None else min(end, len(text))
    spans: list[QuoteSpan] = []
    state: _Open | None = None
    index = start
    while index < end:
        char = text[index]
        if char == "\n":
            if state is not None:
                paragraph_end = index
                after = index
                while after < end and text[after].isspace():
                    after += 1
                if after < end and _opens_again(text[after], state):
                    # a quotation of several paragraphs: the new opening mark continues it
                    index = after + 1
                    continue
                _keep(spans, text, state.at, paragraph_end, None)
                state = None
            index += 1
            continue
        if state is None:
            if char in OPENERS or char == STRAIGHT:
                state = _Open(index, OPENERS.get(char, "straight"))
            elif char == SINGLE_OPEN and _word_start(text, index, start, end):
                state = _Open(index, "single")
        elif char in OPENERS:
            if OPENERS[char] == state.family:
                state.depth += 1
        elif char in CLOSERS:
            if CLOSERS[char] == state.family or state.family == "straight":
                state.depth -= 1
                if state.depth == 0 or state.family == "straight":
                    _keep(spans, text, state.at, index, index)
                    state = None
        elif char == STRAIGHT:
            if state.family == "straight" or (
                state.family == "curly"
                and state.depth == 1
                and index > start
                and not text[index - 1].isspace()
            ):
                _keep(spans, text, state.at, index, index)
                state = None
        elif char == SINGLE_CLOSE and state.family == "single":
            following = text[index + 1] if index + 1 < end else " "
            if not following.isalpha():
                _keep(spans, text, state.at, index, index)
                state = None
        index += 1
    if state is not None:
        stop = end
        while stop > state.at and text[stop - 1].isspace():
            stop -= 1
        _keep(spans, text, state.at, stop, None)
    return spans


def _opens_again(char: str, state: _Open) -> bool:
    if state.family == "straight":
        return char == STRAIGHT
    if state.family == "single":
        return char == SINGLE_OPEN
    return char in OPENERS and OPENERS[char] == state.family


def _word_start(text: str, index: int, start: int, end: int) -> bool:
    before_ok = index == start or text[index - 1] in WORD_START
    after_ok = index + 1 < end and not text[index + 1].isspace()
    return before_ok and after_ok


def _keep(spans: list[QuoteSpan], text: str, open_at: int, stop: int, close_at: int | None) -> None:
    first = open_at + 1
    while first < stop and text[first].isspace():
        first += 1
    last = stop
    while last > first and text[last - 1].isspace():
        last -= 1
    if last <= first or not any(c.isalnum() for c in text[first:last]):
        return
    spans.append(QuoteSpan(start=first, end=last, open_at=open_at, close_at=close_at))
