"""Lead verbs and their strength: which scale family a paragraph's lead belongs to and where it stands on it
("Encourages" < "Calls upon" < "Urges"; "Takes note of" < "Welcomes"). Pure Python, data in
``nlp/data/verb_scale.tsv`` (its header gives the sources and the reasoning).

Steps: read the scale → normalise a lead (lower case, fillers out) → longest entry at the paragraph start,
adverbs allowed before, inside or after it (intensifiers add their value, "also"/"further" add nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nlp.lexicon import data_path

__all__ = [
    "Lead",
    "VerbScale",
    "compare_leads",
    "find_scaled_lead",
    "lead_strength",
    "load_verb_scale",
]

MODIFIER, FILLER = "modifier", "filler"
_WORD = re.compile(r"[A-Za-z]+(?:[-\u2019'][A-Za-z]+)*")
# The words at the start of a paragraph, up to the first punctuation.
_RUN = re.compile(r"\s*([A-Za-z]+(?:[-\u2019'][A-Za-z]+)*(?:\s+[A-Za-z]+(?:[-\u2019'][A-Za-z]+)*){0,11})")
# The first two words of the same run: enough to answer most paragraphs ("Recalling its", "Decides to").
_FIRST2 = re.compile(r"\s*([A-Za-z]+(?:[-\u2019'][A-Za-z]+)*)(?:\s+([A-Za-z]+(?:[-\u2019'][A-Za-z]+)*))?")
# A lead never runs past this many words ("Takes note with great concern of" is seven).
_MAX_WORDS = 9
# Bound of the memo of `VerbScale.match` results (cleared when full).
_MEMO_SIZE = 65536


@dataclass(frozen=True)
class Lead:
    """A lead found at the start of a paragraph.

    ``text`` is the lead as printed (``text == paragraph[start:end]``); ``key`` the scale entry it matched
    ("calls upon"); ``families`` maps each scale family of the entry to its value with modifiers applied.
    """

    text: str
    start: int
    end: int
    key: str
    families: dict[str, float] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """The primary family (first listed in the scale)."""
        return next(iter(self.families))

    @property
    def value(self) -> float:
        """The strength on the primary family."""
        return self.families[self.family]


class VerbScale:
    """The strength scales: entries (word tuples) with their families and values, modifiers and fillers."""

    def __init__(self, rows: Sequence[tuple[str, float, str]]):
        self.entries: dict[tuple[str, ...], dict[str, float]] = {}
        self.modifiers: dict[tuple[str, ...], float] = {}
        self.fillers: set[str] = set()
        for family, value, lead in rows:
            words = tuple(w.lower() for w in _WORD.findall(lead))
            if family == MODIFIER:
                self.modifiers[words] = value
            elif family == FILLER:
                self.fillers.update(words)
            else:
                key = tuple(w for w in words if w not in self.fillers)
                self.entries.setdefault(key, {})[family] = value
        # Fillers may be declared after the entries that contain them: normalise again.
        self.entries = {tuple(w for w in k if w not in self.fillers): v for k, v in self.entries.items()}
        self._trie: dict = {}
        for key in self.entries:
            node = self._trie
            for w in key:
                node = node.setdefault(w, {})
            node[None] = key
        self._mod_max = max((len(m) for m in self.modifiers), default=1)
        # Words a lead can open with: a quick "no" for most sentences.
        self._mod_first = {m[0] for m in self.modifiers}
        self._starts = {k[0] for k in self.entries} | self._mod_first
        # Every word `match` can consume: it never reads past the first word outside this set, so its result
        # depends only on the words up to that one (the key of ``_memo``).
        self._known = (
            {w for k in self.entries for w in k} | {w for m in self.modifiers for w in m} | self.fillers
        )
        self._memo: dict[tuple[str | None, ...], tuple[int, tuple[str, ...], float] | None] = {}

    @property
    def families(self) -> list[str]:
        """Every family name, in the order of the scale file."""
        out: list[str] = []
        for fams in self.entries.values():
            out.extend(f for f in fams if f not in out)
        return out

    def _modifier_at(self, words: Sequence[str], i: int) -> tuple[int, float] | None:
        if words[i] not in self._mod_first:
            return None
        for n in range(min(self._mod_max, len(words) - i), 0, -1):
            v = self.modifiers.get(tuple(words[i : i + n]))
            if v is not None:
                return n, v
        return None

    def match(self, words: Sequence[str]) -> tuple[int, tuple[str, ...], float] | None:
        """The longest entry at the start of ``words`` (lower-cased): ``(words consumed, entry key, modifier
        sum)``. Adverbs may stand before, inside or right after the entry; an explicit entry ("deeply
        concerned") wins over a modifier reading of the same words."""
        # Most leads are one word that nothing can continue ("Recalling its", "Decides to"): answer at once.
        first = self._trie.get(words[0]) if words else None
        if (
            first is not None
            and len(first) == 1
            and None in first
            and (len(words) == 1 or words[1] not in self._mod_first)
        ):
            return 1, first[None], 0.0
        best: tuple[int, tuple[str, ...], float] | None = None
        # Depth-first over (position, trie node, modifier sum); tiny: leads are a few words long.
        # ``end`` is the position after the last entry word or modifier: a filler only counts inside a lead.
        stack: list[tuple[int, dict, float, int]] = [(0, self._trie, 0.0, 0)]
        while stack:
            i, node, mods, end = stack.pop()
            if None in node:
                j, extra = end, 0.0
                while j < len(words):  # trailing adverbs: "Recalling also", "Reaffirming further"
                    m = self._modifier_at(words, j)
                    if not m:
                        break
                    j, extra = j + m[0], extra + m[1]
                cand = (j, node[None], mods + extra)
                # Longer wins; on equal length the reading with fewer modifier points (explicit entry) wins.
                if best is None or (cand[0], -abs(cand[2])) > (best[0], -abs(best[2])):
                    best = cand
            if i >= len(words):
                continue
            w = words[i]
            if w in self.fillers and node is not self._trie:
                stack.append((i + 1, node, mods, end))
            m = self._modifier_at(words, i)
            if m:
                stack.append((i + m[0], node, mods + m[1], i + m[0]))
            child = node.get(w)
            if child is not None:
                stack.append((i + 1, child, mods, i + 1))
        return best

    def _memo_match(self, words: list[str]) -> tuple[int, tuple[str, ...], float] | None:
        """`match` of ``words``, remembered by the words up to the first one it cannot consume (a later word
        is never read, so the result is the same for every continuation)."""
        known = self._known
        key: tuple[str | None, ...] = tuple(words)
        for i, w in enumerate(words):
            if w not in known:
                key = (*words[:i], None)
                break
        memo = self._memo
        if key in memo:
            return memo[key]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        found = memo[key] = self.match(words)
        return found

    def parse(self, text: str) -> tuple[int, int, tuple[str, ...], float] | None:
        """The scaled lead at the start of ``text`` as ``(start, end, entry key, modifier sum)``, or None:
        what `find` returns, without building the `Lead`."""
        first2 = _FIRST2.match(text)
        if first2 is None:
            return None
        w0 = first2.group(1).lower()
        if w0 not in self._starts:
            return None
        # A one-word entry that nothing can continue, not followed by an adverb: the answer of `match`.
        node = self._trie.get(w0)
        w1 = first2.group(2)
        if (
            node is not None
            and len(node) == 1
            and None in node
            and (w1 is None or w1.lower() not in self._mod_first)
        ):
            return first2.start(1), first2.end(1), node[None], 0.0
        # Only words separated by spaces belong to a lead: the run stops at a comma, colon or bracket.
        run = _RUN.match(text)
        if run is None:
            return None
        found = self._memo_match(run.group(1).lower().split()[: _MAX_WORDS + 3])
        if found is None:
            return None
        n, key, mods = found
        start = run.start(1)
        end = start
        for _, m in zip(range(n), _WORD.finditer(text, start), strict=False):
            end = m.end()
        return start, end, key, mods

    def find(self, text: str) -> Lead | None:
        """The scaled lead at the start of ``text``, or None when the text opens with no scale entry."""
        found = self.parse(text)
        if found is None:
            return None
        start, end, key, mods = found
        families = {f: v + mods for f, v in self.entries[key].items()}
        return Lead(text[start:end], start, end, " ".join(key), families)


def _read_scale(path: Path) -> list[tuple[str, float, str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.rstrip("\n").split("\t")]
            if len(cols) != 3:
                raise ValueError(f"{path}:{n}: expected 'family<TAB>value<TAB>lead'")
            try:
                value = float(cols[1])
            except ValueError as e:
                raise ValueError(f"{path}:{n}: value {cols[1]!r} is not a number") from e
            rows.append((cols[0], value, cols[2]))
    return rows


@lru_cache(maxsize=4)
def _load(path: str) -> VerbScale:
    return VerbScale(_read_scale(Path(path)))


def load_verb_scale(path: str | Path | None = None) -> VerbScale:
    """The lead strength scale (``nlp/data/verb_scale.tsv`` unless ``path`` is given); cached."""
    return _load(str(path or data_path("verb_scale.tsv")))


def find_scaled_lead(text: str, scale: VerbScale | None = None) -> Lead | None:
    """The lead at the start of a paragraph with its scale families.

    >>> lead = find_scaled_lead("Calls once again upon all States to accede")
    >>> lead.text, lead.key, lead.family, lead.value
    ('Calls once again upon', 'calls upon', 'operative.appeal', 3.0)
    """
    return (scale or load_verb_scale()).find(text)


def lead_strength(lead: str, scale: VerbScale | None = None) -> tuple[str, float] | None:
    """The scale family and strength of a lead, or None when it is on no scale.

    >>> lead_strength("Encourages"), lead_strength("Calls upon"), lead_strength("Strongly urges")
    (('operative.appeal', 2.0), ('operative.appeal', 3.0), ('operative.appeal', 4.5))
    >>> lead_strength("Also decides") == lead_strength("Decides")
    True
    >>> lead_strength("Noting"), lead_strength("Recognizing"), lead_strength("Reaffirming")
    (('preambular.assertion', 1.0), ('preambular.assertion', 2.0), ('preambular.assertion', 4.0))
    >>> lead_strength("Having considered") is None
    True
    """
    found = (scale or load_verb_scale()).find(lead)
    if found is None:
        return None
    return found.family, found.value


def compare_leads(
    old: str, new: str, scale: VerbScale | None = None
) -> tuple[str, float, float, Lead, Lead] | None:
    """Compare the leads opening two paragraph texts on the first scale family they share.

    Returns ``(family, old value, new value, old lead, new lead)``, or None when either text has no scaled
    lead or they share no family (preambular and operative leads never share one).

    >>> compare_leads("Encourages States to", "Calls upon States to")[:3]
    ('operative.appeal', 2.0, 3.0)
    >>> compare_leads("Noting that capacity-building", "Emphasizing that capacity-building")[:3]
    ('preambular.assertion', 1.0, 3.0)
    >>> compare_leads("Welcomes the launch", "Emphasizing the global importance") is None
    True
    """
    sc = scale or load_verb_scale()
    a, b = sc.find(old), sc.find(new)
    if a is None or b is None:
        return None
    for fam, va in a.families.items():
        if fam in b.families:
            return fam, va, b.families[fam], a, b
    return None
