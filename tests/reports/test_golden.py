"""Golden HTML reports for real cases, compared after normalisation (inline CSS/JS left out, so styling can
change without rewriting them). Rewrite with ``pytest --update-golden`` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

import corpus
import textdiff
from reports.html import render_html
from tests.conftest import DATA, ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"
STRUCT = DATA / "structure"


def _ict() -> str:
    old = corpus.load(STRUCT / "raw" / "A-RES-74-29.txt")[0]
    new = corpus.load(STRUCT / "raw" / "A-RES-75-240.txt")[0]
    return render_html(textdiff.compare(old, new))


def _seed_votes() -> str:
    from corpus.report import load_report, vote_shifts

    proposal = next(p for p in load_report(str(SEED)).proposals if p.recommended_as == "Draft resolution I")
    old = corpus.load(STRUCT / "raw" / "A-RES-75-240.txt")[0]
    new = corpus.load_document(f"{SEED}#1")
    return render_html(textdiff.compare(old, new, votes=proposal.actions), shifts=vote_shifts(proposal))


def _somalia() -> str:
    old = corpus.load(STRUCT / "S-2018-257.txt")[0]
    new = corpus.load(STRUCT / "S-2019-266.txt")[0]
    return render_html(textdiff.compare(old, new))


CASES = {"ict-74-29-to-75-240": _ict, "a-77-380-draft-I-votes": _seed_votes, "somalia-2018-to-2019": _somalia}


def normalise(page: str) -> bytes:
    tree = lhtml.document_fromstring(page)
    for el in tree.xpath("//style | //script"):
        el.text = ""
    return etree.tostring(tree, method="c14n")


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_html(case: str, update_golden: bool) -> None:
    page = CASES[case]()
    path: Path = GOLDEN / f"{case}.html"
    if update_golden or not path.exists():
        path.write_text(page, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {path.name} was missing and has been written: review it and rerun")
    assert normalise(page) == normalise(path.read_text(encoding="utf-8"))
