"""The HTML report: the DESIGN.md contract, escaping of hostile text, self-containment, determinism."""

from __future__ import annotations

import re

import pytest
from lxml import html as lhtml

import corpus
import textdiff
from corpus.loaders.text import load_text
from reports.html import render_history_html, render_html
from tests.conftest import DATA, SEED

STRUCT = DATA / "structure"


@pytest.fixture(scope="module")
def seed_comparison():
    from corpus.report import load_report, vote_shifts

    report = load_report(str(SEED))
    proposal = next(p for p in report.proposals if p.recommended_as == "Draft resolution I")
    old = corpus.load(STRUCT / "raw" / "A-RES-75-240.txt")[0]
    new = corpus.load_document(f"{SEED}#1")
    return textdiff.compare(old, new, votes=proposal.actions), vote_shifts(proposal)


def _tree(html_text: str):
    return lhtml.document_fromstring(html_text)


def test_rows_carry_the_contract_attributes(seed_comparison) -> None:
    comparison, shifts = seed_comparison
    tree = _tree(render_html(comparison, shifts=shifts))
    rows = tree.xpath("//article[contains(concat(' ', @class, ' '), ' row ')]")
    assert len(rows) == len(comparison.entries)
    for row, entry in zip(rows, comparison.entries, strict=True):
        assert row.get("data-old-id") == (entry.old.id if entry.old else "")
        assert row.get("data-new-id") == (entry.new.id if entry.new else "")
        assert row.get("data-relation") == entry.relation
    # Every paragraph of both versions is shown.
    assert {r.get("data-new-id") for r in rows} - {""} == {p.id for p in comparison.new.paragraphs}
    assert {r.get("data-old-id") for r in rows} - {""} == {p.id for p in comparison.old.paragraphs}


def test_contested_paragraphs_show_tally_and_who_voted_how(seed_comparison) -> None:
    comparison, shifts = seed_comparison
    tree = _tree(render_html(comparison, shifts=shifts))
    contested = tree.xpath("//article[@data-contested='true']")
    assert sorted(r.get("data-new-id") for r in contested) == ["pp2", "pp4", "pp7"]
    pp2 = next(r for r in contested if r.get("data-new-id") == "pp2")
    assert "103–53–8" in pp2.text_content()
    lists = pp2.xpath(".//details")
    assert [d.xpath("string(summary)") for d in lists] == [
        "In favour (103)",
        "Against (53)",
        "Abstaining (8)",
    ]
    assert "India" in lists[1].text_content()
    # The summary lists contested paragraphs and the vote shifts (India: against, abstain, in favour).
    summary = tree.xpath("//section[@id='summary']")[0].text_content()
    assert "102–52–10" in summary and "India" in summary


def test_inserted_and_deleted_words_use_ins_and_del(seed_comparison) -> None:
    comparison, _ = seed_comparison
    tree = _tree(render_html(comparison))
    for row, entry in zip(tree.xpath("//article[contains(@class,'row')]"), comparison.entries, strict=True):
        inline = row.xpath(".//div[contains(@class,'inline')]")[0]
        inserted = "".join(e.text for e in entry.diff if e.op == "insert")
        deleted = "".join(e.text for e in entry.diff if e.op == "delete")
        assert "".join(x.text_content() for x in inline.xpath(".//ins")) == inserted
        assert "".join(x.text_content() for x in inline.xpath(".//del")) == deleted
        # The inline text minus <del> is the new paragraph's text.
        if entry.new is not None and entry.relation not in ("split", "merged"):
            for d in inline.xpath(".//del"):
                d.drop_tree()
            assert inline.text_content() == entry.new.text


def test_self_contained_no_external_request(seed_comparison) -> None:
    comparison, shifts = seed_comparison
    out = render_html(comparison, shifts=shifts)
    tree = _tree(out)
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe")
    assert not re.search(r"https?://", out)
    assert tree.xpath("//style") and tree.xpath("//script")
    assert out.startswith("<!DOCTYPE html>")


def test_same_input_byte_identical(seed_comparison) -> None:
    comparison, shifts = seed_comparison
    assert render_html(comparison, shifts=shifts) == render_html(comparison, shifts=shifts)


HOSTILE = "Recalling <script>alert(1)</script> & “quotes” 'single' \"double\" \u200fمرحبا\u200e and \x0b tab,"


def test_hostile_text_renders_as_text() -> None:
    old = load_text(
        "The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to act.", "old.txt"
    )[0]
    new = load_text(f"The General Assembly,\n\n{HOSTILE}\n\n1. Decides to act <b>now</b>.", "new.txt")[0]
    out = render_html(textdiff.compare(old, new))
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<b>now</b>" not in out
    tree = _tree(out)
    assert len(tree.xpath("//script")) == 1  # only the report's own
    text = tree.text_content()
    assert "<script>alert(1)</script>" in text and "“quotes”" in text and "\u200fمرحبا\u200e" in text


def test_history_html_marks_versions() -> None:
    versions = [
        corpus.load(STRUCT / "raw" / n)[0] for n in ("A-RES-73-27.txt", "A-RES-74-29.txt", "A-RES-75-240.txt")
    ]
    out = render_history_html(textdiff.trace_history(versions))
    tree = _tree(out)
    rows = tree.xpath("//article")
    assert len(rows) == len(versions[-1].paragraphs)
    assert tree.xpath("//span[@data-since='2']")
    pp1 = tree.xpath("//article[@data-new-id='pp1']")[0]
    assert "74/29" in "".join(s.text_content() for s in pp1.xpath(".//span[@data-since='2']"))
