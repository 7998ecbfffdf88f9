"""A parsed paragraph with what the document-level stages need to read it again."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.actors.resolve import PhraseContext


@dataclasses.dataclass(slots=True)
class ParsedParagraph:
    """One paragraph's parse, where it starts in the document, and its actor context.

    Quotes and entities are found over the whole document after the events, so they keep each
    paragraph's parse and context rather than parse anything again.
    """

    offset: int
    parsed: Doc
    ctx: PhraseContext
    # Doc.text joins every token on each call; kept once here, since quotes read it often.
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.parsed.text

    @property
    def end(self) -> int:
        """The document offset just after the paragraph's text."""
        return self.offset + len(self.text)
