"""Lead strength scales: the orderings of the issue, adverbs, families, and the shipped data file."""

from __future__ import annotations

import pytest

from nlp.verbs import compare_leads, find_scaled_lead, lead_strength, load_verb_scale


def value(lead: str) -> float:
    found = lead_strength(lead)
    assert found is not None, lead
    return found[1]


@pytest.mark.parametrize(
    "ladder",
    [
        ["Takes note of", "Notes", "Welcomes", "Endorses"],
        ["Invites", "Encourages", "Calls upon", "Urges", "Demands"],
        ["Invites", "Strongly encourages", "Calls upon", "Strongly urges", "Demands"],
        ["Noting", "Recognizing", "Reaffirming"],
        ["Taking note of", "Noting", "Welcoming"],
        [
            "Noting with concern",
            "Expressing concern",
            "Expressing deep concern",
            "Expressing grave concern",
            "Condemning",
        ],
        ["Concerned", "Deeply concerned", "Gravely concerned"],
        ["Recalling", "Reaffirming"],
    ],
)
def test_orderings(ladder):
    for weaker, stronger in zip(ladder, ladder[1:], strict=False):
        cmp = compare_leads(weaker, stronger)
        assert cmp is not None, (weaker, stronger)
        assert cmp[1] < cmp[2], (weaker, stronger, cmp[:3])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Decides", "Also decides"),
        ("Decides", "Further decides"),
        ("Recalling", "Recalling also"),
        ("Reaffirming", "Reaffirming further"),
        ("Calls upon", "Calls once again upon"),
        ("Expresses its deep concern", "Expresses deep concern"),
        ("Bearing in mind", "Mindful"),
        ("Requests", "Also requests"),
    ],
)
def test_sequencing_adverbs_and_fillers_change_nothing(a, b):
    cmp = compare_leads(a, b)
    assert cmp is not None and cmp[1] == cmp[2]


def test_strongly_is_stronger_but_below_the_next_step():
    assert value("Urges") < value("Strongly urges") < value("Demands")
    assert value("Encourages") < value("Strongly encourages") < value("Calls upon")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Decides", "Welcomes"),
        ("Requests", "Urges"),
        ("Welcomes", "Welcoming"),
        ("Welcomes", "Emphasizing"),
        ("Welcoming", "Recalling"),
        ("Having considered", "Noting"),
    ],
)
def test_incomparable_leads(a, b):
    assert compare_leads(a, b) is None


def test_lead_text_and_offsets():
    text = "Expressing its deep concern that the 2015 Review Conference"
    lead = find_scaled_lead(text)
    assert (lead.text, lead.key, lead.family, lead.value) == (
        "Expressing its deep concern",
        "expressing deep concern",
        "preambular.concern",
        3.0,
    )
    assert text[lead.start : lead.end] == lead.text
    # The lead stops at punctuation and never takes in a filler that ends it.
    assert find_scaled_lead("Recalling its resolutions 53/70").text == "Recalling"
    assert find_scaled_lead("Decides, pursuant to the schedule").text == "Decides"
    assert find_scaled_lead("The General Assembly") is None


def test_scale_file_is_well_formed():
    scale = load_verb_scale()
    assert all(f.split(".")[0] in ("operative", "preambular") for f in scale.families)
    for key, families in scale.entries.items():
        part = "operative" if any(f.startswith("operative") for f in families) else "preambular"
        assert all(f.startswith(part) for f in families), key  # a lead is one part's, never both
    assert scale.modifiers[("strongly",)] > 0 and scale.modifiers[("also",)] == 0


@pytest.mark.slow
def test_every_frequent_lead_of_the_corpus_is_on_a_scale(shared):
    import collections

    import corpus

    counts: collections.Counter[str] = collections.Counter()
    unscaled: collections.Counter[str] = collections.Counter()
    for path in sorted((shared / "corpus" / "undocs").glob("*.txt")):
        for doc in corpus.load(path):
            for p in doc.paragraphs:
                counts[p.lead or ""] += 1
                if find_scaled_lead(p.text) is None:
                    unscaled[p.lead or ""] += 1
    missing = {lead: n for lead, n in unscaled.items() if n >= 5 and counts[lead] >= 5}
    # The few that remain are not leads of a scale: "Having considered", "Seized of" …
    assert set(missing) <= {
        "Having considered",
        "Having examined",
        "Seized",
        "Sharing",
        "Eliminating",
        "Honouring",
    }, missing
