"""Plain-text loader: decodes bytes, recognises the text's form (PDF extraction, markdown-like, one block per
paragraph) and hands clean lines to the structure parser.

Steps: decode (BOM, UTF-8, UTF-16, cp1252) → strip markdown markup when the text is markdown-like → remove
page furniture and footnote blocks (`corpus.layout`) → find documents and paragraphs (`corpus.structure`).
"""

from __future__ import annotations

import codecs
import re

from corpus.errors import InputError
from corpus.layout import Line, strip_layout, strip_markdown
from corpus.model import Document
from corpus.structure import find_documents

__all__ = ["decode_text", "load_text"]

# Bytes that never occur in text: a file holding them (outside UTF-16) is binary.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_text(data: bytes, path: str) -> str:
    """Decode the bytes of a text file: BOMs first, then UTF-8, then UTF-16 without BOM, then cp1252.

    >>> decode_text("Côte d’Ivoire".encode("cp1252"), "x.txt")
    'Côte d’Ivoire'
    >>> decode_text(codecs.BOM_UTF8 + b"The General Assembly,", "x.txt")
    'The General Assembly,'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    sample = data[:65536]
    if len(sample) >= 4:
        # UTF-16 without a BOM: every other byte of Latin text is NUL, always at the same parity.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if even > 0.4 * half and odd < 0.02 * half:
            return _decode(data, "utf-16-be", path)
        if odd > 0.4 * half and even < 0.02 * half:
            return _decode(data, "utf-16-le", path)
    if _BINARY.search(data[:65536]):
        raise InputError(
            "is a binary file, not text. Cause: it holds control bytes. To fix: give the document as text, "
            "or as .docx/.pdf/.html/.xml with the matching loader",
            path,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InputError(
            f"cannot be decoded (byte {e.start}): not UTF-8, UTF-16 or cp1252. To fix: save it as UTF-8", path
        ) from e


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"is not valid {encoding} (byte {e.start}). To fix: save it as UTF-8", path) from e


def load_text(text: str, path: str) -> list[Document]:
    """Parse decoded text into its documents.

    >>> text = "The General Assembly,\\n\\nRecalling its resolution 1/1,\\n\\n1. Decides to act."
    >>> docs = load_text(text, "t.txt")
    >>> [p.id for p in docs[0].paragraphs]
    ['pp1', 'op1']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = [Line(i + 1, s) for i, s in enumerate(text.split("\n"))]
    footnotes_md: list[tuple[int, str, str]] = []
    if _looks_markdown(text):
        lines, footnotes_md = strip_markdown(lines)
    layout = strip_layout(lines)
    return find_documents(
        layout.lines, path, footnotes=layout.footnotes + footnotes_md, dropped=layout.dropped
    )


_MD_SIGNS = re.compile(r"\]\(#?[^)]*\)|^\s*\d+\.\s+\*[A-Z][^*]+\*|^\*\*[^*]+\*\*\s*$|[¹²³⁴⁵⁶⁷⁸⁹⁰]", re.M)


_ITALIC_HINT = re.compile(r"\.\s+\*[A-Z]")  # what the italic operative lead of _MD_SIGNS needs


def _looks_markdown(text: str) -> bool:
    head = text[:200_000]
    # Cheap tests first: PDF extractions, the common input, have none of these characters.
    # (A barcode "*2017454*" has a star: each sign is looked for by its own telltale characters.)
    if (
        "](" not in head
        and "**" not in head
        and not _ITALIC_HINT.search(head)
        and not any(c in head for c in "¹²³⁴⁵⁶⁷⁸⁹⁰")
    ):
        return False
    return len(_MD_SIGNS.findall(head)) >= 2
