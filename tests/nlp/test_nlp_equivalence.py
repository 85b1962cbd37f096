"""The fast paths of the pipeline give exactly what the straightforward algorithms give.

- golden spans of real resolutions (``data/golden_spans.json``, made before the speed-up);
- the phrase taggers against a reference that runs the split-word (key) pass on every text, as the pipeline
  did before it learnt to skip texts without a sign of a split: on real paragraphs and on every lexicon
  wording broken the ways PDFs break them (split inside a word, words run together, hyphens mixed);
- the lead parse and the reference scan against the plain regular-expression versions.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from nlp.pipeline import FORMULAS, HEDGES, LEADS, REFERENCES, _more, _spellings, iter_spans, make_nlp

GOLDEN = Path(__file__).with_name("data") / "golden_spans.json"


def spans_of(doc):
    return [
        [
            key,
            s.start_char,
            s.end_char,
            s.label_,
            s.id_,
            list(s._.textdiff_strength) if s._.textdiff_strength else None,
        ]
        for key, s in iter_spans(doc)
    ]


# --- references: the straightforward algorithms -------------------------------------------------------------


def reference_phrases(tagger, doc, text):
    """What a phrase tagger tags when the key pass runs on every text (labels and token offsets)."""
    spans = tagger.matcher(doc, as_spans=True)
    if tagger.split_words:
        hits = tagger.fallback.find_keys(tagger_key(text))
        if len(hits) > len(spans) or (hits and _more(hits, spans, tagger.fallback)):
            spans.extend(tagger._split_spans(doc, text, spans))
    spans.sort(key=lambda sp: (sp.start, -sp.end, sp.label))
    return [(s.label_, s.start, s.end) for s in spans]


def tagger_key(text):
    from nlp.lexicon import norm_key

    return norm_key(text)


_RUN = re.compile(r"\s*([A-Za-z]+(?:[-\u2019'][A-Za-z]+)*(?:\s+[A-Za-z]+(?:[-\u2019'][A-Za-z]+)*){0,11})")
_WORD = re.compile(r"[A-Za-z]+(?:[-\u2019'][A-Za-z]+)*")


def reference_lead(scale, text):
    """`VerbScale.find` as it was: the whole run of words, then `match`, no memo."""
    run = _RUN.match(text)
    if run is None:
        return None
    words = run.group(1).lower().split()
    if words[0] not in scale._starts:
        return None
    found = scale.match(words[:12])
    if found is None:
        return None
    n, key, mods = found
    start = end = run.start(1)
    for _, m in zip(range(n), _WORD.finditer(text, start), strict=False):
        end = m.end()
    return start, end, key, mods


def reference_references(doc, text):
    """The reference tagger as it was: every match of the two patterns, searched from every position."""
    from nlp.pipeline import _NUMBER, _RESOLUTION, _SYMBOL

    found = []
    if "/" in text:
        for m in _RESOLUTION.finditer(text):
            found.append((m.start(), m.end(), m.group(1).lower(), " ".join(_NUMBER.findall(m.group(2)))))
        for m in _SYMBOL.finditer(text):
            symbol = m.group().rstrip(".-")
            if any(c.isdigit() for c in symbol) and "/" in symbol:
                label = "resolution" if "/RES/" in symbol else "document"
                found.append((m.start(), m.start() + len(symbol), label, symbol))
    spans = [
        doc.char_span(s, e, label=label, span_id=ids, alignment_mode="expand") for s, e, label, ids in found
    ]
    return sorted((s.start_char, s.end_char, s.label_, s.id_) for s in spans if s is not None)


def assert_same_as_reference(nlp, texts):
    hedge, formula = nlp.get_pipe("textdiff_hedge_tagger"), nlp.get_pipe("textdiff_formula_tagger")
    scale = nlp.get_pipe("textdiff_lead_tagger").scale
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        for tagger, key in ((hedge, HEDGES), (formula, FORMULAS)):
            got = [(s.label_, s.start, s.end) for s in doc.spans[key]]
            assert got == reference_phrases(tagger, nlp.make_doc(text), text), (key, text)
        assert scale.parse(text) == reference_lead(scale, text), text
        got = sorted((s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[REFERENCES])
        assert got == reference_references(nlp.make_doc(text), text), text


# --- tests --------------------------------------------------------------------------------------------------


def test_golden_spans_of_real_resolutions(nlp, resolution):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for number, paragraphs in golden.items():
        doc = resolution(number)
        assert [p.id for p in doc.paragraphs] == list(paragraphs)
        got = {
            p.id: spans_of(d)
            for p, d in zip(doc.paragraphs, nlp.pipe(p.text for p in doc.paragraphs), strict=True)
        }
        assert got == paragraphs, number


def test_same_as_reference_on_real_paragraphs(nlp, resolution, seed_drafts):
    texts = [
        p.text
        for n in ("75/240", "74/29", "73/27", "73/33", "73/65", "71/28", "75/32", "73/266")
        for p in resolution(n).paragraphs
    ]
    texts += [p.text for d in seed_drafts.values() for p in d.paragraphs]
    assert_same_as_reference(nlp, texts)


@pytest.mark.slow
def test_same_as_reference_on_the_whole_corpus(nlp):
    import corpus
    from tests.nlp.conftest import UNDOCS

    if not UNDOCS.is_dir():
        pytest.skip("shared corpus not found")
    texts = [p.text for path in sorted(UNDOCS.glob("*.txt")) for d in corpus.load(path) for p in d.paragraphs]
    assert_same_as_reference(nlp, texts)


def broken_wordings(nlp, every: int = 1):
    """Every wording of both lexicons in a sentence, broken as PDFs break words: a space inside a word, two
    words run together, a space moved across a word boundary ("oft he"), a hyphen between two words turned
    into a space or a space between two words into a hyphen, an en dash; one break per text."""
    out = []
    for name in ("textdiff_hedge_tagger", "textdiff_formula_tagger"):
        for entry in nlp.get_pipe(name).entries:
            for wording in _spellings(entry.variants):
                seps = [i for i, c in enumerate(wording) if c in " -"]
                variants = set()
                for i in range(1, len(wording)):
                    if wording[i - 1].isalnum() and wording[i].isalnum():
                        variants.add(wording[:i] + " " + wording[i:])  # split inside a word
                for i in seps:
                    variants.add(wording[:i] + wording[i + 1 :])  # run together
                    if (
                        wording[i - 1].isalnum() and wording[i + 1 : i + 2].isalnum()
                    ):  # a hyphen lost or added
                        variants.add(wording[:i] + ("-" if wording[i] == " " else " ") + wording[i + 1 :])
                    variants.add(wording[:i] + "\u2013" + wording[i + 1 :])
                    if i + 2 < len(wording) and wording[i + 1].isalnum():  # "of the" -> "oft he"
                        variants.add(wording[:i] + wording[i + 1] + " " + wording[i + 2 :])
                for v in sorted(variants):
                    out.append(f"Recalling the principle of {v}, and stressing the {v.upper()} of States.")
    return out[::every]


def test_same_as_reference_on_broken_wordings(nlp):
    assert_same_as_reference(nlp, broken_wordings(nlp, every=17))


@pytest.mark.slow
def test_same_as_reference_on_all_broken_wordings(nlp):
    assert_same_as_reference(nlp, broken_wordings(nlp))


def test_split_words_still_found_once_skipped_texts_go_by(nlp):
    # The trigger learns chunk verdicts; a split seen after many plain texts is still found.
    plain = ["Calls upon all States to continue their efforts, as appropriate."] * 50
    list(nlp.pipe(plain))
    doc = nlp("Reaffirming the principle of undiminished security at the lowest level of armamen ts")
    assert [s.label_ for s in doc.spans[FORMULAS]] == ["undiminished-security"]


def test_hedge_and_formula_taggers_share_one_match_pass(nlp):
    hedge, formula = nlp.get_pipe("textdiff_hedge_tagger"), nlp.get_pipe("textdiff_formula_tagger")
    assert hedge._group is formula._group is not None


def test_taggers_alone_and_from_config_tag_the_same(nlp, resolution):
    import spacy
    from spacy.lang.en import English

    texts = [p.text for p in resolution("73/33").paragraphs]
    want = [spans_of(d) for d in nlp.pipe(texts)]
    again = English.from_config(nlp.config)
    again.initialize()
    assert [spans_of(d) for d in again.pipe(texts)] == want
    alone = spacy.blank("en")
    alone.add_pipe("textdiff_formula_tagger")
    got = [[s for s in spans_of(d) if s[0] == FORMULAS] for d in alone.pipe(texts)]
    assert got == [[s for s in row if s[0] == FORMULAS] for row in want]


def test_pipeline_pickles(nlp):
    again = pickle.loads(pickle.dumps(nlp))
    doc = again("Strongly urges States, as appropriate, to implement resolution 75/240")
    assert [s.text for s in doc.spans[LEADS]] == ["Strongly urges"]
    assert [s.text for s in doc.spans[HEDGES]] == ["as appropriate"]


def test_reprocessing_a_doc_gives_the_same_spans(nlp):
    text = "Calls upon States, inter alia, to promote international peace and security"
    doc = nlp(text)
    first = spans_of(doc)
    assert spans_of(nlp(doc)) == first
    assert spans_of(make_nlp()(text)) == first
