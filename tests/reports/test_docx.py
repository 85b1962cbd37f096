"""The .docx redline: accepting all tracked changes gives the new version, rejecting all the old one, on real
pairs, hand-made split/merge/move cases and random alignments, in our reading and in LibreOffice's; bytes are
stable and the file opens."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import corpus
from corpus.errors import MissingExtraError
from corpus.model import OPERATIVE, Document, Paragraph
from reports.docx import render_docx
from tests.conftest import DATA
from textdiff.compare import Comparison, Entry, compare
from textdiff.words import diff_words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRUCTURE = DATA / "structure"
SEED = DATA / "seed" / "A-77-380.txt"
PAIRS = {
    "74-29_to_75-240": (f"{STRUCTURE}/A-RES-74-29.txt", f"{STRUCTURE}/A-RES-75-240.txt"),
    "73-266_to_74-28": (f"{STRUCTURE}/A-RES-73-266.txt", f"{STRUCTURE}/A-RES-74-28.txt"),
    "A-77-380_1_to_2": (f"{SEED}#1", f"{SEED}#2"),
}
# Each pair also read backwards: what was inserted is now deleted, so both kinds of paragraph mark are used.
CASES = [(a, b) for a, b in PAIRS.values()] + [(b, a) for a, b in PAIRS.values()]
CASE_IDS = list(PAIRS) + [f"{k}_reversed" for k in PAIRS]


def _comparison(old_spec: str, new_spec: str) -> Comparison:
    return compare(corpus.load_document(old_spec), corpus.load_document(new_spec))


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], tuple[Comparison, bytes]]:
    out = {}
    for old_spec, new_spec in CASES:
        c = _comparison(old_spec, new_spec)
        out[(old_spec, new_spec)] = (c, render_docx(c))
    return out


# --- accept all / reject all, as Word does them ------------------------------------------------------------


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    return body


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    i = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(i, child)
    parent.remove(el)


def _resolve(body: etree._Element, keep: str) -> etree._Element:
    """Accept (``keep="ins"``) or reject (``keep="del"``) every tracked change of a copy of ``body``.

    The kept kind is unwrapped (deleted text becomes ``w:t`` again); the other is dropped with its content.
    A paragraph whose mark is dropped joins the next paragraph, which keeps its own properties (Word stores
    a paragraph's formatting in its mark). Moves (``w:moveFrom``/``w:moveTo``, which LibreOffice writes when
    a deleted and an inserted text are the same) count as a deletion and an insertion.
    """
    kept = [f"{W}{keep}", f"{W}moveTo" if keep == "ins" else f"{W}moveFrom"]
    dropped = [f"{W}del", f"{W}moveFrom"] if keep == "ins" else [f"{W}ins", f"{W}moveTo"]
    body = copy.deepcopy(body)
    for el in list(
        body.iter(
            f"{W}moveFromRangeStart", f"{W}moveFromRangeEnd", f"{W}moveToRangeStart", f"{W}moveToRangeEnd"
        )
    ):
        el.getparent().remove(el)
    for el in list(body.iter(*dropped)):
        if el.getparent().tag == f"{W}p":
            el.getparent().remove(el)
    for el in list(body.iter(*kept)):
        if el.getparent().tag == f"{W}p":
            _unwrap(el)
    for t in body.iter(f"{W}delText"):
        t.tag = f"{W}t"
    for p in list(body.iterchildren(f"{W}p")):
        if any(p.find(f"{W}pPr/{W}rPr/{tag}") is not None for tag in dropped):
            following = p.getnext()
            assert following is not None and following.tag == f"{W}p", "a dropped mark needs a next paragraph"
            runs = [r for r in p if r.tag != f"{W}pPr"]
            ppr = following.find(f"{W}pPr")
            at = following.index(ppr) + 1 if ppr is not None else 0
            for r in reversed(runs):
                following.insert(at, r)
            body.remove(p)
    for mark in list(body.iter(*kept)):
        mark.getparent().remove(mark)
    assert not list(body.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"))
    assert not list(body.iter(f"{W}delText"))
    return body


def _texts(body: etree._Element) -> list[str]:
    """Paragraph texts; ``w:tab`` is a tab, ``w:br`` (a sub-paragraph's new line) is layout, not text."""
    out = []
    for p in body.iterchildren(f"{W}p"):
        parts = []
        for r in p.iter(f"{W}r"):  # runs only: w:pPr/w:tabs holds tab stops named w:tab too
            for el in r.iterchildren(f"{W}t", f"{W}tab"):
                parts.append("\t" if el.tag == f"{W}tab" else el.text or "")
        out.append("".join(parts))
    return out


def _accepted(data: bytes) -> list[str]:
    return _texts(_resolve(_body(data), "ins"))


def _rejected(data: bytes) -> list[str]:
    return _texts(_resolve(_body(data), "del"))


def _written(text: str) -> str:
    """Text as the writer must store it: line breaks become spaces, characters XML cannot hold U+FFFD."""
    text = re.sub("[\n\r\x85\u2028\u2029]", " ", text)
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]", "\ufffd", text)


def _expected(doc: Document) -> list[str]:
    """The document as paragraphs: title, formula, each paragraph (an OP as "5.<tab>text"), closing."""
    paras = [f"{p.number}.\t{p.text}" if p.kind == OPERATIVE else p.text for p in doc.paragraphs]
    lines = [doc.title, doc.formula, *paras, doc.closing]
    return [_written(s) for s in lines if s is not None and s != ""]


def _assert_view(view: list[str], doc: Document) -> None:
    expected = _expected(doc)
    # The writer may close with one empty untracked paragraph: Word cannot delete a document's last mark.
    if len(view) == len(expected) + 1 and view[-1] == "":
        view = view[:-1]
    assert view == expected


@pytest.mark.parametrize(("old_spec", "new_spec"), CASES, ids=CASE_IDS)
def test_accept_all_gives_the_new_document(rendered, old_spec: str, new_spec: str) -> None:
    c, data = rendered[(old_spec, new_spec)]
    _assert_view(_accepted(data), c.new)


@pytest.mark.parametrize(("old_spec", "new_spec"), CASES, ids=CASE_IDS)
def test_reject_all_gives_the_old_document(rendered, old_spec: str, new_spec: str) -> None:
    c, data = rendered[(old_spec, new_spec)]
    _assert_view(_rejected(data), c.old)


@pytest.mark.parametrize(("old_spec", "new_spec"), CASES, ids=CASE_IDS)
def test_tracked_change_markup(rendered, old_spec: str, new_spec: str) -> None:
    c, data = rendered[(old_spec, new_spec)]
    body = _body(data)
    changes = list(body.iter(f"{W}ins", f"{W}del"))
    assert changes, "the pairs differ, so there are tracked changes"
    ids = [ch.get(f"{W}id") for ch in changes]
    assert all(i and i.isdigit() for i in ids) and len(set(ids)) == len(ids)
    assert {ch.get(f"{W}author") for ch in changes} == {"textdiff"}
    assert {ch.get(f"{W}date") for ch in changes} == {f"{c.new.date}T00:00:00Z"}
    for t in body.iter(f"{W}delText"):
        assert t.getparent().getparent().tag == f"{W}del"
    for d in body.iter(f"{W}del"):
        assert not list(d.iter(f"{W}t")), "deleted text belongs in w:delText"
    # Every paragraph present on one side only has its mark tracked.
    marks_ins = len(body.findall(f"{W}p/{W}pPr/{W}rPr/{W}ins"))
    marks_del = len(body.findall(f"{W}p/{W}pPr/{W}rPr/{W}del"))
    assert marks_ins >= sum(e.relation == "inserted" for e in c.entries)
    assert marks_del >= sum(e.relation == "deleted" for e in c.entries)


def test_moved_and_inserted_paragraphs_on_a_real_pair(rendered) -> None:
    c, data = rendered[PAIRS["74-29_to_75-240"]]
    body = _body(data)
    moved = [e for e in c.entries if e.moved]
    assert moved, "A/RES/75/240 moves paragraphs of A/RES/74/29"
    # A moved paragraph is deleted at its old place and inserted at its new one.
    marks_ins = len(body.findall(f"{W}p/{W}pPr/{W}rPr/{W}ins"))
    marks_del = len(body.findall(f"{W}p/{W}pPr/{W}rPr/{W}del"))
    assert marks_ins == sum(e.relation == "inserted" for e in c.entries) + len(moved)
    assert marks_del == sum(e.relation == "deleted" for e in c.entries) + len(moved)


@pytest.mark.parametrize("pair", list(PAIRS))
def test_renumbered_operative_paragraphs(rendered, pair: str) -> None:
    """An OP kept in place under a new number shows the old number deleted and the new one inserted."""
    c, data = rendered[PAIRS[pair]]
    renumbered = {
        (f"{e.old.number}.", f"{e.new.number}.")
        for e in c.entries
        if e.old
        and e.new
        and not e.moved
        and e.old.kind == e.new.kind == OPERATIVE
        and e.old.number != e.new.number
        and e.relation in ("unchanged", "modified")
    }
    if pair == "74-29_to_75-240":
        assert ("3.", "5.") in renumbered
    shown = set()
    for p in _body(data).iterchildren(f"{W}p"):
        dels = ["".join(d.itertext()) for d in p.iterchildren(f"{W}del")]
        inss = ["".join(i.itertext()) for i in p.iterchildren(f"{W}ins")]
        if dels and inss:
            shown.add((dels[0], inss[0]))
    assert renumbered <= shown


def _own_texts(body: etree._Element) -> list[tuple[str | None, str, str]]:
    """Per Word paragraph: its mark ("ins", "del" or None), its text accepted and its text rejected."""
    out = []
    for p in body.iterchildren(f"{W}p"):
        mark = p.find(f"{W}pPr/{W}rPr/*")
        views = []
        for skip in ("del", "ins"):
            parts = []
            for r in p.iter(f"{W}r"):
                if r.getparent().tag != f"{W}{skip}":
                    parts += [
                        "\t" if el.tag == f"{W}tab" else el.text or ""
                        for el in r.iterchildren(f"{W}t", f"{W}delText", f"{W}tab")
                    ]
            views.append("".join(parts))
        out.append((etree.QName(mark).localname if mark is not None else None, views[0], views[1]))
    return out


@pytest.mark.parametrize("pair", list(PAIRS))
def test_document_order_follows_the_entries(rendered, pair: str) -> None:
    """New order, with each deleted paragraph where the entries put it (moved paragraphs aside)."""
    c, data = rendered[PAIRS[pair]]
    paragraphs = _own_texts(_body(data))
    used: set[int] = set()
    positions = []
    for e in c.entries:
        if e.moved:
            continue
        side = e.new or e.old
        assert side is not None
        want = _written(f"{side.number}.\t{side.text}" if side.kind == OPERATIVE else side.text)
        for i, (mark, accepted, rejected) in enumerate(paragraphs):
            if i not in used and (
                (e.new is None and mark == "del" and rejected == want)
                or (e.new is not None and mark != "del" and accepted == want)
            ):
                used.add(i)
                positions.append(i)
                break
        else:
            pytest.fail(f"no paragraph for {e.old and e.old.id} → {e.new and e.new.id}")
    assert positions == sorted(positions)


def _italic_text(p: etree._Element) -> str:
    return "".join("".join(r.itertext()) for r in p.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None)


@pytest.mark.parametrize("pair", list(PAIRS))
def test_leads_in_italics_title_bold(rendered, pair: str) -> None:
    c, data = rendered[PAIRS[pair]]
    accepted = list(_resolve(_body(data), "ins").iterchildren(f"{W}p"))
    title = accepted[0]
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in title.iter(f"{W}r"))
    assert _italic_text(accepted[1]) == "The General Assembly"
    for p, para in zip(accepted[2:], c.new.paragraphs, strict=False):
        expected = para.lead if para.lead and para.text.startswith(para.lead) else ""
        assert _italic_text(p) == expected, para.id


def test_subparagraphs_start_new_lines(rendered) -> None:
    c, data = rendered[PAIRS["73-266_to_74-28"]]
    op1 = c.new.paragraph("op1")
    assert [s.label for s in op1.subparagraphs] == ["(a)", "(b)"]
    (p,) = [
        p
        for p in _resolve(_body(data), "ins").iterchildren(f"{W}p")
        if "".join(p.itertext()).startswith("1.Calls upon Member States")
    ]
    runs = list(p.iter(f"{W}r"))
    after_breaks = [
        "".join(runs[i + 1].itertext())[:3] for i, r in enumerate(runs) if r.find(f"{W}br") is not None
    ]
    assert after_breaks == ["(a)", "(b)"]


# --- bytes, package, readers -------------------------------------------------------------------------------


def test_same_input_same_bytes(rendered) -> None:
    old_spec, new_spec = PAIRS["74-29_to_75-240"]
    _, data = rendered[(old_spec, new_spec)]
    again = render_docx(_comparison(old_spec, new_spec))
    assert again == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2020-12-31T00:00:00Z" in core and "<dc:creator>textdiff</dc:creator>" in core


def test_opens_with_python_docx(rendered) -> None:
    docx = pytest.importorskip("docx")
    c, data = rendered[PAIRS["74-29_to_75-240"]]
    d = docx.Document(io.BytesIO(data))
    assert d.core_properties.author == "textdiff"
    assert d.core_properties.title == c.new.title
    assert d.paragraphs[0].text == c.new.title
    assert len(d.paragraphs) >= len(c.new.paragraphs) + 3


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice/libreoffice) is not on PATH")
def test_libreoffice_converts_to_pdf(rendered, tmp_path: Path) -> None:
    _, data = rendered[PAIRS["74-29_to_75-240"]]
    src = tmp_path / "redline.docx"
    src.write_bytes(data)
    exe = _soffice()
    assert exe is not None
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    pdf = tmp_path / "redline.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 0
    assert pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice/libreoffice) is not on PATH")
def test_libreoffice_reads_the_same_tracked_changes(rendered, tmp_path: Path) -> None:
    """LibreOffice reads the changes into its own model and writes them back: accept and reject still hold."""
    names = {}
    for k, (old_spec, new_spec) in enumerate(CASES):
        c, data = rendered[(old_spec, new_spec)]
        (tmp_path / f"case{k}.docx").write_bytes(data)
        names[f"case{k}.docx"] = c
    exe = _soffice()
    assert exe is not None
    out = tmp_path / "out"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            *(str(tmp_path / n) for n in names),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    for name, c in names.items():
        data = (out / name).read_bytes()
        _assert_view(_accepted(data), c.new)
        _assert_view(_rejected(data), c.old)


def test_missing_python_docx_names_the_extra(monkeypatch) -> None:
    c = _comparison(*PAIRS["73-266_to_74-28"])
    monkeypatch.setitem(sys.modules, "docx", None)  # makes `import docx` raise ImportError
    with pytest.raises(MissingExtraError, match=r"textdiff\[docx\]"):
        render_docx(c)


# --- hand-made documents -------------------------------------------------------------------------------


def _doc(
    pps: list[str],
    ops: list[str],
    *,
    date: str | None = "2021-03-04",
    title: str | None = "A title",
    closing: str | None = None,
    symbol: str = "X/1",
) -> Document:
    paras = [Paragraph(f"pp{i}", "preambular", i, t.split(" ")[0] or None, t) for i, t in enumerate(pps, 1)]
    paras += [Paragraph(f"op{i}", "operative", i, t.split(" ")[0] or None, t) for i, t in enumerate(ops, 1)]
    return Document(
        symbol,
        title,
        date,
        "General Assembly",
        "resolution",
        tuple(paras),
        formula="The General Assembly,",
        closing=closing,
    )


def _entry(old: Paragraph | None, new: Paragraph | None, relation: str, moved: bool = False) -> Entry:
    edits = diff_words(old.text if old else "", new.text if new else "")
    return Entry(old, new, relation, moved, 1.0, "test", tuple(edits))


def _check_exact(c: Comparison) -> bytes:
    data = render_docx(c)
    _assert_view(_accepted(data), c.new)
    _assert_view(_rejected(data), c.old)
    return data


def test_hostile_text_is_escaped_and_replaced() -> None:
    nasty = "Notes <script>alert(\"x\")</script> & 'quotes' \u200fمرحبا\u200f \x0bvt \x00nul\ttab\nline"
    old = _doc(["Recalling the report,"], ["Decides to act."], title='<b>"Title" & co</b>')
    new = _doc(["Recalling the report,", nasty], ["Decides to act " + nasty], title='<b>"Title" & co</b>\x01')
    data = _check_exact(compare(old, new))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml and "&amp;" in xml
    assert "\x00" not in xml and "\x0b" not in xml and "\u200f" in xml
    docx = pytest.importorskip("docx")
    # python-docx's Paragraph.text skips runs inside w:ins, so read the reopened tree itself.
    body = docx.Document(io.BytesIO(data)).element.body
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iterchildren(f"{W}p")]
    assert any("<script>" in t and "\ufffdvt" in t and "\ufffdnul" in t and "\u200f" in t for t in texts)


@pytest.mark.parametrize(
    ("when", "expected"),
    [("2020-12-31", "2020-12-31T00:00:00Z"), (None, None), ("31 December 2020", None), ("2020-02-30", None)],
)
def test_document_date_drives_revision_dates(when: str | None, expected: str | None) -> None:
    old = _doc(["Recalling the report,"], ["Decides to act."], date="1999-01-01")
    new = _doc(["Recalling also the report,"], ["Decides to act now."], date=when)
    data = _check_exact(compare(old, new))
    body = _body(data)
    changes = list(body.iter(f"{W}ins", f"{W}del"))
    assert changes
    assert {ch.get(f"{W}date") for ch in changes} == {expected}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
    assert (expected or "1980-01-01T00:00:00Z") in core


def test_split_paragraph_keeps_its_shared_text_untracked() -> None:
    old = _doc(
        ["Recalling the report of the Group, and noting its conclusions,"],
        ["Decides to act.", "Requests a report."],
    )
    new = _doc(
        ["Recalling the report of the Group,", "Noting its conclusions,"],
        ["Decides to act.", "Requests a report."],
    )
    o, (n1, n2) = old.paragraphs[0], new.paragraphs[:2]
    rest = zip(old.paragraphs[1:], new.paragraphs[2:], strict=True)
    entries = (_entry(o, n1, "split"), _entry(o, n2, "split"), *(_entry(a, b, "unchanged") for a, b in rest))
    data = _check_exact(Comparison(old, new, entries))
    body = _body(data)
    # One inserted paragraph mark divides the paragraph; no paragraph is deleted and inserted whole.
    assert len(body.findall(f"{W}p/{W}pPr/{W}rPr/{W}ins")) == 1
    assert not body.findall(f"{W}p/{W}pPr/{W}rPr/{W}del")
    plain = "".join(t.text for t in body.iterchildren(f"{W}p") for t in t.findall(f"{W}r/{W}t"))
    assert "the report of the Group," in plain and "its conclusions," in plain


def test_merged_paragraphs_with_renumbering() -> None:
    pps = ["Recalling its resolutions,"]
    old = _doc(pps, ["Decides to act.", "Also decides to act quickly.", "Requests more."])
    new = _doc(pps, ["Decides to act, and to act quickly.", "Requests more."])
    (pp_o, op1_o, op2_o, op3_o), (pp_n, op1_n, op2_n) = old.paragraphs, new.paragraphs
    entries = (
        _entry(pp_o, pp_n, "unchanged"),
        _entry(op1_o, op1_n, "merged"),
        _entry(op2_o, op1_n, "merged"),
        _entry(op3_o, op2_n, "modified"),
    )
    data = _check_exact(Comparison(old, new, entries))
    body = _body(data)
    assert len(body.findall(f"{W}p/{W}pPr/{W}rPr/{W}del")) == 1
    assert not body.findall(f"{W}p/{W}pPr/{W}rPr/{W}ins")


def test_group_with_a_shared_boundary_keeps_it_untracked() -> None:
    old = _doc(["Recalling its resolutions,", "Noting the report, and welcoming it,"], ["Decides to act."])
    new = _doc(["Recalling its resolutions,", "Noting the report,", "Welcoming it,"], ["Decides to act."])
    o, n = old.paragraphs, new.paragraphs
    # An odd but possible alignment: one group holding both old and all three new paragraphs.
    entries = (
        _entry(o[0], n[0], "split"),
        _entry(o[0], n[1], "split"),
        _entry(o[1], n[1], "merged"),
        _entry(o[1], n[2], "split"),
        _entry(o[2], n[3], "unchanged"),
    )
    body = _body(_check_exact(Comparison(old, new, entries)))
    marks = [(p.find(f"{W}pPr/{W}rPr/*"), "".join(p.itertext())) for p in body.iterchildren(f"{W}p")]
    assert [etree.QName(m).localname for m, _ in marks if m is not None] == ["ins"]
    assert ("Recalling its resolutions,", None) in [(t, m) for m, t in marks]


def _joined_insertions(data: bytes) -> list[str]:
    """Untracked paragraph marks with an insertion just before and just after: LibreOffice would join them."""
    ps = list(_body(data).iterchildren(f"{W}p"))
    out = []
    for a, b in zip(ps, ps[1:], strict=False):
        if a.find(f"{W}pPr/{W}rPr/*") is not None:
            continue
        ca = [el for el in a if el.tag in (f"{W}r", f"{W}ins", f"{W}del")]
        cb = [el for el in b if el.tag in (f"{W}r", f"{W}ins", f"{W}del")]
        if ca and cb and ca[-1].tag == cb[0].tag == f"{W}ins":
            out.append("".join(a.itertext())[-30:])
    return out


@pytest.mark.parametrize(("old_spec", "new_spec"), CASES, ids=CASE_IDS)
def test_no_insertions_touch_across_a_kept_paragraph_mark(rendered, old_spec: str, new_spec: str) -> None:
    _, data = rendered[(old_spec, new_spec)]
    assert _joined_insertions(data) == []


@pytest.mark.parametrize(
    ("old_ops", "new_ops", "links"),
    [
        # A clause added at the end, then an inserted paragraph
        # (the seed's second draft: ", if appropriate,").
        (
            ["Decides to act,", "Requests more,"],
            ["Decides to act, if appropriate,", "Notes this,", "Requests more,"],
            [(0, 0), (None, 1), (1, 2)],
        ),
        # Words added at the end (no shared last character), then at the start of the next paragraph.
        (["Decides to act", "to report;"], ["Decides to act now", "to act and to report;"], [(0, 0), (1, 1)]),
        # Words added at the end (no shared last character), then new paragraphs:
        # the inserted mark moves first.
        (
            ["Decides to act", "Requests more,"],
            ["Decides to act now", "Notes this,", "Notes that,", "Requests more,"],
            [(0, 0), (None, 1), (None, 2), (1, 3)],
        ),
    ],
)
def test_insertions_slide_apart(old_ops: list[str], new_ops: list[str], links: list) -> None:
    old, new = _doc(old_ops, []), _doc(new_ops, [])
    o, n = old.paragraphs, new.paragraphs
    entries = tuple(
        _entry(o[i] if i is not None else None, n[j], "modified" if i is not None else "inserted")
        for i, j in links
    )
    assert entries[0].diff[-1].op == "insert", "the case must end its first paragraph with an insertion"
    data = _check_exact(Comparison(old, new, entries))
    assert _joined_insertions(data) == []


def test_crossing_pairs_not_flagged_as_moved_stay_exact() -> None:
    old = _doc(["Alpha one,", "Beta two,", "Gamma three,"], ["Decides to act."])
    new = _doc(["Gamma three,", "Beta two,", "Alpha one,"], ["Decides to act now."])
    o, n = old.paragraphs, new.paragraphs
    entries = (
        _entry(o[0], n[2], "unchanged"),
        _entry(o[1], n[1], "unchanged"),
        _entry(o[2], n[0], "unchanged"),
        _entry(o[3], n[3], "modified"),
    )
    _check_exact(Comparison(old, new, entries))


def test_entries_that_miss_paragraphs_or_carry_a_wrong_diff_stay_exact() -> None:
    old = _doc(["Alpha one,", "Beta two,"], ["Decides to act."])
    new = _doc(["Alpha one more,", "Delta four,"], ["Decides to act."])
    o, n = old.paragraphs, new.paragraphs
    wrong = Entry(o[0], n[0], "modified", False, 0.9, "test", tuple(diff_words("something", "else")))
    _check_exact(Comparison(old, new, (wrong, _entry(o[2], n[2], "unchanged"))))


# --- any alignment at all: accept and reject stay exact ---------------------------------------------------

_WORDS = [
    "Recalling",
    "Decides",
    "the",
    "report",
    "of",
    "States",
    "to",
    "act",
    ",",
    ";",
    "(a)",
    "&",
    "<b>",
    "\u200f",
    "\x0b",
    "\t",
    "\n",
    "quickly",
]
_TEXT = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7).map(" ".join)


# Link shapes as (old offset, new offset): a pair, a split, a merge, a chain across two boundaries.
_SHAPES = [((0, 0),), ((0, 0), (0, 1)), ((0, 0), (1, 0)), ((0, 0), (0, 1), (1, 1)), ((0, 0), (0, 1), (0, 2))]


@st.composite
def _comparisons(draw) -> Comparison:
    pps, ops = draw(st.lists(_TEXT, max_size=4)), draw(st.lists(_TEXT, max_size=4))
    old = _doc(pps, ops, closing=draw(st.sampled_from([None, "1st plenary meeting"])))
    # New texts are often old ones, whole or cut, so the diffs share text and boundaries.
    reuse = st.sampled_from(pps + ops + [_WORDS[0]]).flatmap(
        lambda t: st.sampled_from([t, t[: len(t) // 2] or t, t[len(t) // 2 :] or t])
    )
    new_text = st.one_of(_TEXT, reuse)
    new = _doc(
        draw(st.lists(new_text, max_size=4)),
        draw(st.lists(new_text, max_size=4)),
        title=draw(st.sampled_from([None, "A title", "Another title"])),
        closing=draw(st.sampled_from([None, "2nd plenary meeting"])),
    )
    o, n = old.paragraphs, new.paragraphs
    entries: list[Entry] = []
    if o and n:
        starts = st.tuples(st.integers(0, len(o) - 1), st.integers(0, len(n) - 1), st.sampled_from(_SHAPES))
        for i, j, shape in draw(st.lists(starts, max_size=5)):
            moved = draw(st.booleans())
            for di, dj in shape:
                if i + di < len(o) and j + dj < len(n):
                    relation = "unchanged" if len(shape) == 1 else draw(st.sampled_from(["split", "merged"]))
                    entries.append(_entry(o[i + di], n[j + dj], relation, moved))
    for p in o:
        if draw(st.booleans()):
            entries.append(_entry(p, None, "deleted"))
    for p in n:
        if draw(st.booleans()):
            entries.append(_entry(None, p, "inserted"))
    return Comparison(old, new, tuple(draw(st.permutations(entries))))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_comparisons())
def test_any_alignment_accepts_to_new_and_rejects_to_old(c: Comparison) -> None:
    _check_exact(c)


def test_real_pair_with_the_date_removed_has_no_revision_dates() -> None:
    c = _comparison(*PAIRS["73-266_to_74-28"])
    c = Comparison(c.old, replace(c.new, date=None), c.entries)
    body = _body(_check_exact(c))
    assert all(ch.get(f"{W}date") is None for ch in body.iter(f"{W}ins", f"{W}del"))
