"""Word (.docx) loader: the body's paragraphs become blocks of the text pipeline, with Word's automatic
numbering written out as the reader sees it ("7.", "(a)") and italic leads kept as hints.

Tracked changes are never mixed: by default a file that holds any is refused with a message saying how to
proceed; ``TRACKED_CHANGES = "accept"`` (or ``tracked="accept"``) reads the text as it is after accepting
all of them, ``"reject"`` as it was before (a textdiff redline gives its new and old version that way).
"""

# Steps: size checks on the zip directory, before anything is decompressed (member count, each member's
# size, the total and the compression ratio; encrypted members) → refuse XML parts with a DOCTYPE → open the
# package with python-docx → count tracked changes and refuse or resolve them → walk the body (paragraphs,
# tables, content controls) in order: each paragraph's visible text, its computed list number from
# numbering.xml (numPr on the paragraph or its style), its italic opening → blocks → `load_blocks`.

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from corpus.errors import InputError, MissingExtraError
from corpus.loaders._shared import Block, block_from_pieces, check_no_entities, guard, load_blocks
from corpus.model import Document

__all__ = ["TRACKED_CHANGES", "load_docx", "number_label"]

#: What to do with tracked changes in a .docx: "refuse" (the default), "accept" or "reject" all of them.
TRACKED_CHANGES = "refuse"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

# Zip limits, checked on the central directory before any member is decompressed. A long committee report
# is a 2 MB document.xml; images are stored, not compressed, so their ratio is near 1. Zip bombs reach
# ratios of 1000 and more; well-formed XML compresses 10-30 times.
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress better than any ratio; they cannot hurt

_FIX = "open it in Word or LibreOffice and save it again as .docx"
_TRACK = {"ins": "insertions", "del": "deletions", "moveFrom": "moves", "moveTo": "moves"}


def _check_zip(data: bytes, path: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, IndexError) as e:
        raise InputError(
            f"is not a valid .docx: the zip container is damaged or truncated ({type(e).__name__}). "
            f"To fix: {_FIX}",
            path,
        ) from e
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            f"holds {len(infos)} zip members (at most {MAX_MEMBERS}). Cause: not a Word document, or a "
            "zip bomb. To fix: " + _FIX,
            path,
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(
                "is encrypted. To fix: remove the password in Word (File > Info > Protect Document) and save",
                path,
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_MEMBER_BYTES
            or total > MAX_TOTAL_BYTES
            or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO)
        ):
            raise InputError(
                f"would expand to {max(info.file_size, total) / 1e6:.0f} MB ({info.filename!r}, "
                f"compression ratio {ratio:.0f}:1). Cause: a zip bomb, or not a Word document; refused "
                f"before decompression. To fix: {_FIX}",
                path,
            )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        kind = "an OpenDocument file" if "mimetype" in names else "a zip archive"
        raise InputError(
            f"is {kind}, not a Word .docx (no word/document.xml). To fix: save it as .docx", path
        )
    return zf


def _check_parts(zf: zipfile.ZipFile, path: str) -> None:
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with guard("DOCX", path, _FIX), zf.open(info) as f:
                data = f.read(MAX_MEMBER_BYTES + 1)
            check_no_entities(data, path, f"the Word part {info.filename}", doctype=True)


def _val(el: Any, name: str = "val") -> str | None:
    return None if el is None else el.get(_W + name)


def _on(el: Any) -> bool:
    """A Word toggle property (``<w:i/>``, ``<w:i w:val="0"/>``) is on unless its value says off."""
    return el is not None and _val(el) not in ("0", "false", "off", "none")


# --- numbering ----------------------------------------------------------------------------------------


def _letters(n: int, upper: bool) -> str:
    # Word's letter lists go a … z, aa … zz, aaa: the letter repeats, it does not carry.
    if n < 1:
        return str(n)
    s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return s.upper() if upper else s


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
        strict=True,
    ):
        while n >= value:
            out += numeral
            n -= value
    return out.upper() if upper else out


def number_label(n: int, fmt: str) -> str:
    """One level's counter as Word prints it in ``numFmt``.

    >>> [number_label(3, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero", "bullet")]
    ['3', 'c', 'III', '03', '']
    >>> number_label(27, "lowerLetter")
    'aa'
    """
    if fmt in ("bullet", "none"):
        return ""
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerRoman":
        return _roman(n, False)
    if fmt == "upperRoman":
        return _roman(n, True)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Counters of Word's automatic lists, one set per list instance (numId), advanced in document order."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract: dict[str, Any] = {}
        self.nums: dict[str, tuple[str, dict[int, Any]]] = {}
        if numbering is not None:
            for a in numbering.iterchildren(_W + "abstractNum"):
                self.abstract[_val(a, "abstractNumId") or ""] = a
            for num in numbering.iterchildren(_W + "num"):
                overrides = {int(_val(o, "ilvl") or 0): o for o in num.iterchildren(_W + "lvlOverride")}
                self.nums[_val(num, "numId") or ""] = (_val(num.find(_W + "abstractNumId")) or "", overrides)
        self.styles: dict[str, Any] = {}
        if styles is not None:
            for s in styles.iterchildren(_W + "style"):
                self.styles[_val(s, "styleId") or ""] = s
        self.counters: dict[str, list[int | None]] = {}

    def _style_numpr(self, style_id: str | None) -> Any:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                return numpr
            style_id = _val(style.find(_W + "basedOn"))
        return None

    def _level(self, num_id: str, ilvl: int) -> Any:
        """The ``w:lvl`` of a list instance: its override if any, else its abstract definition's."""
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        override = overrides.get(ilvl)
        if override is not None and override.find(_W + "lvl") is not None:
            return override.find(_W + "lvl")
        abstract = self.abstract.get(abstract_id)
        if abstract is not None and abstract.find(_W + "numStyleLink") is not None:
            # A list defined by a numbering style: follow the style to the list it names (one hop).
            numpr = self._style_numpr(_val(abstract.find(_W + "numStyleLink")))
            linked = _val(numpr.find(_W + "numId")) if numpr is not None else None
            if linked and linked != num_id:
                abstract = self.abstract.get(self.nums.get(linked, ("", {}))[0])
        if abstract is None:
            return None
        for lvl in abstract.iterchildren(_W + "lvl"):
            if _val(lvl, "ilvl") == str(ilvl):
                return lvl
        return None

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self.nums.get(num_id, ("", {}))[1].get(ilvl)
        start = override.find(_W + "startOverride") if override is not None else None
        if start is None:
            lvl = self._level(num_id, ilvl)
            start = lvl.find(_W + "start") if lvl is not None else None
        try:
            return int(_val(start) or 1) if start is not None else 1
        except ValueError:
            return 1

    def label(self, p: Any) -> str:
        """The number Word shows before paragraph ``p`` ("7.", "(a)"), advancing its list; "" if none."""
        ppr = p.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        style_numpr = self._style_numpr(_val(ppr.find(_W + "pStyle")) if ppr is not None else None)
        num_id = _val(numpr.find(_W + "numId")) if numpr is not None else None
        ilvl_el = numpr.find(_W + "ilvl") if numpr is not None else None
        if num_id is None and style_numpr is not None:
            num_id = _val(style_numpr.find(_W + "numId"))
        if ilvl_el is None and style_numpr is not None:
            ilvl_el = style_numpr.find(_W + "ilvl")
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        try:
            ilvl = min(max(int(_val(ilvl_el) or 0), 0), 8)
        except ValueError:
            ilvl = 0
        counters = self.counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = self._start(num_id, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        lvl = self._level(num_id, ilvl)
        if lvl is None:
            return ""
        text = _val(lvl.find(_W + "lvlText"))
        if text is None:
            return ""

        def level_text(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters[k] if counters[k] is not None else self._start(num_id, k)
            k_lvl = self._level(num_id, k)
            fmt = _val(k_lvl.find(_W + "numFmt")) if k_lvl is not None else None
            if lvl.find(_W + "isLgl") is not None:
                fmt = "decimal"  # legal numbering shows every level as a decimal ("1.1", never "1.i")
            return number_label(value or 0, fmt or "decimal")

        return re.sub(r"%([1-9])", level_text, text).strip()


# --- text of a paragraph ----------------------------------------------------------------------------------

# Elements whose text is not the paragraph's: drawings and text boxes, field codes, deleted paragraph marks'
# properties, comments' anchors.
_SKIP = {
    _W + t
    for t in (
        "pPr",
        "rPr",
        "instrText",
        "delInstrText",
        "drawing",
        "pict",
        "object",
        "commentReference",
        "footnotePr",
        "endnotePr",
        "sectPr",
        "fldData",
    )
}
_MC_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"


class _Reader:
    """Reads the visible text of paragraphs under one tracked-changes mode ("accept" or "reject")."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.notes = 0
        self.note_ids: list[str] = []

    def _shown(self, tag: str) -> bool:
        if tag in (_W + "ins", _W + "moveTo"):
            return self.mode != "reject"
        if tag in (_W + "del", _W + "moveFrom"):
            return self.mode == "reject"
        return True

    def runs(self, el: Any) -> Iterator[tuple[str, bool]]:
        """(text, italic) pieces of ``el`` in order."""
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP or tag == _MC_CHOICE:
                continue
            if not self._shown(tag):
                continue
            if tag == _W + "r":
                rpr = child.find(_W + "rPr")
                italic = rpr is not None and _on(rpr.find(_W + "i"))
                hidden = rpr is not None and _on(rpr.find(_W + "vanish"))
                if hidden:
                    continue
                for part in child.iterchildren():
                    ptag = part.tag
                    if ptag == _W + "t" or (ptag == _W + "delText" and self.mode == "reject"):
                        yield part.text or "", italic
                    elif ptag in (_W + "tab", _W + "br", _W + "cr", _W + "ptab"):
                        yield " ", italic
                    elif ptag == _W + "noBreakHyphen":
                        yield "-", italic
                    elif ptag in (_W + "footnoteReference", _W + "endnoteReference"):
                        self.notes += 1
                        self.note_ids.append(f"{ptag.rsplit('}', 1)[1]}:{_val(part, 'id')}")
                        # Set apart like a marker in a PDF extraction, so the structure parser takes it out.
                        yield f" {self.notes} ", False
            else:
                # Hyperlinks, smart tags, content controls, simple fields, custom XML: their runs are text.
                yield from self.runs(child)

    def mark_removed(self, p: Any) -> bool:
        """True when this paragraph's mark is gone in this mode, joining it with the next paragraph."""
        rpr = p.find(f"{_W}pPr/{_W}rPr")
        if rpr is None:
            return False
        if self.mode == "reject":
            return rpr.find(_W + "ins") is not None or rpr.find(_W + "moveTo") is not None
        return rpr.find(_W + "del") is not None or rpr.find(_W + "moveFrom") is not None


def _body_paragraphs(el: Any, reader: _Reader) -> Iterator[Any]:
    """Paragraphs of the body in reading order: through tables, content controls and tracked blocks."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "p":
            yield child
        elif tag in (_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo"):
            if reader._shown(tag):
                yield from _body_paragraphs(child, reader)
        else:
            yield from _body_paragraphs(child, reader)


def _tracked(body: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in _TRACK:
        n = sum(1 for _ in body.iter(_W + name))
        if n:
            counts[_TRACK[name]] = counts.get(_TRACK[name], 0) + n
    return counts


def _blocks(document: Any, mode: str) -> list[Block]:
    body = document.element.body
    part = document.part
    numbering = styles = None
    for rel in part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("numbering", "styles") and not rel.is_external:
            target = rel.target_part
            # A part saved under a generic content type comes as plain bytes: parse it the same safe way.
            el = getattr(target, "element", None)
            if el is None:
                el = etree.fromstring(target.blob, _part_parser())
            if kind == "numbering":
                numbering = el
            else:
                styles = el
    lists = _Numbering(numbering, styles)
    reader = _Reader(mode)
    blocks: list[Block] = []
    pieces: list[tuple[str, bool]] = []
    joining = False
    for p in _body_paragraphs(body, reader):
        label = lists.label(p)
        if not joining:
            pieces = [(label + " ", False)] if label else []
        pieces.extend(reader.runs(p))
        joining = reader.mark_removed(p)
        if not joining:
            blocks.append(block_from_pieces(pieces))
    if joining:
        blocks.append(block_from_pieces(pieces))
    if reader.notes:
        blocks.extend(_footnotes(document, reader.note_ids, mode))
    return blocks


def _footnotes(document: Any, note_ids: list[str], mode: str) -> list[Block]:
    """Footnote texts after a separator line, labelled in reference order: what a PDF's last page shows."""
    parts: dict[str, Any] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("footnotes", "endnotes") and not rel.is_external:
            parts[kind[:-1]] = etree.fromstring(rel.target_part.blob, _part_parser())
    out = [Block("__________")]
    reader = _Reader(mode)
    for n, ref in enumerate(note_ids, start=1):
        kind, _, note_id = ref.partition(":")
        root = parts.get(kind.replace("Reference", ""))
        if root is None:
            continue
        for note in root.iterchildren(_W + kind.replace("Reference", "")):
            if _val(note, "id") == note_id:
                text = " ".join("".join(t for t, _ in reader.runs(p)) for p in note.iter(_W + "p"))
                if text.strip():
                    out.append(Block(f"{n} {text.strip()}"))
    return out if len(out) > 1 else []


def _part_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def load_docx(data: bytes, path: str, *, tracked: str | None = None) -> list[Document]:
    """Parse a .docx file into its documents.

    Args:
        data: The bytes of the file.
        path: Its name, for messages.
        tracked: What to do with tracked changes: ``"refuse"``, ``"accept"`` or ``"reject"``; ``None`` uses
            the module's ``TRACKED_CHANGES`` (``"refuse"``).

    Raises:
        MissingExtraError: python-docx is not installed.
        InputError: not a .docx, damaged, encrypted, a zip bomb, hostile XML, or tracked changes to refuse.
        ParseError: the text holds no resolution structure.

    >>> load_docx(b"PK\\x03\\x04 not really a zip", "x.docx")
    Traceback (most recent call last):
    corpus.errors.InputError: x.docx: is not a valid .docx: the zip container is damaged or truncated \
(BadZipFile). To fix: open it in Word or LibreOffice and save it again as .docx
    """
    mode = tracked or TRACKED_CHANGES
    if mode not in ("refuse", "accept", "reject"):
        raise ValueError(f"tracked must be 'refuse', 'accept' or 'reject', not {mode!r}")
    zf = _check_zip(data, path)
    _check_parts(zf, path)
    try:
        import docx
    except ImportError as e:
        raise MissingExtraError("reading .docx", "docx") from e
    with guard("DOCX", path, _FIX):
        document = docx.Document(io.BytesIO(data))
        counts = _tracked(document.element.body)
    if counts and mode == "refuse":
        what = ", ".join(f"{n} {k}" for k, n in counts.items())
        raise InputError(
            f"has tracked changes ({what}). Cause: textdiff reads one version of a text and will not mix "
            "inserted and deleted words. To fix: accept or reject all changes in Word (Review > Accept All) "
            "and save, or read it with corpus.loaders.docx.load_docx(data, path, tracked='accept')",
            path,
        )
    with guard("DOCX", path, _FIX):
        blocks = _blocks(document, mode)
    return load_blocks(blocks, path)
