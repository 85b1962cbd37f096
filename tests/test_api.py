"""The public library API the command line is a thin layer over (DESIGN.md, "Library")."""

from __future__ import annotations

import json

import corpus
import reports
import textdiff
from tests.conftest import DATA


def test_load_compare_render_and_serialise() -> None:
    docs = corpus.load(DATA / "structure" / "raw" / "A-RES-74-29.txt")
    assert isinstance(docs, list) and isinstance(docs[0], corpus.Document)
    new = corpus.load(DATA / "structure" / "raw" / "A-RES-75-240.txt")[0]
    comparison = textdiff.compare(docs[0], new)
    assert isinstance(comparison, textdiff.Comparison)
    page = reports.render_html(comparison)
    assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")
    data = json.loads(reports.render_json(comparison))
    assert data["schema_version"] == 1 and data["alignment"]
    assert reports.render_docx(comparison)[:2] == b"PK"
    assert "<ins>" in reports.render_markdown(comparison)


def test_public_names_are_alphabetised() -> None:
    for module in (corpus, textdiff, reports):
        assert list(module.__all__) == sorted(module.__all__), module.__name__
