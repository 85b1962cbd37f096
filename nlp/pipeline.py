"""The spaCy pipeline of textdiff: a blank English pipeline with a lookup lemmatizer and rule components that
tag leads (with their strength), hedges, references and agreed formulas in ``doc.spans``.

Steps: ``spacy.blank("en")`` tokenizer → ``textdiff_lemmatizer`` (spacy-lookups-data "lemma_lookup" table)
→ ``textdiff_lead_tagger`` → ``textdiff_hedge_tagger`` → ``textdiff_reference_tagger`` →
``textdiff_formula_tagger``. No trained model is needed; `make_nlp` loads one only when asked and falls back
to the blank pipeline when it is not installed. Nothing is ever downloaded.

Span groups: ``textdiff_leads`` (label = scale family, or "lead" when the lead is on no scale; ``id_`` = the
scale entry, ``span._.textdiff_strength`` = (family, value) or None; the span at 0 is the paragraph's lead,
later ones are operative verbs that open a further clause: "…, and takes note of"), ``textdiff_hedges`` and
``textdiff_formulas`` (label = the entry id of ``nlp/data/hedges.tsv`` or ``formulas.tsv``: "as-appropriate",
"community-of-shared-future"), ``textdiff_references`` (label = "resolution", "decision" or "document",
``id_`` = the symbols cited).

Data: ``textdiff.verb_scale.v1``, ``textdiff.hedges.v1`` and ``textdiff.formulas.v1`` (registered functions,
each with an optional ``path``) give the components their scale and lexicons at construction;
``initialize()`` can swap them (``[initialize.components.textdiff_formula_tagger] entries = ...``).
"""

# No "from __future__ import annotations" here: spaCy validates factory and initialize() signatures with
# pydantic, which needs the annotations as real types.
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import registry

from corpus.leads import find_lead, starts_preambular
from nlp.lexicon import Entry, KeyMatcher, load_formulas, load_hedges, norm_key
from nlp.verbs import VerbScale, load_verb_scale

__all__ = [
    "COMPONENTS",
    "FORMULAS",
    "FormulaTagger",
    "HEDGES",
    "HedgeTagger",
    "LEADS",
    "LeadTagger",
    "LookupLemmatizer",
    "REFERENCES",
    "ReferenceTagger",
    "iter_spans",
    "make_nlp",
]

LEADS, HEDGES = "textdiff_leads", "textdiff_hedges"
REFERENCES, FORMULAS = "textdiff_references", "textdiff_formulas"
COMPONENTS = ("textdiff_lead_tagger", "textdiff_hedge_tagger", "textdiff_reference_tagger",
              "textdiff_formula_tagger")

if not Span.has_extension("textdiff_strength"):
    Span.set_extension("textdiff_strength", default=None)

# `make_nlp` keeps each input text on its Doc under this key, so that taggers need not rebuild it from the
# tokens (``doc.text`` costs about as much as tokenizing the paragraph did).
TEXT_KEY = "textdiff_text"
KEY_KEY = "textdiff_key"


def _text(doc: Doc) -> str:
    """The text of ``doc``: the kept input text when it still matches the tokens, else ``doc.text``."""
    kept = doc.user_data.get(TEXT_KEY)
    if kept is not None and len(doc) and len(kept) == doc[-1].idx + len(doc[-1].text_with_ws):
        return kept
    return doc.text


def _key(doc: Doc, text: str) -> str:
    """`norm_key` of the doc's text, computed once per doc for the hedge and formula taggers."""
    cached = doc.user_data.get(KEY_KEY)
    if cached is not None and cached[0] is text:
        return cached[1]
    key = norm_key(text)
    doc.user_data[KEY_KEY] = (text, key)
    return key


class _KeepText:
    """``nlp.make_doc`` that keeps the input text on the Doc (see `TEXT_KEY`)."""

    def __init__(self, make_doc: Callable[[str], Doc]):
        self.make_doc = make_doc

    def __call__(self, text: str) -> Doc:
        doc = self.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        return doc


# --- registered data functions ------------------------------------------------------------------------------

@registry.misc("textdiff.verb_scale.v1")
def verb_scale_v1(path: str | None = None) -> VerbScale:
    """The lead strength scale: ``nlp/data/verb_scale.tsv``, or the TSV at ``path``."""
    return load_verb_scale(path)


@registry.misc("textdiff.formulas.v1")
def formulas_v1(path: str | None = None) -> list[Entry]:
    """The agreed formulas: ``nlp/data/formulas.tsv``, or the TSV at ``path``."""
    return load_formulas(path)


@registry.misc("textdiff.hedges.v1")
def hedges_v1(path: str | None = None) -> list[Entry]:
    """The hedges and qualifiers: ``nlp/data/hedges.tsv``, or the TSV at ``path``."""
    return load_hedges(path)


# --- lemmatizer ---------------------------------------------------------------------------------------------

class LookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer (same tables, same lemmas) with a per-string cache: the lookup depends only
    on the token's text, so each distinct word is looked up once. spaCy's version spends five times the
    tokenizer's time on a paragraph; this one about half (see benchmarks/nlp_bench.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: dict[int, int] = {}

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   lookups: Any = None) -> None:
        """Load the "lemma_lookup" table (from spacy-lookups-data unless ``lookups`` is given)."""
        super().initialize(get_examples, nlp=nlp, lookups=lookups)
        self._cache = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        cache, overwrite = self._cache, self.overwrite
        for token in doc:
            if overwrite or token.lemma == 0:
                orth = token.orth
                lemma = cache.get(orth)
                if lemma is None:
                    lemma = cache[orth] = self._lookup(orth)
                token.lemma = lemma
        return doc

    def _lookup(self, orth: int) -> int:
        table = self.lookups.get_table("lemma_lookup", {})
        text = self.vocab.strings[orth]
        result = table.get(text, text)
        if not isinstance(result, str):
            result = result[0]
        return self.vocab.strings.add(result)


@Language.factory(
    "textdiff_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "lookup", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_lemmatizer(nlp: Language, model: Any, name: str, mode: str, overwrite: bool,
                    scorer: Callable | None) -> LookupLemmatizer:
    """spaCy's lookup lemmatizer with a per-string cache (tables from spacy-lookups-data at initialize)."""
    return LookupLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


# --- lead tagger --------------------------------------------------------------------------------------------

class LeadTagger:
    """Tags the lead of a paragraph (and the operative verbs that open a further clause) with its strength."""

    def __init__(self, nlp: Language, name: str, scale: VerbScale):
        self.name = name
        self.initialize(scale=scale)

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   scale: VerbScale | None = None) -> None:
        """Load the scale (the one given, else the shipped one) and compile the clause-verb pre-filter."""
        self.scale = scale or load_verb_scale()
        heads = sorted({k[0] for k, fams in self.scale.entries.items()
                        if any(f.startswith("operative") for f in fams)})
        mods = sorted(" ".join(m) for m in self.scale.modifiers)
        # "…; also welcomes", "…, and takes note of": a clause verb after a comma or semicolon.
        self._clause = re.compile(
            r"[,;]\s+(?:and\s+)?((?:(?:" + "|".join(map(re.escape, mods)) + r")\s+)*(?:"
            + "|".join(map(re.escape, heads)) + r"))\b"
        )

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        text = _text(doc)
        lead = self.scale.find(text)
        if lead is not None:
            span = doc.char_span(lead.start, lead.end, label=lead.family, span_id=lead.key,
                                 alignment_mode="expand")
            if span is not None:
                span._.textdiff_strength = (lead.family, lead.value)
                spans.append(span)
            if lead.family.startswith("operative"):
                spans.extend(self._clause_leads(doc, text))
        elif starts_preambular(text):
            found = find_lead(text)
            if found:
                span = doc.char_span(0, len(found), label="lead", span_id=found.lower(),
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[LEADS] = spans
        return doc

    def _clause_leads(self, doc: Doc, text: str) -> list[Span]:
        out = []
        for m in self._clause.finditer(text):
            start = m.start(1)
            found = self.scale.find(text[start:start + 80])
            if found is None or not found.family.startswith("operative"):
                continue
            span = doc.char_span(start, start + found.end, label=found.family, span_id=found.key,
                                 alignment_mode="expand")
            if span is not None:
                span._.textdiff_strength = (found.family, found.value)
                out.append(span)
        return out


@Language.factory(
    "textdiff_lead_tagger",
    assigns=["doc.spans"],
    default_config={"scale": {"@misc": "textdiff.verb_scale.v1", "path": None}},
)
def make_lead_tagger(nlp: Language, name: str, scale: VerbScale) -> LeadTagger:
    """Leads of preambular and operative paragraphs with their strength (``doc.spans["textdiff_leads"]``)."""
    return LeadTagger(nlp, name, scale)


# --- phrase taggers (hedges, formulas) ----------------------------------------------------------------------

class PhraseTagger:
    """Tags the wordings of lexicon entries (span label = entry id).

    Two passes: a token match on LOWER, hyphenated words also matched written apart or joined ("confidence
    building measures", "Open ended"); then, with ``split_words``, a match of the space- and hyphen-free key
    of the whole text (`nlp.lexicon.KeyMatcher`), for words split inside by the PDF ("armamen ts", "promo
    ting", "off issile"). The second pass only makes spans when it sees an entry more often than the first
    did. It costs about as much as the token pass and the spans together (benchmarks/nlp_bench.py): a
    cheaper trigger (anchors at the ends of each wording) was tried and fired on nine paragraphs in ten.
    """

    key = ""

    def __init__(self, nlp: Language, name: str, entries: Sequence[Any], split_words: bool = True):
        self.name = name
        self.vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        self.split_words = split_words
        self.entries: list[Entry] = []
        self.initialize(entries=entries)

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   entries: Sequence[Any] | None = None) -> None:
        """Build the matchers from ``entries`` (the constructor's when not given)."""
        if entries is not None:
            # spaCy validates [initialize] settings with pydantic, which hands dataclasses over as dicts.
            self.entries = [e if isinstance(e, Entry) else
                            Entry(e["id"], e["category"], e["canonical"], tuple(e["variants"]))
                            for e in entries]
        self.by_id = {e.id: e for e in self.entries}
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        for e in self.entries:
            self.matcher.add(e.id, [self._tokenizer(v) for v in _spellings(e.variants)])
        self.fallback = KeyMatcher(self.entries)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc, as_spans=True)
        if self.split_words:
            text = _text(doc)
            hits = self.fallback.find_keys(_key(doc, text))
            if len(hits) > len(spans) or (hits and _more(hits, spans, self.fallback)):
                spans.extend(self._split_spans(doc, text, spans))
        if len(spans) > 1:
            spans.sort(key=_span_order)
        doc.spans[self.key] = spans
        return doc

    def _split_spans(self, doc: Doc, text: str, spans: list[Span]) -> list[Span]:
        have = [(sp.label_, sp.start_char, sp.end_char) for sp in spans]
        out = []
        for e, s, t in self.fallback.find(text):
            if any(i == e.id and s < te and ts < t for i, ts, te in have):
                continue
            span = doc.char_span(s, t, label=e.id, alignment_mode="expand")
            if span is not None:
                out.append(span)
        return out


def _span_order(span: Span) -> tuple[int, int, int]:
    # By start, longest first; the label hash makes the order of equal spans stable.
    return span.start, -span.end, span.label


def _more(hits: list[tuple[int, int, str]], spans: list[Span], fallback: KeyMatcher) -> bool:
    """True when the key pass sees some entry more often than the token pass (a split occurrence): the key
    pass takes the longest match at each place, so otherwise it never counts more."""
    have: dict[str, int] = {}
    for sp in spans:
        have[sp.label_] = have.get(sp.label_, 0) + 1
    seen: dict[str, int] = {}
    for _, _, k in hits:
        i = fallback.by_key[k][0].id
        seen[i] = seen.get(i, 0) + 1
        if seen[i] > have.get(i, 0):
            return True
    return False


def _spellings(variants: Iterable[str]) -> list[str]:
    """The wordings with each hyphenated compound also written apart and joined ("confidence-building" →
    "confidence building", "confidencebuilding"): both occur in the corpus where the PDF lost the hyphen."""
    out: list[str] = []
    for v in variants:
        for w in (v, re.sub(r"(?<=\w)-(?=\w)", " ", v), re.sub(r"(?<=\w)-(?=\w)", "", v)):
            if w not in out:
                out.append(w)
    return out


class HedgeTagger(PhraseTagger):
    """Hedges and qualifiers ("as appropriate", "inter alia") in ``doc.spans["textdiff_hedges"]``."""

    key = HEDGES


class FormulaTagger(PhraseTagger):
    """Agreed formulas in ``doc.spans["textdiff_formulas"]``."""

    key = FORMULAS


@Language.factory(
    "textdiff_hedge_tagger",
    assigns=["doc.spans"],
    default_config={"hedges": {"@misc": "textdiff.hedges.v1", "path": None}, "split_words": True},
)
def make_hedge_tagger(nlp: Language, name: str, hedges: list[Entry], split_words: bool) -> HedgeTagger:
    """Hedges and qualifiers (``doc.spans["textdiff_hedges"]``)."""
    return HedgeTagger(nlp, name, hedges, split_words)


@Language.factory(
    "textdiff_formula_tagger",
    assigns=["doc.spans"],
    default_config={"formulas": {"@misc": "textdiff.formulas.v1", "path": None}, "split_words": True},
)
def make_formula_tagger(nlp: Language, name: str, formulas: list[Entry], split_words: bool) -> FormulaTagger:
    """Agreed formulas (``doc.spans["textdiff_formulas"]``)."""
    return FormulaTagger(nlp, name, formulas, split_words)


# --- reference tagger ---------------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# 75/240, 43/78 H, ES-10/19, S-27/2; Security Council style 1540 (2004).
_GA_NUM = r"(?:ES-|S-)?\d{1,2}/\d{1,4}(?: [A-Z]{1,2}(?![\w/]))?"
_SC_NUM = r"\d{2,4} \(\d{4}\)"
_ITEM = rf"(?:{_SC_NUM}|{_GA_NUM})(?:,? of \d{{1,2}} (?:{_MONTHS}) \d{{4}})?"
_RESOLUTION = re.compile(rf"\b(resolution|decision)s?\s+({_ITEM}(?:(?:,\s+|\s+and\s+|,\s+and\s+){_ITEM})*)")
_NUMBER = re.compile(rf"{_SC_NUM}|{_GA_NUM}")
# Document symbols: a known series, then slash-separated parts, at least one with a digit.
_SYMBOL = re.compile(
    r"\b(?:A|S|E|CD|NPT|BWC|CCW|APLC|CWC|ST|GC|TD|DP|UNEP|ICCD|HRC)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+"
)


class ReferenceTagger:
    """References to resolutions, decisions and documents ("resolutions 73/27 and 74/29", "A/77/275",
    "S/PRST/2011/15") in ``doc.spans["textdiff_references"]``; ``id_`` lists the symbols cited."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        spans: list[Span] = []
        if "/" in text:
            for m in _RESOLUTION.finditer(text):
                numbers = " ".join(_NUMBER.findall(m.group(2)))
                span = doc.char_span(m.start(), m.end(), label=m.group(1).lower(), span_id=numbers,
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            for m in _SYMBOL.finditer(text):
                symbol = m.group().rstrip(".-")
                if not any(c.isdigit() for c in symbol) or "/" not in symbol:
                    continue
                label = "resolution" if "/RES/" in symbol else "document"
                span = doc.char_span(m.start(), m.start() + len(symbol), label=label, span_id=symbol,
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        spans.sort(key=lambda sp: (sp.start, -sp.end))
        doc.spans[REFERENCES] = spans
        return doc


@Language.factory("textdiff_reference_tagger", assigns=["doc.spans"])
def make_reference_tagger(nlp: Language, name: str) -> ReferenceTagger:
    """References to resolutions, decisions and document symbols (``doc.spans["textdiff_references"]``)."""
    return ReferenceTagger(nlp, name)


# --- the pipeline -------------------------------------------------------------------------------------------

def make_nlp(model: str | Path | None = None) -> Language:
    """The textdiff pipeline: ``spacy.blank("en")`` + lookup lemmatizer + the four taggers.

    With ``model`` (a package name or path of a trained pipeline), load it and add the taggers to it; when
    it is not installed, warn and fall back to the blank pipeline (nothing is downloaded).

    >>> nlp = make_nlp()
    >>> nlp.pipe_names
    ['textdiff_lemmatizer', 'textdiff_lead_tagger', 'textdiff_hedge_tagger', 'textdiff_reference_tagger', \
'textdiff_formula_tagger']
    >>> doc = nlp("Strongly urges States, as appropriate, to implement resolution 75/240")
    >>> [(s.text, s._.textdiff_strength) for s in doc.spans["textdiff_leads"]]
    [('Strongly urges', ('operative.appeal', 4.5))]
    >>> [s.text for s in doc.spans["textdiff_hedges"]], [s.id_ for s in doc.spans["textdiff_references"]]
    (['as appropriate'], ['75/240'])
    """
    import spacy

    nlp: Language | None = None
    if model:
        try:
            nlp = spacy.load(model)
        except OSError as e:
            warnings.warn(f"spaCy pipeline {model!r} is not installed ({e}); using the blank English "
                          f"pipeline. To use it: install it with pip, then pass its name again.",
                          stacklevel=2)
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("textdiff_lemmatizer")
        for name in COMPONENTS:
            nlp.add_pipe(name)
        nlp.initialize()
        nlp.make_doc = _KeepText(nlp.make_doc)  # type: ignore[method-assign]
        return nlp
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if "lemmatizer" not in nlp.pipe_names and "textdiff_lemmatizer" not in nlp.pipe_names:
        lem = nlp.add_pipe("textdiff_lemmatizer", first=True)
        cast(LookupLemmatizer, lem).initialize()
    nlp.make_doc = _KeepText(nlp.make_doc)  # type: ignore[method-assign]
    return nlp


def iter_spans(
    doc: Doc, keys: Iterable[str] = (LEADS, HEDGES, REFERENCES, FORMULAS)
) -> Iterable[tuple[str, Span]]:
    """Every tagged span of ``doc`` as ``(group key, span)``, group by group."""
    for key in keys:
        if key in doc.spans:
            for span in doc.spans[key]:
                yield key, span
