"""Word diff: exact rebuild of both texts, symmetry, determinism, typographic variants shown not hidden."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from textdiff.words import DELETE, EQUAL, INSERT, diff_codes, diff_words, tokenize

# Words drawn from UN drafting, punctuation and typographic variants that normalisation unifies.
VOCAB = [
    "Recalling",
    "its",
    "resolution",
    "75/240",
    "of",
    "the",
    "General",
    "Assembly",
    "Calls",
    "upon",
    "States",
    "to",
    "as",
    "appropriate",
    "“",
    "”",
    '"',
    "–",
    "-",
    ",",
    ";",
    ".",
    "Member",
    "A/77/275",
    "non-binding",
    "norms",
    "État",
    "\u200f",
    "\u00a0",
]
texts = st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join)


def blocks(edits) -> list[tuple[str, str, str]]:
    """Edits as equal runs and (deleted, inserted) change blocks."""
    out: list[tuple[str, str, str]] = []
    for e in edits:
        if e.op == EQUAL:
            out.append(("equal", e.text, ""))
            continue
        if not out or out[-1][0] != "change":
            out.append(("change", "", ""))
        _, d, i = out[-1]
        out[-1] = ("change", d + (e.text if e.op == DELETE else ""), i + (e.text if e.op == INSERT else ""))
    return out


def rebuild(edits, side: str) -> str:
    keep = {EQUAL, DELETE} if side == "old" else {EQUAL, INSERT}
    return "".join(e.text for e in edits if e.op in keep)


@settings(max_examples=400, deadline=None)
@given(texts, texts)
def test_runs_rebuild_both_texts_exactly(a: str, b: str) -> None:
    edits = diff_words(a, b)
    assert rebuild(edits, "old") == a
    assert rebuild(edits, "new") == b
    assert all(e.text for e in edits)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_text_against_itself_is_all_equal(a: str) -> None:
    assert all(e.op == EQUAL for e in diff_words(a, a))


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_swapping_inputs_swaps_inserts_and_deletes(a: str, b: str) -> None:
    forward = blocks(diff_words(a, b))
    backward = blocks(diff_words(b, a))
    assert [(x[0], x[2], x[1]) if x[0] == "change" else x for x in forward] == backward


def test_same_input_same_output() -> None:
    a = "Encourages Member States to continue exchanging views, as appropriate, on regular dialogue"
    b = "Calls upon Member States to continue exchanging views on regular institutional dialogue"
    assert diff_words(a, b) == diff_words(a, b)


def test_real_lead_change_is_one_replacement() -> None:
    edits = diff_words("Encourages Member States to continue", "Calls upon Member States to continue")
    assert [(e.op, e.text) for e in edits] == [
        ("delete", "Encourages"),
        ("insert", "Calls upon"),
        ("equal", " Member States to continue"),
    ]


def test_curly_quotes_are_aligned_but_still_shown() -> None:
    edits = diff_words("the item entitled “Developments”", 'the item entitled "Developments"')
    assert ("equal", "Developments") in [(e.op, e.text) for e in edits]
    assert ("delete", "“") in [(e.op, e.text) for e in edits]


def test_ignore_case_and_punctuation() -> None:
    edits = diff_words("Decides to include", "decides to include", ignore_case=True)
    # Equal for alignment; the case change is still visible as a replacement of one word.
    assert [e.op for e in edits] == ["delete", "insert", "equal"]
    assert rebuild(diff_words("a, b", "a; b", ignore_punctuation=True), "new") == "a; b"


def test_symbols_are_single_tokens() -> None:
    assert "A/C.1/77/L.23/Rev.1" in tokenize("draft resolution A/C.1/77/L.23/Rev.1,")


# --- the accelerated engine (fast-diff-match-patch) gives diff-match-patch's own runs ---

codes = st.text(alphabet=st.sampled_from("abcde\ue000\U000f0000\U00100000 "), max_size=60)


@settings(max_examples=500, deadline=None)
@given(codes, codes)
def test_accelerated_engine_equals_the_python_code_on_random_strings(a: str, b: str) -> None:
    pytest.importorskip("fast_diff_match_patch")
    assert diff_codes(a, b) == diff_codes(a, b, accelerated=False)


def test_accelerated_engine_equals_the_python_code_on_real_paragraph_pairs(shared) -> None:
    """Every paragraph of two real resolution series against every paragraph of the next year's text
    with the same lead: the pairs a comparison diffs, and many harder ones."""
    pytest.importorskip("fast_diff_match_patch")
    pairs = [("A-RES-74-29.txt", "A-RES-75-240.txt"), ("A-RES-73-266.txt", "A-RES-74-28.txt")]
    checked = 0
    for old_name, new_name in pairs:
        old = corpus.load(shared / "corpus" / "undocs" / old_name)[0]
        new = corpus.load(shared / "corpus" / "undocs" / new_name)[0]
        for p in old.paragraphs:
            for q in new.paragraphs:
                if p.lead != q.lead:
                    continue
                table: dict[str, str] = {}
                a, b = (
                    "".join(table.setdefault(t, chr(0xF0000 + len(table))) for t in tokenize(x))
                    for x in (p.text, q.text)
                )
                assert diff_codes(a, b) == diff_codes(a, b, accelerated=False), (old_name, p.id, q.id)
                checked += 1
    assert checked > 50
