"""The CAMEO code table: names, Goldstein scores, QuadClass and PLOVER types.

Vendored from the project's reference data as ``data/cameo_codes.tsv`` (attribution in its header).
"""

from __future__ import annotations

import dataclasses
import functools

from eventwire.datafiles import data_path, read_tsv
from eventwire.errors import LexiconError

COLUMNS = (
    "code",
    "root",
    "description",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CameoCode:
    """One row of the CAMEO table."""

    code: str
    root: str
    description: str
    goldstein: float
    quad_class: int
    plover: str | None


@functools.cache
def load_cameo() -> dict[str, CameoCode]:
    """Return the CAMEO table keyed by code (``"0871"``; leading zeros kept)."""
    path = data_path("cameo_codes.tsv")
    table: dict[str, CameoCode] = {}
    for number, row in read_tsv(path, COLUMNS, required=5):
        if row["code"] == "code":  # the header line
            continue
        try:
            table[row["code"]] = CameoCode(
                code=row["code"],
                root=row["root"],
                description=row["description"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover=row["plover_event"] or None,
            )
        except ValueError as exc:
            raise LexiconError(f"{path}:{number}: bad number ({exc})") from exc
    return table


def lookup_cameo(code: str) -> CameoCode:
    """Return the CAMEO row for ``code``, raising LexiconError for an unknown code."""
    try:
        return load_cameo()[code]
    except KeyError:
        raise LexiconError(f"unknown CAMEO code {code!r}; see data/cameo_codes.tsv") from None
