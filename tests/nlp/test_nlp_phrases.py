"""Recurring-phrase discovery on the ICT series, its JSON, and the tagged phrases of one document."""

from __future__ import annotations

import json

import pytest

from nlp.phrases import STOP_WORDS, Phrase, discover_phrases, phrases_to_dict, tag_document


@pytest.fixture(scope="module")
def ict_series(resolution, seed_drafts):
    return [resolution("73/27"), resolution("74/29"), resolution("75/240"), *seed_drafts.values()]


@pytest.fixture(scope="module")
def ict_phrases(ict_series):
    return discover_phrases(ict_series, top=200)


def holds(phrases: list[Phrase], formula: str) -> list[int]:
    """Ranks (1-based) of the phrases that hold ``formula`` in their text or a variant."""
    return [i for i, p in enumerate(phrases, 1) if any(formula in t for t in (p.text, *p.variants))]


def test_formulas_a_reader_would_name(ict_phrases):
    assert holds(ict_phrases, "information and communications technologies")[0] <= 5
    for formula in [
        "international peace and security",
        "responsible behaviour of states",
        "respect for human rights and fundamental freedoms",
        "community of shared future for humankind",
        "open, secure, stable, accessible and peaceful",
        "open-ended working group",
        "group of governmental experts",
        "voluntary and non-binding norms",
    ]:
        assert holds(ict_phrases, formula), formula
    assert holds(ict_phrases[:50], "open-ended working group")
    assert holds(ict_phrases[:50], "human rights and fundamental freedoms")


def test_phrase_shape(ict_series, ict_phrases):
    for p in ict_phrases:
        words = p.text.split()
        assert len(words) >= 3 and p.doc_freq >= 2 and p.count >= p.doc_freq
        assert words[0].rstrip(",") not in STOP_WORDS and words[-1] not in STOP_WORDS, p.text
        assert not any(c in p.text for c in ";:()“”") and not any(ch.isdigit() for ch in p.text), p.text
        assert len(p.examples) == p.doc_freq and 1 <= p.series_freq <= p.doc_freq
        names = [d.name for d in ict_series]
        for doc_name, pid in p.examples:
            doc = ict_series[names.index(doc_name)]
            assert pid in {q.id for q in doc.paragraphs}
    scores = [p.score for p in ict_phrases]
    assert scores == sorted(scores, reverse=True)


def test_boilerplate_is_pushed_down(ict_phrases):
    # Every text of the series ends with "Decides to include in the provisional agenda …", as do 97% of the
    # General Assembly's series: it scores below the series' own formulas.
    agenda = holds(ict_phrases, "include in the provisional agenda")
    ict = holds(ict_phrases, "information and communications technologies")
    assert agenda and ict and min(agenda) > min(ict)


def test_variants_are_grouped(ict_phrases):
    grouped = {p.text: p.variants for p in ict_phrases if p.variants}
    assert any("security in the use" in v for v in grouped.values())
    for head, variants in grouped.items():
        assert head not in variants and len(set(variants)) == len(variants)


def test_deterministic(ict_series):
    a = phrases_to_dict(discover_phrases(ict_series, top=40))
    b = phrases_to_dict(discover_phrases(list(ict_series), top=40))
    assert a == b
    assert json.loads(json.dumps(a, ensure_ascii=False)) == a


def test_min_docs_and_top(ict_series):
    assert len(discover_phrases(ict_series, top=10)) == 10
    assert all(p.doc_freq >= 4 for p in discover_phrases(ict_series, top=50, min_docs=4))
    assert discover_phrases(ict_series[:1], min_docs=2) == []


def test_phrases_json():
    out = phrases_to_dict(
        [
            Phrase(
                "voluntary and non-binding norms",
                3,
                2,
                4,
                20.0,
                ("voluntary, non-binding norms",),
                (("A/RES/73/27", "pp17"),),
            )
        ]
    )
    assert out["schema_version"] == 1 and "score" in out["scoring"]
    assert out["phrases"] == [
        {
            "text": "voluntary and non-binding norms",
            "doc_freq": 3,
            "series_freq": 2,
            "count": 4,
            "score": 20.0,
            "variants": ["voluntary, non-binding norms"],
            "examples": [{"document": "A/RES/73/27", "paragraph": "pp17"}],
        }
    ]


def test_tag_document(seed_drafts):
    out = tag_document(seed_drafts["Draft resolution II"])
    assert out["schema_version"] == 1 and out["document"]["title"].startswith("Programme of action")
    rows = {r["id"]: r for r in out["paragraphs"]}
    assert rows["op3"]["lead"] == {
        "kind": "lead",
        "label": "requests",
        "text": "Requests",
        "start": 0,
        "end": 8,
        "family": "operative.request",
        "value": 1.0,
    }
    start = seed_drafts["Draft resolution II"].paragraph("op3").text.index("within existing resources")
    assert {
        "kind": "hedge",
        "label": "within-existing-resources",
        "text": "within existing resources",
        "start": start,
        "end": start + 25,
    } in rows["op3"]["phrases"]
    assert out["summary"]["hedge"]["on-a-voluntary-basis"] == 1
    assert out["summary"]["formula"]["voluntary-non-binding-norms"] == 2
    assert json.dumps(out, ensure_ascii=False)
