"""Loaders: read a file as users have it and return its documents.

A loader is chosen by content, then by extension (`sniff`): each takes the raw bytes and the path and
returns `list[Document]`. Plain text, DOCX, PDF, HTML and Akoma Ntoso XML are read; a format slots in by
adding to `_LOADERS` (by extension) and `_MAGIC` (by leading bytes).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from corpus.errors import InputError
from corpus.loaders.akn import load_akn
from corpus.loaders.docx import load_docx
from corpus.loaders.html import load_html
from corpus.loaders.pdf import load_pdf
from corpus.loaders.text import decode_text, load_text
from corpus.model import Document

__all__ = ["MAX_BYTES", "load", "load_bytes", "select_document", "split_address"]

# The longest committee report is under 200 kB of text; a 32 MiB limit refuses runaway inputs before
# they are decoded, while leaving room for whole sessions concatenated.
MAX_BYTES = 32 * 1024 * 1024

Loader = Callable[[bytes, str], list[Document]]


def _load_plain(data: bytes, path: str) -> list[Document]:
    return load_text(decode_text(data, path), path)


def _refuse(kind: str, extra: str) -> Loader:
    def loader(data: bytes, path: str) -> list[Document]:
        raise InputError(
            f"is a {kind} file; textdiff does not read {kind}. "
            "To fix: save it as .docx, .pdf, .html or text and give that file",
            path,
        )

    return loader


def _refuse_ole(data: bytes, path: str) -> list[Document]:
    raise InputError(
        "is a legacy Word .doc file or a password-protected Office file. Cause: both are OLE compound files, "
        "which textdiff does not read. To fix: open it in Word or LibreOffice and save it as .docx without "
        "a password",
        path,
    )


def _refuse_zip(data: bytes, path: str) -> list[Document]:
    raise InputError(
        "is a zip archive but not a Word .docx (no word/document.xml). To fix: unpack it and give the "
        "document inside, or save the document as .docx",
        path,
    )


_LOADERS: dict[str, Loader] = {
    ".txt": _load_plain,
    ".md": _load_plain,
    ".text": _load_plain,
    "": _load_plain,
    ".docx": load_docx,
    ".pdf": load_pdf,
    ".html": load_html,
    ".htm": load_html,
    ".xhtml": load_html,
    ".xml": load_akn,
    ".akn": load_akn,
    ".doc": _refuse_ole,
    ".zip": _refuse_zip,
}
# Leading bytes that name a format whatever the extension says. A .docx is a zip whose directory (stored
# uncompressed) names word/document.xml; an encrypted .docx is an OLE file like a legacy .doc.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", ".pdf"),
    (b"PK\x03\x04", ".zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
]
_MARKUP_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
_ROOT = re.compile(rb"<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)")


def _markup_kind(data: bytes, suffix: str) -> str | None:
    """ ".xml" (Akoma Ntoso) or ".html" when the bytes open with markup, from the root element's name."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return None
    if re.match(rb"<!DOCTYPE\s+html", head, re.I):
        return ".html"
    pos = 0
    while m := _MARKUP_SKIP.match(head, pos):
        if m.end() == pos:
            break
        pos = m.end()
    root = _ROOT.match(head, pos)
    if root is None:
        return ".xml" if head.startswith(b"<?xml") else None
    name = root.group(2).decode("ascii", "replace").lower()
    if name == "akomantoso":
        return ".xml"
    if name == "html":
        return ".html"
    if suffix in (".html", ".htm", ".xhtml", ".xml", ".akn"):
        return suffix
    return ".xml" if head.startswith(b"<?xml") else None


def sniff(data: bytes, suffix: str) -> str:
    """The format of ``data``: its content wins over the extension.

    >>> sniff(b"%PDF-1.7", ".txt"), sniff(b"The General Assembly,", ".txt")
    ('.pdf', '.txt')
    >>> sniff(b'<?xml version="1.0"?><akomaNtoso xmlns="x">', ""), sniff(b"<!DOCTYPE html><p>", ".txt")
    ('.xml', '.html')
    >>> sniff(b"PK\x03\x04...word/document.xml...", ".zip"), sniff(b"PK\x03\x04...", ".docx")
    ('.docx', '.zip')
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if kind == ".zip" and b"word/document.xml" in data:
                return ".docx"
            return kind
    markup = _markup_kind(data, suffix)
    if markup:
        return markup
    return suffix if suffix in _LOADERS else ".txt"


def load_bytes(data: bytes, path: str) -> list[Document]:
    """Parse the bytes of one file (``path`` names it in messages; its extension picks the loader when the
    content does not).

    Raises:
        InputError: too large, binary, damaged, hostile, encrypted or of an unsupported format.
        MissingExtraError: the format needs an optional dependency (``textdiff[pdf]``, ``textdiff[docx]``).
        ParseError: the text holds no resolution structure.

    >>> page = b"<p>The General Assembly,</p><p>1. Decides to act.</p>"
    >>> [p.id for p in load_bytes(page, "r.html")[0].paragraphs]
    ['op1']
    """
    if len(data) > MAX_BYTES:
        raise InputError(
            f"is {len(data) / 1e6:.1f} MB; textdiff reads at most {MAX_BYTES // (1024 * 1024)} MiB per file. "
            "To fix: split the file into its documents",
            path,
        )
    kind = sniff(data, Path(path).suffix.lower())
    loader = _LOADERS.get(kind) or _refuse(kind.lstrip(".").upper(), kind.lstrip("."))
    return loader(data, path)


def _read(path: str) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        return data
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("is a directory; give a file. To fix: name one file of it", path)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"is {size / 1e6:.1f} MB; textdiff reads at most {MAX_BYTES // (1024 * 1024)} MiB per file. "
                "To fix: split the file into its documents",
                path,
            )
        return p.read_bytes()
    except FileNotFoundError as e:
        raise InputError("no such file. To fix: check the path", path) from e
    except PermissionError as e:
        raise InputError("cannot be read: permission denied", path) from e
    except IsADirectoryError as e:
        raise InputError("is a directory; give a file", path) from e
    except OSError as e:
        raise InputError(f"cannot be read: {e.strerror}", path) from e


def split_address(spec: str) -> tuple[str, str | None]:
    """Split ``PATH#N`` or ``PATH#"Draft resolution II"`` into the path and the selector.

    >>> split_address("report.txt#2"), split_address('report.txt#"Draft resolution II"')
    (('report.txt', '2'), ('report.txt', 'Draft resolution II'))
    >>> split_address("a.txt")
    ('a.txt', None)
    """
    if Path(spec).exists() or "#" not in spec:
        return spec, None
    path, _, sel = spec.rpartition("#")
    return path, sel.strip().strip("\"'") or None


def select_document(docs: list[Document], selector: str | None, path: str) -> Document:
    """Pick one document of a file by 1-based position or by label; a file of one document needs none."""
    if selector is None:
        if len(docs) == 1:
            return docs[0]
        names = "; ".join(f"#{d.position} {d.label or d.title or d.kind}" for d in docs)
        raise InputError(f"holds {len(docs)} documents ({names}). To fix: address one as {path}#N", path)
    if re.fullmatch(r"\d+", selector):
        n = int(selector)
        if 1 <= n <= len(docs):
            return docs[n - 1]
        raise InputError(f"has no document #{n}: it holds {len(docs)}", path)
    wanted = " ".join(selector.split()).casefold()
    for d in docs:
        if d.label and d.label.casefold() == wanted:
            return d
        if d.symbol and d.symbol.casefold() == wanted:
            return d
    raise InputError(f"has no document labelled {selector!r}", path)


def load(path: str | Path) -> list[Document]:
    """Read a file (``-`` for standard input) and return the documents it holds.

    Raises:
        InputError: the file is missing, unreadable, too large, binary or of an unsupported format.
        ParseError: the text holds no resolution structure.
    """
    spec = str(path)
    return load_bytes(_read(spec), "<stdin>" if spec == "-" else spec)
