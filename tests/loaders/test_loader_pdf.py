"""PDF: the layout text rejoined into paragraphs; truncated, encrypted, image-only and bomb PDFs refused with
a clear message."""

from __future__ import annotations

import io
import re
import sys
import zlib

import pytest

import corpus
from corpus.errors import InputError, MissingExtraError
from corpus.loaders.pdf import load_pdf, rejoin_lines
from tests.loaders.helpers import FORMATS_DIR

pypdf = pytest.importorskip("pypdf")

FIXTURE = FORMATS_DIR / "A-RES-74-29.pdf"


def _rewrite(**kw) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(FIXTURE))
    for key, value in kw.items():
        getattr(writer, key)(**value)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_page_furniture_is_gone() -> None:
    (doc,) = corpus.load(FIXTURE)
    text = " ".join(p.text for p in doc.paragraphs)
    assert "A/RES/74/29" not in text
    assert not re.search(r"(?<![\d/])\d/\d(?![\d/])", text)  # page numbers "2/3"
    assert len(pypdf.PdfReader(FIXTURE).pages) >= 2


def test_wrapped_lines_are_rejoined_and_hyphens_kept() -> None:
    page = [
        "      Recalling the treaties establishing nuclear-",
        "weapon-free zones and the protocols to them, and the",
        "declarations,",
        "      Noting the short line",
        "      1. Decides to act.",
    ]
    assert rejoin_lines(page) == [
        "Recalling the treaties establishing nuclear-weapon-free zones and the protocols to them, and the "
        "declarations,",
        "Noting the short line",
        "1. Decides to act.",
    ]


def test_truncated_pdf_is_refused() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(InputError, match=r"cut\.pdf: is truncated: the PDF has no end-of-file marker"):
        load_pdf(data[: len(data) // 2], "cut.pdf")


def test_pdf_cut_inside_its_objects_is_refused() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(InputError, match=r"cut\.pdf: "):
        load_pdf(data[: len(data) // 3] + b"\n%%EOF\n", "cut.pdf")


def test_password_protected_pdf_is_refused() -> None:
    data = _rewrite(encrypt={"user_password": "secret", "owner_password": "owner", "algorithm": "RC4-128"})
    with pytest.raises(InputError, match=r"locked\.pdf: is encrypted with a password\. To fix: "):
        load_pdf(data, "locked.pdf")


def test_pdf_encrypted_with_an_empty_user_password_is_read() -> None:
    data = _rewrite(encrypt={"user_password": "", "owner_password": "owner", "algorithm": "RC4-128"})
    (doc,) = load_pdf(data, "rights.pdf")
    assert [p.id for p in doc.operative] == ["op1", "op2", "op3"]


def test_pdf_without_text_is_refused() -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError, match=r"scan\.pdf: has no text layer"):
        load_pdf(out.getvalue(), "scan.pdf")


def test_compression_bomb_in_a_content_stream_is_refused() -> None:
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = pypdf.generic.StreamObject()
    stream[pypdf.generic.NameObject("/Filter")] = pypdf.generic.NameObject("/FlateDecode")
    # 48 MB of drawing operators in 75 kB: past the 32 MB one stream may expand to.
    stream._data = zlib.compress(b"0 0 m " * (8 << 20), 9)
    page[pypdf.generic.NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    assert len(out.getvalue()) < 200_000
    with pytest.raises(
        InputError, match=r"bomb\.pdf: holds a stream that expands past 32 MB.*compression bomb"
    ):
        load_pdf(out.getvalue(), "bomb.pdf")


def test_not_a_pdf() -> None:
    with pytest.raises(InputError, match=r"x\.pdf: is not a PDF"):
        load_pdf(b"hello", "x.pdf")


def test_missing_pypdf_names_the_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(MissingExtraError, match=r"reading \.pdf needs: pip install 'textdiff\[pdf\]'"):
        load_pdf(FIXTURE.read_bytes(), "x.pdf")
