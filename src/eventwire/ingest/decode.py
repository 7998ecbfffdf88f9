"""Bytes to text, shared by every format: size limit, binary sniffing, strict UTF-8.

eventwire reads UTF-8 and says so loudly rather than guessing: a wrong guess (Latin-1 read as
UTF-8 or the reverse) silently garbles names, and names are what actor coding matches on. Every
failure is an :class:`~eventwire.errors.InputError` whose one-line message names the file and says
what to run next.
"""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.errors import BinaryInputError, EmptyInputError, InputError, TooLargeError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest document read, in bytes (10 MiB): far above any news article, small enough to refuse a
database dump or a whole corpus concatenated into one file before it fills memory."""

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# How many leading bytes decide whether a file is binary. Binary formats show themselves in their
# header; scanning the first 8 KiB keeps sniffing of a large file cheap.
SNIFF_BYTES = 8192

# Share of control characters (other than tab, newline, CR, form feed) above which bytes are
# treated as binary even without a NUL: real text has next to none; compressed or encrypted data
# has about 12 %.
MAX_CONTROL_SHARE = 0.05

_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x0b\x1b")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}

_FORMATS_READ = "eventwire reads text, HTML, RSS/Atom and JSON Lines"


def format_size(size: int) -> str:
    """Return a byte count for people: ``52.4 MB``, ``812 KB``, ``97 bytes``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size} bytes"


def check_size(path: Path, source: str, max_bytes: int) -> int:
    """Refuse a file larger than ``max_bytes`` from its ``stat()`` alone, without reading it.

    Args:
        path: the file to check.
        source: how errors name the file.
        max_bytes: the limit per document.

    Returns:
        The file size in bytes.

    Raises:
        TooLargeError: the file is over the limit.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            source,
            f"is {format_size(size)} ({size:,} bytes), over the limit of {max_bytes:,} bytes per "
            "document; split it into one file per article, write it as JSON Lines (one document "
            "per line), or raise --max-bytes",
        )
    return size


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """Read a whole file after checking its size, turning OS errors into :class:`InputError`.

    Args:
        path: the file to read.
        source: how errors name the file.
        max_bytes: the limit per document, checked before reading.

    Returns:
        The file's bytes.
    """
    check_size(path, source, max_bytes)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(
            source, f"cannot be read ({exc.strerror or exc}); check its permissions"
        ) from None
    if len(data) > max_bytes:
        check_size(path, source, max_bytes)
    return data


def check_binary(data: bytes, source: str) -> None:
    """Raise :class:`BinaryInputError` when bytes look binary: NUL bytes or many control characters.

    Args:
        data: the bytes (only the first :data:`SNIFF_BYTES` are scanned for control characters).
        source: how errors name the input.
    """
    if data.startswith(UTF16_BOMS):
        raise BinaryInputError(
            source,
            "is UTF-16 text; convert it to UTF-8 first, e.g. "
            "`iconv -f UTF-16 -t UTF-8 in.txt > out.txt`",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(source, f"looks binary (NUL bytes at offset {nul}); {_FORMATS_READ}")
    head = data[:SNIFF_BYTES]
    if head:
        controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
        if controls / len(head) > MAX_CONTROL_SHARE:
            raise BinaryInputError(
                source,
                f"looks binary ({controls} control characters in its first {len(head)} bytes); "
                f"{_FORMATS_READ}",
            )


def decode_utf8(data: bytes, source: str) -> str:
    """Decode bytes as strict UTF-8 after stripping a byte-order mark.

    Args:
        data: the raw bytes.
        source: how errors name the input.

    Returns:
        The text, unchanged otherwise.

    Raises:
        BinaryInputError: the bytes are not valid UTF-8 (the message gives the byte offset).
    """
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise BinaryInputError(
            source,
            f"is not valid UTF-8 (byte 0x{bad} at offset {exc.start}); convert it first, e.g. "
            f"`iconv -f WINDOWS-1252 -t UTF-8 {os.path.basename(source)} > fixed.txt`",
        ) from None


def check_not_empty(text: str, source: str) -> None:
    """Raise :class:`EmptyInputError` when a text is empty or only whitespace."""
    if not text.strip():
        raise EmptyInputError(source, "holds no text (empty or only whitespace); nothing to read")


def decode_bytes(data: bytes, source: str) -> str:
    """Turn a file's bytes into text: binary check, BOM, strict UTF-8, emptiness.

    Args:
        data: the raw bytes.
        source: how errors name the input.

    Returns:
        The decoded text (not yet newline-normalised).

    Raises:
        BinaryInputError: the bytes are binary or not UTF-8.
        EmptyInputError: the text is empty or whitespace only.
    """
    check_binary(data, source)
    text = decode_utf8(data, source)
    check_not_empty(text, source)
    return text
