"""A Word document of the new version with every change as a real tracked change (``w:ins``/``w:del``), so
that accepting all changes gives the new text and rejecting all gives the old one, byte-identical each run.
"""

# Steps: units (aligned pairs, split/merge groups diffed as one joined text, one-sided paragraphs) → order
# (pairs that keep their order on both sides anchor the document; moved and crossing pairs become a deletion
# at the old place and an insertion at the new one) → keep insertions of neighbouring paragraphs apart (for
# LibreOffice) → walk each unit's word diff into runs, line breaks and paragraph marks → WordprocessingML with
# numbered tracked changes → python-docx package (styles, page, core properties) → zip repacked with fixed
# timestamps.

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import pairwise

from lxml import etree

from corpus.errors import MissingExtraError
from corpus.model import OPERATIVE, Paragraph
from textdiff.compare import Comparison
from textdiff.words import DELETE, EQUAL, INSERT, Edit, diff_words

__all__ = ["render_docx"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "textdiff"

# Characters XML cannot hold, and C1 controls (legal XML, never real text): U+FFFD, never passed through.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
# A paragraph's text is one line: a stray line break in it becomes a space (Word does not break a w:t).
_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\x85": " ", "\u2028": " ", "\u2029": " "})
# Joins the paragraphs of a split/merge group for one word diff. Cleaned text never holds NUL, so every NUL in
# a diff run is a paragraph boundary of the side(s) that run belongs to.
_SEP = "\x00"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The earliest time a zip entry can carry: the same for every run, so the bytes are too.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FALLBACK_TIME = datetime(1980, 1, 1)

# UN layout, in twentieths of a point: paragraphs indented by 1 cm on their first line, the text of an
# operative paragraph starting at 2 cm after its number and a tab.
_INDENT, _OP_TAB = "567", "1134"


@dataclass(frozen=True)
class _Para:
    """One paragraph as written: cleaned text, number prefix, lead span, sub-paragraph line starts, style."""

    text: str
    style: str  # title | formula | pp | op | closing
    prefix: str = ""  # "5." before an operative paragraph's text, a tab after it
    italic_end: int = 0  # text[:italic_end] is set in italics (the lead)
    breaks: tuple[int, ...] = ()  # offsets where a sub-paragraph "(a)" starts a new line
    bold: bool = False


@dataclass(frozen=True)
class _Unit:
    """Paragraphs written as one stream: the old and new sides and the diff of their joined texts."""

    olds: tuple[_Para, ...]
    news: tuple[_Para, ...]
    edits: tuple[Edit, ...]
    mark: str = ""  # the op of the last paragraph mark when not the natural one

    @property
    def last_mark(self) -> str:
        """The last paragraph mark: kept when both sides have paragraphs, else inserted or deleted."""
        if self.mark:
            return self.mark
        return EQUAL if self.olds and self.news else INSERT if self.news else DELETE


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text.translate(_LINE_BREAKS))


def render_docx(comparison: Comparison) -> bytes:
    """Write the comparison as a .docx of the new version whose changes are Word tracked changes.

    Accepting all changes gives the new document's title, formula, paragraphs (number and text) and closing;
    rejecting all gives the old one's. Changes are by "textdiff" and dated with the new document's date (no
    date when it has none). The same comparison always gives the same bytes.

    Args:
        comparison: The result of ``textdiff.compare(old, new)``.

    Returns:
        The bytes of the .docx file.

    Raises:
        MissingExtraError: python-docx is not installed (``pip install 'textdiff[docx]'``).

    >>> from corpus.loaders.text import load_text
    >>> from textdiff.compare import compare
    >>> head = "The General Assembly,\\n\\n"
    >>> a = load_text(head + "Noting the report,\\n\\n1. Decides to act.", "a.txt")[0]
    >>> b = load_text(head + "Noting with concern the report,\\n\\n1. Decides to act.", "b.txt")[0]
    >>> data = render_docx(compare(a, b))
    >>> data[:2] == b"PK" and data == render_docx(compare(a, b))
    True
    """
    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.shared import Mm, Pt
    except ImportError as e:
        raise MissingExtraError("writing .docx", "docx") from e

    old, new = comparison.old, comparison.new
    when = _iso_date(new.date)
    writer = _Writer(f"{when.isoformat()}T00:00:00Z" if when else None)
    for unit in _units(comparison):
        writer.write_unit(unit)
    paragraphs = writer.finish()

    document = docx.Document()
    # The template's thumbnail shows an empty page; no preview beats a wrong one.
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package_rels.pop(rid)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    body = document.element.body
    sect_pr = body.find(f"{{{W}}}sectPr")
    for p in paragraphs:
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            body.append(p)

    props = document.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = _clean(new.title or new.name)[:255]
    props.subject = _clean(f"{old.name} → {new.name}")[:255]
    props.comments = "Tracked changes: accept all for the new version, reject all for the old one."
    props.keywords = props.category = ""
    props.revision = 1
    stamp = datetime.combine(when, datetime.min.time()) if when else _FALLBACK_TIME
    props.created = props.modified = stamp

    out = io.BytesIO()
    document.save(out)
    return _repack(out.getvalue())


def _iso_date(value: str | None) -> date | None:
    if not value or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _repack(data: bytes) -> bytes:
    """The same zip with fixed entry times and attributes, in the order python-docx wrote the entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # MS-DOS, as Word writes it; the default depends on the platform
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# --- units and their order -------------------------------------------------------------------------------


def _para(p: Paragraph) -> _Para:
    text = _clean(p.text)
    lead = _clean(p.lead or "")
    operative = p.kind == OPERATIVE
    return _Para(
        text=text,
        style="op" if operative else "pp",
        prefix=f"{p.number}." if operative else "",
        italic_end=len(lead) if lead and text.startswith(lead) else 0,
        breaks=_sub_breaks(p, text),
    )


def _sub_breaks(p: Paragraph, text: str) -> tuple[int, ...]:
    """Where each sub-paragraph's label starts, when the text holds it after a space (UN layout: own line)."""
    out, pos = [], 0
    for sub in p.subparagraphs:
        needle = f"{_clean(sub.label)} {_clean(sub.text)[:40]}".rstrip()
        k = text.find(needle, pos)
        if k > 0 and text[k - 1] == " ":
            out.append(k)
            pos = k + len(needle)
    return tuple(out)


def _line(text: str | None, style: str) -> tuple[_Para, ...]:
    if not text:
        return ()
    clean = _clean(text)
    if style == "formula":
        # "The General Assembly," is printed in italics up to its comma.
        return (_Para(clean, style, italic_end=len(clean.rstrip(",:;"))),)
    return (_Para(clean, style, bold=style == "title"),)


def _unit(olds: Sequence[_Para], news: Sequence[_Para], edits: Sequence[Edit] | None = None) -> _Unit:
    """A unit whose edits rebuild both sides exactly; given edits that do not are recomputed."""
    old_text = _SEP.join(p.text for p in olds)
    new_text = _SEP.join(p.text for p in news)
    runs = [Edit(e.op, _clean(e.text)) for e in edits or () if e.text]
    if edits is None or not _rebuilds(runs, old_text, new_text):
        if olds and news:
            runs = diff_words(old_text, new_text)
        else:
            runs = [Edit(DELETE, old_text)] if olds else [Edit(INSERT, new_text)]
    return _Unit(tuple(olds), tuple(news), tuple(e for e in runs if e.text))


def _rebuilds(edits: Sequence[Edit], old_text: str, new_text: str) -> bool:
    return (
        all(e.op in (EQUAL, DELETE, INSERT) for e in edits)
        and "".join(e.text for e in edits if e.op != INSERT) == old_text
        and "".join(e.text for e in edits if e.op != DELETE) == new_text
    )


@dataclass
class _Group:
    """Paragraphs connected by alignment entries (a pair, or a split/merge group), by index on each side."""

    olds: list[int]
    news: list[int]
    entries: list[int]
    moved: bool


def _groups(comparison: Comparison, old_at: dict[str, int], new_at: dict[str, int]) -> list[_Group]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = []
    for k, e in enumerate(comparison.entries):
        if e.old is not None and e.new is not None and e.old.id in old_at and e.new.id in new_at:
            o, n = ("o", old_at[e.old.id]), ("n", new_at[e.new.id])
            parent[find(o)] = find(n)
            links.append((k, o, n))
    groups: dict[tuple[str, int], _Group] = {}
    for k, o, n in links:
        g = groups.setdefault(find(o), _Group([], [], [], False))
        g.olds.append(o[1])
        g.news.append(n[1])
        g.entries.append(k)
        g.moved |= comparison.entries[k].moved
    out = []
    for g in groups.values():
        g.olds, g.news = sorted(set(g.olds)), sorted(set(g.news))
        out.append(g)
    return sorted(out, key=lambda g: g.news[0])


def _contiguous(indices: list[int]) -> bool:
    return indices == list(range(indices[0], indices[0] + len(indices)))


def _anchors(groups: list[_Group]) -> list[_Group]:
    """The largest set of unmoved, contiguous groups in the same order on both sides (a longest increasing
    subsequence): only these can be written in place; every other paragraph is deleted and inserted."""
    candidates = [g for g in groups if not g.moved and _contiguous(g.olds) and _contiguous(g.news)]
    best: list[list[_Group]] = []  # best[k]: the chain of length k+1 ending at the smallest old start
    for g in candidates:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid][-1].olds[-1] < g.olds[0]:
                lo = mid + 1
            else:
                hi = mid
        chain = (best[lo - 1] if lo else []) + [g]
        if lo == len(best):
            best.append(chain)
        else:
            best[lo] = chain
    return best[-1] if best else []


def _units(comparison: Comparison) -> list[_Unit]:
    old_doc, new_doc = comparison.old, comparison.new
    old_paras = [_para(p) for p in old_doc.paragraphs]
    new_paras = [_para(p) for p in new_doc.paragraphs]
    old_at = {p.id: i for i, p in enumerate(old_doc.paragraphs)}
    new_at = {p.id: i for i, p in enumerate(new_doc.paragraphs)}
    anchors = _anchors(_groups(comparison, old_at, new_at))

    # Where the entries put each paragraph: one-sided paragraphs between two anchors follow this order.
    entries = comparison.entries
    old_key: dict[int, int] = {}
    new_key: dict[int, int] = {}
    for k, e in enumerate(entries):
        if e.old is not None and e.old.id in old_at:
            old_key.setdefault(old_at[e.old.id], k)
        if e.new is not None and e.new.id in new_at:
            new_key.setdefault(new_at[e.new.id], k)

    units = [
        _unit(_line(old_doc.title, "title"), _line(new_doc.title, "title")),
        _unit(_line(old_doc.formula, "formula"), _line(new_doc.formula, "formula")),
    ]
    done_old = done_new = 0
    for anchor in [*anchors, None]:
        old_end = anchor.olds[0] if anchor else len(old_paras)
        new_end = anchor.news[0] if anchor else len(new_paras)
        gone = [(old_key.get(i, len(entries)), 0, i) for i in range(done_old, old_end)]
        came = [(new_key.get(j, len(entries)), 1, j) for j in range(done_new, new_end)]
        # Merge the two runs by entry position, keeping each side in document order; a deletion goes first
        # on a tie, as in Word's own comparisons.
        while gone or came:
            if came and (not gone or came[0][:2] < gone[0][:2]):
                units.append(_unit((), (new_paras[came.pop(0)[2]],)))
            else:
                units.append(_unit((old_paras[gone.pop(0)[2]],), ()))
        if anchor is None:
            break
        olds = [old_paras[i] for i in anchor.olds]
        news = [new_paras[j] for j in anchor.news]
        single = len(olds) == len(news) == 1
        units.append(_unit(olds, news, entries[anchor.entries[0]].diff if single else None))
        done_old, done_new = anchor.olds[-1] + 1, anchor.news[-1] + 1
    units.append(_unit(_line(old_doc.closing, "closing"), _line(new_doc.closing, "closing")))
    return _keep_insertions_apart([u for u in units if u.olds or u.news])


# LibreOffice joins two insertions of the same author and minute that touch across a paragraph break, and
# the break with them (sw DocumentRedlineManager::AppendRedline, IsPrevPos): an insertion ending a kept
# paragraph followed by one starting the next would make its "reject all" join two old paragraphs (Word keeps
# them apart). Either slide an insertion by one shared character ("obligations[, if appropriate]," for
# "obligations,[ if appropriate,]"), leaving untracked text between them, or, before new paragraphs, move the
# inserted mark to the front. The accepted and rejected texts stay the same.


def _starts_with_insertion(unit: _Unit) -> bool:
    if not unit.olds:
        return True
    was, now = unit.olds[0].prefix, unit.news[0].prefix if unit.news else ""
    if was or now:
        return not was
    return bool(unit.edits) and unit.edits[0].op == INSERT


def _slide_end(edits: tuple[Edit, ...]) -> tuple[Edit, ...] | None:
    """Move a closing change block one character left, when the equal text before it ends as it does."""
    k = len(edits)
    while k and edits[k - 1].op != EQUAL:
        k -= 1
    if not k or k == len(edits):
        return None
    before, block = edits[k - 1].text, edits[k:]
    deleted = "".join(e.text for e in block if e.op == DELETE)
    inserted = "".join(e.text for e in block if e.op == INSERT)
    c = before[-1]
    if c == _SEP or not inserted.endswith(c) or (deleted and not deleted.endswith(c)):
        return None
    out = [*edits[: k - 1], Edit(EQUAL, before[:-1])]
    if deleted:
        out.append(Edit(DELETE, c + deleted[:-1]))
    out += [Edit(INSERT, c + inserted[:-1]), Edit(EQUAL, c)]
    return tuple(e for e in out if e.text)


def _slide_start(edits: tuple[Edit, ...]) -> tuple[Edit, ...] | None:
    """Move an opening insertion one character right, when the equal text after it starts as it does."""
    if len(edits) < 2 or edits[0].op != INSERT or edits[1].op != EQUAL:
        return None
    inserted, after = edits[0].text, edits[1].text
    c = after[0]
    if c == _SEP or inserted[0] != c:
        return None
    out = [Edit(EQUAL, c), Edit(INSERT, inserted[1:] + c), Edit(EQUAL, after[1:]), *edits[2:]]
    return tuple(e for e in out if e.text)


def _keep_insertions_apart(units: list[_Unit]) -> list[_Unit]:
    out = list(units)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        ends_inserted = bool(first.edits) and first.edits[-1].op == INSERT
        if first.last_mark != EQUAL or not ends_inserted or not _starts_with_insertion(second):
            continue
        slid = _slide_end(first.edits) if first.olds else None
        if slid is not None:
            out[i] = replace(first, edits=_unit(first.olds, first.news, slid).edits)
            continue
        if first.olds and not second.olds:
            # New paragraphs follow: track this mark as inserted and keep the last new paragraph's mark
            # instead ("¶ + new text" rather than "new text + ¶", LibreOffice's own form); both give the
            # same paragraphs accepted or rejected.
            j = i + 1
            while j + 1 < len(out) and not out[j + 1].olds:
                j += 1
            out[i] = replace(first, mark=INSERT)
            out[j] = replace(out[j], mark=EQUAL)
            continue
        slid = _slide_start(second.edits) if second.olds and second.news else None
        if slid is not None and not (second.olds[0].prefix or second.news[0].prefix):
            out[i + 1] = replace(second, edits=_unit(second.olds, second.news, slid).edits)
    return out


# --- WordprocessingML ------------------------------------------------------------------------------------


def _w(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(f"{{{W}}}{tag}", nsmap={"w": W})
    for k, v in attrs.items():
        el.set(f"{{{W}}}{k}", v)
    return el


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{W}}}{tag}")
    for k, v in attrs.items():
        el.set(f"{{{W}}}{k}", v)
    return el


class _Writer:
    """Turns units into ``w:p`` elements, numbering tracked changes in document order."""

    def __init__(self, when: str | None) -> None:
        self.when = when
        self.next_id = 1
        self.paragraphs: list[etree._Element] = []
        self.pieces: list[tuple[str, str, str, bool, bool]] = []  # (kind, op, text, bold, italic)
        self.last_mark = EQUAL

    def _change(self, op: str) -> etree._Element:
        el = _w("ins" if op == INSERT else "del", id=str(self.next_id), author=AUTHOR)
        self.next_id += 1
        if self.when:
            el.set(f"{{{W}}}date", self.when)
        return el

    # The stream of one paragraph: text, tabs and line breaks, each inserted, deleted or kept.

    def text(self, op: str, text: str, bold: bool = False, italic: bool = False) -> None:
        for i, part in enumerate(text.split("\t")):
            if i:
                self.pieces.append(("tab", op, "", bold, italic))
            if part:
                self.pieces.append(("t", op, part, bold, italic))

    def start(self, old: _Para | None, new: _Para | None) -> None:
        """A paragraph starts on one or both sides: its number, with a renumbering as a tracked change."""
        was, now = (old.prefix if old else ""), (new.prefix if new else "")
        if old and new and was == now:
            if now:
                self.text(EQUAL, now + "\t")
        elif was and now:
            self.text(DELETE, was)
            self.text(INSERT, now)
            self.text(EQUAL, "\t")
        else:
            if was:
                self.text(DELETE, was + "\t")
            if now:
                self.text(INSERT, now + "\t")

    def span(self, op: str, para: _Para, pos: int, text: str) -> None:
        """Text at ``pos`` of ``para``'s side: the lead in italics, a line break before each sub-paragraph."""
        end = pos + len(text)
        cuts = sorted({pos, end, *(b for b in (para.italic_end, *para.breaks) if pos < b < end)})
        for a, b in pairwise(cuts):
            if a in para.breaks:
                self.pieces.append(("br", op, "", False, False))
            self.text(op, text[a - pos : b - pos], para.bold, a < para.italic_end)

    def mark(self, op: str, style: str) -> None:
        """End the paragraph; an inserted or deleted mark joins it with the next one on the other side."""
        p = _w("p")
        ppr = _sub(p, "pPr")
        if style == "title":
            _sub(ppr, "keepNext")
        if style in ("pp", "op"):
            # One set of properties for both kinds: a merged or joined paragraph looks the same either way.
            _sub(_sub(ppr, "tabs"), "tab", val="left", pos=_OP_TAB)
        _sub(
            ppr,
            "spacing",
            before="240" if style == "closing" else "0",
            after="240" if style == "title" else "120",
        )
        if style in ("formula", "pp", "op"):
            _sub(ppr, "ind", firstLine=_INDENT)
        _sub(ppr, "jc", val={"title": "center", "closing": "right", "formula": "left"}.get(style, "both"))
        if op != EQUAL:
            _sub(ppr, "rPr").append(self._change(op))
        container: etree._Element | None = None
        container_op = EQUAL
        for kind, piece_op, text, bold, italic in self._merged():
            if piece_op != container_op or container is None:
                container_op = piece_op
                container = p if piece_op == EQUAL else self._change(piece_op)
                if container is not p:
                    p.append(container)
            r = _sub(container, "r")
            if bold or italic:
                rpr = _sub(r, "rPr")
                if bold:
                    _sub(rpr, "b")
                if italic:
                    _sub(rpr, "i")
            if kind == "t":
                t = _sub(r, "delText" if piece_op == DELETE else "t")
                t.text = text
                t.set(XML_SPACE, "preserve")
            else:
                _sub(r, kind)
        self.paragraphs.append(p)
        self.pieces = []
        self.last_mark = op

    def _merged(self) -> list[tuple[str, str, str, bool, bool]]:
        out: list[tuple[str, str, str, bool, bool]] = []
        for piece in self.pieces:
            if out and piece[0] == out[-1][0] == "t" and piece[1] == out[-1][1] and piece[3:] == out[-1][3:]:
                prev = out.pop()
                piece = ("t", piece[1], prev[2] + piece[2], piece[3], piece[4])
            out.append(piece)
        return out

    def write_unit(self, unit: _Unit) -> None:
        """Walk the unit's diff; a separator in a run is a paragraph boundary of the side(s) the run is on."""
        olds, news = unit.olds, unit.news
        oi = ni = opos = npos = 0
        self.start(olds[0] if olds else None, news[0] if news else None)
        for edit in unit.edits:
            for j, part in enumerate(edit.text.split(_SEP)):
                if j and edit.op == EQUAL:
                    self.mark(EQUAL, news[ni].style)
                    oi, ni, opos, npos = oi + 1, ni + 1, 0, 0
                    self.start(olds[oi], news[ni])
                elif j and edit.op == DELETE:
                    self.mark(DELETE, olds[oi].style)
                    oi, opos = oi + 1, 0
                    self.start(olds[oi], None)
                elif j:
                    self.mark(INSERT, news[ni].style)
                    ni, npos = ni + 1, 0
                    self.start(None, news[ni])
                if edit.op == DELETE:
                    self.span(DELETE, olds[oi], opos, part)
                else:
                    self.span(edit.op, news[ni], npos, part)
                if edit.op != INSERT:
                    opos += len(part)
                if edit.op != DELETE:
                    npos += len(part)
        last = unit.last_mark
        self.mark(last, (olds if last == DELETE or not news else news)[-1].style)

    def finish(self) -> list[etree._Element]:
        # Word cannot remove the document's last paragraph mark; keep a plain one after a tracked one.
        if self.last_mark != EQUAL:
            self.mark(EQUAL, "closing")
        return self.paragraphs
