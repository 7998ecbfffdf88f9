"""Errors raised by eventwire.

Every error is an :class:`EventwireError`, so a caller can catch the whole family at once::

    EventwireError
    ├── InputError            a file or record that cannot be read as a document
    │   ├── EmptyInputError   nothing but whitespace
    │   ├── BinaryInputError  bytes that are not text (NUL bytes, undecodable)
    │   ├── TooLargeError     larger than the configured size limit
    │   └── FormatError       malformed feed, JSON Lines record without ``text``, …
    ├── LexiconError          a lexicon data file with a bad line
    ├── ModelError            the spaCy pipeline is missing or cannot be loaded
    └── StoreError            the database cannot be opened or written

Each message names what was wrong (the file and line where there is one) and what to do next.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input that cannot become a document.

    Args:
        source: the file (and line, as ``path:line``) or record the error is about.
        message: what was wrong and what to do about it.
    """

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary or not decodable as text."""


class TooLargeError(InputError):
    """The input is larger than the configured limit."""


class FormatError(InputError):
    """The input does not follow its format (feed, JSON Lines, HTML)."""


class LexiconError(EventwireError):
    """A lexicon file has a line eventwire cannot read."""


class ModelError(EventwireError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(EventwireError):
    """The database cannot be opened or written."""
