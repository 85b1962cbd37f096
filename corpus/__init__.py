"""The document layer of textdiff: the model, loaders, structure parser, committee reports and alignment."""

from corpus.errors import InputError, ParseError, TextdiffError
from corpus.loaders import load, select_document, split_address
from corpus.model import Document, Footnote, FootnoteRef, Paragraph, Subparagraph, Unplaced

__all__ = [
    "Document",
    "Footnote",
    "FootnoteRef",
    "InputError",
    "Paragraph",
    "ParseError",
    "Subparagraph",
    "TextdiffError",
    "Unplaced",
    "load",
    "load_document",
    "select_document",
    "split_address",
]


def load_document(spec: str) -> Document:
    """Load one document addressed as ``PATH`` or ``PATH#N`` / ``PATH#"Draft resolution II"``."""
    path, selector = split_address(spec)
    return select_document(load(path), selector, path)
