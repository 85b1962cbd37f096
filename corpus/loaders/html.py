"""HTML loader: UN document pages (Word's "save as web page" markup) and generic HTML. Block elements become
paragraphs, ordered lists get the numbers a browser shows, scripts and styles are dropped: the page is read
as text only, never run.
"""

# Steps: refuse entity declarations (an XHTML page can carry an XML bomb) → decode (BOM, declared charset,
# UTF-8, cp1252) → lxml.html parse (no network, comments and processing instructions dropped) → walk the tree:
# skip scripts, styles, forms and hidden elements; start a block at each block element; number <ol> items;
# footnote references become markers set apart as in a PDF extraction, footnote texts go after a separator
# line → blocks (with italic openings) → `load_blocks`.

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.html
from lxml import etree

from corpus.errors import InputError
from corpus.loaders._shared import Block, block_from_pieces, check_no_entities, guard, load_blocks
from corpus.loaders.text import decode_text
from corpus.model import Document

__all__ = ["html_blocks", "load_html"]

_FIX = "save the page again from a browser (File > Save Page As, HTML only), or give its text"

_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre
    section summary table tbody td tfoot th thead tr ul""".split()
)
# Never text of the document: code, styling, embedded objects, form controls.
_DROP = frozenset(
    """script style noscript template head iframe object embed applet svg math canvas audio video select
    option button input textarea map area frameset frame""".split()
)
_ITALIC = frozenset({"i", "em", "cite", "var", "dfn"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)
_NOTE_MARK = re.compile(r"^\[?\(?(\d{1,3}|[*†‡§])\)?\]?$")
# Word's web pages: footnote references link to "#_ftn1", footnote texts sit in <div id="ftn1">; pandoc
# and many CMSs use "#fn1" and a <section class="footnotes">.
_NOTE_REF = re.compile(r"^#(?:_?ftn|fn:?|footnote-?)\d+$", re.I)
_NOTE_AREA = re.compile(r"^(?:_?ftn\d+|fn:?\d+|footnotes?)$", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SEPARATOR = "__________"


def _decode(data: bytes, path: str) -> str:
    """The page as text: a BOM first, then the declared charset, then what a text file would be decoded as."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, path)
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m:
        name = m.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            codec = None
        # A page that says UTF-16 but has no BOM was re-saved as 8-bit; trust the bytes, not the claim.
        if codec is not None and not codec.name.startswith("utf-16"):
            try:
                return data.decode(codec.name)
            except UnicodeDecodeError:
                pass
    return decode_text(data, path)


def _is_hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN.search(style))


def _is_italic(el: Any) -> bool:
    style = el.get("style")
    return el.tag in _ITALIC or bool(style and _ITALIC_STYLE.search(style))


def _note_area(el: Any) -> bool:
    ident = el.get("id") or ""
    classes = (el.get("class") or "").split()
    return bool(_NOTE_AREA.match(ident)) or "footnotes" in classes or el.get("role") == "doc-endnotes"


def _list_label(n: int, kind: str) -> str:
    if kind in ("a", "A"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return f"({s.upper() if kind == 'A' else s})"
    if kind in ("i", "I"):
        from corpus.loaders.docx import number_label

        s = number_label(n, "lowerRoman")
        return f"({s.upper() if kind == 'I' else s})"
    return f"{n}."


class _Walker:
    """Collects blocks from an element tree."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[tuple[str, bool]] = []
        self.italic = 0
        self.lists: list[list[Any]] = []  # [next number, type] per open <ol>/<ul>
        self.in_notes = 0
        self.separated = False

    def text(self, s: str | None) -> None:
        if s:
            self.pieces.append((s, self.italic > 0))

    def flush(self) -> None:
        if not any(t.strip() for t, _ in self.pieces):
            self.pieces = []
            return
        block = block_from_pieces(self.pieces)
        self.pieces = []
        # Two line breaks in a row separate paragraphs in pages that use <br> instead of <p>.
        for part in re.split(r"\n\s*\n", block.text):
            if not part.strip():
                continue
            text = part.replace("\n", " ")
            if self.in_notes:
                text = re.sub(r"^\s*[\[(]?(\d{1,3})[\])]?\.?\s+", r"\1 ", text)
            italic = (
                block.italic if part is block.text or block.text.lstrip().startswith(part.lstrip()) else ""
            )
            self.blocks.append(Block(text, italic))

    def walk(self, root: Any) -> list[Block]:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            tag = tag.rsplit("}", 1)[-1].lower()  # XHTML elements carry a namespace
            if event == "start":
                if not tag or tag in _DROP or _is_hidden(el):
                    walker.skip_subtree()
                    el.set("data-textdiff-skipped", "1")
                    continue
                self.start(el, tag, walker)
            else:
                if el.get("data-textdiff-skipped") is None:
                    self.end(el, tag)
                self.text(el.tail)
        self.flush()
        return self.blocks

    def start(self, el: Any, tag: str, walker: Any) -> None:
        if tag in _BLOCK or tag == "br":
            if tag == "br":
                self.pieces.append(("\n", False))
            else:
                self.flush()
        if _note_area(el):
            self.flush()
            if not self.separated:
                self.blocks.append(Block(_SEPARATOR))
                self.separated = True
            self.in_notes += 1
            el.set("data-textdiff-notes", "1")
        if tag in ("ol", "ul"):
            try:
                start = int(el.get("start") or 1)
            except ValueError:
                start = 1
            self.lists.append([start, el.get("type") or "1" if tag == "ol" else "ul"])
        if tag == "li" and self.lists:
            counter = self.lists[-1]
            try:
                counter[0] = int(el.get("value") or counter[0])
            except ValueError:
                pass
            if counter[1] != "ul":
                self.pieces.append((_list_label(counter[0], counter[1]) + " ", False))
            counter[0] += 1
        if self._marker(el, tag):
            walker.skip_subtree()
            el.set("data-textdiff-skipped", "1")
            return
        if _is_italic(el):
            self.italic += 1
            el.set("data-textdiff-italic", "1")
        self.text(el.text)

    def _marker(self, el: Any, tag: str) -> bool:
        """A footnote reference: set apart by spaces, like a marker in a PDF extraction."""
        href = el.get("href") or ""
        classes = el.get("class") or ""
        if tag == "sup" or (tag == "a" and _NOTE_REF.match(href)) or "FootnoteReference" in classes:
            label = "".join(el.itertext()).strip()
            m = _NOTE_MARK.match(label)
            if m:
                self.pieces.append((f" {m.group(1)} ", False))
                return True
        return False

    def end(self, el: Any, tag: str) -> None:
        if el.get("data-textdiff-italic"):
            self.italic -= 1
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in _BLOCK:
            self.flush()
        if el.get("data-textdiff-notes"):
            self.in_notes -= 1


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, default_doctype=False
    )


def html_blocks(text: str) -> list[Block]:
    """The blocks of an HTML page given as text.

    >>> page = '''<html><head><script>alert("x")</script></head><body>
    ... <p>The General Assembly,</p><p><i>Recalling</i> its resolution 1/1,<sup>1</sup></p>
    ... <ol><li><em>Decides</em> to act;</li><li>Requests a report.</li></ol></body></html>'''
    >>> [b.text.strip() for b in html_blocks(page)][1:]
    ['Recalling its resolution 1/1, 1', '1. Decides to act;', '2. Requests a report.']
    """
    root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=_parser())
    return _Walker().walk(root)


def load_html(data: bytes, path: str) -> list[Document]:
    """Parse an HTML page into its documents.

    Raises:
        InputError: undecodable, hostile (entity declarations), or no text.
        ParseError: the text holds no resolution structure.

    >>> page = b"<p>The Security Council,</p><p>1. <i>Decides</i> to remain seized of the matter.</p>"
    >>> [p.id for p in load_html(page, "x.html")[0].paragraphs]
    ['op1']
    """
    check_no_entities(data, path, "HTML")
    text = _decode(data, path)
    if not text.strip():
        raise InputError("is empty: there is no text to read. To fix: check the file", path)
    with guard("HTML", path, _FIX):
        blocks = html_blocks(text)
    if not blocks:
        raise InputError(f"has no text outside scripts, styles and markup. To fix: {_FIX}", path)
    return load_blocks(blocks, path)
