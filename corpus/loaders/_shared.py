"""What the structured-format loaders (DOCX, PDF, HTML, Akoma Ntoso) share: paragraphs handed to the text
pipeline as blocks, a safe XML parser, and the guard that turns a third-party parser's failure into an
``InputError``.
"""

# Steps of a block-based loader: extract the document's paragraphs as blocks (one line each, with the
# italic lead when the format marks it) → join them with blank lines → `load_text` (layout repair, structure
# parser) → fill the leads the lexical finder missed from the italic hints.

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from lxml import etree

from corpus.errors import InputError, TextdiffError
from corpus.layout import norm_space
from corpus.loaders.text import load_text
from corpus.model import Document

__all__ = [
    "MAX_TEXT",
    "Block",
    "block_from_pieces",
    "check_no_entities",
    "guard",
    "italic_lead",
    "load_blocks",
    "parse_xml",
]

# Extracted text is held to the same bound as a text file: a small package can decompress to far more.
MAX_TEXT = 32 * 1024 * 1024

# Italic hints longer than this are emphasis inside a sentence, not a lead ("Recalling also" has 2 words,
# "Expressing its deep concern" 4).
_MAX_LEAD_WORDS = 6
_OPENING = re.compile(r"^\s*(?:(?:\d{1,3}\.|\([a-z0-9]{1,6}\))\s+)?")
_NUMBER_PREFIX = re.compile(r"^\s*(?:\d{1,3}\.|\((?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\))\s*")


@dataclass(frozen=True)
class Block:
    """One paragraph of the source as a single line of text, with its italic opening words if any."""

    text: str
    italic: str = ""


def italic_lead(text: str, italic: str) -> str:
    """The italic opening words of ``text`` when they can be a lead, else ``""``.

    ``italic`` is the italic text at the start of the paragraph, after any printed number.

    >>> italic_lead("7. Calls upon States to act", "Calls upon")
    'Calls upon'
    >>> italic_lead("Recalling its resolutions", "Recalling its resolutions and decisions in full")
    ''
    """
    lead = norm_space(italic).rstrip(",;:")
    body = norm_space(_NUMBER_PREFIX.sub("", text, count=1))
    if not lead or len(lead.split()) > _MAX_LEAD_WORDS or not body.startswith(lead):
        return ""
    rest = body[len(lead) :]
    return lead if not rest or not rest[0].isalnum() else ""


def block_from_pieces(pieces: Sequence[tuple[str, bool]]) -> Block:
    """A block from (text, italic) pieces: their text, and the italic opening words after any number.

    >>> block_from_pieces([("3. ", False), ("Calls upon", True), (" ", False), ("States", False)])
    Block(text='3. Calls upon States', italic='Calls upon')
    """
    text = "".join(t for t, _ in pieces)
    start = _OPENING.match(text).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    italic, pos = [], 0
    for piece, is_italic in pieces:
        end = pos + len(piece)
        if end > start:
            seg = piece[max(start - pos, 0) :]
            if not (is_italic or not seg.strip()):
                break
            italic.append(seg)
        pos = end
    return Block(text, "".join(italic).strip())


def _key(text: str) -> str:
    return norm_space(_NUMBER_PREFIX.sub("", text, count=1))[:60]


def load_blocks(blocks: Sequence[Block], path: str) -> list[Document]:
    """Parse blocks as the text pipeline parses a clean paragraph file; italic leads fill missing leads.

    The lexical lead finder (`corpus.leads.find_lead`) wins, so every format gives the same leads for the same
    text; an italic opening names the lead only where the finder has none (a word outside its English
    pattern, a paragraph opening with a quotation mark).

    >>> docs = load_blocks([Block("The General Assembly,"), Block("Recalling its resolution 1/1,"),
    ...                     Block("1. Émet l’espoir que la paix régnera.", "Émet l’espoir")], "x.html")
    >>> [(p.id, p.lead) for p in docs[0].paragraphs]
    [('pp1', 'Recalling'), ('op1', 'Émet l’espoir')]
    """
    lines = [norm_space(b.text) for b in blocks]
    if sum(len(t) + 2 for t in lines) > MAX_TEXT:
        raise InputError(
            f"holds more than {MAX_TEXT // (1024 * 1024)} MiB of text. Cause: far more than any UN document. "
            "To fix: split the file into its documents",
            path,
        )
    docs = load_text("\n\n".join(t for t in lines if t), path)
    hints = {_key(b.text): lead for b in blocks if (lead := italic_lead(b.text, b.italic))}
    if not hints:
        return docs
    out = []
    for d in docs:
        paragraphs = []
        for p in d.paragraphs:
            hint = hints.get(_key(p.source_text))
            if p.lead is None and hint and p.text.startswith(hint):
                p = replace(p, lead=hint)
            paragraphs.append(p)
        out.append(replace(d, paragraphs=tuple(paragraphs)))
    return out


def _cause(e: BaseException) -> str:
    # One line, printable: third-party messages quote the broken bytes they met.
    msg = "".join(c if c.isprintable() else "?" for c in norm_space(str(e)))[:160].rstrip(".")
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


@contextmanager
def guard(kind: str, path: str, fix: str) -> Iterator[None]:
    """Turn any failure of a third-party reader into one ``InputError`` naming the file and the cause.

    Parsers of binary formats raise whatever their internals hit on a broken file (``KeyError``,
    ``struct.error``, ``zlib.error``…); a user only needs to know the file cannot be read, and why.

    >>> with guard("DOCX", "a.docx", "save it again"):
    ...     raise KeyError("word/document.xml")
    Traceback (most recent call last):
    corpus.errors.InputError: a.docx: cannot be read as DOCX. Cause: KeyError: 'word/document.xml'. \
To fix: save it again
    """
    try:
        yield
    except TextdiffError:
        raise
    except MemoryError as e:
        raise InputError(f"is too large to read as {kind}. To fix: split the file", path) from e
    except RecursionError as e:
        raise InputError(f"is nested too deeply to read as {kind}. To fix: {fix}", path) from e
    except Exception as e:  # noqa: BLE001 - any third-party failure on hostile input becomes an InputError
        raise InputError(f"cannot be read as {kind}. Cause: {_cause(e)}. To fix: {fix}", path) from e


# Entity declarations are how XML bombs (billion laughs) and external-entity reads (XXE) start; no real
# DOCX part, Akoma Ntoso or XHTML file needs one. Checked in the encodings XML may use.
_ENTITY_MARKS = tuple(
    s.encode(enc) for s in ("<!ENTITY", "<!entity") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_DOCTYPE_MARKS = tuple(
    s.encode(enc) for s in ("<!DOCTYPE", "<!doctype") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)


def check_no_entities(data: bytes, path: str, what: str = "XML", doctype: bool = False) -> None:
    """Refuse XML that declares entities (or, with ``doctype``, that has any document type declaration).

    >>> check_no_entities(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "bomb.xml")
    Traceback (most recent call last):
    corpus.errors.InputError: bomb.xml: declares XML entities (<!ENTITY …>). Cause: entity declarations \
are how XML bombs and external-entity attacks start, and no UN document needs one. To fix: remove the \
DOCTYPE and its entity declarations
    """
    if any(m in data for m in _ENTITY_MARKS):
        raise InputError(
            "declares XML entities (<!ENTITY …>). Cause: entity declarations are how XML bombs and "
            "external-entity attacks start, and no UN document needs one. To fix: remove the DOCTYPE and "
            "its entity declarations",
            path,
        )
    if doctype and any(m in data for m in _DOCTYPE_MARKS):
        raise InputError(
            f"has a document type declaration (<!DOCTYPE …>) inside {what}. Cause: a valid file of this "
            "format never has one; this file was altered or is hostile. To fix: save it again from its "
            "application",
            path,
        )


def _parser() -> etree.XMLParser:
    # No entity substitution, no DTD, no network, no huge trees: the defaults a hostile file cannot change.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, path: str, what: str) -> etree._Element:
    """Parse XML safely: entity declarations refused before and after parsing (any encoding).

    >>> parse_xml(b"<a><b>text</b></a>", "x.xml", "Akoma Ntoso").findtext("b")
    'text'
    """
    check_no_entities(data, path, what)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise InputError(
            f"is not well-formed XML ({_cause(e)}). To fix: check that the {what} file is complete", path
        ) from e
    except ValueError as e:
        raise InputError(
            f"cannot be read as {what}. Cause: {_cause(e)}. To fix: save it as UTF-8", path
        ) from e
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # Reached only in an encoding the byte scan does not know (UTF-32, EBCDIC): still refused.
        check_no_entities(b"<!ENTITY", path, what)
    return root
