"""Akoma Ntoso loader: AKN 3.0 (and 2.0) XML as the UN's AKN4UN guidelines mark up resolutions, read straight
into the document model: the markup already says which paragraph is which, so no text heuristics run.

A resolution is a ``statement`` (or ``doc``, ``act``, ``bill``; several in a ``documentCollection``);
preambular paragraphs are the ``p``/``paragraph``/``citation``/``recital``/``container`` elements of its
``preamble``; operative paragraphs the numbered ``paragraph`` elements of its ``mainBody`` (``num`` "7.",
``eId`` "para_7"), their sub-paragraphs nested ``point``/``paragraph``/``item`` elements; footnotes are
``authorialNote`` elements at the place of their marker. `reports.akn.render_akn` writes this shape back.
"""

# Steps: refuse entity declarations, parse with a safe parser (no DTD, no network, no entity expansion, no
# huge trees) → find the document elements → metadata (FRBR work date and author, preface docNumber,
# docTitle, docDate, session) → preamble: enacting formula, side headings, one paragraph per element →
# mainBody: one operative paragraph per top-level paragraph, its intro, points and wrap-up joined as the
# text parser joins them, authorialNote markers taken out with their offsets → conclusions (closing line).

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from corpus.errors import InputError, ParseError
from corpus.layout import norm_space
from corpus.leads import find_lead
from corpus.loaders._shared import guard, parse_xml
from corpus.model import (
    OPERATIVE,
    PREAMBULAR,
    Document,
    Footnote,
    FootnoteRef,
    Paragraph,
    Subparagraph,
)
from corpus.structure import item_suffixes

__all__ = ["KINDS", "load_akn"]

#: Document kinds as ``statement/@name`` spells them, and back.
KINDS = {
    "resolution": "resolution",
    "draftResolution": "draft resolution",
    "decision": "decision",
    "draftDecision": "draft decision",
}
_DOC_TYPES = frozenset(
    "statement doc act bill amendment judgment debate debateReport officialGazette portion".split()
)
_PP_TYPES = frozenset("p paragraph citation recital container blockContainer".split())
_SUB_TYPES = frozenset("paragraph point item subparagraph alinea indent list blockList".split())
_FORMULA = re.compile(r"^The [A-Z][\w ]+,$")
_FIX = "export the document again from its editor as Akoma Ntoso 3.0"
_SENTINEL = "\x00"


def _local(el: Any) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(el: Any, *names: str) -> Iterator[Any]:
    for child in el.iterchildren():
        if _local(child) in names:
            yield child


def _first(el: Any, *names: str) -> Any:
    return next(_children(el, *names), None) if el is not None else None


def _find(el: Any, name: str) -> Any:
    """The first descendant with local name ``name`` (any namespace), or None."""
    if el is None:
        return None
    return next((d for d in el.iter() if _local(d) == name), None)


@dataclass
class _Text:
    """Text with footnote markers taken out: the running text and (offset, label) of each marker."""

    raw: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (label, footnote text)
    italic: list[str] = field(default_factory=list)

    def add(self, el: Any, top: bool = True) -> None:
        """Append the inline text of ``el`` (without its own tail)."""
        if el.text:
            self.raw.append(el.text)
        for child in el.iterchildren():
            name = _local(child)
            if name == "authorialNote" or name == "noteRef":
                label = (
                    child.get("marker")
                    or norm_space(_plain(_first(child, "num")))
                    or str(len(self.labels) + 1)
                )
                self.raw.append(_SENTINEL)
                self.labels.append(label)
                if name == "authorialNote":
                    self.notes.append((label, norm_space(_plain(child))))
            elif name in ("num", "heading", "subheading") and top:
                pass  # said by the structure, not part of the running text
            elif name in ("eol", "eop", "br"):
                self.raw.append(" ")
            elif isinstance(child.tag, str):
                if name == "i" and not "".join(self.raw).strip():
                    self.italic.append(_plain(child))
                if name in ("p", "block", "blockList", "listIntroduction", "listWrapUp", "item", "tblock"):
                    self.raw.append(" ")
                self.add(child, top=False)
                if name in ("p", "block"):
                    self.raw.append(" ")
            if child.tail:
                self.raw.append(child.tail)

    def space(self) -> None:
        self.raw.append(" ")

    def extend(self, other: _Text) -> None:
        self.raw.extend(other.raw)
        self.labels.extend(other.labels)
        self.notes.extend(other.notes)

    def finish(self) -> tuple[str, tuple[FootnoteRef, ...]]:
        """The text with whitespace normalised, and each marker's offset in it.

        >>> t = _Text(raw=["in its  2015 report,", _SENTINEL, " identified"], labels=["1"])
        >>> t.finish()
        ('in its 2015 report, identified', (FootnoteRef(label='1', offset=19),))
        """
        # The sentinel is not whitespace: it survives the split and stays where the marker stood. A marker
        # set apart by spaces on both sides stood in one gap.
        flat = " ".join("".join(self.raw).split()).replace(f" {_SENTINEL} ", f"{_SENTINEL} ")
        out: list[str] = []
        offsets: list[int] = []
        for c in flat:
            if c == _SENTINEL:
                offsets.append(len(out))
            else:
                out.append(c)
        joined = "".join(out)
        text = joined.strip()
        shift = len(joined) - len(joined.lstrip())
        labels = self.labels + ["?"] * (len(offsets) - len(self.labels))
        refs = tuple(
            FootnoteRef(lab, min(max(o - shift, 0), len(text)))
            for lab, o in zip(labels, offsets, strict=False)
        )
        return text, refs


def _plain(el: Any) -> str:
    """All text of an element, authorial notes included (for note bodies and metadata)."""
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())


def _organ(doc: Any, meta: Any) -> str | None:
    work = _find(meta, "FRBRWork")
    author = _first(work, "FRBRauthor") if work is not None else None
    href = (author.get("href") or "").lstrip("#") if author is not None else ""
    for tlc in meta.iter() if meta is not None else ():
        if _local(tlc) in ("TLCOrganization", "TLCPerson") and tlc.get("eId") == href and href != "textdiff":
            return tlc.get("showAs") or None
    return None


def _lead(text: str, italic: list[str]) -> str | None:
    lead = find_lead(text)
    if lead is None and italic:
        cand = norm_space(italic[0]).rstrip(",;:")
        if cand and text.startswith(cand) and len(cand.split()) <= 6:
            return cand
    return lead


def _label_id(label: str) -> str:
    return label.strip().strip("()").rstrip(".")


def _nested_ids(pid: str, subs: list[Subparagraph]) -> tuple[Subparagraph, ...]:
    """The items with the ids the text parser gives them: roman items under a lettered one nested in its id
    ("op6_a_i"); other labels ("1.1.") keep their own."""
    suffixes = item_suffixes([s.label for s in subs])
    out = []
    for s, suffix in zip(subs, suffixes, strict=True):
        if suffix is not None:
            s = replace(s, id=f"{pid}_{suffix}")
        out.append(s)
    return tuple(out)


class _DocReader:
    """Reads one document element."""

    def __init__(self, el: Any, path: str, position: int) -> None:
        self.el = el
        self.path = path
        self.position = position
        self.notes: list[Footnote] = []
        self.heading: str | None = None

    def _note_texts(self, t: _Text) -> None:
        for label, text in t.notes:
            if text and all(n.label != label or n.text != text for n in self.notes):
                self.notes.append(Footnote(label, text))

    def read(self) -> Document:
        el = self.el
        meta = _first(el, "meta")
        preface = _first(el, "preface")
        kind = KINDS.get(el.get("name") or "", "resolution")
        symbol = norm_space(_plain(_find(preface, "docNumber"))) or None
        title = norm_space(_plain(_find(preface, "docTitle"))) or None
        date = None
        doc_date = _find(preface, "docDate")
        if doc_date is not None:
            date = doc_date.get("date")
        work = _find(meta, "FRBRWork")
        frbr_date = _first(work, "FRBRdate") if work is not None else None
        if not date and frbr_date is not None and frbr_date.get("name") != "unknown":
            date = frbr_date.get("date")
        session_el = _find(preface, "session")
        session = session_el.get("value") if session_el is not None else None
        agenda = label = None
        for p in preface.iter() if preface is not None else ():
            cls = p.get("class") or ""
            if cls == "agendaItem":
                agenda = re.sub(r"^[Aa]genda items?\s*", "", _plain(p)) or None
            elif cls == "label":
                label = _plain(p) or None
        formula: str | None = None
        paragraphs: list[Paragraph] = []
        preamble = _first(el, "preamble")
        if preamble is not None:
            formula = self._preamble(preamble, paragraphs)
        body = _first(el, "mainBody", "body", "mainContent")
        if body is not None:
            self._body(body, paragraphs, len(paragraphs))
        conclusions = _first(el, "conclusions")
        closing = None
        if conclusions is not None:
            lines = [_plain(c) for c in conclusions.iterchildren() if isinstance(c.tag, str)] or [
                _plain(conclusions)
            ]
            closing = norm_space(" ".join(lines)) or None
        organ = _organ(el, meta)
        if organ is None and formula:
            organ = formula.removeprefix("The ").rstrip(",") or None
        for n in _children(meta, "notes") if meta is not None else ():
            for note in _children(n, "note"):
                text = norm_space(_plain(note))
                if text:
                    self.notes.append(Footnote(note.get("marker") or "?", text))
        if all(n.label.isdigit() for n in self.notes):
            # Footnotes are numbered in reading order; a note no marker points to (kept in meta/notes) goes
            # back to its place among them.
            self.notes.sort(key=lambda n: int(n.label))
        return Document(
            symbol=symbol,
            title=title,
            date=date,
            organ=organ,
            kind=kind,
            paragraphs=tuple(paragraphs),
            session=session,
            agenda_item=agenda,
            formula=formula,
            footnotes=tuple(self.notes),
            closing=closing,
            label=label,
            source=self.path,
            position=self.position,
        )

    def _preamble(self, preamble: Any, out: list[Paragraph]) -> str | None:
        formula = None
        for child in preamble.iterchildren():
            name = _local(child)
            if name == "formula":
                formula = norm_space(_plain(child)) or formula
            elif name in ("recitals", "citations"):
                for item in child.iterchildren():
                    if _local(item) in ("recital", "citation"):
                        self._pp(item, out)
                    elif _local(item) in ("intro", "heading"):
                        pass
            elif name == "p" and (child.get("class") or "") == "sideHeading":
                self.heading = norm_space(_plain(child)) or None
            elif name in _PP_TYPES:
                text = norm_space(_plain(child))
                if formula is None and not out and _FORMULA.match(text):
                    formula = text
                else:
                    self._pp(child, out)
        return formula

    def _pp(self, el: Any, out: list[Paragraph]) -> None:
        n = sum(1 for p in out if p.kind == PREAMBULAR) + 1
        # A side heading read before the recital is its heading, else its own.
        self._paragraph(el, out, f"pp{n}", PREAMBULAR, n, own_heading_first=False)

    def _body(self, body: Any, out: list[Paragraph], first: int) -> None:
        for child in body.iterchildren():
            name = _local(child)
            if name in ("paragraph", "point", "item", "article", "section", "clause"):
                self._op(child, out)
            elif name == "hcontainer" and child.get("name") == "sideHeading":
                self.heading = norm_space(_plain(_first(child, "heading"))) or None
            elif name == "p" and (child.get("class") or "") == "sideHeading":
                self.heading = norm_space(_plain(child)) or None
            elif name in ("p", "blockContainer"):
                self._op(child, out)
            elif name in ("division", "part", "chapter", "title", "subdivision", "hcontainer", "wrap"):
                heading = _first(child, "heading")
                if heading is not None:
                    self.heading = norm_space(_plain(heading)) or None
                self._body(child, out, first)

    def _number(self, el: Any, out: list[Paragraph]) -> int:
        num = norm_space(_plain(_first(el, "num")))
        m = re.search(r"\d+", num) or re.search(r"(?:^|_)para_(\d+)$", el.get("eId") or "")
        if m:
            return int(m.group(1) if m.re.groups else m.group(0))
        ops = [p for p in out if p.kind == OPERATIVE]
        return ops[-1].number + 1 if ops else 1

    def _op(self, el: Any, out: list[Paragraph]) -> None:
        letter = re.fullmatch(r"\(([a-z])\)", norm_space(_plain(_first(el, "num"))))
        if letter:
            # A draft decision's lettered item: numbered by its place, as the text parser numbers it.
            n, pid = len(out), f"op_{letter.group(1)}"
        else:
            n = self._number(el, out)
            pid = f"op{n}"
        self._paragraph(el, out, pid, OPERATIVE, n, own_heading_first=True)

    def _paragraph(
        self, el: Any, out: list[Paragraph], pid: str, kind: str, n: int, own_heading_first: bool
    ) -> None:
        """Read ``el`` as paragraph ``pid`` and append it to ``out`` (nothing when it holds no text)."""
        t = _Text()
        subs: list[Subparagraph] = []
        self._content(el, t, pid, subs)
        text, refs = t.finish()
        if not text:
            return
        self._note_texts(t)
        own = norm_space(_plain(_first(el, "heading"))) or None
        heading = (own or self.heading) if own_heading_first else (self.heading or own)
        self.heading = None
        out.append(
            Paragraph(
                id=pid,
                kind=kind,
                number=n,
                lead=_lead(text, t.italic),
                text=text,
                subparagraphs=_nested_ids(pid, subs),
                footnote_refs=refs,
                heading=heading,
                source_text=text,
            )
        )

    def _content(self, el: Any, t: _Text, pid: str, subs: list[Subparagraph] | None) -> None:
        """Text of a paragraph: content, or intro + points (each "label text") + wrap-up."""
        if _local(el) == "p" or _first(el, "content", "intro", "wrapUp", *_SUB_TYPES) is None:
            t.add(el)
            return
        for child in el.iterchildren():
            name = _local(child)
            if name in ("content", "intro", "wrapUp", "listIntroduction", "listWrapUp", "p"):
                t.space()
                t.add(child)
                t.space()
            elif name in ("list", "blockList"):
                self._content(child, t, pid, subs)
            elif name in _SUB_TYPES:
                label = norm_space(_plain(_first(child, "num")))
                inner = _Text()
                self._content(child, inner, pid, None)
                t.space()
                if label:
                    t.raw.append(label + " ")
                t.extend(inner)
                t.space()
                if subs is not None and label:
                    text, _ = inner.finish()
                    subs.append(Subparagraph(id=f"{pid}_{_label_id(label)}", label=label, text=text))


def _documents(root: Any) -> Iterator[Any]:
    for child in root.iterchildren():
        name = _local(child)
        if name in _DOC_TYPES:
            yield child
        elif name in ("documentCollection", "amendmentList"):
            body = _first(child, "collectionBody")
            for comp in body.iter() if body is not None else ():
                if _local(comp) in _DOC_TYPES and comp is not child:
                    yield comp


def load_akn(data: bytes, path: str) -> list[Document]:
    """Parse an Akoma Ntoso file into its documents.

    Raises:
        InputError: not well-formed, hostile (entity declarations), or not Akoma Ntoso.
        ParseError: no document or no paragraph in it.

    >>> xml = b'''<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
    ... <statement name="resolution"><preamble><formula name="enactingFormula"><p>The General Assembly,</p>
    ... </formula><p eId="preamble__para_1"><i>Recalling</i> its resolution 1/1,</p></preamble>
    ... <mainBody><paragraph eId="para_1"><num>1.</num><content><p>Decides to act.</p></content></paragraph>
    ... </mainBody></statement></akomaNtoso>'''
    >>> [(p.id, p.lead, p.text) for p in load_akn(xml, "r.xml")[0].paragraphs]
    [('pp1', 'Recalling', 'Recalling its resolution 1/1,'), ('op1', 'Decides', 'Decides to act.')]
    """
    root = parse_xml(data, path, "Akoma Ntoso")
    if _local(root) != "akomaNtoso":
        raise InputError(
            f"is XML but not Akoma Ntoso: its root element is <{_local(root) or root.tag}>, "
            "not <akomaNtoso>. "
            f"To fix: give an Akoma Ntoso file, or the document as text, .docx, .pdf or .html",
            path,
        )
    with guard("Akoma Ntoso", path, _FIX):
        docs = [_DocReader(el, path, i).read() for i, el in enumerate(_documents(root), start=1)]
    if not docs:
        raise ParseError("holds no Akoma Ntoso document (statement, doc, act or bill). To fix: " + _FIX, path)
    if not any(d.paragraphs for d in docs):
        raise ParseError(
            "has no paragraphs: its preamble and mainBody are empty or missing. To fix: " + _FIX, path
        )
    return docs
