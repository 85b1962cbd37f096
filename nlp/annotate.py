"""Annotators for `textdiff.compare` (lead strength, hedges, agreed formulas) and the tagged spans of a
document's paragraphs for the HTML renderer.

Steps: tag both paragraph texts once (`TagCache`: leads, hedges, references, formulas, with offsets) → compare
the two sides entry by entry → emit `textdiff.classify.Change` objects with the span of each side.
spaCy is imported only when a pipeline is first needed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from corpus.model import Document
from nlp.lexicon import norm_key
from nlp.verbs import VerbScale, compare_leads, load_verb_scale
from textdiff.classify import Annotator, Block, Change

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "FORMULA_ADDED",
    "FORMULA_ALTERED",
    "FORMULA_REMOVED",
    "HEDGE_ADDED",
    "HEDGE_REMOVED",
    "FormulaAnnotator",
    "HedgeAnnotator",
    "LEAD_STRENGTHENED",
    "LEAD_WEAKENED",
    "LeadAnnotator",
    "TagCache",
    "TaggedPhrase",
    "default_nlp",
    "highlight_spans",
    "make_annotators",
    "tag_texts",
]

LEAD_STRENGTHENED, LEAD_WEAKENED = "lead_strengthened", "lead_weakened"
HEDGE_ADDED, HEDGE_REMOVED = "hedge_added", "hedge_removed"
FORMULA_ADDED, FORMULA_REMOVED, FORMULA_ALTERED = "formula_added", "formula_removed", "formula_altered"

# Span group of the pipeline → the kind a renderer and `highlight_spans` use.
KINDS = {
    "textdiff_leads": "lead",
    "textdiff_hedges": "hedge",
    "textdiff_references": "reference",
    "textdiff_formulas": "formula",
}


@dataclass(frozen=True)
class TaggedPhrase:
    """One tagged phrase of a text: ``kind`` ("lead", "hedge", "reference", "formula"), ``label`` (the lexicon
    entry id, the lead's scale entry, the symbols cited) and its offsets, ``text == source[start:end]``.
    ``family``/``value`` give a lead's strength (None for other kinds or an unscaled lead)."""

    kind: str
    label: str
    start: int
    end: int
    text: str
    family: str | None = None
    value: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON form (strength only for leads)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.kind == "lead":
            out["family"], out["value"] = self.family, self.value
        return out


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The shared default pipeline (`nlp.pipeline.make_nlp()`), built on first use."""
    from nlp.pipeline import make_nlp

    return make_nlp()


def _phrases(doc: Any) -> list[TaggedPhrase]:
    from nlp.pipeline import iter_spans

    out = []
    for key, span in iter_spans(doc):
        kind = KINDS[key]
        if kind == "lead":
            strength = span._.textdiff_strength
            fam, val = strength if strength else (None, None)
            out.append(TaggedPhrase(kind, span.id_, span.start_char, span.end_char, span.text, fam, val))
        elif kind == "reference":
            out.append(TaggedPhrase(kind, span.id_ or span.text, span.start_char, span.end_char, span.text))
        else:
            out.append(TaggedPhrase(kind, span.label_, span.start_char, span.end_char, span.text))
    out.sort(key=lambda p: (p.start, -p.end, p.kind, p.label))
    return out


def tag_texts(
    texts: Iterable[str], nlp: Language | None = None, batch_size: int = 64
) -> list[list[TaggedPhrase]]:
    """The tagged phrases of each text, in order (one `nlp.pipe` pass).

    >>> [(p.kind, p.label, p.text) for p in tag_texts(["Urges States, as appropriate, to act"])[0]]
    [('lead', 'urges', 'Urges'), ('hedge', 'as-appropriate', 'as appropriate')]
    """
    nlp = nlp or default_nlp()
    return [_phrases(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


class TagCache:
    """Tags texts with a pipeline and remembers the last ``size`` results (each paragraph pair is seen by
    three annotators; a paragraph is often compared with several versions)."""

    def __init__(self, nlp: Language | None = None, size: int = 4096):
        self.nlp = nlp
        self.size = size
        self._cache: OrderedDict[str, list[TaggedPhrase]] = OrderedDict()

    def __call__(self, text: str | None) -> list[TaggedPhrase]:
        if not text:
            return []
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        result = _phrases((self.nlp or default_nlp())(text))
        self._cache[text] = result
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return result

    @property
    def scale(self) -> VerbScale:
        """The lead scale of the pipeline (the shipped one when the pipeline has no lead tagger)."""
        nlp = self.nlp or default_nlp()
        if "textdiff_lead_tagger" in nlp.pipe_names:
            scale = getattr(nlp.get_pipe("textdiff_lead_tagger"), "scale", None)
            if isinstance(scale, VerbScale):
                return scale
        return load_verb_scale()


# --- offsets ------------------------------------------------------------------------------------------------


def _in_blocks(start: int, end: int, blocks: Sequence[Block], side: str) -> Block | None:
    """The change block whose ``side`` ("old"/"new") range meets [start, end), if any."""
    for b in blocks:
        bs = b.start_old if side == "old" else b.start_new
        be = bs + len(b.old if side == "old" else b.new)
        if bs < end and start < be or (bs == be and start <= bs <= end):
            return b
    return None


def _other_side(pos: int, blocks: Sequence[Block], side: str) -> int:
    """The offset in the other text that corresponds to ``pos`` of ``side``: the start of the block holding
    it, else ``pos`` shifted by the length difference of every block before it."""
    shift = 0
    for b in blocks:
        mine, theirs = (b.old, b.new) if side == "old" else (b.new, b.old)
        bs = b.start_old if side == "old" else b.start_new
        if pos < bs:
            break
        if pos < bs + len(mine):
            return b.start_new if side == "old" else b.start_old
        shift += len(theirs) - len(mine)
    return max(0, pos + shift)


def _unpaired(
    mine: list[TaggedPhrase], theirs: list[TaggedPhrase], blocks: Sequence[Block], side: str
) -> list[TaggedPhrase]:
    """The occurrences of ``mine`` (one entry) that have no counterpart among ``theirs``: as many as the
    difference in counts, those inside a change block first, then the last ones."""
    extra = len(mine) - len(theirs)
    if extra <= 0:
        return []
    changed = [p for p in mine if _in_blocks(p.start, p.end, blocks, side)]
    rest = [p for p in mine if p not in changed]
    chosen = (changed + rest[::-1])[:extra]
    return sorted(chosen, key=lambda p: p.start)


def _change(cls: str, phrase: TaggedPhrase, blocks: Sequence[Block], side: str) -> Change:
    other = _other_side(phrase.start, blocks, side)
    if side == "new":
        return Change(cls, phrase.text, "", phrase.text, other, phrase.start)
    return Change(cls, phrase.text, phrase.text, "", phrase.start, other)


_ABBREVIATIONS = (
    ("informationandcommunicationstechnologies", "icts"),
    ("informationandcommunicationstechnology", "ict"),
)


def _wording(text: str) -> str:
    """What makes two wordings of a formula the same: case, spaces, hyphens and the abbreviation of
    "information and communications technologies" do not count (A/RES/75/240 spells out what 74/29 wrote
    "ICTs": an editorial change, not an altered formula).

    >>> _wording("use of ICTs for peaceful purposes") == _wording(
    ...     "use of information and communications technologies for peaceful purposes")
    True
    """
    key = norm_key(text)
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key


def _by_label(phrases: Iterable[TaggedPhrase], kind: str) -> dict[str, list[TaggedPhrase]]:
    out: dict[str, list[TaggedPhrase]] = {}
    for p in phrases:
        if p.kind == kind:
            out.setdefault(p.label, []).append(p)
    return out


def _outermost(changes: list[tuple[TaggedPhrase, Change]]) -> list[Change]:
    """Drop a change whose phrase lies inside another change's phrase of the same class and side (a formula
    inside a longer formula added with it is not news)."""
    out = []
    for p, c in changes:
        inside = any(
            q is not p
            and d.cls == c.cls
            and q.start <= p.start
            and p.end <= q.end
            and (q.end - q.start) > (p.end - p.start)
            for q, d in changes
        )
        if not inside:
            out.append(c)
    return out


# --- annotators ---------------------------------------------------------------------------------------------


class LeadAnnotator:
    """``lead_strengthened`` / ``lead_weakened`` when both paragraphs open with leads of one strength scale,
    their values differ ("Encourages" → "Calls upon"; not "Decides" → "Also decides") and what follows the
    leads is alike: a different verb on a different paragraph that the alignment happened to pair is not a
    change of strength (rapidfuzz ratio of the 150 characters after each lead at least ``min_similarity``;
    on the corpus, same-paragraph pairs score 79 or more, mispaired ones 45 or less)."""

    def __init__(self, tags: TagCache, min_similarity: float = 60.0):
        self.tags = tags
        self.min_similarity = min_similarity

    def __call__(
        self,
        old_text: str | None,
        new_text: str | None,
        old_lead: str | None,
        new_lead: str | None,
        blocks: Sequence[Block],
    ) -> list[Change]:
        old = old_text if old_text is not None else old_lead
        new = new_text if new_text is not None else new_lead
        if not old or not new:
            return []
        found = compare_leads(old, new, self.tags.scale)
        if found is None:
            return []
        _, old_value, new_value, a, b = found
        if old_value == new_value or not self._alike(old[a.end :], new[b.end :]):
            return []
        cls = LEAD_STRENGTHENED if new_value > old_value else LEAD_WEAKENED
        return [Change(cls, b.text, a.text, b.text, a.start, b.start)]

    def _alike(self, old_rest: str, new_rest: str) -> bool:
        from rapidfuzz import fuzz

        # The first clause decides: a merged or reworded tail must not make two different paragraphs alike.
        return fuzz.ratio(old_rest[:150], new_rest[:150]) >= self.min_similarity

    def __repr__(self) -> str:
        return "LeadAnnotator()"


class HedgeAnnotator:
    """``hedge_added`` / ``hedge_removed``: a hedge or qualifier occurs more (fewer) times in the new text."""

    def __init__(self, tags: TagCache):
        self.tags = tags

    def __call__(
        self,
        old_text: str | None,
        new_text: str | None,
        old_lead: str | None,
        new_lead: str | None,
        blocks: Sequence[Block],
    ) -> list[Change]:
        old, new = _by_label(self.tags(old_text), "hedge"), _by_label(self.tags(new_text), "hedge")
        out: list[tuple[TaggedPhrase, Change]] = []
        for label in sorted(set(old) | set(new)):
            o, n = old.get(label, []), new.get(label, [])
            out += [(p, _change(HEDGE_ADDED, p, blocks, "new")) for p in _unpaired(n, o, blocks, "new")]
            out += [(p, _change(HEDGE_REMOVED, p, blocks, "old")) for p in _unpaired(o, n, blocks, "old")]
        out.sort(key=lambda pc: (pc[1].start_new, pc[1].start_old, pc[1].cls))
        return [c for _, c in out]

    def __repr__(self) -> str:
        return "HedgeAnnotator()"


class FormulaAnnotator:
    """``formula_added`` / ``formula_removed`` (an agreed formula occurs more or fewer times) and
    ``formula_altered`` (present on both sides, in different wordings: "voluntary and non-binding norms" →
    "voluntary, non-binding norms"). A formula inside a longer one of the same change is left out."""

    def __init__(self, tags: TagCache):
        self.tags = tags

    def __call__(
        self,
        old_text: str | None,
        new_text: str | None,
        old_lead: str | None,
        new_lead: str | None,
        blocks: Sequence[Block],
    ) -> list[Change]:
        old, new = _by_label(self.tags(old_text), "formula"), _by_label(self.tags(new_text), "formula")
        out: list[tuple[TaggedPhrase, Change]] = []
        for label in sorted(set(old) | set(new)):
            o, n = old.get(label, []), new.get(label, [])
            added = _unpaired(n, o, blocks, "new")
            removed = _unpaired(o, n, blocks, "old")
            out += [(p, _change(FORMULA_ADDED, p, blocks, "new")) for p in added]
            out += [(p, _change(FORMULA_REMOVED, p, blocks, "old")) for p in removed]
            # The paired occurrences: same wording first; what remains is an alteration.
            o_rest = [p for p in o if p not in removed]
            n_rest = [p for p in n if p not in added]
            o_left = list(o_rest)
            unmatched_new = []
            for p in n_rest:
                same = next((q for q in o_left if _wording(q.text) == _wording(p.text)), None)
                if same is not None:
                    o_left.remove(same)
                else:
                    unmatched_new.append(p)
            for q, p in zip(o_left, unmatched_new, strict=False):
                out.append((p, Change(FORMULA_ALTERED, p.text, q.text, p.text, q.start, p.start)))
        changes = _outermost(out)
        changes.sort(key=lambda c: (c.start_new, c.start_old, c.cls))
        return changes

    def __repr__(self) -> str:
        return "FormulaAnnotator()"


def make_annotators(nlp: Language | None = None) -> list[Annotator]:
    """The NLP annotators for ``textdiff.compare(old, new, annotators=...)``: lead strength, hedges, formulas.

    They share one tag cache; ``nlp`` defaults to `default_nlp()` (built on first use, not here).

    >>> lead, hedge, formula = make_annotators()
    >>> [c.cls for c in lead("Encourages States to act", "Calls upon States to act", None, None, [])]
    ['lead_strengthened']
    >>> [(c.cls, c.text) for c in hedge("Requests the Secretary-General to report",
    ...     "Requests the Secretary-General, within existing resources, to report", None, None, [])]
    [('hedge_added', 'within existing resources')]
    """
    tags = TagCache(nlp)
    return [LeadAnnotator(tags), HedgeAnnotator(tags), FormulaAnnotator(tags)]


def highlight_spans(
    document: Document, nlp: Language | None = None
) -> dict[str, list[tuple[int, int, str, str]]]:
    """For each paragraph id, the tagged phrases of ``paragraph.text`` as ``(start, end, kind, label)``, for
    the renderer's ``<mark data-phrase="label">``. Kinds: "lead", "hedge", "reference", "formula".

    Spans are sorted by start, longest first; two spans are either disjoint or nested (a span that would
    cross an earlier one is left out), so they can be marked up as nested elements.

    >>> from corpus.loaders.text import load_text
    >>> doc = load_text("The General Assembly,\\n\\n1. Invites States, on a voluntary basis, to act.", "x")[0]
    >>> highlight_spans(doc)
    {'op1': [(0, 7, 'lead', 'invites'), (16, 36, 'hedge', 'on-a-voluntary-basis')]}
    """
    paragraphs = list(document.paragraphs)
    tagged = tag_texts([p.text for p in paragraphs], nlp)
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for para, phrases in zip(paragraphs, tagged, strict=True):
        kept: list[tuple[int, int, str, str]] = []
        for p in phrases:
            if any(s < p.start < e < p.end for s, e, _, _ in kept):
                continue
            kept.append((p.start, p.end, p.kind, p.label))
        out[para.id] = kept
    return out
