"""The event lexicon: verb patterns and event nouns mapped to CAMEO codes (``data/events/*.tsv``).

``verbs.tsv`` rows are ``cameo, verb, cues, target, note``. ``cues`` are space-separated
conditions that must all hold (``obj=sanction|embargo``, ``with=force``, ``comp=sanction``,
``xcomp=meet``); the most specific matching row wins. ``cameo`` may be ``noun``: the event takes the
code of its direct object in ``nouns.tsv`` (light verbs: "hold talks", "impose sanctions").

Verb forms are matched through inflections generated here from each lemma (regular spelling rules,
plus ``irregular_verbs.tsv``), so the parser's lemmatizer is not needed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.datafiles import data_path, read_tsv
from eventwire.errors import LexiconError
from eventwire.events.cameo import load_cameo

if TYPE_CHECKING:
    from spacy.tokens import Token

VERB_COLUMNS = ("cameo", "verb", "cues", "target", "note")
NOUN_COLUMNS = ("cameo", "noun", "note")
IRREGULAR_COLUMNS = ("lemma", "past", "participle", "third", "ing")
NOUN_CODE = "noun"
MARKER_KINDS = frozenset({"modal", "verb", "adjective", "obligation"})
CUE = re.compile(r"^([a-z_]+)=([\w\-|* ]+)$")
VOWELS = frozenset("aeiou")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class VerbEntry:
    """One verb pattern: lemma (and particle), the cues it needs, its code and target slot."""

    cameo: str
    lemma: str
    particle: str | None
    cues: tuple[tuple[str, frozenset[str]], ...]
    target: str
    rule: str
    priority: int = 0

    @property
    def specificity(self) -> tuple[int, int, int]:
        """More cues (and a particle) make a more specific entry; at equal counts, listed
        values beat ``*`` ("hold obj=talk" before "noun hold obj=*")."""
        listed = sum(1 for _, values in self.cues if "*" not in values)
        # a user's lexicon folder (priority > 0) wins over the bundled rows at equal specificity
        return len(self.cues) + (1 if self.particle else 0), listed, self.priority


@dataclasses.dataclass(slots=True)
class EventLexicon:
    """Verb entries by lemma, verb forms to lemmas, and event nouns."""

    verbs: dict[str, list[VerbEntry]]
    forms: dict[str, frozenset[str]]
    nouns: dict[str, tuple[str, str]]
    intents: dict[str, str] = dataclasses.field(default_factory=dict)
    demands: dict[str, str] = dataclasses.field(default_factory=dict)
    refusals: dict[str, str] = dataclasses.field(default_factory=dict)
    markers: dict[str, str] = dataclasses.field(default_factory=dict)

    def intent_code(self, code: str) -> str:
        """Return the code of announcing ``code`` ("will visit" 042 → 036, intent.tsv)."""
        return _mapped(self.intents, code)

    def refusal_code(self, code: str) -> str | None:
        """Return the code of refusing to do ``code`` ("will not release" 0841 → 1243), or None
        when a refusal of it is no CAMEO rejection (conflictual acts)."""
        mapped = _mapped(self.refusals, code)
        return mapped if mapped != code or code[:2] == "12" else None

    def demand_code(self, code: str) -> str:
        """Return the code of demanding ``code`` of someone ("must withdraw" 0874 → 106)."""
        return _mapped(self.demands, code)

    def marker(self, word: str) -> str | None:
        """Return the kind of an intent marker (modal, verb, adjective) for a lower-case form."""
        return self.markers.get(word)

    def lemmas(self, form: str) -> frozenset[str]:
        """Return the lexicon lemmas a lower-case verb form can be."""
        return self.forms.get(form, frozenset())

    def noun(self, word: str) -> tuple[str, str] | None:
        """Return ``(cameo, rule)`` for an event noun, trying the word and then its singular."""
        word = word.lower()
        found = self.nouns.get(word)
        if found is None:
            found = self.nouns.get(singular(word))
        return found

    def noun_at(self, token: Token) -> tuple[str, str] | None:
        """Return the event noun a parsed noun is: its two-word compound first ("rocket fire",
        "air strike"), then the word alone."""
        before = token.doc[token.i - 1] if token.i > 0 else None
        # the noun before it in its own phrase ("mortar and rocket fire": "rocket")
        if before is not None and before.tag_.startswith("NN") and token.left_edge.i < token.i:
            found = self.noun(f"{before.lower_} {token.lower_}")
            if found is not None:
                return found
        return self.noun(token.lower_)


def _mapped(table: dict[str, str], code: str) -> str:
    """Map a code by the longest of its prefixes in ``table``; a mapping onto the code's own
    prefix keeps the code (demands stay demands with their leaf)."""
    for length in range(len(code), 1, -1):
        mapped = table.get(code[:length])
        if mapped is not None:
            return code if code.startswith(mapped) else mapped
    return code


def singular(word: str) -> str:
    """Return a plausible singular of a lower-case English noun ("sanctions" → "sanction")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("ses"):
        # "exercises", "responses", "cases": news nouns in -se far outnumber "buses", "gases"
        return word[:-1]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def inflect(lemma: str) -> set[str]:
    """Return the regular inflected forms of a verb (with doubled-consonant variants)."""
    forms = {lemma}
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma + "ing" if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1] + "ing")
        if lemma.endswith("ie"):
            forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
        if (
            len(lemma) >= 3
            and lemma[-1] not in VOWELS | {"w", "x", "y"}
            and lemma[-2] in VOWELS
            and lemma[-3] not in VOWELS
        ):
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return forms


def load_event_lexicon(extra_dirs: Iterable[Path] = ()) -> EventLexicon:
    """Read the bundled event lexicon, then the files of the same names in ``extra_dirs``."""
    cameo = load_cameo()
    folders = [data_path("events"), *extra_dirs]
    irregular: dict[str, set[str]] = {}
    verbs: dict[str, list[VerbEntry]] = {}
    nouns: dict[str, tuple[str, str]] = {}
    for priority, folder in enumerate(folders):
        path = folder / "irregular_verbs.tsv"
        if path.exists():
            for _, row in read_tsv(path, IRREGULAR_COLUMNS, required=2):
                known = irregular.setdefault(row["lemma"].lower(), set())
                for column in IRREGULAR_COLUMNS[1:]:
                    known.update(f.strip().lower() for f in row[column].split("|") if f.strip())
        path = folder / "verbs.tsv"
        if path.exists():
            for number, row in read_tsv(path, VERB_COLUMNS, required=2):
                entry = _verb_entry(row, f"{path.name}:{number}", cameo, priority)
                verbs.setdefault(entry.lemma, []).append(entry)
        path = folder / "nouns.tsv"
        if path.exists():
            for number, row in read_tsv(path, NOUN_COLUMNS, required=2):
                code = row["cameo"]
                if code not in cameo:
                    raise LexiconError(f"{path}:{number}: unknown CAMEO code {code!r}")
                nouns[row["noun"].lower()] = (code, f"{path.name}:{number}")
    intents: dict[str, str] = {}
    demands: dict[str, str] = {}
    refusals: dict[str, str] = {}
    markers: dict[str, str] = {}
    for folder in folders:
        for name, table in (
            ("intent.tsv", intents),
            ("demand.tsv", demands),
            ("refusal.tsv", refusals),
        ):
            path = folder / name
            if path.exists():
                for number, row in read_tsv(path, ("act", "code", "note"), required=2):
                    if row["code"] not in cameo:
                        raise LexiconError(f"{path}:{number}: unknown CAMEO code {row['code']!r}")
                    table[row["act"]] = row["code"]
        path = folder / "intent_markers.tsv"
        if path.exists():
            for number, row in read_tsv(path, ("word", "kind", "note"), required=2):
                if row["kind"] not in MARKER_KINDS:
                    raise LexiconError(
                        f"{path}:{number}: kind must be one of {', '.join(sorted(MARKER_KINDS))}"
                    )
                word = row["word"].lower()
                forms_of = {word}
                if row["kind"] == "verb":
                    forms_of |= inflect(word) | irregular.get(word, set())
                for form in forms_of:
                    markers[form] = row["kind"]
    for lemma, entries in verbs.items():
        # xcomp cues name verb lemmas; expand them once to every form the parse may show
        verbs[lemma] = sorted(
            (_with_xcomp_forms(e, irregular) for e in entries),
            key=lambda e: e.specificity,
            reverse=True,
        )
    forms: dict[str, set[str]] = {}
    for lemma in verbs:
        for form in inflect(lemma) | irregular.get(lemma, set()):
            forms.setdefault(form, set()).add(lemma)
    return EventLexicon(
        verbs=verbs,
        forms={k: frozenset(v) for k, v in forms.items()},
        nouns=nouns,
        intents=intents,
        demands=demands,
        refusals=refusals,
        markers=markers,
    )


def _with_xcomp_forms(entry: VerbEntry, irregular: dict[str, set[str]]) -> VerbEntry:
    if not any(key == "xcomp" for key, _ in entry.cues):
        return entry
    cues = tuple(
        (
            key,
            values
            if key != "xcomp" or "*" in values
            else frozenset(
                form for lemma in values for form in inflect(lemma) | irregular.get(lemma, set())
            ),
        )
        for key, values in entry.cues
    )
    return dataclasses.replace(entry, cues=cues)


def _verb_entry(
    row: dict[str, str], rule: str, cameo: Mapping[str, object], priority: int = 0
) -> VerbEntry:
    code = row["cameo"]
    if code != NOUN_CODE and code not in cameo:
        raise LexiconError(f"{rule}: unknown CAMEO code {code!r}; see data/cameo_codes.tsv")
    words = row["verb"].lower().split()
    if not 1 <= len(words) <= 2:
        raise LexiconError(f"{rule}: verb {row['verb']!r} must be a lemma, optionally a particle")
    cues = []
    for cue in row["cues"].split():
        match = CUE.match(cue)
        if not match:
            raise LexiconError(f"{rule}: cue {cue!r} is not of the form key=word|word")
        key = match.group(1)
        options = match.group(2).lower().split("|")
        # Noun cues are compared in the singular; xcomp cues are verb lemmas.
        values = frozenset(w if key == "xcomp" or w == "*" else singular(w) for w in options)
        cues.append((key, values))
    return VerbEntry(
        cameo=code,
        lemma=words[0],
        particle=words[1] if len(words) == 2 else None,
        cues=tuple(cues),
        target=row["target"].lower(),
        rule=rule,
        priority=priority,
    )
