"""Reading the reviewable TSV data files under ``eventwire/data`` (and users' own lexicon folders).

Every data file is UTF-8, tab-separated, one entry a line; ``#`` starts a comment line. A bad line
raises :class:`~eventwire.errors.LexiconError` naming the file and line, so an analyst who edits a
lexicon learns exactly what to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from eventwire.errors import LexiconError

DATA_PACKAGE = "eventwire.data"


def data_path(name: str) -> Path:
    """Return the path of a bundled data file, e.g. ``"actors/countries.tsv"``."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_tsv(
    path: Path, columns: tuple[str, ...], *, required: int = 1
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data line of a TSV file.

    Args:
        path: the file to read.
        columns: the column names, in order; missing trailing columns read as "".
        required: how many leading columns must be non-empty.

    Returns:
        An iterator of line numbers and rows keyed by column name, values stripped.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon file ({exc}); check the path") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > len(columns):
            raise LexiconError(
                f"{path}:{number}: {len(cells)} columns, expected at most {len(columns)} "
                f"({', '.join(columns)}); separate columns with one TAB"
            )
        cells += [""] * (len(columns) - len(cells))
        if not all(cells[:required]):
            raise LexiconError(
                f"{path}:{number}: the first {required} column(s) "
                f"({', '.join(columns[:required])}) "
                "must not be empty"
            )
        yield number, dict(zip(columns, cells, strict=True))
