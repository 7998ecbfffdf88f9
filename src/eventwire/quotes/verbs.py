"""Speech verbs (``data/quotes/speech_verbs.tsv``): every form, and whether it reports speech."""

from __future__ import annotations

import dataclasses
import functools

from eventwire.datafiles import data_path, read_tsv
from eventwire.errors import LexiconError

SPEECH_VERBS_FILE = "quotes/speech_verbs.tsv"
COLUMNS = ("verb", "forms", "indirect", "note")


@dataclasses.dataclass(frozen=True, slots=True)
class SpeechVerbs:
    """Lower-case verb forms → base form; the base forms that report indirect speech."""

    forms: dict[str, str]
    indirect: frozenset[str]

    def lemma(self, form: str) -> str | None:
        """Return the base form of a speech verb form, or None for any other word."""
        return self.forms.get(form.lower())


@functools.cache
def load_speech_verbs() -> SpeechVerbs:
    """Read the bundled speech verb list (once per process)."""
    path = data_path(SPEECH_VERBS_FILE)
    forms: dict[str, str] = {}
    indirect: set[str] = set()
    for number, row in read_tsv(path, COLUMNS, required=3):
        verb = row["verb"].lower()
        if row["indirect"] not in {"yes", "no"}:
            raise LexiconError(f"{path}:{number}: indirect must be 'yes' or 'no'")
        for form in [verb, *row["forms"].lower().split("|")]:
            if form.strip():
                forms[form.strip()] = verb
        if row["indirect"] == "yes":
            indirect.add(verb)
    return SpeechVerbs(forms=forms, indirect=frozenset(indirect))
