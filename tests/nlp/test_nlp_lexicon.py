"""The shipped lexicons: agreed formulas and hedges, their keys and variants, their presence in the corpus."""

from __future__ import annotations

import pytest

from nlp.lexicon import KeyMatcher, load_entries, load_formulas, load_hedges, norm_key


def test_at_least_100_formulas_with_unique_ids():
    formulas = load_formulas()
    assert len(formulas) >= 100
    assert len({f.id for f in formulas}) == len(formulas)
    for f in formulas:
        assert f.variants[0] == f.canonical and len(set(f.variants)) == len(f.variants)
        assert "{" not in "".join(f.variants), f.id  # placeholders expanded


def test_placeholders_expand_to_both_spellings():
    f = {e.id: e for e in load_formulas()}["human-rights-ict"]
    assert "respect for human rights and fundamental freedoms in the use of ICTs" in f.variants
    assert (
        "respect for human rights and fundamental freedoms in the use of information and communications "
        "technologies"
    ) in f.variants


def test_issue_formulas_and_hedges_are_there():
    canon = {v.lower() for e in load_formulas() for v in e.variants}
    for phrase in [
        "additional binding obligations",
        "community of shared future for humankind",
        "open, secure, stable, accessible and peaceful information and communications technology environment",
        "voluntary, non-binding norms",
        "general and complete disarmament under strict and effective international control",
        "without prejudice to",
        "complete, verifiable and irreversible",
    ]:
        assert phrase in canon, phrase
    hedges = {v.lower() for e in load_hedges() for v in e.variants}
    for phrase in [
        "if appropriate",
        "as appropriate",
        "where appropriate",
        "when appropriate",
        "within existing resources",
        "on a voluntary basis",
        "non-binding",
        "inter alia",
        "as necessary",
        "where possible",
        "to the extent possible",
        "in a position to do so",
        "upon request",
        "subject to the availability of resources",
        "through voluntary contributions",
    ]:
        assert phrase in hedges, phrase


def test_key_ignores_spaces_hyphens_and_case():
    assert norm_key("Open ended") == norm_key("open-ended") == norm_key("Openended")
    assert norm_key("States\u2019 capacities") == norm_key("states' capacities")


def test_key_matcher_needs_word_boundaries():
    m = KeyMatcher(load_formulas())
    assert not m.find("the reinternational peace and securityx")
    found = m.find("(international peace and security)")
    assert [e.id for e, _, _ in found] == ["international-peace-and-security"]


def test_bad_lexicon_file_is_reported(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("only-two\tcolumns\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        load_entries(bad)


@pytest.mark.slow
def test_every_formula_occurs_in_the_shared_corpus(shared):
    import corpus

    paths = [
        *sorted((shared / "corpus" / "undocs").glob("*.txt")),
        *sorted((shared / "corpus" / "reports").glob("*.txt")),
        *sorted((shared / "seeds").glob("*.txt")),
    ]
    keys = [norm_key(p.text) for path in paths for doc in corpus.load(path) for p in doc.paragraphs]
    text = "\n".join(keys)
    missing = [f.id for f in load_formulas() if not any(norm_key(v) in text for v in f.variants)]
    assert not missing
