"""Loaders: read a file as users have it and return its documents.

A loader is chosen by extension, then by content (`sniff`): each takes the raw bytes and the path and
returns `list[Document]`. New formats (HTML, DOCX, PDF, Akoma Ntoso) slot in by adding to `_LOADERS`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from corpus.errors import InputError
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
            f"is a {kind} file; reading {kind} is not available yet in this version. "
            "To fix: convert it to text (for PDF: pdftotext FILE) and give the .txt",
            path,
        )

    return loader


_LOADERS: dict[str, Loader] = {
    ".txt": _load_plain,
    ".md": _load_plain,
    ".text": _load_plain,
    "": _load_plain,
}
_MAGIC: list[tuple[bytes, str]] = [(b"%PDF", ".pdf"), (b"PK\x03\x04", ".docx")]


def sniff(data: bytes, suffix: str) -> str:
    """The format of ``data``: its magic bytes win over the extension.

    >>> sniff(b"%PDF-1.7", ".txt"), sniff(b"The General Assembly,", ".txt")
    ('.pdf', '.txt')
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return suffix if suffix in _LOADERS else ".txt"


def load_bytes(data: bytes, path: str) -> list[Document]:
    """Parse the bytes of one file (``path`` names it in messages and picks the loader)."""
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
