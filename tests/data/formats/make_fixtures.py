"""Build the DOCX, PDF, HTML and Akoma Ntoso fixtures of `tests/loaders` from the clean paragraph files of
real resolutions in `tests/data/structure/` (the fifth format, plain text, is those files themselves).

Run from the project root: ``python tests/data/formats/make_fixtures.py``. Needs python-docx, reportlab and
lxml; the output is deterministic, so the diff of a re-run is reviewable.
"""

# Steps: read each clean file as blocks (one paragraph per block) → classify blocks (header, formula,
# preambular, operative "7.", sub-item "(a)"/"1.1.", side heading, closing) → DOCX with italic leads (and for
# some, Word automatic numbering instead of typed numbers) → PDF laid out like a UN document (indented first
# lines, running symbol, page numbers) → HTML (a Word-like page with script and style, some with <ol>) →
# Akoma Ntoso (AKN4UN) written here with lxml, independently of `reports.akn`.

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

import corpus  # noqa: E402
from corpus.leads import find_lead  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCE = ROOT / "tests" / "data" / "structure"
NAMES = ["A-RES-70-237", "A-RES-73-27", "A-RES-74-29", "A-RES-75-240", "S-2018-257"]
# Which fixtures number their operative paragraphs with Word lists / <ol> instead of typed numbers.
AUTO_NUMBERED = {"A-RES-70-237", "A-RES-73-27", "S-2018-257"}

OP = re.compile(r"^(\d{1,3})\.\s+(.*)$")
SUB = re.compile(r"^(\(([a-z]{1,3})\)|(\d{1,2})\.(\d{1,2})\.)\s+(.*)$")
FORMULA = re.compile(r"^The (General Assembly|Security Council),$")
CLOSING = re.compile(r"^\d+\w* (\(resumed\) )?plenary meeting|^Adopted by the Security Council")


def blocks(name: str) -> list[tuple[str, str]]:
    """(kind, text) of each block: head, formula, pp, op, sub, heading, closing."""
    text = (SOURCE / f"{name}.txt").read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    state = "head"
    for b in (b.strip() for b in text.split("\n\n")):
        if not b:
            continue
        b = " ".join(b.split())
        if FORMULA.match(b):
            out.append(("formula", b))
            state = "body"
        elif state == "head":
            out.append(("head", b))
        elif CLOSING.match(b):
            out.append(("closing", b))
        elif SUB.match(b) and state == "ops":
            out.append(("sub", b))
        elif OP.match(b):
            out.append(("op", b))
            state = "ops"
        elif len(b) < 40 and not b.endswith((",", ";", ".")):
            out.append(("heading", b))
        else:
            out.append(("pp", b))
    return out


def split_lead(text: str) -> tuple[str, str]:
    lead = find_lead(text) or ""
    return lead, text[len(lead) :]


# --- DOCX ---------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _numbering(document) -> str:
    """Add one list definition and return its numId: level 0 "1.", level 1 "(a)", level 2 "1.1." (legal)."""
    numbering = document.part.numbering_part.element
    abstract = etree.SubElement(numbering, _w("abstractNum"))
    abstract.set(_w("abstractNumId"), "90")
    levels = [("decimal", "%1.", False), ("lowerLetter", "(%2)", False), ("lowerRoman", "%1.%3.", True)]
    for ilvl, (fmt, text, legal) in enumerate(levels):
        lvl = etree.SubElement(abstract, _w("lvl"))
        lvl.set(_w("ilvl"), str(ilvl))
        etree.SubElement(lvl, _w("start")).set(_w("val"), "1")
        etree.SubElement(lvl, _w("numFmt")).set(_w("val"), fmt)
        if legal:
            # Legal numbering shows every level as a decimal, whatever its own format says.
            etree.SubElement(lvl, _w("isLgl"))
        etree.SubElement(lvl, _w("lvlText")).set(_w("val"), text)
    # w:num elements must follow every w:abstractNum.
    num = etree.SubElement(numbering, _w("num"))
    num.set(_w("numId"), "90")
    etree.SubElement(num, _w("abstractNumId")).set(_w("val"), "90")
    return "90"


def make_docx(name: str) -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.shared import Pt

    document = docx.Document()
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            rels.pop(rid)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(10)
    auto = name in AUTO_NUMBERED
    num_id = _numbering(document) if auto else None
    for i, (kind, text) in enumerate(blocks(name)):
        p = document.add_paragraph()
        if kind in ("op", "sub") and auto:
            label_m = OP.match(text) if kind == "op" else SUB.match(text)
            assert label_m is not None
            text = label_m.group(2) if kind == "op" else label_m.group(5)
            ppr = p._p.get_or_add_pPr()
            numpr = etree.SubElement(ppr, _w("numPr"))
            level = "0" if kind == "op" else "1" if label_m.group(2) else "2"
            etree.SubElement(numpr, _w("ilvl")).set(_w("val"), level)
            etree.SubElement(numpr, _w("numId")).set(_w("val"), num_id)
        prefix = ""
        if kind == "op" and not auto:
            m = OP.match(text)
            prefix, text = f"{m.group(1)}.\t", m.group(2)
        if prefix:
            p.add_run(prefix)
        if kind in ("pp", "op"):
            lead, rest = split_lead(text)
            if lead:
                p.add_run(lead).italic = True
            # Word splits runs at arbitrary places (spell-check, revision ids): so does this fixture.
            cut = rest.find(" ", len(rest) // 2)
            if cut > 0 and i % 2:
                p.add_run(rest[:cut])
                p._p.append(etree.Element(_w("proofErr")))
                p.add_run(rest[cut:])
            else:
                p.add_run(rest)
        elif kind == "formula":
            p.add_run(text).italic = True
        else:
            p.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return _repack(out.getvalue())


def _repack(data: bytes) -> bytes:
    """The same zip with fixed entry times, so a re-run gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------------------


def make_pdf(name: str) -> bytes:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    base = ParagraphStyle("base", fontName="Times-Roman", fontSize=10, leading=12, spaceAfter=4)
    styles = {
        "head": ParagraphStyle("head", base, alignment=TA_CENTER, fontName="Times-Bold"),
        "formula": ParagraphStyle("formula", base, firstLineIndent=28),
        "pp": ParagraphStyle("pp", base, firstLineIndent=28, alignment=TA_JUSTIFY),
        "op": ParagraphStyle("op", base, firstLineIndent=28, alignment=TA_JUSTIFY),
        "sub": ParagraphStyle("sub", base, firstLineIndent=56, alignment=TA_JUSTIFY),
        "heading": ParagraphStyle("heading", base, fontName="Times-Bold", firstLineIndent=28),
        "closing": ParagraphStyle("closing", base, alignment=TA_RIGHT, spaceBefore=12),
    }
    bl = blocks(name)
    symbol = bl[0][1] if bl and re.match(r"^[AS]/", bl[0][1]) else ""

    def story():
        out = []
        for kind, text in bl:
            body = escape(text)
            if kind in ("pp", "op"):
                m = OP.match(text) if kind == "op" else None
                number, rest = (f"{m.group(1)}. ", m.group(2)) if m else ("", text)
                lead, tail = split_lead(rest)
                body = escape(number) + (f"<i>{escape(lead)}</i>" if lead else "") + escape(tail)
            out.append(Paragraph(body, styles[kind]))
        return out

    def build(total: int) -> tuple[bytes, int]:
        pages = [0]

        def furniture(canvas, doc) -> None:
            pages[0] = doc.page
            canvas.saveState()
            canvas.setFont("Times-Roman", 8)
            if doc.page > 1 and symbol:
                canvas.drawString(72, A4[1] - 40, symbol)
            canvas.drawRightString(A4[0] - 72, 30, f"{doc.page}/{total}")
            canvas.restoreState()

        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf, pagesize=A4, title=name, author="United Nations", creator="textdiff tests", invariant=1
        )
        doc.build(story(), onFirstPage=furniture, onLaterPages=furniture)
        return buf.getvalue(), pages[0]

    _, total = build(0)
    data, _ = build(total)
    return data


# --- HTML ---------------------------------------------------------------------------------------------


def make_html(name: str) -> bytes:
    auto = name in AUTO_NUMBERED
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(name)}</title>",
        "<style>p.MsoNormal{margin:0 0 6pt 0} .pp{text-indent:1cm}</style>",
        '<script>document.write("<p>Recalling that scripts never run,</p>");</script>',
        "</head><body>",
        "<!-- saved from a word processor -->",
        '<div class="WordSection1">',
    ]
    in_ol = in_sub = False
    for kind, text in blocks(name):
        if auto and kind == "sub" and not SUB.match(text).group(2):
            # "1.1." items: no list type prints them, so they stay typed paragraphs inside the item.
            parts.append(f"<p>{escape(text)}</p>")
            continue
        if auto and kind == "sub":
            if not in_sub:
                parts.append('<ol type="a">')
                in_sub = True
            parts.append(f"<li>{escape(SUB.match(text).group(5))}</li>")
            continue
        if in_sub:
            parts.append("</ol></li>")
            in_sub = False
        elif in_ol and kind == "op":
            parts.append("</li>")
        if auto and kind == "op":
            m = OP.match(text)
            if not in_ol:
                parts.append(f'<ol start="{m.group(1)}">')
                in_ol = True
            lead, rest = split_lead(m.group(2))
            parts.append(f"<li><i>{escape(lead)}</i>{escape(rest)}")
            continue
        if in_ol:
            parts.append("</li></ol>" if not parts[-1].endswith("</ol></li>") else "</ol>")
            in_ol = False
        if kind in ("pp", "op"):
            m = OP.match(text) if kind == "op" else None
            number, rest = (f"{m.group(1)}.&#160;&#160;", m.group(2)) if m else ("", text)
            lead, tail = split_lead(rest)
            parts.append(
                f'<p class="MsoNormal pp">{number}<span style="font-style:italic">{escape(lead)}</span>'
                f"<span>{escape(tail)}</span></p>"
            )
        elif kind == "head":
            parts.append(f'<p class="MsoNormal" align="center"><b>{escape(text)}</b></p>')
        else:
            parts.append(f'<p class="MsoNormal">{escape(text)}</p>')
    if in_sub:
        parts.append("</ol></li>")
    if in_ol:
        parts.append("</ol>")
    parts += ["</div>", '<script src="analytics.js"></script>', "</body></html>", ""]
    return "\n".join(parts).encode("utf-8")


# --- Akoma Ntoso ----------------------------------------------------------------------------------------

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _a(parent, tag: str, text: str | None = None, **attrs: str):
    el = etree.SubElement(parent, f"{{{AKN}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _inline(parent, text: str, refs, start: int, lead: str = "") -> None:
    """Text with footnotes (``refs``: (offset, label) within the whole paragraph, ``start`` this part's)."""
    pos = 0
    last = None
    end = start + len(text)
    cuts = [(o - start, lab) for o, lab in refs if start <= o <= end]
    if lead and text.startswith(lead):
        _a(parent, "i", lead)
        last, pos = parent[-1], len(lead)
    for off, lab in cuts:
        piece = text[pos:off]
        if last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
        last = _a(parent, "authorialNote", marker=lab, placement="bottom")
        _a(last, "p", f"Footnote {lab}.")
        pos = off
    piece = text[pos:]
    if last is None:
        parent.text = (parent.text or "") + piece
    else:
        last.tail = (last.tail or "") + piece


def make_akn(name: str) -> bytes:
    (doc,) = corpus.load(SOURCE / f"{name}.txt")
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN})
    st = _a(root, "statement", name="resolution")
    meta = _a(st, "meta")
    ident = _a(meta, "identification", source="#un")
    work = _a(ident, "FRBRWork")
    slug = (doc.symbol or name).replace("/", "-")
    _a(work, "FRBRthis", value=f"/akn/un/statement/resolution/{slug}/!main")
    _a(work, "FRBRuri", value=f"/akn/un/statement/resolution/{slug}")
    _a(work, "FRBRdate", date=doc.date or "0001-01-01", name="adoption" if doc.date else "unknown")
    _a(work, "FRBRauthor", href="#organ")
    _a(work, "FRBRcountry", value="un")
    refs = _a(meta, "references", source="#un")
    _a(refs, "TLCOrganization", eId="organ", href="/ontology/organization/un", showAs=doc.organ or "")
    preface = _a(st, "preface")
    if doc.symbol:
        _a(_a(preface, "p"), "docNumber", doc.symbol)
    if doc.title:
        _a(_a(preface, "p"), "docTitle", doc.title)
    pre = _a(st, "preamble")
    _a(_a(pre, "formula", name="enactingFormula"), "p", doc.formula)
    # Half the fixtures hold their preambular paragraphs in <recitals>, the others as plain <p>.
    recitals = _a(pre, "recitals") if name.startswith("A-RES-7") and name[-1] in "79" else None
    body = _a(st, "mainBody")
    for p in doc.paragraphs:
        notes = [(r.offset, r.label) for r in p.footnote_refs]
        if p.kind == "preambular":
            if p.heading:
                _a(pre, "p", p.heading, class_="sideHeading")
            host = _a(recitals, "recital", eId=f"rec_{p.number}") if recitals is not None else None
            el = _a(host, "p") if host is not None else _a(pre, "p", eId=f"preamble__para_{p.number}")
            _inline(el, p.text, notes, 0, p.lead or "")
            continue
        para = _a(body, "paragraph", eId=f"para_{p.number}")
        _a(para, "num", f"{p.number}.")
        if p.heading:
            _a(para, "heading", p.heading)
        if not p.subparagraphs:
            _inline(_a(_a(para, "content"), "p"), p.text, notes, 0, p.lead or "")
            continue
        first = p.text.index(p.subparagraphs[0].label)
        _inline(_a(_a(para, "intro"), "p"), p.text[:first].rstrip(), notes, 0, p.lead or "")
        pos = first
        for s in p.subparagraphs:
            at = p.text.index(s.label, pos)
            point = _a(para, "point", eId=f"para_{p.number}__point_{s.label.strip('()').rstrip('.')}")
            _a(point, "num", s.label)
            body_at = p.text.index(s.text, at)
            _inline(_a(_a(point, "content"), "p"), s.text, notes, body_at)
            pos = body_at + len(s.text)
    if doc.closing:
        _a(_a(st, "conclusions"), "p", doc.closing)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def main() -> None:
    makers = {"docx": make_docx, "pdf": make_pdf, "html": make_html, "xml": make_akn}
    for name in NAMES:
        for ext, make in makers.items():
            out = HERE / f"{name}.{ext}"
            out.write_bytes(make(name))
            print(f"{out.relative_to(ROOT)}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
