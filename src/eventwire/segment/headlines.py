"""Find the list of headlines a scraped page often ends with, and cut it into headline documents.

A headline list is a run of at least ``MIN_HEADLINES`` consecutive short lines, each written in
title case and without final punctuation (the tail of the bundled seed page). An article's own
title line is a single such line and is never mistaken for a list.
"""

from __future__ import annotations

import dataclasses
import re

from eventwire.records import Document

MIN_HEADLINES = 3
MAX_HEADLINE_WORDS = 25
MIN_HEADLINE_WORDS = 3
# Share of capitalised words among the words that title case capitalises (minor words excluded).
MIN_TITLE_CASE_SHARE = 0.75
# Minor words that title case leaves in lower case.
MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "for",
        "so",
        "yet",
        "as",
        "at",
        "by",
        "in",
        "of",
        "off",
        "on",
        "per",
        "to",
        "up",
        "via",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "amid",
        "after",
        "near",
        "than",
        "vs",
        "v.",
        "out",
        "about",
        "against",
        "before",
        "behind",
        "below",
        "during",
        "since",
        "until",
        "upon",
    ]
)
FINAL_PUNCTUATION = tuple(".!?:;,\"”’'…)")
WORD = re.compile(r"[^\W\d_][\w'’.\-–]*", re.UNICODE)


@dataclasses.dataclass(frozen=True, slots=True)
class HeadlineBlock:
    """Where a page's headline list starts and the ``(start, end)`` span of each headline line."""

    start: int
    lines: tuple[tuple[int, int], ...]


def is_headline_line(line: str) -> bool:
    """Return whether one line looks like a headline: short, title case, no final punctuation."""
    text = line.strip()
    if not text or text.endswith(FINAL_PUNCTUATION):
        return False
    words = WORD.findall(text)
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    major = [w for w in words if w.lower() not in MINOR_WORDS]
    if not major:
        return False
    capitalised = sum(1 for w in major if w[0].isupper())
    return capitalised / len(major) >= MIN_TITLE_CASE_SHARE


def find_headline_block(text: str) -> HeadlineBlock | None:
    """Return the last run of headline lines in ``text`` that reaches the end of the text.

    Blank lines may separate the headlines; any other line ends the run. The run must end the page
    (trailing whitespace aside), as a site's "more news" list does.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            if is_headline_line(stripped):
                lead = len(line) - len(line.lstrip())
                spans.append((offset + lead, offset + lead + len(stripped)))
            else:
                spans = []
        offset += len(line)
    if len(spans) < MIN_HEADLINES:
        return None
    return HeadlineBlock(start=spans[0][0], lines=tuple(spans))


def split_page(document: Document) -> tuple[int, list[Document]]:
    """Split a page into its body and its headline documents.

    Args:
        document: an article, text or feed entry (headlines are never split further).

    Returns:
        The offset where the body ends (``len(text)`` when there is no headline list) and one
        document of kind ``headline`` per headline, linked to the page by ``parent_id`` and
        ``parent_start``.
    """
    if document.kind == "headline":
        return len(document.text), []
    block = find_headline_block(document.text)
    if block is None:
        return len(document.text), []
    headlines = [
        Document(
            doc_id=f"{document.doc_id}/h{number}",
            text=document.text[start:end],
            kind="headline",
            title=document.text[start:end],
            url=document.url,
            published=document.published,
            source=document.source,
            origin=document.origin,
            parent_id=document.doc_id,
            parent_start=start,
        )
        for number, (start, end) in enumerate(block.lines, start=1)
    ]
    return block.start, headlines
