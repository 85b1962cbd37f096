"""DOCX: Word's automatic numbering resolved, italic leads, tracked changes refused or resolved, hostile zips
refused before decompression."""

from __future__ import annotations

import zipfile

import pytest

import corpus
import textdiff
from corpus.errors import InputError
from corpus.loaders import docx as docx_loader
from corpus.loaders.docx import load_docx, number_label
from tests.loaders.helpers import (
    FORMATS_DIR,
    RESOLUTION,
    STRUCTURE,
    W,
    document_xml,
    forge_sizes,
    minimal_docx,
    paragraphs_xml,
    set_encrypted_flag,
    signature,
)

pytest.importorskip("docx")


def _numbered_paragraphs(fixture: str) -> list[str]:
    with zipfile.ZipFile(FORMATS_DIR / fixture) as z:
        xml = z.read("word/document.xml").decode()
    return xml.split("<w:numPr>")


def test_fixtures_use_word_automatic_numbering_and_italic_leads() -> None:
    for name in ("A-RES-70-237", "A-RES-73-27", "S-2018-257"):
        with zipfile.ZipFile(FORMATS_DIR / f"{name}.docx") as z:
            xml = z.read("word/document.xml").decode()
        assert xml.count("<w:numPr>") >= 5, name
        assert "<w:i/>" in xml
        # The numbers are not typed: Word computes them.
        assert "<w:t>1. " not in xml and '<w:t xml:space="preserve">1.\t' not in xml


@pytest.mark.parametrize("name", ["A-RES-70-237", "A-RES-73-27", "S-2018-257"])
def test_automatic_numbers_are_the_printed_numbers(name: str) -> None:
    (clean,) = corpus.load(STRUCTURE / f"{name}.txt")
    (doc,) = corpus.load(FORMATS_DIR / f"{name}.docx")
    assert [p.id for p in doc.operative] == [p.id for p in clean.operative]
    assert [s.id for p in doc.operative for s in p.subparagraphs] == [
        s.id for p in clean.operative for s in p.subparagraphs
    ]


def _numbering_docx(levels: str, body: str) -> bytes:
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
        "</w:numbering>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'numbering" Target="numbering.xml"/></Relationships>'
    )
    return minimal_docx(
        document_xml(body),
        {"word/numbering.xml": numbering.encode(), "word/_rels/document.xml.rels": rels.encode()},
    )


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _p(text: str, num: str | None = None, ilvl: int = 0) -> str:
    numpr = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    )
    return f'<w:p>{numpr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_counters_per_list_with_levels_restart_and_start_override() -> None:
    levels = _lvl(0, "decimal", "%1.") + _lvl(1, "lowerLetter", "(%2)") + _lvl(2, "lowerRoman", "(%3)")
    body = "".join(
        [
            _p("The General Assembly,"),
            _p("Recalling its resolution 1/1,"),
            _p("Decides:", "5"),
            _p("To act;", "5", 1),
            _p("To report:", "5", 1),
            _p("annually;", "5", 2),
            _p("Requests:", "5"),
            _p("a study;", "5", 1),
            _p("Also decides to remain seized of the matter.", "6"),
        ]
    )
    (doc,) = load_docx(_numbering_docx(levels, body), "n.docx")
    assert [p.id for p in doc.paragraphs] == ["pp1", "op1", "op2", "op3"]
    assert doc.paragraph("op1").text == "Decides: (a) To act; (b) To report: (i) annually;"
    assert [s.id for s in doc.paragraph("op2").subparagraphs] == ["op2_a"]


def test_number_labels() -> None:
    assert [number_label(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [number_label(n, "upperLetter") for n in (1, 26, 28)] == ["A", "Z", "BB"]


def test_italic_opening_names_a_lead_the_lexical_finder_misses() -> None:
    body = (
        paragraphs_xml("The General Assembly,", "Recalling its resolution 1/1,")
        + '<w:p><w:r><w:t xml:space="preserve">1. </w:t></w:r><w:r><w:rPr><w:i/></w:rPr>'
        '<w:t>«Exhorte»</w:t></w:r><w:r><w:t xml:space="preserve"> les États à agir.</w:t></w:r></w:p>'
    )
    (doc,) = load_docx(minimal_docx(document_xml(body)), "i.docx")
    assert doc.paragraph("op1").lead == "«Exhorte»"


# --- tracked changes -------------------------------------------------------------------------------------

PAIRS = [("A-RES-73-266", "A-RES-74-28"), ("A-RES-74-29", "A-RES-75-240"), ("S-2018-257", "S-2019-266")]


@pytest.fixture(scope="module", params=PAIRS, ids=[f"{a}→{b}" for a, b in PAIRS])
def redline(request):
    from reports.docx import render_docx

    old_name, new_name = request.param
    (old,) = corpus.load(STRUCTURE / f"{old_name}.txt")
    (new,) = corpus.load(STRUCTURE / f"{new_name}.txt")
    return old, new, render_docx(textdiff.compare(old, new))


def _without_headings(doc: corpus.Document) -> list[tuple]:
    # The redline does not print side headings.
    return [s[:-1] for s in signature(doc)]


def test_tracked_changes_are_refused_by_default(redline) -> None:
    with pytest.raises(InputError, match=r"r\.docx: has tracked changes \(\d+ insertions, \d+ deletions\)"):
        load_docx(redline[2], "r.docx")


def test_accepting_tracked_changes_gives_the_new_version(redline) -> None:
    old, new, data = redline
    (doc,) = load_docx(data, "r.docx", tracked="accept")
    assert _without_headings(doc) == _without_headings(new)


def test_rejecting_tracked_changes_gives_the_old_version(redline) -> None:
    old, new, data = redline
    (doc,) = load_docx(data, "r.docx", tracked="reject")
    assert _without_headings(doc) == _without_headings(old)


def test_module_option_accepts_tracked_changes(redline, monkeypatch) -> None:
    monkeypatch.setattr(docx_loader, "TRACKED_CHANGES", "accept")
    (doc,) = corpus.loaders.load_bytes(redline[2], "r.docx")
    assert _without_headings(doc) == _without_headings(redline[1])


def test_a_file_without_tracked_changes_reads_the_same_in_every_mode() -> None:
    data = (FORMATS_DIR / "A-RES-74-29.docx").read_bytes()
    sigs = {tuple(signature(load_docx(data, "x.docx", tracked=m)[0])) for m in ("refuse", "accept", "reject")}
    assert len(sigs) == 1


# --- hostile and broken files ------------------------------------------------------------------------------


def test_minimal_docx_reads() -> None:
    (doc,) = load_docx(minimal_docx(document_xml(paragraphs_xml(*RESOLUTION))), "m.docx")
    assert [p.id for p in doc.paragraphs] == ["pp1", "op1"]


def _no_decompression(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a member was decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)


def test_zip_bomb_is_refused_before_decompression(monkeypatch) -> None:
    bomb = minimal_docx(document_xml(paragraphs_xml(*RESOLUTION)), {"word/media/bomb.bin": bytes(64 << 20)})
    assert len(bomb) < 200_000
    _no_decompression(monkeypatch)
    with pytest.raises(
        InputError, match=r"bomb\.docx: would expand to 67 MB .*compression ratio \d+:1.*zip bomb"
    ):
        load_docx(bomb, "bomb.docx")


def test_declared_size_over_the_limit_is_refused_before_decompression(monkeypatch) -> None:
    data = forge_sizes(
        minimal_docx(document_xml(paragraphs_xml(*RESOLUTION))), "word/document.xml", 3_000_000_000
    )
    _no_decompression(monkeypatch)
    with pytest.raises(InputError, match=r"would expand to 3000 MB"):
        load_docx(data, "forged.docx")


def test_too_many_members_is_refused(monkeypatch) -> None:
    extra = {f"word/media/{i}.bin": b"" for i in range(docx_loader.MAX_MEMBERS + 1)}
    data = minimal_docx(document_xml(paragraphs_xml(*RESOLUTION)), extra)
    _no_decompression(monkeypatch)
    with pytest.raises(InputError, match=r"zip members"):
        load_docx(data, "many.docx")


def test_encrypted_members_are_refused() -> None:
    data = set_encrypted_flag(minimal_docx(document_xml(paragraphs_xml(*RESOLUTION))))
    with pytest.raises(InputError, match=r"enc\.docx: is encrypted"):
        load_docx(data, "enc.docx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, r"is not a valid \.docx: the zip container is damaged"),
        (b"not a zip at all", r"is not a valid \.docx"),
    ],
)
def test_not_a_zip_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_docx(data, "bad.docx")


def test_truncated_docx_is_refused() -> None:
    data = (FORMATS_DIR / "A-RES-74-29.docx").read_bytes()
    with pytest.raises(InputError, match=r"cut\.docx: is not a valid \.docx"):
        load_docx(data[: len(data) // 2], "cut.docx")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "xxe"],
)
def test_entity_declarations_in_a_part_are_refused(prolog: str) -> None:
    data = minimal_docx(document_xml(paragraphs_xml("The General Assembly,", "1. &b; &xxe;"), prolog))
    with pytest.raises(InputError, match=r"x\.docx: declares XML entities"):
        load_docx(data, "x.docx")


def test_a_doctype_in_a_part_is_refused() -> None:
    data = minimal_docx(
        document_xml(paragraphs_xml(*RESOLUTION), '<!DOCTYPE w:document SYSTEM "http://x/y">')
    )
    with pytest.raises(InputError, match=r"has a document type declaration"):
        load_docx(data, "x.docx")


def test_opendocument_and_other_zips_are_named() -> None:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match=r"is a zip archive but not a Word \.docx"):
        corpus.loaders.load_bytes(out.getvalue(), "r.odt")
    with pytest.raises(InputError, match=r"is an OpenDocument file, not a Word \.docx"):
        load_docx(out.getvalue(), "r.docx")


def test_legacy_doc_and_encrypted_office_files_are_named() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(InputError, match=r"x\.docx: is a legacy Word \.doc file or a password-protected"):
        corpus.loaders.load_bytes(ole, "x.docx")


def test_missing_python_docx_names_the_extra(monkeypatch) -> None:
    import sys

    from corpus.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match=r"reading \.docx needs: pip install 'textdiff\[docx\]'"):
        load_docx(minimal_docx(document_xml(paragraphs_xml(*RESOLUTION))), "m.docx")
