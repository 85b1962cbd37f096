"""Layout and word repair: real artefacts repaired, and (property tests) nothing else changed or lost."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.layout import Line, strip_layout
from corpus.words import _freq, is_word, repair_spacing, repair_words


def test_real_split_words_are_joined() -> None:
    cases = {
        "essential for in ternational security": "essential for international security",
        "to maintaini ng peace": "to maintaining peace",
        "in ways that would affe ct the secure": "in ways that would affect the secure",
        "welcomes all efforts an d encourages": "welcomes all efforts and encourages",
        "relevant regional or ganizations": "relevant regional organizations",
        "promoting dialogue amon g Member States": "promoting dialogue among Member States",
        "Ke nya and Leb anon": "Kenya and Lebanon",
    }
    for raw, fixed in cases.items():
        assert repair_words(raw) == fixed


def test_lost_hyphens_need_evidence_or_a_capital_join() -> None:
    assert repair_words("the SecretaryGeneral") == "the Secretary-General"
    assert repair_words("the Openended group") == "the Openended group"  # no evidence: left alone
    assert repair_words("the Openended group", {"open-ended"}) == "the Open-ended group"
    assert repair_words("subregional and peacebuilding") == "subregional and peacebuilding"


def test_real_pairs_that_are_not_splits_stay() -> None:
    for text in [
        "a round of talks",
        "resolution 43/78 H of 7 December",
        "Viet Nam",
        "bona fide",
        "inter alia",
        "ad hoc committee",
        "per se",
        "de facto",
        "Saint Kitts and Nevis",
    ]:
        assert repair_words(text) == text


def test_spacing_artefacts() -> None:
    assert repair_spacing("non -proliferation, campaign , and 2021 –2025") == (
        "non-proliferation, campaign, and 2021–2025"
    )


_WORDS = sorted(w for w, f in _freq().items() if w.isalpha() and w.isascii() and is_word(w) and len(w) > 2)[
    :20000
]
words = st.sampled_from(_WORDS)
punct = st.sampled_from(["", ",", ";", ".", ":"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(words, punct, st.booleans()), min_size=1, max_size=40))
def test_repair_never_changes_words_of_the_word_list(items: list[tuple[str, str, bool]]) -> None:
    text = " ".join((w.capitalize() if cap else w) + p for w, p, cap in items)
    assert repair_words(text) == text


_FURNITURE = ["21-00006 (E)", "050121", "*2100006*", "2/4", "A/RES/75/240", "Please recycle"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(words, min_size=3, max_size=12), min_size=2, max_size=30),
    st.lists(st.integers(min_value=1, max_value=29), max_size=4),
)
def test_layout_repair_drops_only_furniture(body: list[list[str]], breaks: list[int]) -> None:
    lines = ["A/RES/75/240", "", "The General Assembly,"]
    body_lines = [" ".join(ws) + "," for ws in body]
    for i, line in enumerate(body_lines):
        if i in breaks:
            lines += ["", *[x for f in _FURNITURE[:4] for x in (f, "")], "A/RES/75/240", ""]
        lines.append(line)
    kept = strip_layout([Line(i + 1, t) for i, t in enumerate(lines)]).lines
    kept_tokens = " ".join(ln.text for ln in kept if ln.text).split()
    want = " ".join(["A/RES/75/240", "The General Assembly,", *body_lines]).split()
    assert kept_tokens == want


def test_footnote_block_inside_a_page_break_is_read_as_footnotes() -> None:
    raw = """A/RES/75/240
Developments in the field of information
The General Assembly,
Recalling that the Group, in its 2015 report, 1 identified as of central importance the
commitments of States; respect
__________________
1

2/4

A/70/174.
21-00006

Developments in the field of information

A/RES/75/240

for human rights,""".split("\n")
    layout = strip_layout([Line(i + 1, t) for i, t in enumerate(raw)])
    body = [ln.text for ln in layout.lines if ln.text]
    assert body[-1] == "for human rights,"
    assert not any(re.search(r"A/70/174|21-00006|2/4|_{3}", t) for t in body)
    assert [(lab, txt) for _, lab, txt in layout.footnotes] == [("1", "A/70/174.")]
