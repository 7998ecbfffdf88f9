"""Gold data readers: the PLOVER gold-standard records (JSON) and eventwire's own JSON Lines.

eventwire's gold format is one JSON object a line::

    {"id": "q-001", "text": "Iran threatened Israel with military force.",
     "published": "2024-04-10",
     "events": [{"type": "THREATEN", "source": ["IRN"], "target": ["ISR"]}]}

``type`` is a PLOVER 0.5 type (AGREE … FIGHT; see ``PLOVER_TYPES``) or ``cameo`` a CAMEO code whose
root gives the type. ``source``/``target`` list the acceptable actor codes: ISO 3166-1 alpha-3 for
countries, ``IGO`` for international organisations; an empty list means "no actor expected". A
record with ``"events": []`` says the text must code no event (a negative case).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from eventwire.errors import FormatError
from eventwire.events.cameo import load_cameo

# PLOVER 0.5 types, and the CAMEO roots that code them (../shared/benchmarks/README.md).
ROOT_TYPES = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "FIGHT", "20": "ASSAULT",
}  # fmt: skip
PLOVER_TYPES = frozenset(ROOT_TYPES.values()) | {"CONCEDE", "RETREAT"}
# Root 20 (mass violence) counts as ASSAULT or FIGHT, whichever the gold says.
EITHER_TYPES = {"20": frozenset({"ASSAULT", "FIGHT"})}


def plover_type(cameo: str) -> str | None:
    """Return the PLOVER 0.5 type of a CAMEO code; None for statements and appeals (01, 02)."""
    root = cameo[:2]
    if root == "08":
        if cameo[:3] in {"081", "082", "083"}:
            return "CONCEDE"
        if cameo[:3] in {"084", "085", "086", "087"}:
            return "RETREAT"
        return load_cameo()[cameo].plover  # 08 and 080 as the CAMEO table maps them
    return ROOT_TYPES.get(root)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One expected event: its PLOVER type and the acceptable source and target codes."""

    type: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldRecord:
    """A text with the events it should code."""

    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a gold file, PLOVER JSON (a list) or eventwire JSON Lines, by its content."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(str(path), f"cannot read the gold file ({exc})") from exc
    if raw.lstrip().startswith("["):
        try:
            return [_plover_record(item, path) for item in json.loads(raw)]
        except json.JSONDecodeError as exc:
            raise FormatError(str(path), f"not valid JSON ({exc})") from exc
    records = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            try:
                records.append(_jsonl_record(json.loads(line), f"{path}:{number}"))
            except json.JSONDecodeError as exc:
                raise FormatError(f"{path}:{number}", f"not valid JSON ({exc})") from exc
    return records


def _plover_record(item: dict[str, Any], path: Path) -> GoldRecord:
    event = item.get("event")
    if event not in PLOVER_TYPES:
        raise FormatError(f"{path}#{item.get('id')}", f"unknown PLOVER type {event!r}")
    return GoldRecord(
        id=str(item["id"]),
        text=item["text"],
        published=item.get("date"),
        events=(
            GoldEvent(
                type=event,
                sources=_codes(item.get("source")),
                targets=_codes(item.get("target")),
            ),
        ),
    )


def _codes(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(
        str(a["code"]).upper() for a in actors if isinstance(a, dict) and a.get("code")
    )


def _jsonl_record(item: dict[str, Any], where: str) -> GoldRecord:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise FormatError(where, 'a gold record needs "text" (and "events")')
    events = []
    for event in item.get("events", []):
        kind = event.get("type") or (
            plover_type(str(event["cameo"])) if event.get("cameo") else None
        )
        if kind not in PLOVER_TYPES:
            raise FormatError(where, f"event type {kind!r} is not a PLOVER type or CAMEO code")
        events.append(
            GoldEvent(
                type=kind,
                sources=frozenset(c.upper() for c in event.get("source", [])),
                targets=frozenset(c.upper() for c in event.get("target", [])),
            )
        )
    return GoldRecord(
        id=str(item.get("id", where)),
        text=item["text"],
        published=item.get("published"),
        events=tuple(events),
    )
