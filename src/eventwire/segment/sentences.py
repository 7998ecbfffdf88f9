"""Sentences from the parse of a paragraph, with offsets into the whole document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.records import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def sentences_from_parse(
    doc_id: str, parsed: Doc, *, paragraph: int, offset: int, first_index: int
) -> list[tuple[Sentence, Span]]:
    """Return the parser's sentences of one paragraph as records, each with its parse span.

    Args:
        doc_id: the owning document.
        parsed: the spaCy parse of the paragraph text.
        paragraph: the paragraph's number in the document.
        offset: where the paragraph starts in the document text.
        first_index: the document-wide index of the paragraph's first sentence.
    """
    sentences: list[tuple[Sentence, Span]] = []
    for span in parsed.sents:
        raw = span.text
        text = raw.strip()
        if not text:
            continue
        start = offset + span.start_char + (len(raw) - len(raw.lstrip()))
        record = Sentence(
            doc_id=doc_id,
            index=first_index + len(sentences),
            paragraph=paragraph,
            start=start,
            end=start + len(text),
            text=text,
        )
        sentences.append((record, span))
    return sentences
