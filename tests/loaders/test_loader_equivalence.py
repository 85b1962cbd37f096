"""The same real resolution as clean text, DOCX, PDF, HTML and Akoma Ntoso gives the same paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

import corpus
from corpus.loaders import load_bytes, sniff
from tests.loaders.helpers import EXTS, NAMES, fixture_path, signature

CASES = [(n, e) for n in NAMES for e in EXTS]


@pytest.mark.parametrize(("name", "ext"), CASES, ids=[f"{n}.{e}" for n, e in CASES])
def test_same_paragraphs_in_every_format(name: str, ext: str, clean_docs) -> None:
    docs = corpus.load(fixture_path(name, ext))
    assert len(docs) == 1
    assert signature(docs[0]) == signature(clean_docs[name])
    assert not docs[0].unplaced


@pytest.mark.parametrize(("name", "ext"), CASES, ids=[f"{n}.{e}" for n, e in CASES])
def test_same_header_in_every_format(name: str, ext: str, clean_docs) -> None:
    (doc,) = corpus.load(fixture_path(name, ext))
    clean = clean_docs[name]
    assert (doc.symbol, doc.date, doc.organ, doc.formula, doc.closing) == (
        clean.symbol,
        clean.date,
        clean.organ,
        clean.formula,
        clean.closing,
    )


@pytest.mark.parametrize("ext", ["docx", "pdf", "html", "xml"])
def test_format_is_recognised_by_content_whatever_the_name(ext: str, tmp_path: Path, clean_docs) -> None:
    data = fixture_path("A-RES-74-29", ext).read_bytes()
    assert sniff(data, ".txt") == f".{ext}"
    (doc,) = load_bytes(data, "no-extension")
    assert signature(doc) == signature(clean_docs["A-RES-74-29"])


def test_footnote_markers_are_taken_out_in_every_format(clean_docs) -> None:
    want = [(p.id, [r.label for r in p.footnote_refs]) for p in clean_docs["A-RES-75-240"].paragraphs]
    for ext in EXTS:
        (doc,) = corpus.load(fixture_path("A-RES-75-240", ext))
        assert [(p.id, [r.label for r in p.footnote_refs]) for p in doc.paragraphs] == want, ext
