"""Series of one resolution: find the earlier version of a document among others (same title, latest
earlier date), the way a reader finds last year's text of a recurring resolution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from corpus.errors import TextdiffError
from corpus.loaders import load
from corpus.model import Document

__all__ = ["find_previous", "load_directory", "title_key"]


def title_key(title: str | None) -> str:
    """The comparison form of a title: letters and digits, case-folded (PDF line breaks and dashes vanish).

    >>> title_key("Developments in the field of information and\\ntelecommunications") == \\
    ...     title_key("Developments in the field of information and telecommunications")
    True
    """
    return re.sub(r"[\W_]+", "", (title or "").casefold())


def load_directory(directory: str | Path) -> tuple[list[Document], list[str]]:
    """Every document of the text files under ``directory`` (sorted by path), and the files that failed.

    A file that cannot be read is reported back, not silently skipped.
    """
    docs: list[Document] = []
    failed: list[str] = []
    root = Path(directory)
    if not root.is_dir():
        raise TextdiffError(f"{directory}: not a directory. To fix: give the folder that holds the corpus")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md")):
        if path.name.upper() in ("README.MD", "SOURCES.MD", "CHANGELOG.MD"):
            continue
        try:
            docs.extend(load(path))
        except TextdiffError as e:
            failed.append(str(e))
    return docs, failed


def find_previous(document: Document, candidates: Iterable[Document]) -> Document | None:
    """The latest candidate of the same series (same title) dated before ``document``.

    A candidate without a date, or the document itself, never qualifies. Ties go to the later symbol.
    """
    key = title_key(document.title)
    if not key or not document.date:
        return None
    same = [
        d
        for d in candidates
        if d is not document and d.date and d.date < document.date and title_key(d.title) == key
    ]
    if not same:
        return None
    return max(same, key=lambda d: (d.date or "", d.symbol or "", d.name))
