"""The fast paths added for throughput give what the plain algorithms give.

- the lemmatizer's numpy hash table finds exactly the table's keys, collisions included;
- the split-word trigger's verdict on a chunk (ASCII word fast path, three-letter prefilter) is the verdict of
  the regular-expression version, on real chunks and on generated ones;
- the reference tagger's candidate starts of document symbols give every match of the plain search;
- the lead tagger's per-entry memo gives the labels and ids of the scale, in any vocab.
"""

from __future__ import annotations

import functools
import re

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lookups import Table
from spacy.strings import get_string_id

from nlp.lexicon import norm_key
from nlp.pipeline import (
    _EDGES,
    _PIECE,
    _SERIES,
    _SHORT,
    _SYMBOL,
    LEADS,
    _LemmaTable,
    _scan,
    _symbol_starts,
    make_nlp,
)

# --- lemmatizer ---------------------------------------------------------------------------------------------


def test_lemma_table_finds_exactly_the_keys_across_collisions():
    words = [f"w{i}x" for i in range(3000)]
    table = Table.from_dict({**{w: w.upper() for w in words}, "several": ["first", "second"]})
    lt = _LemmaTable(table)
    assert lt.probes > 0  # some keys sit away from their home slot
    keys = [get_string_id(w) for w in [*words, "several"]]
    rows = lt.rows(numpy.array(keys, dtype=numpy.uint64))
    assert (rows >= 0).all()
    assert [lt.texts[r] for r in rows.tolist()] == [*(w.upper() for w in words), "first"]
    misses = numpy.array([get_string_id(f"none{i}") for i in range(3000)], dtype=numpy.uint64)
    assert (lt.rows(misses) == -1).all()


def test_lemma_table_of_an_empty_table_finds_nothing():
    lt = _LemmaTable(Table())
    assert lt.rows(numpy.array([get_string_id("a"), 1, 2**63], dtype=numpy.uint64)).tolist() == [-1, -1, -1]


def test_whole_table_looked_up_in_one_batch(nlp):
    lem = nlp.get_pipe("textdiff_lemmatizer")
    table = lem.lookups.get_table("lemma_lookup")
    lt = lem._table_arrays()
    keys = list(table.keys())
    rows = lt.rows(numpy.array(keys, dtype=numpy.uint64))
    want = [v if isinstance(v, str) else v[0] for v in table.values()]
    assert [lt.texts[r] for r in rows.tolist()] == want


# --- split-word triggers ------------------------------------------------------------------------------------


def fragment_reference(trigger, chunk):
    """`_Triggers._fragment` as it was: every chunk through the regular expressions, every key searched."""
    low = chunk.lower()
    pieces = _PIECE.findall(low)
    whole = norm_key(_EDGES.sub("", low))
    if not whole.isalnum():
        pieces.append(whole)
    return any(len(p) > _SHORT and not trigger._is_word(p) and p in trigger.keys for p in pieces)


def fresh_verdict(trigger, chunk):
    trigger.ok.discard(chunk)
    trigger.bad.discard(chunk)
    return trigger._fragment(chunk)


@pytest.fixture(scope="module")
def triggers(nlp):
    group = nlp.get_pipe("textdiff_hedge_tagger")._group
    return [t for t in group.triggers if t is not None]


def test_fragment_verdicts_of_real_chunks(triggers, resolution, seed_drafts):
    texts = [p.text for n in ("75/240", "74/29", "73/27", "71/28") for p in resolution(n).paragraphs]
    texts += [p.text for d in seed_drafts.values() for p in d.paragraphs]
    chunks = sorted({c for t in texts for c in t.split(" ")})
    chunks += ["armamen", "ts,", "(issile)", "Internatio-", "«ecurity»", "İnternational", "e.g.", "75/240"]
    for trigger in triggers:
        for chunk in chunks:
            assert fresh_verdict(trigger, chunk) == fragment_reference(trigger, chunk), chunk


def broken_pieces(triggers):
    """Pieces of the lexicons' keys: what a PDF split leaves of a wording."""
    keys = sorted({k for t in triggers for k in t.keys.split("\x00")})
    return [k[i:j] for k in keys[::7] for i in range(0, len(k), 5) for j in (i + 3, i + 6, len(k))]


_EDGE = st.sampled_from(["", ",", ".", ";", "(", ")", '"', "'", "-", "\u2019", "_", "«", "»", ":", "!?"])


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_fragment_verdicts_of_generated_chunks(triggers, data):
    core = data.draw(
        st.one_of(
            st.sampled_from(broken_pieces(triggers)),
            st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCIÉéİı0123456789-'", min_size=1, max_size=14),
        )
    )
    chunk = data.draw(_EDGE) + core + data.draw(_EDGE)
    if data.draw(st.booleans()):
        chunk = chunk.upper()
    for trigger in triggers:
        assert fresh_verdict(trigger, chunk) == fragment_reference(trigger, chunk)


# --- references ---------------------------------------------------------------------------------------------


def plain_symbols(text):
    return [m.span() for m in _SYMBOL.finditer(text)]


def scanned_symbols(text):
    return [m.span() for m in _scan(_SYMBOL, text, _symbol_starts(text))]


_SYMBOL_PART = st.one_of(
    st.sampled_from(
        [*_SERIES, "RES", "77", "275", "ICCD", "XCD", "a", "PRST", "2011", "15", "Rev.1", "L.", ""]
    ),
    st.text(alphabet="ACDEINPRSTUW0123456789/.- (", max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(_SYMBOL_PART, max_size=8),
    seps=st.lists(st.sampled_from(["/", " ", "", "/ ", "("]), max_size=8),
)
def test_symbol_starts_give_every_match_of_the_plain_search(parts, seps):
    text = "".join(p + s for p, s in zip(parts, seps + [""] * len(parts), strict=False))
    assert scanned_symbols(text) == plain_symbols(text)


def test_symbol_starts_on_real_paragraphs(resolution, seed_drafts):
    texts = [
        p.text for n in ("75/240", "74/29", "73/27", "75/32", "73/266") for p in resolution(n).paragraphs
    ]
    texts += [p.text for d in seed_drafts.values() for p in d.paragraphs]
    texts += [
        "See A/77/275, S/PRST/2011/15, ICCD/COP(14)/2 and UNEP/EA.5/Res.3; also XA/1 and NPT/CONF.2020/1."
    ]
    assert any(plain_symbols(t) for t in texts)
    for text in texts:
        assert scanned_symbols(text) == plain_symbols(text), text


# --- leads --------------------------------------------------------------------------------------------------


def test_lead_memo_gives_the_scale_labels_in_every_vocab(nlp):
    text = "Welcomes the report, and strongly urges States, as appropriate, to act; also decides to stay"
    first = [(s.text, s.label_, s.id_, s._.textdiff_strength) for s in nlp(text).spans[LEADS]]
    other = make_nlp()  # another vocab: the memo of hashes is made again, the strings added to it
    again = [(s.text, s.label_, s.id_, s._.textdiff_strength) for s in other(text).spans[LEADS]]
    assert first == again
    scale = nlp.get_pipe("textdiff_lead_tagger").scale
    for span_text, label, span_id, strength in first:
        found = scale.find(span_text)
        assert (label, span_id) == (found.family, found.key)
        assert strength == (found.family, found.value)
    assert [t[0] for t in first] == ["Welcomes", "strongly urges", "also decides"]


def test_clause_lead_off_the_operative_scale_adds_no_string():
    # A preambular entry after a comma is no clause lead: its label never enters the vocab for it.
    other = make_nlp()
    family = other.get_pipe("textdiff_lead_tagger").scale.find("Recalling").family
    assert family.startswith("preambular")
    doc = other("Decides to act, recalling its earlier work")
    assert [s.text for s in doc.spans[LEADS]] == ["Decides"]
    assert family not in other.vocab.strings
    doc = other("Recalling its earlier work")
    assert [s.label_ for s in doc.spans[LEADS]] == [family]


def test_regex_edges_cover_the_fast_path_punctuation():
    from nlp.pipeline import _EDGE_PUNCT

    assert all(re.fullmatch(r"\W", c) for c in _EDGE_PUNCT)


def parse_texts(resolution, seed_drafts):
    texts = [p.text for n in ("75/240", "74/29", "73/27", "73/33", "71/28") for p in resolution(n).paragraphs]
    return texts + [p.text for d in seed_drafts.values() for p in d.paragraphs]


def test_lead_parse_memo_on_real_paragraphs(resolution, seed_drafts):
    tagger = make_nlp().get_pipe("textdiff_lead_tagger")
    for text in parse_texts(resolution, seed_drafts) * 2:  # the second time from the memo
        assert tagger._parse(text) == tagger.scale.parse(text), text


_LEAD_WORDS = st.sampled_from(
    "Calls upon Takes note of Strongly urges also Also decides Recalling further deeply concerned once again "
    "Welcomes with appreciation States non-binding States’ its to the".split()
)
_LEAD_SEPS = st.sampled_from([" ", "  ", "\n", "\t", " \u00a0", ", ", "; ", "-", "\u2019", "'", "(", "1", ""])


@settings(max_examples=500, deadline=None)
@given(words=st.lists(_LEAD_WORDS, min_size=1, max_size=14), seps=st.lists(_LEAD_SEPS, max_size=14))
def test_lead_parse_memo_on_generated_openings(words, seps):
    tagger = memo_tagger()
    text = "".join(w + s for w, s in zip(words, seps + [" "] * len(words), strict=False))
    for variant in (text, " " + text, text + "tail, of the paragraph"):
        assert tagger._parse(variant) == tagger.scale.parse(variant), variant


@functools.cache
def memo_tagger():
    """One lead tagger, so that its memo carries over from one generated example to the next."""
    return make_nlp().get_pipe("textdiff_lead_tagger")


# --- split-word key -----------------------------------------------------------------------------------------


def test_ascii_key_drops_what_the_lexicon_table_drops():
    from nlp.lexicon import _KEY_TABLE
    from nlp.pipeline import _ASCII_DROPPED

    changed = {c: v for c, v in _KEY_TABLE.items() if c < 128}
    assert changed == dict.fromkeys(_ASCII_DROPPED)  # every ASCII change of the table is a deletion


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii") | st.sampled_from("\u2019\u2013é\u00a0İ"), max_size=60))
def test_norm_key_fast_path(text):
    from nlp.pipeline import _norm_key

    assert _norm_key(text) == norm_key(text)


def test_pickled_lead_tagger_starts_its_memos_afresh(nlp):
    import pickle

    doc = nlp("Strongly urges States to act")
    tagger = nlp.get_pipe("textdiff_lead_tagger")
    assert tagger._parsed and tagger._ids_memo
    again = pickle.loads(pickle.dumps(nlp))
    other = again.get_pipe("textdiff_lead_tagger")
    assert not other._parsed and not other._ids_memo
    assert [(s.text, s.label_, s.id_) for s in again("Strongly urges States to act").spans[LEADS]] == [
        (s.text, s.label_, s.id_) for s in doc.spans[LEADS]
    ]
    assert tagger._parsed  # the original keeps its memos
