"""Shared fixtures: the spaCy-backed coder is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "examples" / "seed_page.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    """The coder with the bundled lexicons (loads spaCy once for the whole session)."""
    from eventwire.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled example page."""
    return SEED_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_coded(coder, seed_text):
    """The example page and its headlines, coded once: a list of CodedDocument."""
    from eventwire.ingest import read_text
    from eventwire.pipeline import CodedDocument

    document = read_text(seed_text, published="2022-01-10", origin=str(SEED_PAGE))
    results = list(coder.code([document]))
    assert all(isinstance(r, CodedDocument) for r in results)
    return results


def code_sentence_events(coder, text: str, published: str | None = None):
    """Code one short text and return its events (helper for the coder tests)."""
    from eventwire.ingest import read_text

    [result] = list(coder.code([read_text(text, published=published)]))
    return result.events


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS.append(int(exitstatus))


def pytest_unconfigure(config):
    """Leave at once once pytest has reported: daemon worker threads of the API tests may hold
    DuckDB objects, and tearing them down during interpreter finalisation can abort the process
    ("exception not rethrown") after every test has passed."""
    import os
    import sys

    if _EXIT_STATUS and not os.environ.get("EVENTWIRE_TEST_FINALIZE"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[0])
