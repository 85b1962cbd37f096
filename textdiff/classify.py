"""Change classes: what kind of change each changed span of an aligned paragraph pair is.

Classes: ``formatting`` (quotes, dashes, punctuation or case only), ``technical`` (session ordinals, dates,
years, document symbols, a resolution added to a "Recalling its resolutions" list), ``lead_changed``
(the opening verb changed: "Welcomes" → "Takes note of"), ``substantive`` (everything else). The NLP
layer adds finer classes (verb strength, hedges, agreed formulas) through `Annotator` hooks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textdiff.words import DELETE, EQUAL, INSERT, Edit

__all__ = [
    "Annotator",
    "Change",
    "FORMATTING",
    "LEAD_CHANGED",
    "SUBSTANTIVE",
    "TECHNICAL",
    "change_blocks",
    "classify_changes",
]

FORMATTING, TECHNICAL, LEAD_CHANGED, SUBSTANTIVE = "formatting", "technical", "lead_changed", "substantive"


@dataclass(frozen=True)
class Change:
    """One classified change: ``text`` is what was added (or removed, for removals); ``old``/``new`` are
    the two sides of the span and ``start_old``/``start_new`` their offsets in the paragraph texts."""

    cls: str
    text: str
    old: str = ""
    new: str = ""
    start_old: int = 0
    start_new: int = 0

    def as_dict(self) -> dict[str, object]:
        """The contract's JSON form (``class`` and ``text`` first)."""
        return {
            "class": self.cls,
            "text": self.text,
            "old": self.old,
            "new": self.new,
            "start_old": self.start_old,
            "start_new": self.start_new,
        }


@dataclass(frozen=True)
class Block:
    """A maximal run of delete/insert edits between two equal runs, with its offsets."""

    old: str
    new: str
    start_old: int
    start_new: int


# An annotator sees the two paragraph texts (None when absent), their leads and the change blocks, and
# returns extra changes (the NLP layer plugs verb strength, hedges and formulas in here).
Annotator = Callable[[str | None, str | None, str | None, str | None, Sequence[Block]], list[Change]]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ORDINAL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
    r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|"
    r"seventieth|eightieth|ninetieth)"
)
# Tokens that only ever change for calendar or numbering reasons when a resolution is rolled over.
_TECHNICAL_TOKEN = re.compile(
    rf"^(?:{_ORDINAL}|(?:\d+(?:st|nd|rd|th)?)|\d+/\d+(?: ?[A-Z])?|(?:[A-Z]+/)+[\w./-]+|{_MONTHS}|"
    r"and|of|its|resolutions?|decisions?|session|sessions|meeting|plenary|[A-Z]|annex|para\.|paras\.|"
    r"(?:S-)?\d+/\d+|\(\d{4}\)|\d{4}|(?:A|S|E)/[\w./-]+)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+(?:[-/.]\w+)*|\(\d{4}\)")


def change_blocks(edits: Sequence[Edit]) -> list[Block]:
    """The change blocks of a diff, with their offsets in the old and new texts.

    >>> from textdiff.words import diff_words
    >>> change_blocks(diff_words("at its seventy-sixth session", "at its seventy-seventh session"))
    [Block(old='seventy-sixth', new='seventy-seventh', start_old=7, start_new=7)]
    """
    blocks: list[Block] = []
    po = pn = 0
    cur: list[Edit] = []
    so = sn = 0
    for e in list(edits) + [Edit(EQUAL, "")]:
        if e.op == EQUAL:
            if cur:
                old = "".join(x.text for x in cur if x.op == DELETE)
                new = "".join(x.text for x in cur if x.op == INSERT)
                blocks.append(Block(old, new, so, sn))
                cur = []
            po += len(e.text)
            pn += len(e.text)
            so, sn = po, pn
            continue
        if not cur:
            so, sn = po, pn
        cur.append(e)
        if e.op == DELETE:
            po += len(e.text)
        else:
            pn += len(e.text)
    return blocks


def _is_formatting(block: Block) -> bool:
    def letters(s: str) -> str:
        return re.sub(r"[\W_]+", "", s).casefold()

    return letters(block.old) == letters(block.new)


def _is_technical(block: Block) -> bool:
    tokens = _WORD.findall(block.old) + _WORD.findall(block.new)
    if not tokens:
        return False
    # At least one real calendar/numbering token must change; "and"/"of" alone is not technical.
    substantive_glue = {"and", "of", "its"}
    if all(t.lower() in substantive_glue for t in tokens):
        return False
    return all(_TECHNICAL_TOKEN.match(t) for t in tokens)


_GLUE = {"and", "or", "as", "well"}


def _glue_follows_lists(changes: list[Change]) -> list[Change]:
    """ " and" → "," next to a resolution added to a list is part of that technical update."""
    out = list(changes)
    for i, c in enumerate(out):
        words = {w.lower() for w in _WORD.findall(c.old + " " + c.new)}
        if c.cls != SUBSTANTIVE or not words <= _GLUE:
            continue
        neighbours = out[max(0, i - 1) : i] + out[i + 1 : i + 2]
        if any(n.cls == TECHNICAL for n in neighbours):
            out[i] = Change(TECHNICAL, c.text, c.old, c.new, c.start_old, c.start_new)
    return out


def _overlaps_lead(block: Block, old_lead: str | None, new_lead: str | None) -> bool:
    return (old_lead is not None and block.start_old < len(old_lead)) or (
        new_lead is not None and block.start_new < len(new_lead)
    )


def classify_changes(
    old_text: str | None,
    new_text: str | None,
    edits: Sequence[Edit],
    old_lead: str | None = None,
    new_lead: str | None = None,
    annotators: Sequence[Annotator] = (),
) -> list[Change]:
    """Classify each change block of a paragraph pair's diff, then let annotators add finer classes.

    >>> from textdiff.words import diff_words
    >>> o, n = "Decides to include in the agenda of its seventy-sixth session", \\
    ...     "Also decides to include in the agenda of its seventy-seventh session"
    >>> [c.cls for c in classify_changes(o, n, diff_words(o, n), "Decides", "Also decides")]
    ['lead_changed', 'technical']
    """
    changes: list[Change] = []
    if old_text is None or new_text is None:
        # A paragraph on one side only: no word-level classes, but annotators still report what it adds or
        # removes (a hedge in an inserted paragraph, a formula in a deleted one).
        whole = [Block(old_text or "", new_text or "", 0, 0)]
        for annotate in annotators:
            changes.extend(annotate(old_text, new_text, old_lead, new_lead, whole))
        return changes
    same_lead = (old_lead or "").casefold() == (new_lead or "").casefold()
    for b in change_blocks(edits):
        if _is_formatting(b):
            cls = FORMATTING
        elif not same_lead and _overlaps_lead(b, old_lead, new_lead):
            cls = LEAD_CHANGED
        elif _is_technical(b):
            cls = TECHNICAL
        else:
            cls = SUBSTANTIVE
        text = b.new.strip() if b.new.strip() else b.old.strip()
        changes.append(Change(cls, text, b.old, b.new, b.start_old, b.start_new))
    changes = _glue_follows_lists(changes)
    blocks = change_blocks(edits)
    for annotate in annotators:
        changes.extend(annotate(old_text, new_text, old_lead, new_lead, blocks))
    return changes
