"""The structure parser on real documents: gold counts and leads, raw = clean, the seed, the whole corpus."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import corpus
from corpus.layout import norm_space
from corpus.loaders.text import load_text
from tests.conftest import DATA

STRUCTURE = DATA / "structure"
GOLD = list(
    csv.DictReader((STRUCTURE / "structure.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t")
)
RAW = {p.name for p in (STRUCTURE / "raw").glob("*.txt")}

# Page furniture that must never reach a paragraph's text.
FURNITURE = re.compile(
    r"\b\d{2}-\d{5}\b|\*\d{7,}\*|Please recycle|_{5}|(?<![\d/])\d/\d(?![\d/])|"
    r"\bA/RES/\d+/\d+\b(?! of)"
)


def _summary(doc: corpus.Document) -> tuple:
    pps, ops = doc.preambular, doc.operative
    return (
        len(pps),
        len(ops),
        pps[0].lead if pps else None,
        ops[0].lead if ops else None,
        ops[-1].number if ops else None,
    )


def _expected(row: dict[str, str]) -> tuple:
    return (
        int(row["pp_count"]),
        int(row["op_count"]),
        row["first_pp_lead"],
        row["first_op_lead"],
        int(row["last_op_number"]),
    )


@pytest.mark.parametrize("row", GOLD, ids=[r["file"] for r in GOLD])
def test_gold_structure_clean(row: dict[str, str]) -> None:
    (doc,) = corpus.load(STRUCTURE / row["file"])
    assert _summary(doc) == _expected(row)


@pytest.mark.parametrize("name", sorted(RAW))
def test_gold_structure_raw_and_same_paragraphs_as_clean(name: str) -> None:
    row = next(r for r in GOLD if r["file"] == name)
    (raw,) = corpus.load(STRUCTURE / "raw" / name)
    (clean,) = corpus.load(STRUCTURE / name)
    assert _summary(raw) == _expected(row)
    assert [p.id for p in raw.paragraphs] == [p.id for p in clean.paragraphs]
    for a, b in zip(raw.paragraphs, clean.paragraphs, strict=True):
        assert norm_space(a.text) == norm_space(b.text), a.id
        assert a.lead == b.lead
    assert raw.title == clean.title
    assert raw.date == clean.date


def test_raw_header_metadata() -> None:
    (doc,) = corpus.load(STRUCTURE / "raw" / "A-RES-75-240.txt")
    assert doc.symbol == "A/RES/75/240"
    assert doc.date == "2020-12-31"  # adoption date, not the distribution date (4 January 2021)
    assert doc.kind == "resolution"
    assert doc.organ == "General Assembly"
    assert doc.session == "75"
    assert doc.agenda_item == "98"
    assert doc.title == (
        "Developments in the field of information and telecommunications in the context of "
        "international security"
    )
    assert doc.formula == "The General Assembly,"
    assert doc.closing == "48th (resumed) plenary meeting 31 December 2020"
    assert not doc.unplaced


def test_raw_repairs_split_words_and_keeps_source() -> None:
    (doc,) = corpus.load(STRUCTURE / "raw" / "A-RES-75-240.txt")
    pp6 = doc.paragraph("pp6")
    # "in ternational" in the PDF extraction.
    assert "essential for international security," in pp6.text
    assert "in ternational" in pp6.source_text
    pp15 = doc.paragraph("pp15")
    # "Openended" lost its line-end hyphen; the document spells "Open-ended" elsewhere.
    assert "process of the Open-ended Working Group" in pp15.text
    assert "Openended" in pp15.source_text
    # "2021 –2025" and "202 1": a space before a dash and inside a year.
    op3 = doc.paragraph("op3")
    assert "2021–2025 shall start" in op3.text and "session in 2021 in order" in op3.text


def test_footnote_markers_are_taken_out_and_footnotes_attached() -> None:
    (doc,) = corpus.load(STRUCTURE / "raw" / "A-RES-75-240.txt")
    pp17 = doc.paragraph("pp17")
    assert "in its 2015 report, identified as of central importance" in pp17.text
    assert [r.label for r in pp17.footnote_refs] == ["1"]
    ref = pp17.footnote_refs[0]
    assert pp17.text[: ref.offset].endswith("2015 report,")
    pp18 = doc.paragraph("pp18")
    assert "in its 2013 and 2015 reports" in pp18.text
    assert [r.label for r in pp18.footnote_refs] == ["2"]
    notes = {f.label: f.text for f in doc.footnotes}
    assert notes["1"] == "A/70/174."
    assert "A/68/98" in notes["2"]


def test_subparagraphs_have_ids_and_stay_in_the_paragraph_text() -> None:
    (doc,) = corpus.load(STRUCTURE / "A-RES-70-237.txt")
    op2 = doc.paragraph("op2")
    assert op2.lead == "Calls upon"
    assert [s.id for s in op2.subparagraphs] == ["op2_a", "op2_b"]
    assert [s.label for s in op2.subparagraphs] == ["(a)", "(b)"]
    assert op2.subparagraphs[0].text.startswith("To be guided in their use of information")
    assert "(a) To be guided" in op2.text


def test_security_council_side_headings_are_not_paragraphs() -> None:
    (doc,) = corpus.load(STRUCTURE / "S-2018-257.txt")
    assert doc.organ == "Security Council"
    assert doc.paragraph("op1").heading == "UNSOM"
    assert doc.paragraph("op11").heading == "Somalia"
    assert all(p.text not in ("UNSOM", "Somalia") for p in doc.paragraphs)
    assert not doc.unplaced


def test_leads() -> None:
    (doc,) = corpus.load(STRUCTURE / "A-RES-70-237.txt")
    leads = [p.lead for p in doc.paragraphs]
    assert "Recalling also" in leads
    assert "Bearing in mind" in leads
    assert "Taking note of" in leads
    (sc,) = corpus.load(STRUCTURE / "S-2018-257.txt")
    assert sc.paragraph("pp3").lead == "Strongly condemning"
    assert sc.paragraph("pp4").lead == "Paying tribute to"


def test_seed_yields_two_drafts_and_a_decision(seed_docs) -> None:
    assert [(d.label, d.kind) for d in seed_docs] == [
        ("Draft resolution I", "draft resolution"),
        ("Draft resolution II", "draft resolution"),
        ("Draft decision", "draft decision"),
    ]
    one, two, decision = seed_docs
    assert (len(one.preambular), len(one.operative)) == (8, 7)
    assert (len(two.preambular), len(two.operative)) == (25, 5)
    assert one.paragraph("op1").lead == "Supports"  # italic *Supports* in the markdown
    assert "[" not in one.paragraph("op1").text and "*" not in one.paragraph("op1").text
    assert one.date == "2022-11-14" and one.session == "77" and one.agenda_item == "94"
    assert [f.text for f in one.footnotes] == ["A/77/275.", "A/AC.292/2022/INF/4."]
    # A paragraph broken by a page break in the conversion is joined again.
    op4 = two.paragraph("op4")
    assert "to collaborate with relevant regional organizations" in op4.text
    assert decision.title.startswith("Open-ended working group on security of and in the use")
    assert [p.id for p in decision.operative] == ["op_a", "op_b"]
    assert decision.operative[0].lead == "Decides"


def test_address_documents_by_position_and_label() -> None:
    from tests.conftest import SEED

    assert corpus.load_document(f"{SEED}#2").label == "Draft resolution II"
    assert corpus.load_document(f'{SEED}#"draft resolution ii"').label == "Draft resolution II"
    with pytest.raises(corpus.InputError, match="holds 3 documents"):
        corpus.load_document(str(SEED))
    with pytest.raises(corpus.InputError, match="no document #9"):
        corpus.load_document(f"{SEED}#9")


def _corpus_files(shared: Path) -> list[Path]:
    files = [p for p in (shared / "corpus").rglob("*") if p.suffix in (".txt", ".md")]
    return sorted(p for p in files if p.name not in ("README.md", "SOURCES.md"))


def test_every_shared_file_parses_cleanly(shared: Path) -> None:
    problems = []
    files = _corpus_files(shared) + [shared / "seeds" / "000_6db899aef984dde3.txt"]
    assert len(files) > 180
    for f in files:
        for doc in corpus.load(f):
            where = f"{f.name}#{doc.position}"
            if doc.unplaced:
                problems.append(f"{where}: unplaced {[u.text[:40] for u in doc.unplaced]}")
            if not doc.operative:
                problems.append(f"{where}: no operative paragraph")
            numbers = [p.number for p in doc.operative if p.id[2:].isdigit()]
            if numbers != list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False:
                problems.append(f"{where}: operative numbers {numbers}")
            for p in doc.paragraphs:
                m = FURNITURE.search(p.text)
                if m:
                    problems.append(f"{where} {p.id}: furniture {m.group(0)!r}")
                if not p.text:
                    problems.append(f"{where} {p.id}: empty")
    assert problems == []


def test_raw_undocs_resolutions_have_metadata(shared: Path) -> None:
    rows = (shared / "corpus/undocs/index.tsv").read_text(encoding="utf-8").splitlines()
    index = {r["file"]: r for r in csv.DictReader(rows, delimiter="\t")}
    wrong = []
    for name, row in sorted(index.items()):
        (doc,) = corpus.load(shared / "corpus/undocs" / name)
        got = (doc.symbol, doc.date, doc.title)
        want = (row["symbol"], row["date"], row["title"])
        if got != want:
            wrong.append((name, got, want))
    assert wrong == []


# A mandate in the form Security Council resolutions give it: roman items under lettered ones.
MANDATE = """The Security Council,

Recalling its previous resolutions on Somalia,

1. Decides that the mandate of the Mission shall be as follows:
(a) To provide the Federal Government of Somalia with strategic policy advice on:
(i) Peacebuilding and State-building;
(ii) Security sector reform;
(b) To monitor, investigate and report to the Council on:
(i) Any abuses or violations of human rights;
(ii) Any violations of international humanitarian law;
(c) To coordinate with the United Nations country team;

2. Decides to remain actively seized of the matter.
"""


def test_roman_items_under_lettered_items_have_unique_nested_ids() -> None:
    (doc,) = load_mandate()
    op1 = doc.paragraph("op1")
    ids = [s.id for s in op1.subparagraphs]
    assert ids == ["op1_a", "op1_a_i", "op1_a_ii", "op1_b", "op1_b_i", "op1_b_ii", "op1_c"]
    assert [s.label for s in op1.subparagraphs] == ["(a)", "(i)", "(ii)", "(b)", "(i)", "(ii)", "(c)"]
    assert op1.subparagraphs[1].text == "Peacebuilding and State-building;"
    assert op1.subparagraphs[4].text == "Any abuses or violations of human rights;"
    assert op1.subparagraphs[3].text.startswith("To monitor, investigate")
    assert not doc.unplaced


def test_letter_i_follows_letter_h_and_roman_i_opens_a_list_under_h() -> None:
    items = "".join(f"({c}) Item {c};\n" for c in "abcdefgh")
    letters = f"The General Assembly,\n\n1. Requests:\n{items}(i) Item i;\n(j) Item j.\n"
    romans = f"The General Assembly,\n\n1. Requests:\n{items}(i) Sub one;\n(ii) Sub two;\n(i) Item i.\n"
    (doc,) = load_mandate(letters)
    assert [s.id for s in doc.paragraph("op1").subparagraphs][-3:] == ["op1_h", "op1_i", "op1_j"]
    (doc,) = load_mandate(romans)
    ids = [s.id for s in doc.paragraph("op1").subparagraphs]
    assert ids[-4:] == ["op1_h", "op1_h_i", "op1_h_ii", "op1_i"]


def load_mandate(text: str = MANDATE) -> list[corpus.Document]:
    return load_text(text, "mandate.txt")
