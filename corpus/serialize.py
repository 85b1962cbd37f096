"""JSON shapes of the document model (DESIGN.md, `parse`): plain dicts with keys in a stable order.

Contract fields come first, in the contract's order; fields textdiff adds come after them.
"""

from __future__ import annotations

import json
from typing import Any

from corpus.model import Document, Paragraph

__all__ = ["SCHEMA_VERSION", "document_to_dict", "dump_json", "paragraph_to_dict", "parse_to_dict"]

SCHEMA_VERSION = 1


def paragraph_to_dict(p: Paragraph) -> dict[str, Any]:
    """One paragraph as in the ``parse`` contract (plus footnotes, heading and source line)."""
    return {
        "id": p.id,
        "kind": p.kind,
        "number": p.number,
        "lead": p.lead,
        "text": p.text,
        "subparagraphs": [{"id": s.id, "label": s.label, "text": s.text} for s in p.subparagraphs],
        "footnotes": [{"label": r.label, "offset": r.offset} for r in p.footnote_refs],
        "heading": p.heading,
        "line": p.line,
    }


def document_to_dict(d: Document) -> dict[str, Any]:
    """One document as in the ``parse`` contract (plus session, agenda item, footnotes and unplaced text).

    >>> from corpus.model import Document
    >>> list(document_to_dict(Document(None, None, None, None, "resolution", ())))[:6]
    ['symbol', 'title', 'date', 'organ', 'kind', 'paragraphs']
    """
    return {
        "symbol": d.symbol,
        "title": d.title,
        "date": d.date,
        "organ": d.organ,
        "kind": d.kind,
        "paragraphs": [paragraph_to_dict(p) for p in d.paragraphs],
        "label": d.label,
        "position": d.position,
        "session": d.session,
        "agenda_item": d.agenda_item,
        "closing": d.closing,
        "footnotes": [{"label": f.label, "text": f.text} for f in d.footnotes],
        "unplaced": [{"line": u.line, "text": u.text, "reason": u.reason} for u in d.unplaced],
        "source": d.source,
    }


def parse_to_dict(docs: list[Document]) -> dict[str, Any]:
    """The whole ``parse`` output."""
    return {"schema_version": SCHEMA_VERSION, "documents": [document_to_dict(d) for d in docs]}


def dump_json(obj: Any) -> str:
    """Serialise as the contract asks: UTF-8 text (no ASCII escapes), keys in insertion order, newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
