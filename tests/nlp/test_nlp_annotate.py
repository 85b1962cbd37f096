"""Annotators on real pairs of versions, and the highlight spans of a document."""

from __future__ import annotations

import pytest

import textdiff
from nlp.annotate import highlight_spans, make_annotators

NLP_CLASSES = {
    "lead_strengthened",
    "lead_weakened",
    "hedge_added",
    "hedge_removed",
    "formula_added",
    "formula_removed",
    "formula_altered",
}


def nlp_changes(old, new, annotators):
    """Every NLP change of ``compare(old, new)``: (old id, new id, class, old span, new span), checking that
    each span sits at its offsets in its paragraph."""
    out = []
    for e in textdiff.compare(old, new, annotators=annotators).entries:
        for c in e.changes:
            if c.cls not in NLP_CLASSES:
                continue
            if c.old:
                assert e.old.text[c.start_old : c.start_old + len(c.old)] == c.old, c
            if c.new:
                assert e.new.text[c.start_new : c.start_new + len(c.new)] == c.new, c
            out.append((e.old.id if e.old else None, e.new.id if e.new else None, c.cls, c.old, c.new))
    return out


def only(changes, *classes):
    return [c for c in changes if c[2] in classes]


def test_synthetic_lead_changes(annotators):
    lead = annotators[0]
    assert [
        (c.cls, c.old, c.new)
        for c in lead("Encourages States to act", "Calls upon States to act", None, None, [])
    ] == [("lead_strengthened", "Encourages", "Calls upon")]
    assert [
        c.cls
        for c in lead(
            "Welcomes the report of the Secretary-General",
            "Takes note of the report of the Secretary-General",
            None,
            None,
            [],
        )
    ] == ["lead_weakened"]
    assert lead("Decides to include the item", "Also decides to include the item", None, None, []) == []
    # Different paragraphs that happen to be paired: no strength change.
    assert (
        lead(
            "Emphasizing that efforts need to be continued to implement the recommendations",
            "Recognizing the usefulness of the education website and its new content",
            None,
            None,
            [],
        )
        == []
    )


def test_74_29_to_75_240(resolution, annotators):
    changes = nlp_changes(resolution("74/29"), resolution("75/240"), annotators)
    # "Decides" -> "Also decides" (op3 -> op5) is not a strengthening, and no other lead changes strength.
    assert only(changes, "lead_strengthened", "lead_weakened") == []
    # No hedge changes in the paragraphs both versions have; the new ones come with inserted paragraphs
    # (each checked by reading 75/240).
    hedges = only(changes, "hedge_added", "hedge_removed")
    assert [c for c in hedges if c[0] and c[1]] == []
    assert [(n, cls, new) for o, n, cls, _, new in hedges] == [
        ("pp6", "hedge_added", "upon request"),
        ("pp18", "hedge_added", "non-binding"),
        ("pp20", "hedge_added", "within their constitutional prerogatives"),
        ("pp22", "hedge_added", "as appropriate"),
        ("op1", "hedge_added", "if necessary"),
        ("op1", "hedge_added", "inter alia"),
        ("op4", "hedge_added", "as the Member States deem necessary"),
        ("op4", "hedge_added", "as appropriate"),
    ]
    # pp3 -> pp10 restores the 73/27 clause "with the objective of shaping a community of shared future".
    assert ("pp3", "pp10", "formula_added", "", "community of shared future for humankind") in changes
    # Spelling out "ICTs" (pp2 -> pp3, pp7 -> pp4, …) is not an altered formula: these three are rewordings.
    assert [(o, n, old[:20], new[:20]) for o, n, _, old, new in only(changes, "formula_altered")] == [
        ("pp3", "pp10", "preventing conflict ", "preventing conflict "),
        ("pp10", "pp14", "the leading role of ", "the United Nations s"),
        ("pp10", "pp14", "develop common under", "develop common under"),
    ]
    assert (
        "pp10",
        "pp14",
        "formula_altered",
        "the leading role of the United Nations in promoting dialogue",
        "the United Nations should play a leading role in promoting dialogue",
    ) in changes


def test_73_266_to_74_28_and_74_28_to_75_32(resolution, annotators):
    a = nlp_changes(resolution("73/266"), resolution("74/28"), annotators)
    b = nlp_changes(resolution("74/28"), resolution("75/32"), annotators)
    # Only recall lists, session numbers and "Decides" -> "Also decides" change in the paragraphs both keep;
    # the hedges that change come with a deleted paragraph (73/266 op4) and an inserted one (75/32 op6).
    found = only(a + b, "lead_strengthened", "lead_weakened", "hedge_added", "hedge_removed")
    assert [(o, n, cls, old or new) for o, n, cls, old, new in found] == [
        ("op4", None, "hedge_removed", "through existing resources"),
        ("op4", None, "hedge_removed", "and voluntary contributions"),
        (None, "op6", "hedge_added", "as needed"),
    ]


def test_hedges_of_deleted_and_inserted_paragraphs(resolution, annotators):
    # compare() hands annotators paragraph pairs; called on one side alone they report its hedges.
    _, hedge, _ = annotators
    op4 = resolution("73/266").paragraph("op4").text
    assert [(c.cls, c.old) for c in hedge(op4, None, None, None, [])] == [
        ("hedge_removed", "through existing resources"),
        ("hedge_removed", "and voluntary contributions"),
    ]
    op6 = resolution("75/32").paragraph("op6").text
    assert [(c.cls, c.new) for c in hedge(None, op6, None, None, [])] == [("hedge_added", "as needed")]


def test_75_240_to_seed_draft_i(resolution, seed_drafts, annotators):
    changes = nlp_changes(resolution("75/240"), seed_drafts["Draft resolution I"], annotators)
    # pp14 -> pp6: "Noting that the United Nations should play a leading role" -> "Reaffirming that the United
    # Nations should continue to play a leading role".
    assert ("pp14", "pp6", "lead_strengthened", "Noting", "Reaffirming") in changes
    assert ("pp18", "pp4", "formula_added", "", "additional binding obligations") in changes
    assert (
        "pp18",
        "pp4",
        "formula_altered",
        "additional norms can be developed over time",
        "additional norms could be developed over time",
    ) in changes
    assert ("pp18", "pp4", "hedge_removed", "non-binding", "") in changes


def test_seed_draft_i_to_draft_ii(seed_drafts, annotators):
    changes = nlp_changes(seed_drafts["Draft resolution I"], seed_drafts["Draft resolution II"], annotators)
    assert ("pp5", "pp20", "lead_strengthened", "Noting", "Emphasizing") in changes
    assert ("pp4", "pp13", "hedge_added", "", "if appropriate") in changes
    assert ("pp4", "pp13", "formula_added", "", "voluntary, non-binding norms") in changes
    assert ("pp2", "pp7", "formula_removed", "community of shared future for humankind", "") in changes


def test_real_strength_changes_in_other_series(resolution, annotators):
    def lead_changes(a, b):
        changes = nlp_changes(resolution(a), resolution(b), annotators)
        return only(changes, "lead_strengthened", "lead_weakened")

    assert ("op3", "op4", "lead_weakened", "Welcomes", "Takes note of") in lead_changes("73/32", "74/35")
    assert ("op10", "op5", "lead_strengthened", "Encourages", "Calls upon") in lead_changes("73/36", "74/49")
    assert lead_changes("76/51", "77/68") == [
        ("pp3", "pp3", "lead_strengthened", "Expressing concern", "Gravely concerned")
    ]


def test_formula_inside_a_longer_one_is_not_reported_twice(annotators):
    formula = annotators[2]
    old = "Calls for progress"
    new = "Calls for general and complete disarmament under strict and effective international control"
    assert [c.text for c in formula(old, new, None, None, [])] == [
        "general and complete disarmament under strict and effective international control"
    ]


def test_highlight_spans(resolution):
    doc = resolution("75/240")
    spans = highlight_spans(doc)
    assert set(spans) == {p.id for p in doc.paragraphs}
    kinds = {k for v in spans.values() for _, _, k, _ in v}
    assert kinds == {"lead", "hedge", "reference", "formula"}
    for pid, marks in spans.items():
        text = doc.paragraph(pid).text
        assert marks == sorted(marks, key=lambda m: (m[0], -m[1], m[2], m[3]))
        for i, (s, e, _, label) in enumerate(marks):
            assert 0 <= s < e <= len(text) and label
            for s2, e2, _, _ in marks[i + 1 :]:  # disjoint or nested, never crossing
                assert e2 <= e or s2 >= e
    assert (0, 9, "lead", "recalling") in spans["pp1"]
    op4 = doc.paragraph("op4").text
    assert any(k == "hedge" and op4[s:e] == "as appropriate" for s, e, k, _ in spans["op4"])


@pytest.mark.parametrize("side", ["old", "new"])
def test_annotators_accept_a_missing_side(annotators, side):
    text = "Calls upon States, as appropriate, to promote international peace and security"
    args = (text, None) if side == "old" else (None, text)
    classes = sorted(c.cls for a in annotators for c in a(*args, None, None, []))
    expected = ["formula_removed", "hedge_removed"] if side == "old" else ["formula_added", "hedge_added"]
    assert classes == expected


def test_make_annotators_builds_no_pipeline_until_used():
    from nlp.annotate import default_nlp

    default_nlp.cache_clear()
    make_annotators()
    assert default_nlp.cache_info().currsize == 0
