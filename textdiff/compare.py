"""Comparison of two versions of a resolution: paragraphs aligned, each pair diffed word by word and its
changes classified.

Steps: align paragraphs (`corpus.align`) → word diff each aligned pair (`textdiff.words`) → classify the
changes (`textdiff.classify`, plus any annotators) → attach separate votes from a committee report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from corpus.align import Link, align_paragraphs
from corpus.model import Document, Paragraph
from corpus.serialize import SCHEMA_VERSION, document_to_dict
from textdiff.classify import Annotator, Change, classify_changes
from textdiff.words import DELETE, INSERT, Edit, diff_words

__all__ = ["Comparison", "Entry", "compare"]

RELATIONS = ("unchanged", "modified", "inserted", "deleted", "split", "merged")


@dataclass(frozen=True)
class Entry:
    """One aligned row: an (old, new) paragraph pair, or a paragraph on one side only."""

    old: Paragraph | None
    new: Paragraph | None
    relation: str
    moved: bool
    score: float
    method: str
    diff: tuple[Edit, ...]
    changes: tuple[Change, ...] = ()
    votes: tuple[dict[str, Any], ...] = ()

    @property
    def changed(self) -> bool:
        """True when the pair differs in any way the reader should see."""
        return self.relation != "unchanged" or any(e.op != "equal" for e in self.diff)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON form of one alignment entry (extra fields after the contract's)."""
        return {
            "old": self.old.id if self.old else None,
            "new": self.new.id if self.new else None,
            "relation": self.relation,
            "moved": self.moved,
            "score": self.score,
            "diff": [e.as_list() for e in self.diff],
            "changes": [c.as_dict() for c in self.changes],
            "votes": list(self.votes),
            "method": self.method,
        }


@dataclass(frozen=True)
class Comparison:
    """The aligned, diffed and classified comparison of two documents."""

    old: Document
    new: Document
    entries: tuple[Entry, ...]
    options: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def summary(self) -> dict[str, int]:
        """Counts by relation; ``moved`` counts moved links; ``changes`` counts changes by class."""
        counts = {
            "unchanged": 0,
            "modified": 0,
            "inserted": 0,
            "deleted": 0,
            "moved": 0,
            "split": 0,
            "merged": 0,
        }
        for e in self.entries:
            counts[e.relation] += 1
            counts["moved"] += int(e.moved)
        return counts

    @property
    def change_counts(self) -> dict[str, int]:
        """How many changes of each class the comparison holds, in a stable order."""
        out: dict[str, int] = {}
        for e in self.entries:
            for c in e.changes:
                out[c.cls] = out.get(c.cls, 0) + 1
        return dict(sorted(out.items()))

    @property
    def differs(self) -> bool:
        """True when the two versions differ (``compare --exit-code`` exits 1)."""
        return any(e.changed for e in self.entries)

    def to_dict(self) -> dict[str, Any]:
        """The ``compare`` JSON of DESIGN.md."""
        return {
            "schema_version": SCHEMA_VERSION,
            "old": document_to_dict(self.old),
            "new": document_to_dict(self.new),
            "alignment": [e.to_dict() for e in self.entries],
            "summary": self.summary,
            "change_counts": self.change_counts,
            "options": dict(self.options),
        }


def _diff_pair(
    old: Paragraph | None, new: Paragraph | None, ignore_case: bool, ignore_punct: bool
) -> list[Edit]:
    if old is None and new is not None:
        return [Edit(INSERT, new.text)] if new.text else []
    if new is None and old is not None:
        return [Edit(DELETE, old.text)] if old.text else []
    assert old is not None and new is not None
    return diff_words(old.text, new.text, ignore_case=ignore_case, ignore_punctuation=ignore_punct)


def compare(
    old: Document,
    new: Document,
    *,
    votes: Sequence[Any] = (),
    annotators: Sequence[Annotator] = (),
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
) -> Comparison:
    """Align ``old`` and ``new`` paragraph by paragraph, diff each pair and classify its changes.

    ``votes`` are actions of a committee report (objects with a ``target`` paragraph id of ``new`` and a
    ``to_dict()``), attached to the entries of the paragraphs they target.

    >>> from corpus.loaders.text import load_text
    >>> a = load_text("The General Assembly,\\n\\nNoting the report,\\n\\n1. Decides to act.", "a")[0]
    >>> t = "The General Assembly,\\n\\nNoting with concern the report,\\n\\n1. Decides to act."
    >>> b = load_text(t, "b")[0]
    >>> [(e.old.id, e.new.id, e.relation) for e in compare(a, b).entries]
    [('pp1', 'pp1', 'modified'), ('op1', 'op1', 'unchanged')]
    """
    by_old = {p.id: p for p in old.paragraphs}
    by_new = {p.id: p for p in new.paragraphs}
    links: Sequence[Link] = align_paragraphs(old, new)
    entries = []
    for link in links:
        po = by_old.get(link.old) if link.old else None
        pn = by_new.get(link.new) if link.new else None
        edits = _diff_pair(po, pn, ignore_case, ignore_punctuation)
        changes = classify_changes(
            po.text if po else None,
            pn.text if pn else None,
            edits,
            po.lead if po else None,
            pn.lead if pn else None,
            annotators,
        )
        # Alignment calls "unchanged" what differs only in punctuation or typography; the diff still shows
        # those marks and their changes say "formatting".
        relation = link.relation
        attached = tuple(
            _vote_dict(v) for v in votes if pn is not None and getattr(v, "target", None) == pn.id
        )
        entries.append(
            Entry(
                po, pn, relation, link.moved, link.score, link.method, tuple(edits), tuple(changes), attached
            )
        )
    options = {"ignore_case": ignore_case, "ignore_punctuation": ignore_punctuation}
    return Comparison(old, new, tuple(entries), options)


def _vote_dict(v: Any) -> dict[str, Any]:
    to_dict = getattr(v, "to_dict", None)
    return to_dict() if callable(to_dict) else dict(v)
