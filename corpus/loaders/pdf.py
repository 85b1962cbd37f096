"""PDF loader: the text of each page, laid out as printed, is rejoined into paragraphs and handed to the same
layout repair as raw ``pdftotext`` output (page furniture, running headers, footnote blocks).

Needs the optional extra ``[pdf]`` (pypdf, chosen over pdfminer-based readers for its built-in limits on
decompressed stream sizes: a PDF can hold a compression bomb as easily as a zip).
"""

# Steps: refuse what is not a whole PDF (no header, no %%EOF end marker), encrypted files that need a
# password, files of too many pages → per page, pypdf's layout-mode text (indentation kept) → rejoin wrapped
# lines: a line flush with the page's text margin after a full line continues the paragraph; an indented
# line, a line after a short one or after a blank starts one → pages separated like pdftotext's form feeds →
# `load_blocks` (the text pipeline with its layout repair).

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from typing import Any

from corpus.errors import InputError, MissingExtraError
from corpus.layout import norm_space
from corpus.loaders._shared import MAX_TEXT, Block, guard, load_blocks
from corpus.model import Document

__all__ = ["MAX_PAGES", "load_pdf", "rejoin_lines"]

# The longest committee report runs to about 60 pages; a whole session's journal to a few hundred.
MAX_PAGES = 2000
# Decompressed size allowed for any one stream (pypdf's default is 75 MB): a page of text needs kilobytes.
_MAX_STREAM = 32 * 1024 * 1024
_FIX = "open it in a PDF reader and save or print it to a new PDF, or give its text (pdftotext FILE)"

# A wrapped line ends within this share of the longest line's length; a shorter one ends its paragraph.
_FULL_LINE = 0.8
_INDENT = 2  # characters of indentation that mark a paragraph's first line in layout text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def rejoin_lines(lines: list[str]) -> list[str]:
    """Paragraphs of one page's layout text: wrapped lines joined, one paragraph per item.

    A line continues the paragraph above when it starts at the text margin (the smallest indentation of
    the page's long lines) and the line above it is full; first lines are indented, last lines short.

    >>> page = ["    Recalling its resolutions on the matter and the reports",
    ...         "of the Secretary-General on the subject of the",
    ...         "present resolution,", "    1. Decides to remain seized of the matter."]
    >>> rejoin_lines(page)
    ['Recalling its resolutions on the matter and the reports of the Secretary-General on the subject \
of the present resolution,', '1. Decides to remain seized of the matter.']
    """
    texts = [ln.rstrip() for ln in lines]
    longest = max((len(t.strip()) for t in texts), default=0)
    long_lines = [t for t in texts if t.strip() and len(t.strip()) >= _FULL_LINE * longest]
    margin = min((_indent(t) for t in long_lines), default=0)
    out: list[str] = []
    prev_full = False
    for t in texts:
        if not t.strip():
            prev_full = False
            continue
        body = norm_space(t)
        continues = out and prev_full and _indent(t) < margin + _INDENT
        if continues and out[-1].endswith("-") and not out[-1].endswith(" -") and body[:1].islower():
            # A hyphen at a line end that belongs to the word ("nuclear-\nweapon-free"), as the parser joins.
            out[-1] += body
        elif continues:
            out[-1] += " " + body
        else:
            out.append(body)
        prev_full = len(t.strip()) >= _FULL_LINE * longest
    return out


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf reports recoverable damage through logging and warnings; the library never prints, so both are
    silenced while a file is read, and the logger is restored after."""
    logger = logging.getLogger("pypdf")
    propagate, null = logger.propagate, logging.NullHandler()
    logger.propagate = False
    logger.addHandler(null)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(null)
        logger.propagate = propagate


def load_pdf(data: bytes, path: str) -> list[Document]:
    """Parse a PDF file into its documents.

    Raises:
        MissingExtraError: pypdf is not installed (``pip install 'textdiff[pdf]'``).
        InputError: not a PDF, truncated, damaged, encrypted with a password, too many pages, or no text
            (a scan).
        ParseError: the text holds no resolution structure.

    >>> load_pdf(b"%PDF-1.7\\n1 0 obj", "cut.pdf")
    Traceback (most recent call last):
    corpus.errors.InputError: cut.pdf: is truncated: the PDF has no end-of-file marker (%%EOF). Cause: the \
download or copy was cut short. To fix: download or copy it again
    """
    head = data.find(b"%PDF-", 0, 1024)
    if head < 0:
        raise InputError(f"is not a PDF: it does not start with %PDF-. To fix: {_FIX}", path)
    if b"%%EOF" not in data[-4096:]:
        raise InputError(
            "is truncated: the PDF has no end-of-file marker (%%EOF). Cause: the download or copy was cut "
            "short. To fix: download or copy it again",
            path,
        )
    try:
        import pypdf
    except ImportError as e:
        raise MissingExtraError("reading .pdf", "pdf") from e
    with _quiet(), guard("PDF", path, _FIX), _limits(pypdf):
        return _load(pypdf, data[head:], path)


def _limits(pypdf: Any) -> Any:
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # older pypdf: its own 75 MB default limits apply
        return contextlib.nullcontext()
    return apply(
        zlib_maximum_output_length=_MAX_STREAM,
        lzw_maximum_output_length=_MAX_STREAM,
        run_length_maximum_output_length=_MAX_STREAM,
        maximum_declared_stream_length=_MAX_STREAM,
    )


def _load(pypdf: Any, data: bytes, path: str) -> list[Document]:
    limit = getattr(pypdf.errors, "LimitReachedError", MemoryError)
    try:
        return _read_pages(pypdf, data, path)
    except limit as e:
        raise InputError(
            f"holds a stream that expands past {_MAX_STREAM // (1024 * 1024)} MB or past pypdf's limits. "
            "Cause: a compression bomb, or a file that is not a text document. To fix: " + _FIX,
            path,
        ) from e


def _read_pages(pypdf: Any, data: bytes, path: str) -> list[Document]:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        # Many PDFs are encrypted with an empty user password (printing and copying rights only).
        if not reader.decrypt(""):
            raise InputError(
                "is encrypted with a password. To fix: open it with its password and save an unprotected "
                "copy, or give its text",
                path,
            )
    n = len(reader.pages)
    if n > MAX_PAGES:
        raise InputError(f"has {n} pages (at most {MAX_PAGES}). To fix: split it into its documents", path)
    blocks: list[Block] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False) or ""
        size += len(text)
        if size > MAX_TEXT:
            raise InputError(
                f"holds more than {MAX_TEXT // (1024 * 1024)} MiB of text. To fix: split it", path
            )
        blocks.extend(Block(t) for t in rejoin_lines(text.splitlines()))
        blocks.append(Block(""))
    if not any(re.search(r"\w", b.text) for b in blocks):
        raise InputError(
            "has no text layer: it is a scan or holds only images. To fix: run OCR on it (ocrmypdf FILE OUT) "
            "or give its text",
            path,
        )
    return load_blocks(blocks, path)
