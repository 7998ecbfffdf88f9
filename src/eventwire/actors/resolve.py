"""Resolve a noun phrase of the parse to actors: country + role, or an organisation.

The rules, in order, for one noun phrase (its head and modifiers, clauses and conjuncts left out):

1. a pronoun takes the nearest earlier compatible actor of the document (``he``/``she``: a person;
   ``it``/``they``: a country, organisation or group);
2. a head that is itself a name (``Moscow``, ``NATO``, ``the Kremlin``) gives that actor, with the
   role of a capital or seat (GOV) or of a national agency;
3. otherwise modifiers give the country (``Russian troops``, ``Russia's foreign minister``,
   ``officials from Moscow``) or organisation (``NATO Secretary-General``), and the head or a title
   gives the role (``troops`` → MIL, ``Deputy Foreign Minister`` → GOV); coordinated modifiers give
   one actor each (``Russian and US officials``);
4. a person's name with nothing else takes what the document said of that person earlier
   (``Ryabkov`` after ``her Russian counterpart, Deputy Foreign Minister Sergei Ryabkov``).
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import TYPE_CHECKING

from eventwire.actors.mentions import Mention
from eventwire.actors.people import PeopleLexicon
from eventwire.records import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "the two sides", "the two countries": the last two actors the document named.
PAIR_NOUNS = frozenset(
    {
        "sides",
        "countries",
        "nations",
        "governments",
        "leaders",
        "delegations",
        "parties",
        "neighbours",
        "neighbors",
        "men",
        "ministers",
        "presidents",
    }
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
# First-person "we"/"us" mostly stand in quotes for the speaker's side; they are left to the
# quote attribution rather than guessed from the nearest actor.
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
# "I" and "we" inside a quotation stand for its speaker ("… forecast," said Ryabkov).
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
QUOTE_OPEN = frozenset('"“«')
QUOTE_CLOSE = frozenset('"”»')
SPEECH_FORMS = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "stressed",
        "insisted",
        "warned",
        "declared",
        "stated",
        "explained",
        "noted",
    }
)
# Dependents that leave the noun phrase: clauses, conjuncts, appositions, other prepositions.
PRUNED_DEPS = frozenset(
    {
        "relcl",
        "acl",
        "advcl",
        "ccomp",
        "xcomp",
        "appos",
        "punct",
        "prep",
        "parataxis",
        "mark",
        "cc",
        "conj",
    }
)
# Prepositions whose object still belongs to a role or person: "officials from Moscow",
# "Secretary of State", "rebels in northern Mali".
NP_PREPOSITIONS = frozenset({"of", "from", "in"})
# Roles of generic group nouns ("activists", "people", "fighters") that a more specific modifier
# overrides.
GENERIC_ROLES = frozenset({"CVL", "NGO"})
# Entity types that are never a person's name (the small model tags some surnames GPE or ORG).
NOT_PEOPLE = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW", "LANGUAGE"}
)
NAME_KINDS = frozenset({"name", "capital", "seat", "agency", "group", "org"})


@dataclasses.dataclass(slots=True)
class Antecedent:
    """An actor seen earlier in the document, for pronouns."""

    actor: Actor
    offset: int
    person: bool
    weak: bool = False


@dataclasses.dataclass(slots=True)
class DocumentMemory:
    """What the coder has learnt about a document's actors so far."""

    persons: dict[str, Actor] = dataclasses.field(default_factory=dict)
    seen: list[Antecedent] = dataclasses.field(default_factory=list)

    def remember(self, actor: Actor, offset: int, *, person: bool, weak: bool = False) -> None:
        """Record an actor as a possible antecedent at document offset ``offset``.

        ``weak`` marks a name merely mentioned (a place in "at the US mission in Geneva"), which
        "both" and "the two sides" pass over when actors who did something are at hand.
        """
        self.seen.append(Antecedent(actor, offset, person, weak))

    def remember_person(self, names: list[str], actor: Actor) -> None:
        """Record what a named person codes as, under each of the given name forms."""
        for name in names:
            self.persons.setdefault(name, actor)

    def last_pair(self, offset: int) -> list[Actor]:
        """Return the two latest distinct actors before ``offset`` ("both", "the two sides")."""
        for strong_only in (True, False):
            found: list[Actor] = []
            for item in sorted(self.seen, key=lambda a: a.offset, reverse=True):
                if strong_only and item.weak:
                    continue
                if item.offset < offset and all(a.code != item.actor.code for a in found):
                    found.append(item.actor)
                    if len(found) == 2:
                        return found[::-1]
        return []

    def antecedent(self, offset: int, *, person: bool) -> Actor | None:
        """Return the nearest actor before ``offset`` of the wanted kind."""
        best: Antecedent | None = None
        for item in self.seen:
            if (
                item.offset < offset
                and item.person == person
                and (best is None or item.offset >= best.offset)
            ):
                best = item
        return best.actor if best else None


@dataclasses.dataclass(slots=True)
class PhraseContext:
    """A parsed paragraph with its mentions, its place in the document, and the document memory."""

    mentions: dict[int, Mention]
    offset: int
    memory: DocumentMemory
    people: PeopleLexicon | None = None
    year: int | None = None
    quotes: QuoteIndex | None = None
    # the document's geocoded places by their start offset in the document
    places: dict[int, Place] = dataclasses.field(default_factory=dict)

    def place_at(self, token: Token) -> Place | None:
        """The geocoded place that starts at a token, if any."""
        return self.places.get(self.offset + token.idx)

    def quote_index(self, doc: Doc) -> QuoteIndex:
        """The paragraph's quotations and speech verbs, found once (see ``_quote_speaker``)."""
        if self.quotes is None:
            self.quotes = QuoteIndex.of(doc)
        return self.quotes


@dataclasses.dataclass(frozen=True, slots=True)
class QuoteIndex:
    """Where a paragraph's quotations are and which speech verbs have a subject, in order."""

    starts: list[int]
    ends: list[int]
    verbs: list[int]
    subjects: list[Token]

    @classmethod
    def of(cls, doc: Doc) -> QuoteIndex:
        # quotes/ resolves speakers with this module, so its scanner is imported on use
        from eventwire.quotes.spans import find_quote_spans

        spans = find_quote_spans(doc.text)
        verbs, subjects = [], []
        for token in doc:
            if token.lower_ not in SPEECH_FORMS or not token.tag_.startswith("VB"):
                continue
            found = [
                c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON
            ]
            if found:
                verbs.append(token.i)
                subjects.append(found[0])
        return cls([q.start for q in spans], [q.end for q in spans], verbs, subjects)

    def quoted(self, offset: int) -> bool:
        """Whether a character offset lies inside a quotation."""
        at = bisect.bisect_right(self.starts, offset) - 1
        return at >= 0 and offset < self.ends[at]

    def nearest_speaker(self, index: int) -> Token | None:
        """The subject of the speech verb nearest to token ``index``."""
        at = bisect.bisect_left(self.verbs, index)
        near = [i for i in (at - 1, at) if 0 <= i < len(self.verbs)]
        if not near:
            return None
        best = min(near, key=lambda i: abs(self.verbs[i] - index))
        return self.subjects[best]


def make_actor(
    tokens: list[Token],
    ctx: PhraseContext,
    *,
    country: str | None = None,
    org: str | None = None,
    role: str | None = None,
    rule: str = "",
) -> Actor:
    """Build an Actor whose code follows CAMEO: ``org``, else country + role, else role."""
    code = org or f"{country or ''}{role or ''}"
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    # A span's text, not doc.text: Doc.text rebuilds the whole paragraph string on every call.
    text = first.doc[first.i : last.i + 1].text
    start, end = first.idx, first.idx + len(text)
    return Actor(
        text=text,
        code=code,
        country=None if org else country,
        role=None if org else role,
        org=org,
        start=ctx.offset + start,
        end=ctx.offset + end,
        rule=rule,
    )


def phrase_tokens(head: Token, *, keep_preps: bool = True) -> list[Token]:
    """Return the head's noun phrase: its modifiers, without clauses, conjuncts or appositions.

    With ``keep_preps`` the objects of "of"/"from" stay in the phrase: they say whose official or
    minister a person is ("officials from Moscow"), but for other nouns they name someone else
    ("guarantees from the US").
    """
    tokens = [head]
    stack = list(head.children)
    while stack:
        token = stack.pop()
        dep = token.dep_
        if dep == "prep":
            if not keep_preps or token.lower_ not in NP_PREPOSITIONS:
                continue
        elif dep in PRUNED_DEPS and not (dep in {"conj", "cc"} and token.head.i != head.i):
            continue
        tokens.append(token)
        stack.extend(token.children)
    return sorted(tokens, key=lambda t: t.i)


def resolve_phrase(head: Token, ctx: PhraseContext, *, weak: bool = False) -> list[Actor]:
    """Return the actors a noun phrase names (several for coordinated modifiers), or none."""
    lower = head.lower_
    if _names_both_sides(head):
        pair = ctx.memory.last_pair(ctx.offset + head.idx)
        return _standing_in(pair if len(pair) == 2 else [], head, ctx, f"both:{lower}")
    if head.tag_ in {"PRP", "PRP$"} and lower in FIRST_PERSON:
        speaker = _quote_speaker(head, ctx)
        return _standing_in([speaker] if speaker else [], head, ctx, f"speaker:{lower}")
    if head.tag_ in {"PRP", "PRP$"} and (lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS):
        found = ctx.memory.antecedent(ctx.offset + head.idx, person=lower in PERSON_PRONOUNS)
        return _standing_in([found] if found else [], head, ctx, f"pronoun:{lower}")
    tokens = phrase_tokens(head, keep_preps=_names_someone(head, ctx))
    actors = _resolve_tokens(head, tokens, ctx)
    if not actors:
        for child in head.children:
            if child.dep_ == "appos":
                actors = _resolve_tokens(child, phrase_tokens(child), ctx)
                if actors:
                    break
    if not actors and head.ent_type_ != "PERSON":
        # "shelled Kharkiv", "arrived in Beijing": a place the phrase is named after stands for
        # its country
        place = _place_in(tokens, ctx)
        if place is not None and _heads_place(head, place, ctx):
            actors = [make_actor(tokens, ctx, country=place.country, rule=f"place:{place.name}")]
    person = _person_names(head)
    if actors and person:
        ctx.memory.remember_person(person, actors[0])
    for child in head.children:
        if child.dep_ == "appos" and actors and (names := _person_names(child)):
            ctx.memory.remember_person(names, actors[0])
    named_group = (m := ctx.mentions.get(head.i)) is not None and m.entry.kind != "role"
    is_person = (
        (head.ent_type_ == "PERSON" and not named_group)  # the model calls "Bosnian Serbs" one
        or titled_name(head, ctx)
        or any((a.rule or "").startswith(("people.tsv", "person:")) for a in actors)
    )
    for actor in actors:
        if (actor.rule or "").startswith("place:"):
            continue  # a place stands for its country here only, never as "both" or "it" later
        ctx.memory.remember(actor, ctx.offset + head.idx, person=is_person, weak=weak)
    return actors


def _known_name(head: Token, ctx: PhraseContext) -> list[str]:
    """A capitalised word the parser mistagged ("Guterres" as a plural noun) that names a known
    office-holder."""
    if not head.text[:1].isupper() or ctx.people is None:
        return []
    return [head.text] if head.text in ctx.people.by_name else []


def titled_name(head: Token, ctx: PhraseContext) -> bool:
    """A proper name after a title is a person: "President Ruto", "King Hassan"."""
    return head.tag_ == "NNP" and any(
        c.dep_ == "compound" and (m := ctx.mentions.get(c.i)) is not None and m.entry.kind == "role"
        for c in head.children
    )


def _standing_in(actors: list[Actor], word: Token, ctx: PhraseContext, rule: str) -> list[Actor]:
    """Return the actors a pronoun or "both" stands for, with the word's own text and span."""
    start = ctx.offset + word.idx
    return [
        dataclasses.replace(a, text=word.text, start=start, end=start + len(word.text), rule=rule)
        for a in actors
    ]


def _quote_speaker(pronoun: Token, ctx: PhraseContext) -> Actor | None:
    """Return who speaks a quotation that contains ``pronoun``, from its paragraph's "said X".

    The pronoun must sit inside quotation marks; the speaker is the subject of the nearest speech
    verb in the same paragraph. The paragraph's quotations and speech verbs are indexed once, so a
    paragraph full of quoted "we" costs a lookup each, not a rescan.
    """
    index = ctx.quote_index(pronoun.doc)
    if not index.quoted(pronoun.idx):
        return None
    speaker = index.nearest_speaker(pronoun.i)
    if speaker is None:
        return None
    found = resolve_phrase(speaker, ctx)
    return found[0] if found else None


def _names_both_sides(head: Token) -> bool:
    """Return whether the phrase is "both", "the two sides", "the two countries" and the like."""
    if head.lower_ == "both" and head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
        return True
    return head.lower_ in PAIR_NOUNS and any(c.lower_ == "two" for c in head.children)


def _names_someone(head: Token, ctx: PhraseContext) -> bool:
    """Return whether the head is a person or a role word (so "of"/"from" says whose)."""
    mention = ctx.mentions.get(head.i)
    return head.ent_type_ == "PERSON" or (mention is not None and mention.entry.kind == "role")


def _resolve_tokens(head: Token, tokens: list[Token], ctx: PhraseContext) -> list[Actor]:
    mentions: list[Mention] = []
    for token in tokens:
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention not in mentions:
            mentions.append(mention)
    head_mention = ctx.mentions.get(head.i)
    role = _role_of(head_mention, mentions, head)
    if head_mention is not None and head_mention.entry.kind in NAME_KINDS:
        entry = head_mention.entry
        if entry.org:
            return [make_actor(tokens, ctx, org=entry.org, rule=entry.rule)]
        return [
            make_actor(tokens, ctx, country=entry.country, role=entry.role or role, rule=entry.rule)
        ]
    doc = head.doc
    ethnic = [m for m in mentions if m.start > 0 and doc[m.start - 1].lower_ == "ethnic"]
    if head_mention is not None and head_mention in ethnic:
        # "ethnic Hungarians" are a people, not Hungary: a civilian group placed by its context
        return [
            make_actor(tokens, ctx, role=role or "CVL", rule=f"{head_mention.entry.rule} ethnic")
        ]
    countries = [m for m in mentions if m.entry.country and m not in ethnic]
    if (
        head_mention is not None
        and head_mention.entry.kind == "demonym"
        and any(m is not head_mention for m in countries)
    ):
        # "Syrian Kurds", "Kosovo Serbs": a people of the country named before them
        countries = [m for m in countries if m is not head_mention]
        role = role or "CVL"
    orgs = [m for m in mentions if m.entry.org]
    if orgs and not countries:
        return [make_actor(tokens, ctx, org=orgs[0].entry.org, rule=orgs[0].entry.rule)]
    if countries:
        unique = list({m.entry.country: m for m in reversed(countries)}.values())[::-1]
        if len(unique) > 1 and _coordinated(head.doc, unique):
            # "Russian and US officials": one actor per country, each with its own words as text.
            return [
                make_actor(
                    [head.doc[i] for i in range(m.start, m.end)],
                    ctx,
                    country=m.entry.country,
                    role=role or m.entry.role,
                    rule=m.entry.rule,
                )
                for m in unique
            ]
        # Otherwise the country nearest the head wins ("US mission in Geneva" keeps USA), one
        # before it first: "Jordan's king in Tel Aviv" is Jordan's, wherever he is.
        nearest = min(unique, key=lambda m: (m.start > head.i, abs(m.start - head.i)))
        return [
            make_actor(
                tokens,
                ctx,
                country=nearest.entry.country,
                role=role or nearest.entry.role,
                rule=nearest.entry.rule,
            )
        ]
    if not countries and not (head_mention is not None and head_mention.entry.kind != "role"):
        # "President Reagan's statement": a thing named after its owner; "Chancellor Scholz's
        # spokesman": a role in the owner's country or organisation
        for child in head.children:
            if child.dep_ == "poss" and child.tag_ != "PRP$":
                owners = resolve_phrase(child, ctx)
                if owners and head_mention is None:
                    return owners
                owner = owners[0] if owners else None
                if owner is not None and head_mention is not None and (owner.country or owner.org):
                    return [
                        make_actor(
                            tokens,
                            ctx,
                            country=owner.country,
                            org=owner.org,
                            role=role,
                            rule=f"{head_mention.entry.rule} owner:{owner.code}",
                        )
                    ]
    person = _person_names(head) or _known_name(head, ctx)
    if person:
        for name in person:
            if name in ctx.memory.persons:
                known = ctx.memory.persons[name]
                return [
                    make_actor(
                        tokens,
                        ctx,
                        country=known.country,
                        org=known.org,
                        role=known.role,
                        rule=f"person:{name}",
                    )
                ]
        office = ctx.people.lookup(person, ctx.year) if ctx.people is not None else None
        if office is not None:
            return [
                make_actor(
                    tokens,
                    ctx,
                    country=office.country,
                    org=office.org,
                    role=office.role or role,
                    rule=office.rule,
                )
            ]
    place = _place_in(tokens, ctx)
    if role and place is not None:
        # "police in Lagos": a role placed by a town the gazetteer knows
        return [
            make_actor(
                tokens,
                ctx,
                country=place.country,
                role=role,
                rule=f"{_role_rule(head_mention, mentions)} place:{place.name}".strip(),
            )
        ]
    pronoun = _possessive_pronoun(head)
    if role and pronoun is not None:
        # "their forces", "its army": the role of the group the pronoun stands for
        found = ctx.memory.antecedent(ctx.offset + pronoun.idx, person=False)
        if found is not None and found.country:
            actor = make_actor(tokens, ctx, role=role, rule=_role_rule(head_mention, mentions))
            return [placed_in(actor, found.country, f"pronoun:{pronoun.lower_}")]
    if role:
        return [make_actor(tokens, ctx, role=role, rule=_role_rule(head_mention, mentions))]

    # "thousands of Iranian protesters", "dozens of lawmakers": the "of" phrase names them
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return resolve_phrase(pobj, ctx)
    return []


def _possessive_pronoun(head: Token) -> Token | None:
    return next(
        (c for c in head.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}), None
    )


def _place_in(tokens: list[Token], ctx: PhraseContext) -> Place | None:
    if not ctx.places:
        return None
    for token in tokens:
        place = ctx.place_at(token)
        if place is not None and place.feature != "country":
            return place
    return None


def _heads_place(head: Token, place: Place, ctx: PhraseContext) -> bool:
    """Whether the phrase's head word is part of the place's name (not "a bazaar in Kabul")."""
    return place.start <= ctx.offset + head.idx < place.end


def _role_of(head_mention: Mention | None, mentions: list[Mention], head: Token) -> str | None:
    roles = [m for m in mentions if m.entry.kind == "role"]
    if head_mention is not None and head_mention.entry.kind == "role":
        # "opposition activists", "rebel fighters": a specific modifier beats a generic head
        if head_mention.entry.role in GENERIC_ROLES:
            specific = [m for m in roles if m.entry.role not in GENERIC_ROLES]
            if specific:
                return specific[-1].entry.role
        return head_mention.entry.role
    if not roles:
        return None
    nearest = min(roles, key=lambda m: abs(m.start - head.i))
    return nearest.entry.role


def _role_rule(head_mention: Mention | None, mentions: list[Mention]) -> str:
    if head_mention is not None and head_mention.entry.kind == "role":
        return head_mention.entry.rule
    return next((m.entry.rule for m in mentions if m.entry.kind == "role"), "")


def _coordinated(doc: Doc, mentions: list[Mention]) -> bool:
    """Return whether the mentions are joined by "and"/"or" in the parse ("Russian and US")."""
    spans = [(m.start, m.end) for m in mentions]
    for start, end in spans:
        for index in range(start, end):
            token = doc[index]
            if token.dep_ == "conj" and any(s <= token.head.i < e for s, e in spans if s != start):
                return True
    return False


def _person_names(head: Token) -> list[str]:
    """Return the name forms of a person's name at ``head``: full name, then surname.

    A PERSON entity gives its span; a proper noun the parser did not tag as a person (the small
    model calls "Stoltenberg" an ORG) gives its run of proper-noun compounds.
    """
    doc = head.doc
    if head.ent_type_ == "PERSON":
        for ent in doc.ents:
            if ent.start <= head.i < ent.end and ent.label_ == "PERSON":
                full = ent.text
                return [full, head.text] if full != head.text else [head.text]
        return [head.text]
    if head.tag_ != "NNP" or head.ent_type_ in NOT_PEOPLE:
        return []
    first = head.i
    while first > 0 and doc[first - 1].tag_ == "NNP" and doc[first - 1].dep_ == "compound":
        first -= 1
    full = doc[first : head.i + 1].text
    return [full, head.text] if full != head.text else [head.text]


def situate(
    actor: Actor | None, other: Actor | None, sentence: Span, ctx: PhraseContext
) -> Actor | None:
    """Give a role-only actor ("police", "rebels", "the judge") a country from its context.

    The other side's country comes first (most such events are domestic: "police arrested
    protesters" in an article about Egypt), then the country named nearest in the sentence.
    The actor's ``rule`` says where the country came from.
    """
    if actor is None or actor.country or actor.org or not actor.role:
        return actor
    country = other.country if other is not None else None
    rule = "context:other side"
    if country is None:
        position = (actor.start or 0) - ctx.offset
        best: tuple[int, str] | None = None
        own = range((actor.start or 0) - ctx.offset, (actor.end or 0) - ctx.offset)
        for token in sentence:
            mention = ctx.mentions.get(token.i)
            if mention is None or not mention.entry.country or mention.entry.kind == "role":
                continue
            if token.idx in own:
                continue  # the actor's own words ("ethnic Hungarians") do not place it
            distance = abs(token.idx - position)
            if best is None or distance < best[0]:
                best = (distance, mention.entry.country)
        country = best[1] if best else None
        rule = "context:nearest country"
    if country is None:
        return actor
    return placed_in(actor, country, rule)


def placed_in(actor: Actor, country: str, rule: str) -> Actor:
    """Give a role-only actor a country found by context; its rule says which context."""
    return dataclasses.replace(
        actor,
        country=country,
        code=f"{country}{actor.role}",
        rule=f"{actor.rule or ''} {rule}".strip(),
    )


# Roots of statements, diplomacy and verbal conflict, where a country that acts stands for its
# government ("Russia warned …", "the US demanded …"). Not protests (14: people protest), nor
# material conflict (15, 17-20: its army, police or people may be meant). Only the source is
# changed: "warned that Russia would face sanctions" is aimed at the country.
GOVERNMENT_ROOTS = frozenset(
    {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "16"}
)


# The rule of an actor the text does not name, placed in the country its sentence names
# ("traditional elders in the north demanded …" in a sentence about Nigeria).
PLACED = "context:placed"


def place_unnamed(head: Token, ctx: PhraseContext) -> Actor | None:
    """Place a noun phrase that names no known actor in the country its sentence names nearest.

    News names the country of a local group once and leaves its own words unknown to any lexicon
    ("Ibo elders", "a district administration"); the group is coded with the country alone, never
    with a role it was not given.
    """
    if not _names_a_group(head):
        return None
    words = range(head.left_edge.i, head.right_edge.i + 1)
    # what the group acts on says nothing of where it is: "hackers defaced Danish websites"
    acted_on = {t.i for c in head.head.children if c.dep_ in {"dobj", "obj"} for t in c.subtree}
    best: tuple[int, str] | None = None
    for token in head.sent:
        mention = ctx.mentions.get(token.i)
        if mention is None or not mention.entry.country or mention.entry.kind == "role":
            continue
        if token.i in acted_on:
            continue
        distance = 0 if token.i in words else abs(token.i - head.i)
        if best is None or distance < best[0]:
            best = (distance, mention.entry.country)
    if best is None:
        return None
    phrase = head.doc[head.left_edge.i : head.right_edge.i + 1]
    return Actor(
        text=phrase.text,
        code=best[1],
        country=best[1],
        start=ctx.offset + phrase.start_char,
        end=ctx.offset + phrase.end_char,
        rule=f"{PLACED} nearest country",
    )


def _names_a_group(head: Token) -> bool:
    """A plural or proper noun phrase may name a group ("tribal chiefs", "the Umma party"); a
    singular common noun is most often a thing ("a high price", "the decision")."""
    if head.tag_ in {"NNS", "NNP", "NNPS"}:
        return True
    return head.tag_ == "NN" and any(
        c.dep_ == "compound" and c.tag_ == "NNP" for c in head.children
    )


def as_government(actor: Actor | None, cameo: str) -> Actor | None:
    """Give a bare country acting in a verbal or diplomatic event the GOV role."""
    if actor is None or actor.role or actor.org or not actor.country:
        return actor
    if cameo[:2] not in GOVERNMENT_ROOTS or (actor.rule or "").startswith(PLACED):
        return actor
    return dataclasses.replace(actor, role="GOV", code=f"{actor.country}GOV")
