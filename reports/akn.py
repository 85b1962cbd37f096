"""Akoma Ntoso 3.0 output of one document, in the AKN4UN shape of a resolution: reading the file back with
`corpus.loaders.load_bytes` gives the same paragraphs (ids, kinds, numbers, leads, texts, sub-paragraphs,
footnote markers and side headings) and the same document metadata.

eId scheme (AKN naming convention; one rule per element):

- enacting formula: ``preamble/formula``, eId ``preamble__formula_1``;
- preambular ``pp3``: ``preamble/p``, eId ``preamble__para_3`` (a ``container`` of that eId when it has
  sub-paragraphs, each an ``item`` ``preamble__para_3__list_1__item_a`` of a ``blockList``);
- operative ``op7``: ``mainBody/paragraph`` with ``num`` "7.", eId ``para_7`` (a draft decision's lettered
  item ``op_a``: ``num`` "(a)", eId ``para_a``);
- sub-paragraph ``op6_a`` / ``op1_1.1``: ``point`` with ``num`` "(a)" / "1.1.", eId ``para_6__point_a`` /
  ``para_1__point_1-1`` (a dot is not used inside an eId component);
- footnote marker, the k-th in its element: ``authorialNote`` with ``@marker`` the label, eId
  ``<host eId>__authorialNote_k``.

A lead is written in ``<i>``, as UN documents print it. A side heading is the ``heading`` of an operative
``paragraph``, or a ``<p class="sideHeading">`` before a preambular one. Footnotes no paragraph refers to go
to ``meta/notes``. Preface paragraphs carry ``class`` symbol, label, session, agendaItem, title and date.
"""

# Steps: metadata (FRBR work/expression/manifestation from symbol, kind, date and organ; TLC references) →
# preface (docNumber, docStage, session, agenda item, docTitle, docDate) → preamble (formula, one <p> per
# preambular paragraph) → mainBody (one <paragraph> per operative paragraph: num, heading, then content/p,
# or intro/p and one <point> per sub-paragraph when the text splits exactly into them) → conclusions →
# serialise (UTF-8, pretty-printed, no characters XML cannot hold).

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from corpus.model import OPERATIVE, Document, FootnoteRef, Paragraph

__all__ = ["AKN_NS", "render_akn"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN_NS}}}"

# Characters XML 1.0 cannot hold, and C1 controls: written as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_MONTHS = "January February March April May June July August September October November December".split()
_KIND_NAMES = {
    "resolution": "resolution",
    "draft resolution": "draftResolution",
    "decision": "decision",
    "draft decision": "draftDecision",
}


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _A + tag)
    for k, v in attrs.items():
        el.set(k.rstrip("_"), _clean(v))
    if text is not None:
        el.text = _clean(text)
    return el


def _camel(name: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name)
    return (words[0].lower() + "".join(w.capitalize() for w in words[1:])) if words else "organ"


def _display_date(iso: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return iso
    return f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


class _Notes:
    """Footnote texts by label, which were written at a marker, and the markers written per host element."""

    def __init__(self, document: Document) -> None:
        self.texts: dict[str, str] = {}
        for f in document.footnotes:
            self.texts.setdefault(f.label, f.text)
        self.used: set[str] = set()
        self.written: set[int] = set()  # id() of each FootnoteRef written, so none is written twice
        self.count: dict[str, int] = {}

    def write(self, parent: etree._Element, ref: FootnoteRef, host: str) -> etree._Element:
        self.written.add(id(ref))
        self.count[host] = self.count.get(host, 0) + 1
        note = _el(
            parent,
            "authorialNote",
            marker=ref.label,
            placement="bottom",
            eId=f"{host}__authorialNote_{self.count[host]}",
        )
        text = self.texts.get(ref.label, "")
        if text:
            self.used.add(ref.label)
        _el(note, "p", text)
        return note

    def inline(
        self,
        p: etree._Element,
        text: str,
        start: int,
        refs: Sequence[FootnoteRef],
        lead: str | None,
        host: str,
    ) -> None:
        """Write ``text`` (found at ``start`` in its paragraph) into ``p``: the lead in <i>, each footnote
        marker whose offset falls in it as an authorialNote at that place."""
        here = [r for r in refs if start <= r.offset <= start + len(text) and id(r) not in self.written]
        cuts = sorted({0, len(text), *(r.offset - start for r in here)})
        if lead and text.startswith(lead):
            cuts = sorted({*cuts, len(lead)})
        last: etree._Element | None = None
        for a, b in zip(cuts, [*cuts[1:], None], strict=True):
            for r in here:
                if r.offset - start == a and id(r) not in self.written:
                    last = self.write(p, r, host)
            if b is None:
                break
            piece = _clean(text[a:b])
            if lead and a == 0 and b == len(lead):
                last = _el(p, "i", piece)
            elif last is None:
                p.text = (p.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece


def _point_spans(p: Paragraph) -> list[tuple[int, int, int]] | None:
    """(label start, text start, text end) of each sub-paragraph when the text is exactly the intro then
    "label text" items separated by single spaces; None when it is not (the paragraph is then written whole).
    """
    text = p.text
    spans = []
    pos = text.find(p.subparagraphs[0].label)
    if pos < 0 or (pos and text[pos - 1] != " "):
        return None
    for i, s in enumerate(p.subparagraphs):
        if not text.startswith(s.label + " ", pos):
            return None
        body = pos + len(s.label) + 1
        if not text.startswith(s.text, body):
            return None
        end = body + len(s.text)
        spans.append((pos, body, end))
        if i + 1 < len(p.subparagraphs):
            if not text.startswith(" ", end):
                return None
            pos = end + 1
        elif end != len(text):
            return None
    intro_end = len(text[: spans[0][0]].rstrip(" "))
    # A footnote marker in a gap or a label would have no text to stand in: write the paragraph whole.
    if any(
        r.offset > intro_end and not any(b <= r.offset <= e for _, b, e in spans) for r in p.footnote_refs
    ):
        return None
    return spans


def _write_subparagraphs(
    host: etree._Element, p: Paragraph, eid: str, notes: _Notes, operative: bool
) -> bool:
    """Write the intro and one element per sub-paragraph; False (nothing written) when the text does not
    split exactly into them."""
    spans = _point_spans(p) if p.subparagraphs else None
    if spans is None:
        return False
    intro = p.text[: spans[0][0]].rstrip(" ")
    if intro:
        box = _el(host, "intro") if operative else host
        notes.inline(_el(box, "p"), intro, 0, p.footnote_refs, p.lead, eid)
    # Operative sub-paragraphs are hierarchical points; a preambular paragraph holds blocks only, so its
    # items are a blockList.
    items = host if operative else _el(host, "blockList", eId=f"{eid}__list_1")
    for s, (label_at, body_at, end) in zip(p.subparagraphs, spans, strict=True):
        # "op6_a" → "a", "op6_1.1" → "1-1", "op6_a_i" (a roman item under (a)) → "a-i".
        suffix = s.id[len(p.id) + 1 :].replace(".", "-").replace("_", "-")
        sid = f"{eid}__point_{suffix}" if operative else f"{eid}__list_1__item_{suffix}"
        item = _el(items, "point" if operative else "item", eId=sid)
        _el(item, "num", s.label)
        box = _el(item, "content") if operative else item
        lead = p.lead if not intro and label_at == 0 else None
        notes.inline(_el(box, "p"), p.text[body_at:end], body_at, p.footnote_refs, lead, sid)
    return True


def _operative(body: etree._Element, p: Paragraph, notes: _Notes) -> None:
    # A draft decision's items are lettered ("op_a", printed "(a)"); operative paragraphs are numbered.
    letter = p.id[3:] if p.id.startswith("op_") else None
    eid = f"para_{letter or p.number}"
    para = _el(body, "paragraph", eId=eid)
    _el(para, "num", f"({letter})" if letter else f"{p.number}.")
    if p.heading:
        _el(para, "heading", p.heading)
    if not _write_subparagraphs(para, p, eid, notes, operative=True):
        notes.inline(_el(_el(para, "content"), "p"), p.text, 0, p.footnote_refs, p.lead, eid)


def _preambular(preamble: etree._Element, p: Paragraph, notes: _Notes) -> None:
    if p.heading:
        _el(preamble, "p", p.heading, class_="sideHeading")
    eid = f"preamble__para_{p.number}"
    if p.subparagraphs:
        box = _el(preamble, "container", name="preambularParagraph", eId=eid)
        if _write_subparagraphs(box, p, eid, notes, operative=False):
            return
        preamble.remove(box)
    notes.inline(_el(preamble, "p", eId=eid), p.text, 0, p.footnote_refs, p.lead, eid)


def render_akn(document: Document) -> str:
    """Write one document as Akoma Ntoso 3.0 XML (AKN4UN ``statement``).

    Args:
        document: A document as loaded by `corpus.load`.

    Returns:
        The XML as text, with its XML declaration; encode it as UTF-8 to write a file.

    >>> from corpus.loaders import load_bytes
    >>> from corpus.loaders.text import load_text
    >>> text = "The General Assembly,\\n\\nRecalling its resolution 1/1,\\n\\n1. Decides:\\n\\n(a) To act;"
    >>> doc = load_text(text + "\\n\\n(b) End.", "r.txt")[0]
    >>> xml = render_akn(doc)
    >>> 'eId="preamble__para_1"' in xml, 'eId="para_1__point_a"' in xml
    (True, True)
    >>> [(p.id, p.lead, p.text) for p in load_bytes(xml.encode(), "r.xml")[0].paragraphs][1:]
    [('op1', 'Decides', 'Decides: (a) To act; (b) End.')]
    """
    kind = _KIND_NAMES.get(document.kind, _camel(document.kind))
    organ_id = _camel(document.organ) if document.organ else None
    slug = re.sub(r"[^\w.-]+", "-", document.symbol or document.label or f"document-{document.position}")
    date = document.date if document.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", document.date) else None
    date_name = "adoption" if document.kind in ("resolution", "decision") else "issue"
    work = f"/akn/un/statement/{kind}/{date or 'undated'}/{slug}"

    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN_NS})
    st = _el(root, "statement", name=kind)
    meta = _el(st, "meta")
    ident = _el(meta, "identification", source="#textdiff")
    for level, this, uri, author in (
        ("FRBRWork", f"{work}/!main", work, organ_id or "textdiff"),
        ("FRBRExpression", f"{work}/eng@/!main", f"{work}/eng@", organ_id or "textdiff"),
        ("FRBRManifestation", f"{work}/eng@/!main.xml", f"{work}/eng@.akn", "textdiff"),
    ):
        frbr = _el(ident, level)
        _el(frbr, "FRBRthis", value=this)
        _el(frbr, "FRBRuri", value=uri)
        if level == "FRBRWork" and document.symbol:
            _el(frbr, "FRBRalias", value=document.symbol, name="symbol")
        if date:
            _el(frbr, "FRBRdate", date=date, name=date_name if level != "FRBRManifestation" else "generation")
        else:
            _el(frbr, "FRBRdate", date="0001-01-01", name="unknown")
        _el(frbr, "FRBRauthor", href=f"#{author}")
        if level == "FRBRWork":
            _el(frbr, "FRBRcountry", value="un")
        if level == "FRBRExpression":
            _el(frbr, "FRBRlanguage", language="eng")
    refs = _el(meta, "references", source="#textdiff")
    if document.organ and organ_id:
        _el(
            refs,
            "TLCOrganization",
            eId=organ_id,
            href=f"/ontology/organization/un/{organ_id}",
            showAs=document.organ,
        )
    _el(refs, "TLCOrganization", eId="textdiff", href="/ontology/organization/textdiff", showAs="textdiff")

    preface = _el(st, "preface")
    if document.symbol:
        _el(_el(preface, "p", class_="symbol"), "docNumber", document.symbol)
    if document.label:
        _el(_el(preface, "p", class_="label"), "docStage", document.label)
    if document.session:
        _el(_el(preface, "p", class_="session"), "session", document.session, value=document.session)
    if document.agenda_item:
        _el(preface, "p", f"Agenda item {document.agenda_item}", class_="agendaItem")
    if document.title:
        _el(_el(preface, "p", class_="title"), "docTitle", document.title)
    if date:
        _el(_el(preface, "p", class_="date"), "docDate", _display_date(date), date=date)

    notes = _Notes(document)
    preamble = _el(st, "preamble")
    if document.formula:
        _el(
            _el(preamble, "formula", name="enactingFormula", eId="preamble__formula_1"), "p", document.formula
        )
    body = _el(st, "mainBody")
    for p in document.paragraphs:
        if p.kind == OPERATIVE:
            _operative(body, p, notes)
            continue
        _preambular(preamble, p, notes)
    if document.closing:
        _el(_el(st, "conclusions"), "p", document.closing)

    unused = [f for f in document.footnotes if f.label not in notes.used]
    if unused:
        box = _el(meta, "notes", source="#textdiff")
        for i, f in enumerate(unused, start=1):
            _el(_el(box, "note", eId=f"note_{i}", marker=f.label), "p", f.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
