"""Version history: for a chain V1 … Vn of one resolution, which version each span of Vn first appeared in.

Steps: every character of V1 dates from V1 → for each next version, compare it with the one before (aligned
paragraphs, word diff) → equal text inherits the date of the text it matches, inserted text dates from the
new version → group runs of one date into segments (like lxml's html_annotate, but paragraph-aligned).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corpus.model import Document
from corpus.serialize import SCHEMA_VERSION
from textdiff.compare import Comparison, compare
from textdiff.words import DELETE, EQUAL, INSERT

__all__ = ["History", "Segment", "trace_history"]


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph's text and the index of the version it first appeared in."""

    text: str
    since: int


@dataclass(frozen=True)
class History:
    """The versions of a chain and, for each paragraph of the last one, its dated segments."""

    versions: tuple[Document, ...]
    paragraphs: tuple[tuple[str, tuple[Segment, ...]], ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``history`` JSON of DESIGN.md."""
        return {
            "schema_version": SCHEMA_VERSION,
            "versions": [
                {"symbol": d.symbol, "date": d.date, "name": d.name, "kind": d.kind} for d in self.versions
            ],
            "paragraphs": [
                {"id": pid, "segments": [{"text": s.text, "since": s.since} for s in segs]}
                for pid, segs in self.paragraphs
            ],
        }


def trace_history(versions: Sequence[Document]) -> History:
    """Date every span of the last version by the first version it appeared in.

    >>> from corpus.loaders.text import load_text
    >>> v = [load_text(t, "v")[0] for t in ("The General Assembly,\\n\\n1. Decides to act.",
    ...      "The General Assembly,\\n\\n1. Decides to act now.")]
    >>> [(s.text, s.since) for s in trace_history(v).paragraphs[0][1]]
    [('Decides to act', 0), (' now', 1), ('.', 0)]
    """
    if not versions:
        raise ValueError("history needs at least one version")
    # dates[j][pid]: for each character of paragraph pid of version j, the version it first appeared in.
    dates: list[dict[str, list[int]]] = [{p.id: [0] * len(p.text) for p in versions[0].paragraphs}]
    for k in range(1, len(versions)):
        nxt: dict[str, list[int]] = {}
        new_ids = _date_from(compare(versions[k - 1], versions[k]), dates[k - 1], k, nxt)
        # Text dropped in one version and restored in a later one (common when a series returns to an
        # earlier year's wording) dates from its first appearance, not from its return.
        for j in range(k - 2, -1, -1):
            if not new_ids:
                break
            comparison = compare(versions[j], versions[k])
            restored: dict[str, list[int]] = {}
            _date_from(comparison, dates[j], k, restored, only=new_ids)
            for pid, dated in restored.items():
                if any(d < k for d in dated):
                    nxt[pid] = [min(a, b) for a, b in zip(nxt[pid], dated, strict=True)]
                    new_ids.discard(pid)
        dates.append(nxt)
    since = dates[-1]
    last = versions[-1]
    paragraphs: list[tuple[str, tuple[Segment, ...]]] = []
    for p in last.paragraphs:
        chars = since.get(p.id, [len(versions) - 1] * len(p.text))
        segs: list[Segment] = []
        start = 0
        for i in range(1, len(p.text) + 1):
            if i == len(p.text) or chars[i] != chars[start]:
                segs.append(Segment(p.text[start:i], chars[start]))
                start = i
        paragraphs.append((p.id, tuple(segs)))
    return History(tuple(versions), tuple(paragraphs))


def _date_from(
    comparison: Comparison,
    old_dates: dict[str, list[int]],
    k: int,
    out: dict[str, list[int]],
    only: set[str] | None = None,
) -> set[str]:
    """Date the characters of the new version's paragraphs from an aligned older version: equal text keeps
    the older text's dates, inserted text dates from version ``k``. Fills ``out``; returns the ids of new
    paragraphs that had no counterpart at all."""
    unmatched: set[str] = set()
    for entry in comparison.entries:
        if entry.new is None or (only is not None and entry.new.id not in only):
            continue
        if entry.old is None:
            out.setdefault(entry.new.id, [k] * len(entry.new.text))
            unmatched.add(entry.new.id)
            continue
        old_since = old_dates.get(entry.old.id, [k - 1] * len(entry.old.text))
        dated: list[int] = []
        po = 0
        for e in entry.diff:
            n = len(e.text)
            if e.op == EQUAL:
                dated.extend(old_since[po : po + n])
                po += n
            elif e.op == DELETE:
                po += n
            elif e.op == INSERT:
                dated.extend([k] * n)
        # Split/merge: a new paragraph with several sources keeps, per character, the oldest date.
        prev = out.get(entry.new.id)
        if prev is not None:
            dated = [min(a, b) for a, b in zip(prev, dated, strict=True)]
        out[entry.new.id] = dated
    return unmatched
