"""Comparison on real documents: identity, symmetry, coverage, classification and history."""

from __future__ import annotations

import pytest

import corpus
import textdiff
from tests.conftest import DATA, SEED

STRUCT = DATA / "structure"
PAIRS = [
    ("A-RES-74-29.txt", "A-RES-75-240.txt"),
    ("A-RES-73-266.txt", "A-RES-74-28.txt"),
    ("A-RES-74-28.txt", "A-RES-75-32.txt"),
    ("A-RES-70-237.txt", "A-RES-71-28.txt"),
    ("S-2018-257.txt", "S-2019-266.txt"),
]


def load(name: str) -> corpus.Document:
    return corpus.load(STRUCT / name)[0]


def rebuilds(entry, side: str) -> str:
    keep = {"equal", "delete"} if side == "old" else {"equal", "insert"}
    return "".join(e.text for e in entry.diff if e.op in keep)


@pytest.mark.parametrize("old,new", PAIRS)
def test_every_paragraph_appears_and_diffs_rebuild_the_texts(old: str, new: str) -> None:
    a, b = load(old), load(new)
    c = textdiff.compare(a, b)
    assert {e.old.id for e in c.entries if e.old} == {p.id for p in a.paragraphs}
    assert {e.new.id for e in c.entries if e.new} == {p.id for p in b.paragraphs}
    for e in c.entries:
        if e.relation in ("split", "merged"):
            continue  # one side of each pair is part of a larger whole
        if e.old:
            assert rebuilds(e, "old") == e.old.text
        if e.new:
            assert rebuilds(e, "new") == e.new.text
        assert e.relation in ("unchanged", "modified", "inserted", "deleted", "split", "merged")


@pytest.mark.parametrize("name", ["A-RES-75-240.txt", "S-2019-266.txt"])
def test_a_document_against_itself_is_all_unchanged(name: str) -> None:
    d = load(name)
    c = textdiff.compare(d, d)
    assert {e.relation for e in c.entries} == {"unchanged"}
    assert not c.differs
    assert all(not e.moved and not e.changes for e in c.entries)


@pytest.mark.parametrize("old,new", PAIRS[:3])
def test_swapping_inputs_swaps_inserts_and_deletes(old: str, new: str) -> None:
    a, b = load(old), load(new)
    forward, backward = textdiff.compare(a, b).summary, textdiff.compare(b, a).summary
    assert forward["inserted"] == backward["deleted"]
    assert forward["deleted"] == backward["inserted"]
    assert forward["split"] == backward["merged"]


def test_rollover_changes_are_technical_and_lead_changes_are_flagged() -> None:
    c = textdiff.compare(load("A-RES-74-29.txt"), load("A-RES-75-240.txt"))
    by_new = {e.new.id: e for e in c.entries if e.new}
    op5 = by_new["op5"]  # "Decides to include … seventy-fifth session" → "Also decides … seventy-sixth"
    assert op5.old is not None and op5.old.id == "op3"
    classes = [ch.cls for ch in op5.changes]
    assert "lead_changed" in classes and "technical" in classes
    tech = next(ch for ch in op5.changes if ch.cls == "technical")
    assert (tech.old, tech.new) == ("seventy-fifth", "seventy-sixth")
    pp1 = by_new["pp1"]  # the recall list gains "and 74/29 of 12 December 2019"
    assert {ch.cls for ch in pp1.changes if ch.cls != "formatting"} == {"technical"}


def test_votes_attach_to_the_contested_paragraphs() -> None:
    from corpus.report import load_report

    report = load_report(str(SEED))
    proposal = next(p for p in report.proposals if p.recommended_as == "Draft resolution I")
    new = corpus.load_document(f"{SEED}#1")
    c = textdiff.compare(load("A-RES-75-240.txt"), new, votes=proposal.actions)
    contested = {e.new.id: e.votes for e in c.entries if e.votes}
    assert sorted(contested) == ["pp2", "pp4", "pp7"]
    v = contested["pp2"][0]
    assert (v["yes"], v["no"], v["abstain"]) == (103, 53, 8)
    assert len(v["in_favour"]) == 103


def test_history_dates_each_span() -> None:
    versions = (
        [
            corpus.load(DATA / "structure" / "raw" / n)[0]
            for n in ("A-RES-73-27.txt", "A-RES-74-29.txt", "A-RES-75-240.txt")
        ]
        if (DATA / "structure" / "raw" / "A-RES-73-27.txt").exists()
        else []
    )
    assert versions
    h = textdiff.trace_history(versions)
    last = versions[-1]
    assert [pid for pid, _ in h.paragraphs] == [p.id for p in last.paragraphs]
    for pid, segs in h.paragraphs:
        assert "".join(s.text for s in segs) == last.paragraph(pid).text
        assert all(0 <= s.since < 3 for s in segs)
    pp1 = dict(h.paragraphs)["pp1"]
    # "74/29 of 12 December 2019" entered the recall list in 75/240.
    assert any("74/29" in s.text and s.since == 2 for s in pp1)
    # 75/240 pp2 ("Noting that considerable progress …") was in 73/27, dropped in 74/29 and restored: it dates
    # from 73/27, not from its return.
    assert [s.since for s in dict(h.paragraphs)["pp2"]] == [0]
    data = h.to_dict()
    assert data["schema_version"] == 1 and [v["symbol"] for v in data["versions"]] == [
        "A/RES/73/27",
        "A/RES/74/29",
        "A/RES/75/240",
    ]
