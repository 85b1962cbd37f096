"""The spaCy pipeline: registered components and data functions, spans on real paragraphs, split words."""

from __future__ import annotations

import subprocess
import sys

import pytest
from spacy.language import Language
from spacy.util import registry

from nlp.pipeline import COMPONENTS, FORMULAS, HEDGES, LEADS, REFERENCES, make_nlp


def tagged(nlp, text, key, *attrs):
    """The spans of group ``key`` as tuples of ``attrs`` (the Doc must outlive its SpanGroup)."""
    doc = nlp(text)
    return [tuple(getattr(s, a) for a in attrs) for s in doc.spans[key]]


def test_components_registered_and_in_pipeline(nlp):
    for name in (*COMPONENTS, "textdiff_lemmatizer"):
        assert Language.has_factory(name), name
    assert nlp.pipe_names == ["textdiff_lemmatizer", *COMPONENTS]
    for name in ("textdiff.verb_scale.v1", "textdiff.formulas.v1", "textdiff.hedges.v1"):
        assert registry.misc.get(name) is not None


def test_components_rebuild_from_config(nlp):
    # The config alone (registered factories and data functions) rebuilds the same pipeline.
    from spacy.lang.en import English

    again = English.from_config(nlp.config)
    assert again.pipe_names == nlp.pipe_names
    again.initialize()
    assert tagged(
        again, "Calls upon all States to act, inter alia, on resolution 75/240", HEDGES, "text"
    ) == [("inter alia",)]


def test_missing_trained_model_warns_and_falls_back():
    with pytest.warns(UserWarning, match="not installed"):
        fallback = make_nlp("textdiff_no_such_model_xx")
    assert "textdiff_formula_tagger" in fallback.pipe_names
    assert tagged(fallback, "Welcomes the report", LEADS, "label_") == [("operative.appraisal",)]


def test_lemmatizer_matches_spacy_lookup_lemmatizer(nlp, resolution):
    import spacy

    ref = spacy.blank("en")
    ref.add_pipe("lemmatizer", config={"mode": "lookup"})
    ref.initialize()
    texts = [p.text for p in resolution("75/240").paragraphs]
    ours = [[t.lemma_ for t in d] for d in nlp.pipe(texts)]
    theirs = [[t.lemma_ for t in d] for d in ref.pipe(texts)]
    assert ours == theirs
    doc = nlp("Recalling its resolutions, the General Assembly is recalling")
    # The lookup table keys on the exact text: the capitalised lead stays itself.
    assert [t.lemma_ for t in doc][:3] == ["Recalling", "its", "resolution"] and doc[-1].lemma_ == "recall"


def test_spans_on_every_real_paragraph(nlp, resolution):
    doc = resolution("75/240")
    docs = list(nlp.pipe(p.text for p in doc.paragraphs))
    for para, d in zip(doc.paragraphs, docs, strict=True):
        for key in (LEADS, HEDGES, REFERENCES, FORMULAS):
            assert key in d.spans
            for span in d.spans[key]:
                assert span.text == para.text[span.start_char : span.end_char]
        # Every paragraph of this resolution opens with a lead on a strength scale.
        lead = d.spans[LEADS][0]
        assert lead.start_char == 0 and lead.text == para.lead, (para.id, lead.text, para.lead)
        assert lead._.textdiff_strength is not None


@pytest.mark.parametrize(
    ("number", "pid", "lead", "family", "value"),
    [
        ("75/240", "pp2", "Noting", "preambular.assertion", 1.0),
        ("75/240", "pp19", "Confirming also", "preambular.assertion", 4.0),
        ("75/240", "op2", "Also decides", "operative.decision", 1.0),
        ("73/266", "op1", "Calls upon", "operative.appeal", 3.0),
        ("73/266", "op2", "Invites", "operative.appeal", 1.0),
        ("75/32", "op5", "Notes", "operative.appraisal", 2.0),
    ],
)
def test_real_leads_with_strength(nlp, resolution, number, pid, lead, family, value):
    doc = nlp(resolution(number).paragraph(pid).text)
    span = doc.spans[LEADS][0]
    assert (span.text, span._.textdiff_strength) == (lead, (family, value))


def test_clause_verbs_of_operative_paragraphs(nlp, seed_drafts):
    # Draft resolution I op2: "Welcomes the adoption … and takes note of the compendium …".
    text = seed_drafts["Draft resolution I"].paragraph("op2").text
    assert tagged(nlp, text, LEADS, "text", "id_") == [
        ("Welcomes", "welcomes"),
        ("takes note of", "takes note of"),
    ]


def test_hedges_in_the_seed_drafts(nlp, seed_drafts):
    draft = seed_drafts["Draft resolution II"]
    hedges = {
        pid: tagged(nlp, draft.paragraph(pid).text, HEDGES, "label_", "text")
        for pid in ("op3", "pp23", "pp13", "pp22")
    }
    assert ("within-existing-resources", "within existing resources") in hedges["op3"]
    assert ("voluntary-contributions", "through voluntary contributions") in hedges["op3"]
    assert hedges["pp23"] == [("on-a-voluntary-basis", "on a voluntary basis")]
    assert ("if-appropriate", "if appropriate") in hedges["pp13"]
    assert hedges["pp22"] == [("when-appropriate", "when appropriate")]


def test_hedges_in_real_resolutions(nlp, resolution):
    paragraphs = resolution("75/240").paragraphs
    found = {t for p in paragraphs for t in tagged(nlp, p.text, HEDGES, "label_", "text")}
    assert {
        ("upon-request", "upon request"),
        ("inter-alia", "inter alia"),
        ("if-necessary", "if necessary"),
        ("as-appropriate", "as appropriate"),
        ("non-binding", "non-binding"),
        ("deem-necessary", "as the Member States deem necessary"),
    } <= found
    # "as required under article 13" is an obligation, not a hedge.
    text = "Encourages States to submit their reports as required under article 13"
    assert not tagged(nlp, text, HEDGES, "text")


def test_references(nlp, resolution):
    refs = tagged(nlp, resolution("75/32").paragraph("pp1").text, REFERENCES, "label_", "id_")
    assert refs[0][0] == "resolution" and refs[0][1].split()[:2] == ["53/70", "54/49"]
    assert "74/28 74/29" in refs[0][1]
    assert ("decision", "72/512") in refs
    text = (
        "recalling resolutions 73/27 and 74/29, document A/77/275, S/PRST/2011/15, "
        "Security Council resolution 1540 (2004) and decision 72/512"
    )
    assert tagged(nlp, text, REFERENCES, "label_", "id_", "text") == [
        ("resolution", "73/27 74/29", "resolutions 73/27 and 74/29"),
        ("document", "A/77/275", "A/77/275"),
        ("document", "S/PRST/2011/15", "S/PRST/2011/15"),
        ("resolution", "1540 (2004)", "resolution 1540 (2004)"),
        ("decision", "72/512", "decision 72/512"),
    ]


def test_formulas_case_insensitive(nlp):
    a = tagged(nlp, "Stressing the Community of Shared Future for Humankind", FORMULAS, "label_")
    b = tagged(nlp, "stressing the community of shared future for humankind", FORMULAS, "label_")
    assert a == b == [("community-of-shared-future",)]


def test_formulas_in_real_paragraphs(nlp, resolution, seed_drafts):
    labels = {t[0] for t in tagged(nlp, resolution("75/240").paragraph("pp18").text, FORMULAS, "label_")}
    assert {
        "international-law-applicable",
        "open-secure-ict-environment",
        "voluntary-non-binding-norms",
        "norms-rules-principles",
        "reduce-risks-peace",
        "unique-attributes",
        "additional-norms-over-time",
    } <= labels
    draft = seed_drafts["Draft resolution I"]
    assert ("additional-binding-obligations",) in tagged(nlp, draft.paragraph("pp4").text, FORMULAS, "label_")
    # "open, stable, secure, …": the variant of Draft resolution I pp8.
    spans = tagged(nlp, draft.paragraph("pp8").text, FORMULAS, "label_", "text")
    assert [(label, text[:21]) for label, text in spans] == [
        ("open-secure-ict-environment", "open, stable, secure,")
    ]


@pytest.mark.parametrize(
    ("number", "pid", "label", "text"),
    [
        # Words split by the PDF and left so by the parser.
        ("73/33", "pp9", "undiminished-security", "armamen ts"),
        ("73/27", "pp11", "un-leading-role", "promo ting"),
        ("73/65", "pp11", "fmct", "off issile"),
        # A hyphen lost between lines: "confidence building".
        ("71/28", "op4", "confidence-building-measures", "confidence building measures"),
    ],
)
def test_formulas_across_split_words(nlp, resolution, number, pid, label, text):
    para = resolution(number).paragraph(pid).text
    assert text in para
    spans = [t for lab, t in tagged(nlp, para, FORMULAS, "label_", "text") if lab == label]
    assert any(text in t for t in spans), spans


def test_split_word_fallback_can_be_switched_off():
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("textdiff_formula_tagger", config={"split_words": False})
    assert not tagged(blank, "undiminished security at the lowest level of armamen ts", FORMULAS, "label_")
    full = spacy.blank("en")
    full.add_pipe("textdiff_formula_tagger")
    text = "undiminished security at the lowest level of armamen ts"
    assert tagged(full, text, FORMULAS, "label_") == [("undiminished-security",)]


def test_importing_nlp_does_not_import_spacy():
    code = (
        "import sys, nlp, corpus, textdiff; from nlp import lead_strength, discover_phrases, "
        "make_annotators, highlight_spans, tag_document; lead_strength('Urges'); "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_initialize_swaps_the_lexicon(tmp_path):
    import spacy

    lexicon = tmp_path / "formulas.tsv"
    lexicon.write_text(
        "# one formula\nsafe-harbour\ttest\tsafe harbour clause\tsafe-harbour clause\n", encoding="utf-8"
    )
    blank = spacy.blank("en")
    blank.add_pipe("textdiff_formula_tagger")
    blank.config["initialize"]["components"]["textdiff_formula_tagger"] = {
        "entries": {"@misc": "textdiff.formulas.v1", "path": str(lexicon)}
    }
    blank.initialize()
    text = "Recalling the Safe-harbour clause and the community of shared future for humankind"
    assert tagged(blank, text, FORMULAS, "label_", "text") == [("safe-harbour", "Safe-harbour clause")]
