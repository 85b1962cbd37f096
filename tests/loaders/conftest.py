"""Fixtures of the loader tests: the clean-text parse of the real resolutions given in five formats."""

from __future__ import annotations

import pytest

import corpus
from tests.loaders.helpers import NAMES, STRUCTURE


@pytest.fixture(scope="session")
def clean_docs() -> dict[str, corpus.Document]:
    out = {}
    for name in NAMES:
        (doc,) = corpus.load(STRUCTURE / f"{name}.txt")
        out[name] = doc
    return out
