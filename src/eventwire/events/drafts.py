"""Drafts: events found in a sentence, before they get their document-level identity, and the
rules that turn sources and targets into pairs (mutual events, context, domestic protests).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import TYPE_CHECKING

from eventwire.actors.resolve import PhraseContext, as_government, situate
from eventwire.events.modality import is_hypothetical, is_negated
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

# Codes outside those roots that are mutual too: "A and B declared a ceasefire".
SYMMETRIC_CODES = frozenset({"0871", "087", "0356"})


# Roots whose events are mutual: "A and B met" is A→B and B→A.
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "19"})


@dataclasses.dataclass(frozen=True, slots=True)
class Draft:
    """An event found in a sentence, before it gets its document-level identity."""

    cameo: str
    source: Actor | None
    target: Actor | None
    trigger: Token
    rule: str
    negated: bool
    hypothetical: bool
    cued: bool
    reported_by: Actor | None = None


def make_drafts(
    cameo: str,
    sources: list[Actor],
    targets: list[Actor],
    trigger: Token,
    rule: str,
    *,
    cued: bool,
    ctx: PhraseContext,
) -> list[Draft]:
    negated, hypothetical = is_negated(trigger), is_hypothetical(trigger)
    pairs: list[tuple[Actor | None, Actor | None]] = []
    if (
        not targets
        and len(sources) > 1
        and (cameo[:2] in SYMMETRIC_ROOTS or cameo in SYMMETRIC_CODES)
    ):
        pairs = list(itertools.permutations(sources, 2))
    elif sources or targets:
        sides: list[Actor | None] = list(sources) or [None]
        others: list[Actor | None] = list(targets) or [None]
        pairs = list(itertools.product(sides, others))
    drafts = []
    sentence = trigger.sent
    for source, target in pairs:
        source, target = (
            as_government(situate(source, target, sentence, ctx), cameo),
            situate(target, source, sentence, ctx),
        )
        if target is None and cameo[:2] == "14":
            target = domestic_target(source)
        if not (source and target and source.code == target.code):
            drafts.append(Draft(cameo, source, target, trigger, rule, negated, hypothetical, cued))
    return drafts


def domestic_target(source: Actor | None) -> Actor | None:
    """A protest with no named target is aimed at the protesters' own government (CAMEO practice:
    "Chilean students marched in Santiago" is coded CHL → CHL)."""
    if source is None or not source.country or source.role == "GOV":
        return None
    return dataclasses.replace(
        source,
        text="",
        start=None,
        end=None,
        code=f"{source.country}GOV",
        role="GOV",
        org=None,
        rule="context:domestic protest",
    )


def unique_drafts(drafts: list[Draft]) -> list[Draft]:
    seen = set()
    unique = []
    for draft in drafts:
        key = (
            draft.cameo[:2],
            draft.source.code if draft.source else None,
            draft.target.code if draft.target else None,
            draft.trigger.i,
        )
        if key not in seen:
            seen.add(key)
            unique.append(draft)
    return unique
