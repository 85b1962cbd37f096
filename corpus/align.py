"""Paragraph alignment: which paragraph of one version of a resolution became which paragraph of the other.

`align_paragraphs` returns one `Link` per (old, new) pair and one per inserted or deleted paragraph.
"""

# Pipeline: words (letters and digits only) → pair features: rapidfuzz token similarity, and phrase evidence
# (shared word trigrams weighted by how few paragraphs carry them) → identical pass → lead pass → fuzzy
# anchors (mutual best pairs, in any order) → backbone (heaviest order-consistent chain of links) → fuzzy
# pass in the gaps of the backbone (weighted LCS) → position pass (a lone leftover pair) → split/merge pass
# (containment and explaining-away) → relations, moves and output order.

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import sub

from rapidfuzz.distance import Indel

from corpus.model import Document, Paragraph

__all__ = ["Link", "align_paragraphs"]

UNCHANGED = "unchanged"
MODIFIED = "modified"
INSERTED = "inserted"
DELETED = "deleted"
SPLIT = "split"
MERGED = "merged"

# --- thresholds --------------------------------------------------------------------------------------------
# Evidence is counted in word trigrams: long enough that "of the" or "and the" never count alone, short
# enough that a reworded clause still shares some.
_NGRAM = 3
# A phrase found in a old and b new paragraphs is one unit of evidence spread over the a*b pairs it could
# link, so each of them gets 1/(a*b): a body's full name or a standard clause repeated through both texts
# ("Developments in the field of information and telecommunications ...") says little about which paragraph
# is which. Beyond 16 pairs (four paragraphs on each side) a phrase is skipped, which also bounds the work.
_MAX_PHRASE_PAIRS = 16
# Evidence is measured in words weighted that way. Eight distinctive shared words are about a clause; less is
# what unrelated paragraphs of two resolutions on one subject share through their formulas.
_MIN_EVIDENCE = 8.0
# A dozen distinctive words in common (a full clause) link two paragraphs whatever their lengths and order.
_LONG_EVIDENCE = 12.0
# Token similarity from which two paragraphs read as one text with light edits (a date, an ordinal, an
# abbreviation spelled out). Below it, token similarity is inflated by formula words and is not used.
_CLOSE = 0.75
# Lead pass: same opening words ("Recalling", "Decides") and wording this close.
_LEAD_CLOSE = 0.8
# Fuzzy anchors: mutual best pairs this strong are linked in any order, which is how moves are found.
_ANCHOR = 0.5
# A paragraph that changed kind (operative → preambular) must keep most of its wording.
_CROSS_KIND = 0.7
# Fuzzy pass inside the gaps between anchors, where the order supports the pair: a tenth of the two
# paragraphs' words is distinctive shared wording (with at least _MIN_EVIDENCE words).
_WEAK = 0.1
# Position pass: a lone leftover pair between two links, same kind, with this token similarity.
_POSITION = 0.4
# Split/merge: the part (the paragraph that would otherwise be inserted or deleted) has at least this share
# of its words in the hub paragraph, unless the text they share is long (_LONG_EVIDENCE).
_PART_SHARE = 0.2
# ... and at least half of what the part shares with the hub is not shared with the hub's other partners:
# a passage copied into two places is a duplicate, not a split.
_FRESH = 0.5
# Scores become integers of this many units where sums are compared, so ties are exact.
_SCALE = 10_000
# Phrase weights 1/(a*b) are counted in units of 1/lcm(1..16) = 1/720720, so they are whole numbers and
# evidence sums are exact whatever order the phrases come in (old and new swapped, for one).
_PHRASE_UNIT = math.lcm(*range(1, _MAX_PHRASE_PAIRS + 1))


@dataclass(frozen=True)
class Link:
    """One row of an alignment.

    ``old``/``new`` are paragraph ids, ``None`` for an inserted/deleted paragraph. ``relation`` is
    ``unchanged``, ``modified``, ``inserted``, ``deleted``, ``split`` or ``merged``. ``moved`` is true when
    the pair's relative order differs from the surrounding linked pairs (a real move, not a shift caused by
    insertions or deletions). ``score`` is the word similarity in [0, 1], rounded to 3 decimals (1.0 for
    unchanged, 0.0 for inserted/deleted). ``method`` names the pass that made the link: ``identical``,
    ``lead``, ``fuzzy``, ``position``, ``split``, ``merge``, or ``""`` when unmatched.
    """

    old: str | None
    new: str | None
    relation: str
    moved: bool
    score: float
    method: str


# --- text ------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    rest = iter(long)
    return all(any(x == y for y in rest) for x in short)


class _Text:
    """What the passes need of one paragraph."""

    __slots__ = ("para", "key", "bare", "numbers", "tokens", "lead", "grams")

    def __init__(self, para: Paragraph) -> None:
        self.para = para
        # Letters and digits only: whitespace, punctuation, curly or straight quotes never count.
        text = unicodedata.normalize("NFKC", para.text)
        words = _WORD.findall(text)
        # Joined without separators, so that a word split by PDF extraction ("amon g") compares equal.
        self.key = "".join(words)
        # Small numbers (footnote markers left in the text among them); most paragraphs hold no digit.
        self.numbers = (
            [w for w in words if w.isdigit() and len(w) <= 3] if any(map(str.isdigit, text)) else []
        )
        self.bare = self.key
        if self.numbers:
            self.bare = "".join([w for w in words if not (w.isdigit() and len(w) <= 3)])
        # Case-folded in one call: words hold no NUL, and case folding makes none.
        self.tokens = tokens = "\0".join(words).casefold().split("\0") if words else []
        self.lead = (para.lead or "").casefold()
        grams = list(zip(*(tokens[k:] for k in range(_NGRAM)), strict=False))
        self.grams: list[tuple[str, ...]] = grams or ([tuple(tokens)] if tokens else [])

    def identical(self, other: _Text) -> bool:
        """Same letters and digits, case included, apart from footnote markers left in the text.

        A marker left in the text is a small number on one side only ("the 2010, 1 2013 2 reports"); a
        changed number ("paragraph 5" → "paragraph 6") is a real change, so the small numbers of one side
        must be a subsequence of the other's.
        """
        if self.key == other.key:
            return True
        if self.bare != other.bare:
            return False
        a, b = self.numbers, other.numbers
        return _is_subsequence(a, b) if len(a) <= len(b) else _is_subsequence(b, a)


# --- pair features ---------------------------------------------------------------------------------------


class _Pairs:
    """Similarity features of (old, new) pairs, all symmetric in old and new.

    Pairs of two paragraphs that the identical pass already linked (``done``: flags for old and for new) are
    not scored: an unchanged paragraph is whole in its twin, so it takes no other link. Their phrases still
    count in the phrase weights.
    """

    def __init__(self, old: list[_Text], new: list[_Text], done: tuple[list[bool], list[bool]]) -> None:
        self.old, self.new = old, new
        self.done_old, self.done_new = done
        no, nn = len(old), len(new)
        # Pair features are sparse: only pairs sharing a distinctive phrase get any, which keeps the work
        # and memory near-linear in document size. Token similarity is computed on demand.
        self._sym: dict[tuple[int, int], float] = {}
        self._codes: dict[str, str] = {}
        # Evidence words on the old and on the new side of each pair.
        self.ev_old: dict[tuple[int, int], float] = {}
        self.ev_new: dict[tuple[int, int], float] = {}
        # Where the shared phrases of a pair start, in the old and in the new paragraph, with their weights.
        self.starts_old: dict[tuple[int, int], dict[int, int]] = {}
        self.starts_new: dict[tuple[int, int], dict[int, int]] = {}
        # Dice coefficient of the evidence words: the share of both paragraphs that is distinctive and shared.
        self.dice: dict[tuple[int, int], float] = {}
        self.strength: dict[tuple[int, int], float] = {}
        if no and nn:
            self._evidence()
            self._strengths()

    def _code(self, tokens: list[str]) -> str:
        vocab = self._codes
        return "".join([vocab.setdefault(t, chr(0xF0000 + len(vocab))) for t in tokens])

    def sym(self, i: int, j: int) -> float:
        """Token similarity of a pair (Indel: 2·LCS/(|a|+|b|) over words), 0 below _POSITION.

        One private-use character per word, so rapidfuzz compares word sequences at C speed. Similarities
        under _POSITION, the lowest threshold on them, read as 0. Pairs already linked as identical score 0.
        """
        if self.done_old[i] and self.done_new[j]:
            return 0.0
        key = (i, j)
        value = self._sym.get(key)
        if value is None:
            value = Indel.normalized_similarity(
                self._code(self.old[i].tokens), self._code(self.new[j].tokens), score_cutoff=_POSITION
            )
            self._sym[key] = value
        return value

    def _evidence(self) -> None:
        def document_frequency(side: list[_Text]) -> Counter[tuple[str, ...]]:
            # dict.fromkeys, not set: the iteration order must not depend on string hashing.
            return Counter(chain.from_iterable(dict.fromkeys(t.grams) for t in side))

        df_old, df_new = document_frequency(self.old), document_frequency(self.new)
        # Only phrases of a paragraph still to align can make a pair that is scored.
        open_grams = set().union(
            *(
                t.grams
                for side, done in ((self.old, self.done_old), (self.new, self.done_new))
                for t, finished in zip(side, done, strict=True)
                if not finished
            )
        )
        weight: dict[tuple[str, ...], int] = {}  # in _PHRASE_UNIT
        for g, a in df_old.items():
            b = df_new.get(g, 0)
            if b and a * b <= _MAX_PHRASE_PAIRS and g in open_grams:
                weight[g] = _PHRASE_UNIT // (a * b)

        def occurrences(side: list[_Text]) -> dict[tuple[str, ...], list[tuple[int, int]]]:
            occ: dict[tuple[str, ...], list[tuple[int, int]]] = {g: [] for g in weight}
            weighted = weight.__contains__
            for i, t in enumerate(side):
                # The positions of the weighted phrases only, picked at C speed.
                for p, g in compress(enumerate(t.grams), map(weighted, t.grams)):
                    occ[g].append((i, p))
            return occ

        occ_old, occ_new = occurrences(self.old), occurrences(self.new)
        done_old, done_new = self.done_old, self.done_new
        starts_old, starts_new = self.starts_old, self.starts_new
        for g, w in weight.items():
            news = occ_new[g]
            for i, p in occ_old[g]:
                for j, q in news:
                    if done_old[i] and done_new[j]:
                        continue
                    at_old = starts_old.get((i, j))
                    if at_old is None:
                        at_old = starts_old[i, j] = {}
                        starts_new[i, j] = {}
                    at_old[p] = w
                    starts_new[i, j][q] = w
        # Who shares evidence with whom, in index order (a candidate's source is found among these).
        self.partners_of_old: list[list[int]] = [[] for _ in self.old]
        self.partners_of_new: list[list[int]] = [[] for _ in self.new]
        for i, j in sorted(starts_old):
            self.partners_of_old[i].append(j)
            self.partners_of_new[j].append(i)
        for (i, j), starts in starts_old.items():
            width_old, width_new = min(_NGRAM, len(self.old[i].tokens)), min(_NGRAM, len(self.new[j].tokens))
            self.ev_old[i, j] = _covered(starts, width_old) / _PHRASE_UNIT
            self.ev_new[i, j] = _covered(starts_new[i, j], width_new) / _PHRASE_UNIT

    def _strengths(self) -> None:
        """How strongly each pair reads as one paragraph, in [0, 1]: the largest of three readings.

        Close wording: token similarity from _CLOSE up, when at least _WEAK of the words are distinctive (two
        paragraphs made mostly of one body's long name read alike and still say different things). The Dice
        coefficient of the evidence words. Containment, the share of one paragraph found in the other, for
        paragraphs that grew or shrank (a recall list extended by one resolution, a clause added); it needs
        _MIN_EVIDENCE words, so that a short formula inside a long paragraph is not contained in it.
        """
        for i, j in sorted(self.ev_old):
            eo, en = self.ev_old[i, j], self.ev_new[i, j]
            if not (eo or en):
                continue
            size_old, size_new = len(self.old[i].tokens), len(self.new[j].tokens)
            dice = self.dice[i, j] = (eo + en) / (size_old + size_new)
            sym = self.sym(i, j) if dice >= _WEAK else 0.0
            close = sym if sym >= _CLOSE else 0.0
            contain = max(eo / size_old, en / size_new) if min(eo, en) >= _MIN_EVIDENCE else 0.0
            self.strength[i, j] = max(close, dice, contain)

    def evidence(self, i: int, j: int) -> float:
        """Distinctive words the two paragraphs share, counted on the side where they are fewer."""
        return min(self.ev_old.get((i, j), 0.0), self.ev_new.get((i, j), 0.0))

    def share_old(self, i: int, j: int) -> float:
        """Share of old paragraph i found in new paragraph j."""
        n = len(self.old[i].tokens)
        return self.ev_old.get((i, j), 0.0) / n if n else 0.0

    def share_new(self, i: int, j: int) -> float:
        """Share of new paragraph j found in old paragraph i."""
        n = len(self.new[j].tokens)
        return self.ev_new.get((i, j), 0.0) / n if n else 0.0

    def fresh_in_old(self, hub: int, part: int, partners: Iterable[int]) -> float:
        """Share of what old paragraph ``hub`` has in common with new ``part`` that its partners lack."""
        others = [self.starts_old.get((hub, p), {}) for p in partners]
        return _fresh(self.starts_old.get((hub, part), {}), others)

    def fresh_in_new(self, hub: int, part: int, partners: Iterable[int]) -> float:
        """Share of what new paragraph ``hub`` has in common with old ``part`` that its partners lack."""
        others = [self.starts_new.get((p, hub), {}) for p in partners]
        return _fresh(self.starts_new.get((part, hub), {}), others)


def _covered(starts: dict[int, int], width: int) -> int:
    """Words covered by the ``width``-word phrases starting at ``starts``, each at its largest weight."""
    weights = list(starts.values())
    if len(weights) == 1:
        return weights[0] * width
    if weights.count(weights[0]) == len(weights):  # the usual case, counted from the gaps between starts
        at = sorted(starts)
        return weights[0] * (width + sum(map(min, repeat(width), map(sub, at[1:], at))))
    cover: dict[int, int] = {}
    for p, w in starts.items():
        for k in range(p, p + width):
            if cover.get(k, 0) < w:
                cover[k] = w
    return sum(cover.values())


def _fresh(mine: dict[int, int], others: list[dict[int, int]]) -> float:
    # Phrase starts, not words: two sources that abut inside the hub overlap by a word or two of their
    # trigrams but share no phrase.
    total = sum(mine.values())
    if not total:
        return 0.0
    return sum(w for p, w in mine.items() if not any(p in other for other in others)) / total


def _first(ranked: list[int], links: list[list[int]]) -> int:
    """The first candidate that has no link yet, or -1."""
    return next((k for k in ranked if not links[k]), -1)


def _units(x: float) -> int:
    return round(x * _SCALE)


# --- passes ----------------------------------------------------------------------------------------------


class _Aligner:
    """The links found so far and the passes that add to them."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old = [_Text(p) for p in old.paragraphs]
        self.new = [_Text(p) for p in new.paragraphs]
        self.links: dict[tuple[int, int], str] = {}  # (old index, new index) → method
        self.of_old: list[list[int]] = [[] for _ in self.old]
        self.of_new: list[list[int]] = [[] for _ in self.new]
        self._identical()
        self.f = _Pairs(self.old, self.new, ([bool(x) for x in self.of_old], [bool(x) for x in self.of_new]))
        for i, j in self.links:
            self.f.strength[i, j] = 1.0
        self._rank()

    def _link(self, i: int, j: int, method: str) -> None:
        self.links[i, j] = method
        self.of_old[i].append(j)
        self.of_new[j].append(i)

    def _free_old(self) -> list[int]:
        return [i for i, js in enumerate(self.of_old) if not js]

    def _free_new(self) -> list[int]:
        return [j for j, js in enumerate(self.of_new) if not js]

    def _same_kind(self, i: int, j: int) -> bool:
        return self.old[i].para.kind == self.new[j].para.kind

    def _strong_enough(self, i: int, j: int, floor: float) -> bool:
        needed = floor if self._same_kind(i, j) else max(floor, _CROSS_KIND)
        return self.f.strength.get((i, j), 0.0) >= needed

    def _weak_enough(self, i: int, j: int) -> bool:
        # Weak links are judged on the Dice share, not on containment: a dozen stock legal words ("obligations
        # under international law") are "contained" in any long paragraph of another resolution.
        return self.f.dice.get((i, j), 0.0) >= _WEAK and self._strong_enough(i, j, _WEAK)

    def _order_weight(self, pair: tuple[int, int]) -> int:
        # Chains compare by number of pairs first, then by strength.
        return _SCALE + _units(self.f.strength.get(pair, 0.0))

    def _identical(self) -> None:
        """Pass 1: same text after normalisation (relation "unchanged"); run before any scoring."""
        groups: dict[str, list[int]] = {}
        for j, t in enumerate(self.new):
            groups.setdefault(t.bare, []).append(j)
        for i, t in enumerate(self.old):
            # A repeated paragraph pairs in order: the k-th copy with the k-th copy.
            same = (j for j in groups.get(t.bare, ()) if not self.of_new[j] and t.identical(self.new[j]))
            twin = next(same, None)
            if twin is not None:
                self._link(i, twin, "identical")

    def lead(self) -> None:
        """Pass 2: same lead, same kind and close wording, each the other's best match."""

        def accept(i: int, j: int) -> bool:
            a, b = self.old[i], self.new[j]
            same_lead = bool(a.lead) and a.lead == b.lead and self._same_kind(i, j)
            return (
                same_lead
                and self.f.strength.get((i, j), 0.0) >= _LEAD_CLOSE
                and self.f.sym(i, j) >= _LEAD_CLOSE
            )

        self._mutual_rounds(accept, "lead")

    def anchors(self) -> None:
        """Pass 3: strong pairs that are each other's best match, in any order (moves)."""

        def accept(i: int, j: int) -> bool:
            # A long distinctive passage in common is as good as a high score.
            return self._strong_enough(i, j, _ANCHOR) or (
                self._weak_enough(i, j) and self.f.evidence(i, j) >= _LONG_EVIDENCE
            )

        self._mutual_rounds(accept, "fuzzy")

    def _mutual_rounds(self, accept: Callable[[int, int], bool], method: str) -> None:
        # Linking a pair can leave another pair each other's best, so repeat until nothing changes.
        while True:
            best_new = {i: _first(self.ranked_new[i], self.of_new) for i in self._free_old()}
            best_old = {j: _first(self.ranked_old[j], self.of_old) for j in self._free_new()}
            found = [(i, j) for i, j in best_new.items() if j >= 0 and best_old[j] == i and accept(i, j)]
            if not found:
                return
            for i, j in found:
                self._link(i, j, method)

    def _rank(self) -> None:
        # Each paragraph's candidates, best first. Ties go to the pair nearest the diagonal, then to the lower
        # index on the side being ranked: the same rule whichever document is old. Only pairs with some
        # strength are ranked; the others can pass no test.
        s = self.f.strength
        by_old: list[list[int]] = [[] for _ in self.old]
        by_new: list[list[int]] = [[] for _ in self.new]
        for (i, j), value in s.items():
            if value > 0:
                by_old[i].append(j)
                by_new[j].append(i)

        def by_strength(i: int, j: int, own: int) -> tuple[float, int, int]:
            return (-s[i, j], abs(i - j), own)

        self.ranked_new = [
            sorted(js, key=lambda j, i=i: by_strength(i, j, j))  # type: ignore[misc]
            for i, js in enumerate(by_old)
        ]
        self.ranked_old = [
            sorted(is_, key=lambda i, j=j: by_strength(i, j, i))  # type: ignore[misc]
            for j, is_ in enumerate(by_new)
        ]

    def _gaps(self) -> list[tuple[list[int], list[int]]]:
        """Free old and free new paragraphs between consecutive links of the backbone."""
        one_to_one = [(i, j) for i, j in self.links if len(self.of_old[i]) == 1 and len(self.of_new[j]) == 1]
        cuts = [(-1, -1), *sorted(_chain(one_to_one, self._order_weight)), (len(self.old), len(self.new))]
        out = []
        for (i0, j0), (i1, j1) in zip(cuts, cuts[1:], strict=False):
            olds = [i for i in range(i0 + 1, i1) if not self.of_old[i]]
            news = [j for j in range(j0 + 1, j1) if not self.of_new[j]]
            if olds and news:
                out.append((olds, news))
        return out

    def fuzzy(self) -> None:
        """Pass 4: weaker same-kind pairs inside each gap, keeping their order (weighted LCS)."""
        f = self.f

        def weight(i: int, j: int) -> int | None:
            if self._same_kind(i, j) and self._weak_enough(i, j) and f.evidence(i, j) >= _MIN_EVIDENCE:
                return _units(f.strength.get((i, j), 0.0))
            return None

        for olds, news in self._gaps():
            for i, j in _ordered_matching(olds, news, weight):
                self._link(i, j, "fuzzy")

    def position(self) -> None:
        """Pass 5: the only free old and the only free new paragraph of a gap, same kind, fairly similar."""
        for olds, news in self._gaps():
            if len(olds) == len(news) == 1:
                i, j = olds[0], news[0]
                strength = max(self.f.sym(i, j), self.f.strength.get((i, j), 0.0))
                if self._same_kind(i, j) and strength >= _POSITION:
                    self._link(i, j, "position")

    def split_merge(self) -> None:
        """Pass 6: a paragraph left free whose text went into (or came from) a linked paragraph, the hub."""
        f = self.f
        candidates = []
        for i, j in f.ev_old:  # only pairs with shared phrases can have evidence
            if (
                (i, j) not in self.links
                and not (f.done_old[i] or f.done_new[j])  # an unchanged paragraph is whole in its twin
                and self._same_kind(i, j)
                and f.evidence(i, j) >= _MIN_EVIDENCE
            ):
                # Strongest first; ties in an order that does not depend on which side is old.
                candidates.append((-_units(f.evidence(i, j)), i + j, abs(i - j), i, j))
        for *_, i, j in sorted(candidates):
            if self.of_old[i] and self.of_new[j]:
                if self._many_to_many(i, j):
                    self._link(i, j, "merge")
            elif self.of_old[i]:
                if self._is_part(i, j, hub_is_old=True):
                    self._link(i, j, "split")
            elif self.of_new[j]:
                if self._is_part(i, j, hub_is_old=False):
                    self._link(i, j, "merge")
            # Both free: the passes before found them too weak to be one paragraph.

    def _is_part(self, i: int, j: int, hub_is_old: bool) -> bool:
        """Whether the free paragraph of the pair is a piece of the linked one (the hub)."""
        f = self.f
        if hub_is_old:  # new j is the part
            source = max(f.partners_of_new[j], key=lambda k: (f.evidence(k, j), -k))
            share, fresh = f.share_new(i, j), f.fresh_in_old(i, j, self.of_old[i])
        else:  # old i is the part
            source = max(f.partners_of_old[i], key=lambda k: (f.evidence(i, k), -k))
            share, fresh = f.share_old(i, j), f.fresh_in_new(j, i, self.of_new[j])
        # The part's text went mostly to this hub, not elsewhere.
        if source != (i if hub_is_old else j):
            return False
        if share < _PART_SHARE and f.evidence(i, j) < _LONG_EVIDENCE:
            return False
        return fresh >= _FRESH

    def _many_to_many(self, i: int, j: int) -> bool:
        # Both already linked: only a long passage that is new to both sides.
        f = self.f
        return (
            f.evidence(i, j) >= _LONG_EVIDENCE
            and f.fresh_in_old(i, j, self.of_old[i]) >= _FRESH
            and f.fresh_in_new(j, i, self.of_new[j]) >= _FRESH
        )

    def result(self) -> tuple[Link, ...]:
        """The links in new order, each deleted paragraph after the rows of the old paragraph before it."""
        in_order = _chain(list(self.links), self._order_weight)
        keyed: list[tuple[tuple[int, int], Link]] = []  # ((new index, old index; -1 if inserted), link)
        for (i, j), method in self.links.items():
            a, b = self.old[i], self.new[j]
            if len(self.of_new[j]) > 1:  # the gold rule: part of a merge and of a split counts as merged
                relation = MERGED
            elif len(self.of_old[i]) > 1:
                relation = SPLIT
            else:
                relation = UNCHANGED if method == "identical" else MODIFIED
            # A modified pair can share every word (a change of case, words moved); 1.0 means unchanged.
            score = 1.0
            if relation != UNCHANGED:
                score = min(round(Indel.normalized_similarity(a.tokens, b.tokens), 3), 0.999)
            moved = (i, j) not in in_order
            keyed.append(((j, i), Link(a.para.id, b.para.id, relation, moved, score, method)))
        for j in self._free_new():
            keyed.append(((j, -1), Link(None, self.new[j].para.id, INSERTED, False, 0.0, "")))
        keyed.sort(key=lambda row: row[0])
        rows: list[tuple[int | None, Link]] = [(key[1] if link.old else None, link) for key, link in keyed]
        # A deleted paragraph goes right after the last row of the old paragraph before it (a run of deleted
        # paragraphs stays together, in order); a deleted first paragraph goes first.
        deleted = set(self._free_old())
        last = {at_old: k for k, (at_old, _) in enumerate(rows) if at_old is not None}
        out: list[Link] = []

        def emit_deleted_from(i: int) -> None:
            while i in deleted:
                out.append(Link(self.old[i].para.id, None, DELETED, False, 0.0, ""))
                i += 1

        emit_deleted_from(0)
        for k, (at_old, link) in enumerate(rows):
            out.append(link)
            if at_old is not None and last[at_old] == k:
                emit_deleted_from(at_old + 1)
        return tuple(out)


def _chain(pairs: list[tuple[int, int]], weight: Callable[[tuple[int, int]], int]) -> set[tuple[int, int]]:
    """The pairs that are on every heaviest chain (a set of pairs in the same order on both sides).

    Two crossing pairs that tie are both left out: either could be the moved one, and choosing by position
    would make the answer depend on which document is called old.
    """
    pairs = sorted(pairs)
    w = [weight(p) for p in pairs]
    n = len(pairs)
    top = max((j for _, j in pairs), default=0) + 1
    # Heaviest chain ending at each pair, then starting at each pair: prefix maxima over the new index.
    fwd, best_to = [0] * n, _PrefixMax(top)
    for k, (_, j) in enumerate(pairs):
        fwd[k] = w[k] + best_to.query(j)
        best_to.update(j, fwd[k])
    bwd, best_from = [0] * n, _PrefixMax(top)
    for k in range(n - 1, -1, -1):
        j = top - 1 - pairs[k][1]
        bwd[k] = w[k] + best_from.query(j)
        best_from.update(j, bwd[k])
    best = max(fwd, default=0)
    on = [pairs[k] for k in range(n) if fwd[k] + bwd[k] - w[k] == best]
    # A pair on some heaviest chain is on all of them unless another such pair crosses it: one with a smaller
    # old index and a larger new index, or the reverse.
    later_min: dict[int, int] = {}
    low = top
    for i, j in reversed(on):
        later_min[i] = low if i not in later_min else later_min[i]
        low = min(low, j)
    keep, high, row_high, row = set(), -1, -1, None
    for i, j in on:
        if i != row:
            row, high = i, max(high, row_high)
            row_high = -1
        row_high = max(row_high, j)
        if high <= j <= later_min[i]:
            keep.add((i, j))
    return keep


class _PrefixMax:
    """Largest value stored at positions 0..j (a Fenwick tree), for heaviest-chain sums."""

    def __init__(self, size: int) -> None:
        self.tree = [0] * (size + 1)

    def update(self, j: int, value: int) -> None:
        j += 1
        while j < len(self.tree):
            if self.tree[j] < value:
                self.tree[j] = value
            j += j & -j

    def query(self, j: int) -> int:
        j += 1
        out = 0
        while j > 0:
            out = max(out, self.tree[j])
            j -= j & -j
        return out


def _ordered_matching(
    olds: list[int], news: list[int], weight: Callable[[int, int], int | None]
) -> list[tuple[int, int]]:
    """The pairs of olds × news on every heaviest order-preserving one-to-one matching (a weighted LCS).

    ``weight`` is None where two paragraphs may not pair. As in `_chain`, pairs that only some of the heaviest
    matchings use are left out.
    """
    n, m = len(olds), len(news)
    w = [[weight(i, j) for j in news] for i in olds]
    fwd = [[0] * (m + 1) for _ in range(n + 1)]  # heaviest over olds[:a] × news[:b]
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            x = w[a - 1][b - 1]
            fwd[a][b] = max(fwd[a - 1][b], fwd[a][b - 1], fwd[a - 1][b - 1] + x if x is not None else 0)
    bwd = [[0] * (m + 1) for _ in range(n + 1)]  # heaviest over olds[a:] × news[b:]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            x = w[a][b]
            bwd[a][b] = max(bwd[a + 1][b], bwd[a][b + 1], bwd[a + 1][b + 1] + x if x is not None else 0)
    best = fwd[n][m]
    on = [
        (a, b)
        for a in range(n)
        for b in range(m)
        if (x := w[a][b]) is not None and fwd[a][b] + x + bwd[a + 1][b + 1] == best
    ]
    keep = [(a, b) for a, b in on if all((a - c) * (b - d) > 0 for c, d in on if (c, d) != (a, b))]
    return [(olds[a], news[b]) for a, b in keep]


def align_paragraphs(old: Document, new: Document) -> tuple[Link, ...]:
    """Align the paragraphs of two versions of a resolution.

    Every paragraph of both documents appears in at least one link. The links come in new-document order,
    each deleted paragraph right after the links of the old paragraph before it. The result depends only on
    the two documents; swapping them swaps inserted with deleted and split with merged.

    Args:
        old: the earlier (or reference) version.
        new: the later version.

    Returns:
        The links, as frozen `Link` records.

    >>> from corpus.model import Document, Paragraph
    >>> def doc(*texts):
    ...     paras = [Paragraph(f"op{n}", "operative", n, t.split()[0], t) for n, t in enumerate(texts, 1)]
    ...     return Document(None, None, None, None, "resolution", tuple(paras))
    >>> old = doc("Requests the Secretary-General to report on the implementation of this resolution.",
    ...           "Decides to include in the provisional agenda of its seventy-fifth session the item.")
    >>> new = doc("Decides to include in the provisional agenda of its seventy-sixth session the item.",
    ...           "Calls upon all States to cooperate fully with the Special Rapporteur.",
    ...           "Requests the Secretary-General to report on the implementation of this resolution;")
    >>> for link in align_paragraphs(old, new):
    ...     print(link.old, link.new, link.relation, link.moved, link.score, link.method or "-")
    op2 op1 modified True 0.929 lead
    None op2 inserted False 0.0 -
    op1 op3 unchanged False 1.0 identical
    """
    aligner = _Aligner(old, new)  # runs the identical pass
    aligner.lead()
    aligner.anchors()
    aligner.fuzzy()
    aligner.position()
    aligner.split_merge()
    return aligner.result()
