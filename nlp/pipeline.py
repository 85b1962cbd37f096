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

Speed (benchmarks/nlp_bench.py: the whole pipeline against the tokenizer alone): the lemmatizer looks up a
batch of Docs at a time in a numpy hash table (`_LemmaTable`) in ``nlp.pipe``; the taggers work on the kept
input text and touch no token in Python; the hedge and formula taggers of one pipeline share one
PhraseMatcher pass; the split-word pass runs only where the text shows a sign of a split (see `PhraseTagger`;
a new chunk's verdict takes the ASCII-word fast path and a three-letter prefilter before any search of the
keys); leads are parsed with a memo of paragraph openings (`LeadTagger._parse`) and a memo of each scale
entry's label and id; references are matched only where their anchors ("resolution", a series name before
"/", found by the letter before each slash) occur. Each fast path answers exactly as the plain algorithm
(tests/nlp/test_nlp_equivalence.py, tests/nlp/test_nlp_fastpaths.py).

Data: ``textdiff.verb_scale.v1``, ``textdiff.hedges.v1`` and ``textdiff.formulas.v1`` (registered functions,
each with an optional ``path``) give the components their scale and lexicons at construction;
``initialize()`` can swap them (``[initialize.components.textdiff_formula_tagger] entries = ...``).
"""

# No "from __future__ import annotations" here: spaCy validates factory and initialize() signatures with
# pydantic, which needs the annotations as real types.
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import minibatch, raise_error, registry

from corpus.leads import find_lead, starts_preambular
from corpus.words import is_word
from nlp.lexicon import Entry, KeyMatcher, _trie_regex, load_formulas, load_hedges, norm_key
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
COMPONENTS = (
    "textdiff_lead_tagger",
    "textdiff_hedge_tagger",
    "textdiff_reference_tagger",
    "textdiff_formula_tagger",
)

if not Span.has_extension("textdiff_strength"):
    Span.set_extension("textdiff_strength", default=None)

# `make_nlp` keeps each input text on its Doc under this key, so that taggers need not rebuild it from the
# tokens (``doc.text`` costs about as much as tokenizing the paragraph did).
TEXT_KEY = "textdiff_text"
KEY_KEY = "textdiff_key"


def _text(doc: Doc) -> str:
    """The text of ``doc``: the kept input text when it still matches the tokens, else ``doc.text``."""
    kept = doc.user_data.get(TEXT_KEY)
    if kept is not None and len(doc):
        last = doc[-1]
        # ``len(last.text_with_ws)`` without building the string: a token's length is its text's.
        if len(kept) == last.idx + len(last) + len(last.whitespace_):
            return kept
    return doc.text


def _key(doc: Doc, text: str) -> str:
    """`norm_key` of the doc's text, computed once per doc for the hedge and formula taggers."""
    cached = doc.user_data.get(KEY_KEY)
    if cached is not None and cached[0] is text:
        return cached[1]
    key = _norm_key(text)
    doc.user_data[KEY_KEY] = (text, key)
    return key


# The ASCII characters that `norm_key` drops (every other character its table changes is not ASCII).
_ASCII_DROPPED = b" \t\n\r\x0b\x0c-"


def _norm_key(text: str) -> str:
    """`norm_key(text)`, faster on ASCII text (most paragraphs): lower case, then the dropped characters
    deleted from the bytes, where `norm_key` looks every character up in its table."""
    if text.isascii():
        return text.lower().encode("ascii").translate(None, _ASCII_DROPPED).decode("ascii")
    return norm_key(text)


class _State:
    """What the taggers compute once per Doc and share: its text, its chunks, the phrase matches."""

    __slots__ = ("doc", "n", "text", "chunks", "phrases")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)
        self.text = _text(doc)
        self.chunks: list[str] | None | bool = False  # False: not computed yet
        self.phrases: Any = None


# The state of the Doc being processed. Components run one Doc at a time (each yields a Doc before taking
# the next), so the next component finds it here; any other Doc gets a fresh state.
_CURRENT: list[_State | None] = [None]


def _state(doc: Doc) -> _State:
    st = _CURRENT[0]
    if st is None or st.doc is not doc or st.n != len(doc):
        st = _CURRENT[0] = _State(doc)
    return st


def _chunks(st: _State) -> list[str] | None:
    """The whitespace-separated chunks of the text when spaCy's tokenizer splits it exactly there (printable
    text, single spaces), else None."""
    if st.chunks is False:
        text = st.text
        simple = bool(text) and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " "
        st.chunks = text.split(" ") if simple else None
    return cast("list[str] | None", st.chunks)


def _set_group(doc: Doc, key: str, spans: list[Span]) -> None:
    """``doc.spans[key] = spans``: the SpanGroup made here, stored without SpanGroups' per-item checks."""
    group = SpanGroup(doc, name=key, spans=spans)
    data = getattr(doc.spans, "data", None)  # SpanGroups is a UserDict
    if isinstance(data, dict):
        data[key] = group
    else:
        doc.spans[key] = group


class _Component:
    """`pipe` with spaCy's error handling, one Doc at a time (the shared `_state` relies on it)."""

    name = ""
    _error_handler: Callable = staticmethod(raise_error)

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        handler = self._error_handler
        for doc in stream:
            try:
                yield self(doc)
            except Exception as e:
                handler(self.name, self, [doc], e)

    def get_error_handler(self) -> Callable:
        return self._error_handler

    def set_error_handler(self, error_handler: Callable) -> None:
        self._error_handler = error_handler


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

# Bound of the split-word triggers' chunk caches (cleared when full).
_CHUNK_CACHE_SIZE = 1 << 20


class LookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer (same tables, same lemmas), faster.

    One Doc (``__call__``): a per-string cache, since the lookup depends only on the token's text. A stream
    of Docs (``pipe``, as ``nlp.pipe`` runs it): a batch at a time with numpy, every token of the batch looked
    up at once in the table held as a hash table of numpy arrays (`_LemmaTable`); no Python per token
    (spaCy's version spends five times the tokenizer's time on a paragraph; the per-token cache about as much
    as the tokenizer; this about a third, most of it the fixed cost of ``Doc.to_array`` and
    ``Doc.from_array`` on each Doc: see benchmarks/nlp_bench.py).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: dict[int, int] = {}
        self._arrays: tuple[Any, ...] | None = None

    def initialize(
        self, get_examples: Callable | None = None, *, nlp: Language | None = None, lookups: Any = None
    ) -> None:
        """Load the "lemma_lookup" table (from spacy-lookups-data unless ``lookups`` is given)."""
        super().initialize(get_examples, nlp=nlp, lookups=lookups)
        self._cache = {}
        self._arrays = None
        if self.mode == "lookup":
            self._table_arrays()  # here rather than in the first pass

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

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """The Docs of ``stream`` lemmatized a batch at a time (the same lemmas as ``__call__``); a failing
        batch goes to the error handler, as spaCy's trainable components do."""
        if self.mode != "lookup":
            yield from super().pipe(stream, batch_size=batch_size)
            return
        handler = self.get_error_handler()
        for docs in minibatch(stream, size=batch_size):
            try:
                self._lemmatize(docs)
            except Exception as e:
                handler(self.name, self, docs, e)
                continue
            yield from docs

    def _lemmatize(self, docs: list[Doc]) -> None:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        docs = [doc for doc in docs if len(doc)]
        if not docs:
            return
        table = self._table_arrays()
        rows = [doc.to_array(_ORTH_LEMMA) for doc in docs]
        both = numpy.concatenate(rows) if len(rows) > 1 else rows[0]
        orth = both[:, 0]
        found = table.rows(orth)
        hit = found >= 0
        # The table's lemmas enter the StringStore as they are first used, as `_lookup` adds them.
        used = found[hit]
        fresh = used[~table.added[used]]
        if len(fresh):
            strings = self.vocab.strings
            for i in numpy.unique(fresh).tolist():
                strings.add(table.texts[i])
            table.added[fresh] = True
        # A word not in the table is its own lemma (``table.get(text, text)``).
        new = numpy.where(hit, table.lemmas[found], orth)
        if not self.overwrite:
            new = numpy.where(both[:, 1] == 0, new, both[:, 1])
        new = new.reshape(-1, 1)
        start = 0
        for doc, row in zip(docs, rows, strict=True):
            end = start + len(row)
            doc.from_array(_LEMMA, new[start:end])
            start = end

    def _table_arrays(self) -> "_LemmaTable":
        """The "lemma_lookup" table as a `_LemmaTable`, made once per table."""
        table = self.lookups.get_table("lemma_lookup", {})
        if self._arrays is None or self._arrays[0] is not table:
            self._arrays = (table, _LemmaTable(table))
        return cast("_LemmaTable", self._arrays[1])

    def _lookup(self, orth: int) -> int:
        table = self.lookups.get_table("lemma_lookup", {})
        text = self.vocab.strings[orth]
        result = table.get(text, text)
        if not isinstance(result, str):
            result = result[0]
        return self.vocab.strings.add(result)


_LEMMA = [LEMMA]
_ORTH_LEMMA = [ORTH, LEMMA]


class _LemmaTable:
    """A lemma lookup table (string -> lemma) as numpy arrays, for looking up a batch of tokens at once.

    Rows: the table's entries sorted by key hash, with the hash of each one's lemma (the first one where a
    key has several, as `LookupLemmatizer._lookup` takes), the lemma strings, and which of them the
    StringStore has been given. Slots: an open-addressing hash table (linear probing, at most a quarter
    full) from a key hash to its row. A token's ORTH is the hash of its text, so a row is found for a token
    exactly when its text is a key of the table (the key hashes are the StringStore's, as in
    ``table.get(text, text)``); `rows` then looks at the token's slot and at most ``probes`` more: every key
    sits that close to its home slot, and an empty slot before it ends the search (hash 0, the empty
    string's, is never a token's ORTH).
    """

    def __init__(self, table: Any):
        items = sorted((k, v if isinstance(v, str) else v[0]) for k, v in table.items())
        self.texts = [v for _, v in items]
        self.lemmas = numpy.fromiter((get_string_id(v) for v in self.texts), dtype=numpy.uint64)
        self.added = numpy.zeros(len(items), dtype=bool)
        size = 1 << max(4, (4 * len(items)).bit_length())
        mask = size - 1
        keys = [0] * size
        rows = [-1] * size
        probes = 0
        for row, (k, _) in enumerate(items):
            s, d = k & mask, 0
            while keys[s] != 0 and keys[s] != k:
                s, d = (s + 1) & mask, d + 1
            if k and keys[s] == 0:  # a repeated hash keeps its first row, as a search of the sorted keys did
                keys[s], rows[s] = k, row
                probes = max(probes, d)
        self.mask = numpy.uint64(mask)
        self.keys = numpy.array(keys, dtype=numpy.uint64)
        self.slot_rows = numpy.array(rows, dtype=numpy.intp)
        self.probes = probes

    def rows(self, orth: Any) -> Any:
        """The row of each hash of ``orth`` (a uint64 array), -1 where the table has no such key."""
        out = numpy.full(len(orth), -1, dtype=numpy.intp)
        slot = (orth & self.mask).astype(numpy.intp)
        where = numpy.arange(len(orth))
        for _ in range(self.probes + 1):
            k = self.keys[slot]
            hit = k == orth
            out[where[hit]] = self.slot_rows[slot[hit]]
            # On to the next slot where this one holds another key; an empty slot means "not in the table".
            go_on = ~hit & (k != 0)
            if not go_on.any():
                break
            where, orth = where[go_on], orth[go_on]
            slot = (slot[go_on] + 1) & int(self.mask)
        return out


@Language.factory(
    "textdiff_lemmatizer",
    assigns=["token.lemma"],
    default_config={
        "model": None,
        "mode": "lookup",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
    default_score_weights={"lemma_acc": 1.0},
)
def make_lemmatizer(
    nlp: Language, model: Any, name: str, mode: str, overwrite: bool, scorer: Callable | None
) -> LookupLemmatizer:
    """spaCy's lookup lemmatizer with a per-string cache (tables from spacy-lookups-data at initialize)."""
    return LookupLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


# --- lead tagger --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _strength_key_layout() -> bool:
    """True when spaCy keeps a span extension value in ``doc.user_data`` under ``("._.", name, start_char,
    end_char)``: the lead tagger then writes it there directly (a ``span._`` costs more than the span)."""
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["a", "b"])
    doc[1:2]._.textdiff_strength = ("x", 1.0)
    return list(doc.user_data) == [("._.", "textdiff_strength", 2, 3)]


def _lead_span(doc: Doc, start: int, end: int, label: int, span_id: int) -> Span | None:
    """``doc.char_span(start, end, …, alignment_mode="expand")`` for a lead, without the search when the
    lead is the first token (most leads are one word opening the paragraph)."""
    if start == 0 and len(doc):
        first = doc[0]
        if len(first) == end:
            return Span(doc, 0, 1, label=label, span_id=span_id)
    return doc.char_span(start, end, label=label, span_id=span_id, alignment_mode="expand")


# A character the lead expressions of `nlp.verbs` never match (their words are letters joined by hyphens or
# apostrophes, separated by whitespace): where a paragraph's opening ends for `LeadTagger._parse`.
_FOREIGN = re.compile("[^A-Za-z\\s\\-\u2019']")
# Bound of the memo of `LeadTagger._parse` (cleared when full).
_PARSE_MEMO_SIZE = 1 << 16


class LeadTagger(_Component):
    """Tags the lead of a paragraph (and the operative verbs that open a further clause) with its strength."""

    def __init__(self, nlp: Language, name: str, scale: VerbScale):
        self.name = name
        self.initialize(scale=scale)

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        scale: VerbScale | None = None,
    ) -> None:
        """Load the scale (the one given, else the shipped one) and compile the clause-verb pre-filter."""
        self.scale = scale or load_verb_scale()
        heads = sorted(
            {k[0] for k, fams in self.scale.entries.items() if any(f.startswith("operative") for f in fams)}
        )
        mods = sorted(" ".join(m) for m in self.scale.modifiers)
        # "…; also welcomes", "…, and takes note of": a clause verb after a comma or semicolon. The
        # alternatives are factored as tries: the same matches, one branch per character.
        self._clause = re.compile(
            r"[,;]\s+(?:and\s+)?((?:(?:" + _trie_regex(mods) + r")\s+)*(?:" + _trie_regex(heads) + r"))\b"
        )
        self._direct = _strength_key_layout()
        self._entries: dict[tuple[str, ...], tuple[str, float, bool]] = {}
        self._parsed: dict[str, Any] = {}
        self._ids_memo: dict[Any, Any] = {}

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        text = _state(doc).text
        lead = self._parse(text)
        if lead is not None:
            start, end, key, mods = lead
            family, value, operative = self._entry(key)
            span = _lead_span(doc, start, end, *self._ids(doc, key, family))
            if span is not None:
                self._strength(doc, span, (family, value + mods))
                spans.append(span)
            if operative and ("," in text or ";" in text):
                spans.extend(self._clause_leads(doc, text))
        elif starts_preambular(text):
            found = find_lead(text)
            if found:
                span = doc.char_span(
                    0, len(found), label="lead", span_id=found.lower(), alignment_mode="expand"
                )
                if span is not None:
                    spans.append(span)
        _set_group(doc, LEADS, spans)
        return doc

    def __getstate__(self) -> dict[str, Any]:
        # The memos are caches (one of them holds a StringStore): a pickled tagger starts them afresh.
        return {**self.__dict__, "_entries": {}, "_parsed": {}, "_ids_memo": {}}

    def _parse(self, text: str) -> tuple[int, int, tuple[str, ...], float] | None:
        """``self.scale.parse(text)``, remembered by the text's opening up to its first character that is no
        letter, whitespace, hyphen or apostrophe (that character included). The scale's expressions match
        only those characters (a run of words at the start), so they stop at that character at the latest
        and never look past it: every text with the same opening gets the same answer."""
        found = _FOREIGN.search(text)
        opening = text if found is None else text[: found.start() + 1]
        memo = self._parsed
        lead = memo.get(opening, memo)
        if lead is memo:
            if len(memo) >= _PARSE_MEMO_SIZE:
                memo.clear()
            lead = memo[opening] = self.scale.parse(opening)
        return cast("tuple[int, int, tuple[str, ...], float] | None", lead)

    def _entry(self, key: tuple[str, ...]) -> tuple[str, float, bool]:
        """The first family of scale entry ``key``, its value, and whether the family is operative."""
        found = self._entries.get(key)
        if found is None:
            family, value = next(iter(self.scale.entries[key].items()))
            found = self._entries[key] = (family, value, family.startswith("operative"))
        return found

    def _ids(self, doc: Doc, key: tuple[str, ...], family: str) -> tuple[int, int]:
        """The hashes of a lead span's label (``family``) and ``id_`` (the words of ``key``), their strings
        added to ``doc``'s StringStore the first time, as ``Span(label=str)`` adds them (remembered for one
        StringStore at a time)."""
        ids = self._ids_memo
        if ids.get(None) is not doc.vocab.strings:
            ids.clear()
            ids[None] = doc.vocab.strings
        found = ids.get(key)
        if found is None:
            strings = doc.vocab.strings
            found = ids[key] = (strings.add(family), strings.add(" ".join(key)))
        return found

    def _strength(self, doc: Doc, span: Span, strength: tuple[str, float]) -> None:
        if self._direct:
            doc.user_data[("._.", "textdiff_strength", span.start_char, span.end_char)] = strength
        else:
            span._.textdiff_strength = strength

    def _clause_leads(self, doc: Doc, text: str) -> list[Span]:
        out = []
        for m in self._clause.finditer(text):
            start = m.start(1)
            found = self.scale.parse(text[start : start + 80])
            if found is None:
                continue
            family, value, operative = self._entry(found[2])
            if not operative:
                continue
            label, span_id = self._ids(doc, found[2], family)
            span = doc.char_span(
                start, start + found[1], label=label, span_id=span_id, alignment_mode="expand"
            )
            if span is not None:
                self._strength(doc, span, (family, value + found[3]))
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


class PhraseTagger(_Component):
    """Tags the wordings of lexicon entries (span label = entry id).

    Two passes: a token match on LOWER, hyphenated words also matched written apart or joined ("confidence
    building measures", "Open ended"); then, with ``split_words``, a match of the space- and hyphen-free key
    of the whole text (`nlp.lexicon.KeyMatcher`), for words split inside by the PDF ("armamen ts", "promo
    ting", "off issile"). The second pass only makes spans when it sees an entry more often than the first
    did.

    The second pass costs more than all the rest, and it can only find a wording the first did not where the
    text's word breaks differ from every spelling of it. So it runs only on a text showing a sign of that
    (`_Triggers`): whitespace other than single spaces or a dash other than "-"; a token that is not a word
    yet occurs inside a wording's key ("armamen", "issile"); two tokens that are words and split a wording
    elsewhere than its spellings do ("leg ally", "oft he"); hyphens placed otherwise than in a spelling
    ("nuclear weapon-free zone"). On a text without any, the second pass would add nothing: it is skipped.

    The hedge and formula taggers of one pipeline (linked at ``initialize``) share one PhraseMatcher holding
    both lexicons and the trigger patterns: the first to see a Doc matches for both.
    """

    key = ""

    def __init__(self, nlp: Language, name: str, entries: Sequence[Any], split_words: bool = True):
        self.name = name
        self.vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        self.split_words = split_words
        self.entries: list[Entry] = []
        self._group: _PhraseGroup | None = None
        self.initialize(entries=entries)

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        entries: Sequence[Any] | None = None,
    ) -> None:
        """Build the matchers from ``entries`` (the constructor's when not given); with ``nlp``, share one
        match pass with the pipeline's other phrase taggers."""
        if entries is not None:
            # spaCy validates [initialize] settings with pydantic, which hands dataclasses over as dicts.
            self.entries = [
                e
                if isinstance(e, Entry)
                else Entry(e["id"], e["category"], e["canonical"], tuple(e["variants"]))
                for e in entries
            ]
        self.by_id = {e.id: e for e in self.entries}
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        for e in self.entries:
            self.matcher.add(e.id, [self._tokenizer(v) for v in _spellings(e.variants)])
        self.fallback = KeyMatcher(self.entries)
        # The shared pass holds the old lexicon: its members each make their own until linked again.
        if self._group is not None:
            for m in self._group.members:
                m._group = None
        if nlp is not None:
            _link(nlp)

    def __call__(self, doc: Doc) -> Doc:
        st = _state(doc)
        group = self._group
        if group is None:
            group = self._group = _PhraseGroup([self])
        found = group.take(doc, st, self)
        spans = [Span(doc, start, end, label=label) for label, start, end in found.matches]
        if self.split_words and found.triggered:
            text = st.text
            hits = self.fallback.find_keys(_key(doc, text))
            if len(hits) > len(spans) or (hits and _more(hits, spans, self.fallback)):
                spans.extend(self._split_spans(doc, text, spans))
        if len(spans) > 1:
            spans.sort(key=_span_order)
        _set_group(doc, self.key, spans)
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


class _Found:
    """One phrase tagger's share of a `_PhraseGroup` pass over a Doc."""

    __slots__ = ("matches", "triggered")

    def __init__(self) -> None:
        self.matches: list[tuple[int, int, int]] = []  # (label hash, start token, end token)
        self.triggered = False


class _PhraseGroup:
    """One PhraseMatcher for several phrase taggers: each entry's spellings under "<tagger>\x1f<entry id>",
    each tagger's split-word triggers under "<tagger>\x1f" (see `_Triggers`). The first tagger to see a Doc
    matches for all; the others take their share from the Doc's state."""

    def __init__(self, members: list[PhraseTagger]):
        self.members = members
        vocab, tokenizer = members[0].vocab, members[0]._tokenizer
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.route: dict[int, tuple[int, int]] = {}  # match id -> (member index, entry label hash or 0)
        self.triggers: list[_Triggers | None] = []
        for i, m in enumerate(members):
            prefix = f"{m.name}\x1f"
            for e in m.entries:
                label = prefix + e.id
                self.matcher.add(label, [tokenizer(v) for v in _spellings(e.variants)])
                self.route[vocab.strings.add(label)] = (i, vocab.strings.add(e.id))
            trig = _Triggers.of(tuple(m.entries), tokenizer) if m.entries else None
            self.triggers.append(trig)
            if trig is not None and trig.patterns:
                self.matcher.add(prefix, [Doc(vocab, words=list(p)) for p in trig.patterns])
                self.route[vocab.strings.add(prefix)] = (i, 0)
        for m in members:
            m._group = self
        # The chunks without a fragment for every trigger (each trigger also keeps its own): one set test
        # then clears most texts for all the taggers at once.
        self._ok: set[str] = set()
        self._all = [i for i, trig in enumerate(self.triggers) if trig is not None]

    def take(self, doc: Doc, st: _State, member: PhraseTagger) -> _Found:
        """``member``'s matches and trigger in ``doc``: from this Doc's pass when one is pending, else from a
        new pass (whose other shares wait in the Doc's state)."""
        pending = st.phrases
        i = self.members.index(member) if len(self.members) > 1 else 0
        if pending is None or pending[0] is not self or pending[1][i] is None:
            pending = st.phrases = (self, self._run(doc, st))
        shares = pending[1]
        found = shares[i]
        shares[i] = None
        return found

    def _run(self, doc: Doc, st: _State) -> list[_Found | None]:
        shares = [_Found() for _ in self.members]
        route = self.route
        for match_id, start, end in self.matcher(doc):
            i, label = route[match_id]
            if label:
                shares[i].matches.append((label, start, end))
            else:
                shares[i].triggered = True
        todo = [i for i in self._all if not shares[i].triggered and self.members[i].split_words]
        if not todo:
            return cast("list[_Found | None]", shares)
        text = st.text
        chunks = _chunks(st)
        if chunks is None:
            for i in todo:
                shares[i].triggered = True
        elif not self._ok.issuperset(chunks) or not text.isascii() and _ODD_DASHES.search(text):
            fired = False
            for i in todo:
                shares[i].triggered = self.triggers[i].fires(text, chunks)  # type: ignore[union-attr]
                fired = fired or shares[i].triggered
            if not fired and len(todo) == len(self._all):  # every trigger found each chunk fragment-free
                if len(self._ok) >= _CHUNK_CACHE_SIZE:
                    self._ok.clear()
                self._ok.update(chunks)
        return cast("list[_Found | None]", shares)


def _link(nlp: Language) -> None:
    """Share one match pass among the phrase taggers of ``nlp`` (same vocab and tokenizer)."""
    members = [proc for _, proc in nlp.pipeline if isinstance(proc, PhraseTagger)]
    members = [m for m in members if m.vocab is nlp.vocab and m._tokenizer is nlp.tokenizer]
    if members:
        _PhraseGroup(members)


# A word for the split-word triggers: an English word of `corpus.words`, or a word of the lexicon.
_SHORT = 2  # a token this short is never a trigger by itself: it needs its neighbour (a trigger pattern)
_MAX_PIECE = 24  # longest token considered when enumerating how a wording can be split
# Characters that break words differently for the tokenizer and for `norm_key` (which drops them).
_ODD_DASHES = re.compile("[\u2010-\u2015\u2212]")
_PIECE = re.compile(r"[^\W_]+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# ASCII punctuation that `_EDGES` strips and `_PIECE` never takes in (each is a "\W" character).
_EDGE_PUNCT = ",.;:!?()[]\"'"


class _Triggers:
    """When the split-word pass of a phrase tagger can find something the token pass did not.

    The key pass finds a wording at a stretch of text whose key (lower case, spaces and hyphens removed)
    is the wording's. The token pass finds it there unless the stretch's tokens differ from those of every
    spelling (`_spellings`). Read the stretch's tokens left to right against the spellings' words: at the
    first token that differs (a piece of a word, or words run together) either that token or the next one
    is not a word (a *fragment*: ``fires`` looks for tokens that are not words of the list yet occur in a
    wording's key), or both are words and the pair is one of `patterns` (enumerated here from every way the
    key can be cut into words). If the words are the spellings' but the hyphens are not (a hyphen where the
    wording has a space; some hyphens of a compound kept, others not), a pattern of `patterns` matches too.
    Any other whitespace than single spaces and any dash other than "-" fire as such.
    """

    def __init__(self, entries: tuple[Entry, ...], tokenizer: Any):
        self._tokenize = tokenizer
        spellings = [(v, _spellings([v])) for e in entries for v in e.variants]
        lex_words: set[str] = set()
        for _, sps in spellings:
            for sp in sps:
                lex_words.update(norm_key(t.lower_) for t in tokenizer(sp))
        lex_words.discard("")
        self.keys = "\x00".join(norm_key(v) for v, _ in spellings)
        # The three-letter substrings of ``keys``: a piece lacking its first or last three letters among them
        # is in no key, which answers most non-words (numbers, names) without a search of all the keys.
        self._grams = {self.keys[i : i + 3] for i in range(len(self.keys) - 2)}
        self._lex_words = lex_words
        self.ok: set[str] = set()  # chunks without a fragment
        self.bad: set[str] = set()  # chunks with one
        self.patterns = sorted(self._patterns(spellings))

    def _is_word(self, w: str) -> bool:
        return w in self._lex_words or is_word(w)

    @staticmethod
    @lru_cache(maxsize=8)
    def of(entries: tuple[Entry, ...], tokenizer: Any) -> "_Triggers":
        return _Triggers(entries, tokenizer)

    def _patterns(self, spellings: list[tuple[str, list[str]]]) -> set[tuple[str, ...]]:
        is_word = self._is_word

        def plain(s: str) -> bool:  # a token that is no fragment by itself
            return len(s) <= _SHORT or is_word(s)

        out: set[tuple[str, ...]] = set()
        for variant, sps in spellings:
            key = norm_key(variant)
            # The spellings' words as a trie: path of words -> (key offset, next words, previous word).
            nodes: dict[tuple[str, ...], tuple[int, set[str], str]] = {}
            for sp in sps:
                words = [w for w in (norm_key(t.lower_) for t in self._tokenize(sp)) if w]
                pos = 0
                for i, w in enumerate(words):
                    path = tuple(words[:i])
                    nodes.setdefault(path, (pos, set(), words[i - 1] if i else ""))[1].add(w)
                    pos += len(w)
            for s, nxt, before in nodes.values():
                for e in range(s + 1, min(len(key), s + _MAX_PIECE) + 1):
                    first = key[s:e]
                    if first in nxt or not plain(first):
                        continue
                    if e == len(key):
                        if s == 0:
                            out.add((first,))
                        if before:
                            out.update({(before, first), (before, "-", first)})
                        continue
                    for f in range(e + 1, min(len(key), e + _MAX_PIECE) + 1):
                        second = key[e:f]
                        if plain(second):
                            out.update({(first, second), (first, "-", second)})
            raw = [[t.lower_ for t in self._tokenize(sp)] for sp in sps]
            candidates = set().union(*(_hyphen_patterns(_split_hyphens(t)) for t in raw))
            for t in raw:  # "confidence- and" is one token more when written "confidence-and"
                for i, tok in enumerate(t):
                    if len(tok) > 1 and tok.endswith("-") and i + 1 < len(t):
                        candidates.update({(tok[:-1], "-", t[i + 1]), (tok[:-1], t[i + 1])})
                    if len(tok) > 1 and tok.startswith("-") and i:
                        candidates.update({(t[i - 1], "-", tok[1:]), (t[i - 1], tok[1:])})
            out.update(c for c in candidates if not any(_contains(t, c) for t in raw))
        return out

    def fires(self, text: str, chunks: list[str]) -> bool:
        """True when ``text`` (split into ``chunks``) shows a fragment or an odd dash."""
        if not text.isascii() and _ODD_DASHES.search(text):
            return True
        ok = self.ok
        if ok.issuperset(chunks):
            return False
        bad = self.bad
        for chunk in chunks:
            if chunk in ok:
                continue
            if chunk in bad or self._fragment(chunk):
                return True
        return False

    def _fragment(self, chunk: str) -> bool:
        """Whether ``chunk`` holds a fragment (remembered in ``ok`` or ``bad``). Its pieces are its runs of
        letters and digits: the tokenizer cuts a chunk at its punctuation and hyphens, not inside them."""
        keys, is_word = self.keys, self._is_word
        found = False
        low = chunk.lower()
        core = low.strip(_EDGE_PUNCT) if low.isascii() else ""
        if core.isalpha():
            # An ASCII word between ASCII punctuation ("States,", "(peace)"): its one run of letters is the
            # word, and so is the chunk with its edges stripped; the regular expressions below find the same.
            pieces = [core]
        else:
            pieces = _PIECE.findall(low)
            # A chunk the tokenizer may keep whole although it holds punctuation ("secure,-stable").
            whole = norm_key(_EDGES.sub("", low))
            if not whole.isalnum():
                pieces.append(whole)
        grams = self._grams
        for piece in pieces:
            if (
                len(piece) > _SHORT
                and piece[:3] in grams
                and piece[-3:] in grams
                and not is_word(piece)
                and piece in keys
            ):
                found = True
                break
        store = self.bad if found else self.ok
        if len(store) >= _CHUNK_CACHE_SIZE:
            store.clear()
        store.add(chunk)
        return found


def _split_hyphens(tokens: list[str]) -> list[str]:
    """Tokens with a hyphen the tokenizer left attached ("confidence-" before a space) split off."""
    out: list[str] = []
    for t in tokens:
        if len(t) > 1 and t.endswith("-"):
            out += [t[:-1], "-"]
        elif len(t) > 1 and t.startswith("-"):
            out += ["-", t[1:]]
        else:
            out.append(t)
    return out


def _contains(tokens: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(tuple(tokens[i : i + n]) == seq for i in range(len(tokens) - n + 1))


def _hyphen_patterns(tokens: list[str]) -> set[tuple[str, ...]]:
    """Token sequences with the words of a spelling and other hyphens: a hyphen between two tokens it writes
    apart; and, for two neighbouring hyphens of the wording, one kept and the other
    written as a space (the words between as in the wording)."""
    words: list[str] = []
    hyphen_before: list[bool] = []
    pending = False
    for t in tokens:
        if t == "-":
            pending = True
            continue
        words.append(t)
        hyphen_before.append(pending and len(words) > 1)
        pending = False
    out: set[tuple[str, ...]] = set()
    for i in range(1, len(words)):
        if not hyphen_before[i]:
            out.add((words[i - 1], "-", words[i]))
    hyphens = [i for i in range(1, len(words)) if hyphen_before[i]]
    for a, b in zip(hyphens, hyphens[1:], strict=False):
        for keep in (a, b):
            seq: list[str] = [words[a - 1]]
            for i in range(a, b + 1):
                if i == keep:
                    seq.append("-")
                seq.append(words[i])
            out.add(tuple(seq))
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
_SERIES = (
    "A",
    "S",
    "E",
    "CD",
    "NPT",
    "BWC",
    "CCW",
    "APLC",
    "CWC",
    "ST",
    "GC",
    "TD",
    "DP",
    "UNEP",
    "ICCD",
    "HRC",
)
_SYMBOL = re.compile(r"\b(?:" + "|".join(_SERIES) + r")(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+")


def _scan(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match must start at one of ``starts``: matched there only
    (a search from every position costs a step per character), left to right, without overlaps."""
    end = 0
    for pos in sorted(set(starts)):
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            end = m.end()
            yield m


def _occurrences(text: str, words: Iterable[str]) -> Iterator[int]:
    for w in words:
        i = text.find(w)
        while i != -1:
            yield i
            i = text.find(w, i + 1)


# The series names by their last letter: most slashes follow a digit ("73/27") and are dismissed by one look.
_SERIES_BY_LAST: dict[str, tuple[str, ...]] = {}
for _s in _SERIES:
    _SERIES_BY_LAST[_s[-1]] = (*_SERIES_BY_LAST.get(_s[-1], ()), _s)
del _s


def _symbol_starts(text: str) -> Iterator[int]:
    """Where a document symbol can start: a series name right before a slash."""
    by_last = _SERIES_BY_LAST
    i = text.find("/")
    while i != -1:
        if i:
            names = by_last.get(text[i - 1])
            if names is not None:
                for series in names:
                    if i >= len(series) and text.startswith(series, i - len(series)):
                        yield i - len(series)
        i = text.find("/", i + 1)


class ReferenceTagger(_Component):
    """References to resolutions, decisions and documents ("resolutions 73/27 and 74/29", "A/77/275",
    "S/PRST/2011/15") in ``doc.spans["textdiff_references"]``; ``id_`` lists the symbols cited."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = _state(doc).text
        spans: list[Span] = []
        if "/" in text:
            for m in _scan(_RESOLUTION, text, _occurrences(text, ("resolution", "decision"))):
                numbers = " ".join(_NUMBER.findall(m.group(2)))
                span = doc.char_span(
                    m.start(), m.end(), label=m.group(1).lower(), span_id=numbers, alignment_mode="expand"
                )
                if span is not None:
                    spans.append(span)
            for m in _scan(_SYMBOL, text, _symbol_starts(text)):
                symbol = m.group().rstrip(".-")
                if not any(c.isdigit() for c in symbol) or "/" not in symbol:
                    continue
                label = "resolution" if "/RES/" in symbol else "document"
                span = doc.char_span(
                    m.start(), m.start() + len(symbol), label=label, span_id=symbol, alignment_mode="expand"
                )
                if span is not None:
                    spans.append(span)
            spans.sort(key=lambda sp: (sp.start, -sp.end))
        _set_group(doc, REFERENCES, spans)
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
            warnings.warn(
                f"spaCy pipeline {model!r} is not installed ({e}); using the blank English "
                f"pipeline. To use it: install it with pip, then pass its name again.",
                stacklevel=2,
            )
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("textdiff_lemmatizer")
        for name in COMPONENTS:
            nlp.add_pipe(name)
        nlp.initialize()
    else:
        for name in COMPONENTS:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name)
        if "lemmatizer" not in nlp.pipe_names and "textdiff_lemmatizer" not in nlp.pipe_names:
            lem = nlp.add_pipe("textdiff_lemmatizer", first=True)
            cast(LookupLemmatizer, lem).initialize()
        _link(nlp)
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
