"""Fixtures of the NLP tests: one pipeline per session, real documents of the shared corpus and the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
UNDOCS = SHARED / "corpus" / "undocs"
SEED_REPORT = SHARED / "seeds" / "000_6db899aef984dde3.txt"


@pytest.fixture(scope="session")
def nlp():
    """The default textdiff pipeline (blank English, no trained model)."""
    from nlp.pipeline import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def annotators(nlp):
    from nlp.annotate import make_annotators

    return make_annotators(nlp)


@pytest.fixture(scope="session")
def resolution():
    """``resolution("75/240")``: the General Assembly resolution A/RES/75/240 of the shared corpus."""
    import corpus

    if not UNDOCS.is_dir():
        pytest.skip(f"shared corpus not found at {UNDOCS}")
    cache: dict[str, object] = {}

    def load(number: str):
        if number not in cache:
            cache[number] = corpus.load(UNDOCS / f"A-RES-{number.replace('/', '-')}.txt")[0]
        return cache[number]

    return load


@pytest.fixture(scope="session")
def seed_drafts():
    """The documents of the seed report A/77/380 by label: "Draft resolution I", "Draft resolution II", …"""
    import corpus

    if not SEED_REPORT.is_file():
        pytest.skip(f"seed report not found at {SEED_REPORT}")
    return {d.label: d for d in corpus.load(SEED_REPORT)}
