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
    mutual: bool = False,
) -> list[Draft]:
    """Pair an event's sources and targets into drafts; a ``mutual`` event (or one of a
    symmetric code) between several sources and no target is one draft for each ordered pair."""
    negated, hypothetical = is_negated(trigger), is_hypothetical(trigger)
    pairs: list[tuple[Actor | None, Actor | None]] = []
    if (
        not targets
        and len(sources) > 1
        and (mutual or cameo[:2] in SYMMETRIC_ROOTS or cameo in SYMMETRIC_CODES)
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
            target = opposed_country(source, trigger, ctx) or domestic_target(source)
        elif (
            target is None
            and source is not None
            and cameo[:2] not in COMMENTARY_ROOTS
            and _acts_at_home(source, trigger, ctx, cameo)
        ):
            target = home_country(source)
        # One actor on both sides is no event ("Russia and its troops"); two actors of one code
        # are a domestic one ("the Kenyan government arrested a Kenyan official").
        if not (source and target and source.code == target.code and _same_words(source, target)):
            drafts.append(Draft(cameo, source, target, trigger, rule, negated, hypothetical, cued))
    return drafts


def _same_words(source: Actor, target: Actor) -> bool:
    return source.start == target.start or source.text.lower() == target.text.lower()


def opposed_country(source: Actor | None, trigger: Token, ctx: PhraseContext) -> Actor | None:
    """The foreign country a protest's sentence names, nearest after the protest first: "rioted
    at a jail in northern Israel", "marched to show their anger at US policy"."""
    if source is None or not source.country:
        return None
    found: list[tuple[bool, int, Token, str]] = []
    for token in trigger.sent:
        mention = ctx.mentions.get(token.i)
        if mention is None or not mention.entry.country or mention.entry.kind == "role":
            continue
        own = source.start is not None and source.end is not None
        if own and source.start <= ctx.offset + token.idx < source.end:  # type: ignore[operator]
            continue  # the protesters' own words ("ethnic Albanians") name no opponent
        if any(a.dep_ == "relcl" for a in token.ancestors):
            continue  # "a law that critics say mirrors Russian legislation" describes, not opposes
        if mention.entry.country != source.country and token.i == mention.end - 1:
            found.append(
                (token.i < trigger.i, abs(token.i - trigger.i), token, mention.entry.country)
            )
    if not found:
        return None
    _, _, token, country = min(found, key=lambda f: (f[0], f[1]))
    start = ctx.offset + token.idx
    return Actor(
        text=token.text,
        code=country,
        country=country,
        start=start,
        end=start + len(token.text),
        rule="context:opposed country",
    )


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


# What an event acts on without naming an actor: "lifted the curfew", "agreed to postpone the
# vote", "banned the rally in the capital".
ARGUMENT_DEPS = frozenset({"dobj", "obj", "prep", "xcomp", "ccomp", "dative", "attr", "oprd"})


def _acts_at_home(source: Actor, trigger: Token, ctx: PhraseContext, cameo: str) -> bool:
    """True when an event acts on something at home: its source is a country's, it has an object
    that names no actor, and its sentence names no other country or organisation."""
    if not source.country or source.org or source.code == source.country:
        return False  # a bare country acting on itself says nothing
    if source.role == "MIL" and cameo[:2] in {"19", "20"}:
        return False  # an army's strike on an unnamed place is as often abroad as at home
    if not any(child.dep_ in ARGUMENT_DEPS for child in trigger.children):
        return False
    for token in trigger.sent:
        mention = ctx.mentions.get(token.i)
        if mention is None:
            continue
        if mention.entry.org or (mention.entry.country and mention.entry.country != source.country):
            return False
    return True


def home_country(source: Actor) -> Actor:
    """The source's own country as the target of a domestic act (CAMEO practice: "Sudan lifted the
    state of emergency in Darfur" is coded SDNGOV → SDN)."""
    return Actor(
        text="", code=source.country or "", country=source.country, rule="context:domestic"
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


# Dependency relations that embed a clause under another: an event reached through one of them
# is background to the clause above it ("refugees fleeing the war", "the town, which was shelled").
# Coordination and complement clauses ("X said that Y attacked Z") are not background.
SUBORDINATE_DEPS = frozenset({"acl", "relcl", "advcl", "xcomp", "pcomp", "csubj", "csubjpass"})

# Violence by a named actor is never mere background: "after Sudanese jets bombed the camp".
VIOLENCE_ROOTS = frozenset({"18", "19", "20"})

# Statements and appeals are commentary on events, never the sentence's main happening.
COMMENTARY_ROOTS = frozenset({"01", "02"})


def clause_depth(trigger: Token) -> int:
    """Return how many subordinate clauses lie between an event's trigger and the sentence root."""
    depth = 0
    token = trigger
    while token.head.i != token.i:
        depth += token.dep_ in SUBORDINATE_DEPS
        token = token.head
    return depth


def main_events(drafts: list[Draft], year: int | None = None) -> list[Draft]:
    """Keep a sentence's main events: those in its least subordinate clause.

    A sentence reports one happening, or a few coordinated ones, in its main clauses; events in
    participial, relative and adverbial clauses give the background ("the army, which seized the
    town last year, withdrew") and are only coded when the main clauses hold no event, or when
    they are violence by a named actor.
    """
    depths = [clause_depth(d.trigger) for d in drafts]
    main = [
        depth
        for draft, depth in zip(drafts, depths, strict=True)
        if draft.cameo[:2] not in COMMENTARY_ROOTS
    ]
    if not main:
        return drafts
    least = min(main)
    triggers = {d.trigger.i for d in drafts}
    return [
        d
        for d, depth in zip(drafts, depths, strict=True)
        if depth <= least
        or (
            d.cameo[:2] in VIOLENCE_ROOTS
            and d.source is not None
            and not _result_of(d.trigger, triggers)
            and not _since(d.trigger)
        )
        or (d.source is not None and _dated_apart(d.trigger, year))
        or _purpose_of_a_trip(d, drafts)
    ]


def _since(trigger: Token) -> bool:
    """A clause the report dates itself by: "the first time since it invaded Ukraine"."""
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in trigger.children)


def _result_of(trigger: Token, triggers: set[int]) -> bool:
    """A participle telling an event's outcome: "opened fire on the crowd, killing one"."""
    while trigger.dep_ == "conj" and trigger.head.i != trigger.i:
        trigger = trigger.head  # "killing or wounding 50"
    return trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.i in triggers


# A trip's purpose is the news: "experts arrived in Rome to help Italy" is aid, not a visit only.
TRIP_CODES = frozenset({"042", "043"})


def _purpose_of_a_trip(draft: Draft, drafts: list[Draft]) -> bool:
    clause = draft.trigger
    if clause.dep_ != "advcl" or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    ):
        return False
    return draft.cameo[:2] in {"04", "05", "06", "07"} and any(
        d.trigger.i == clause.head.i and d.cameo in TRIP_CODES for d in drafts
    )


def _dated_apart(trigger: Token, year: int | None) -> bool:
    """Whether an event's own phrase dates it to another year than the report: "a pledge made
    in 2008 by NATO" in a 2022 article is a happening of its own, not background to the news."""
    if year is None:
        return False
    return any(
        token.ent_type_ == "DATE"
        and len(token.text) == 4
        and token.text.isdigit()
        and 1800 < int(token.text) < 2200
        and int(token.text) != year
        for token in trigger.subtree
    )
