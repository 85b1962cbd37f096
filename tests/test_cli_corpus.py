"""index, lineage and phrases on the command line, on the bundled real samples."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT
from tests.test_cli import assert_one_line_error, run

SAMPLES = ROOT / "samples"


def test_index_then_lineage_from_the_store(tmp_path: Path) -> None:
    store = tmp_path / "un.db"
    proc = run("index", str(SAMPLES), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert b"4 added" in proc.stderr
    again = run("index", str(SAMPLES), "--store", str(store))
    assert b"0 added, 0 changed, 0 removed, 4 unchanged" in again.stderr
    proc = run(
        "lineage", "community of shared future for humankind", "--store", str(store), "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data)[:4] == ["schema_version", "query", "occurrences", "first"]
    occ = data["occurrences"]
    assert [(o["symbol"], o["paragraph"]) for o in occ][:2] == [
        ("A/RES/73/27", "pp10"),
        ("A/RES/75/240", "pp10"),
    ]
    first = data["first"]
    assert list(first)[:3] == ["symbol", "date", "paragraph"]
    assert (first["symbol"], first["date"], first["paragraph"]) == ("A/RES/73/27", "2018-12-05", "pp10")
    assert [o["date"] for o in occ] == sorted(o["date"] for o in occ)
    assert all(list(o)[:5] == ["symbol", "date", "paragraph", "exact", "text"] for o in occ)


def test_lineage_html_and_variants_from_a_corpus_folder(tmp_path: Path) -> None:
    out = tmp_path / "lineage.html"
    proc = run("lineage", "voluntary, non-binding norms", "--corpus", str(SAMPLES), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<mark") >= 4
    assert "voluntary and non-binding norms" in page  # the 2018–2020 wording, found as a variant


def test_paragraph_ancestry(tmp_path: Path) -> None:
    store = tmp_path / "un.db"
    assert run("index", str(SAMPLES), "--store", str(store), "-q").returncode == 0
    proc = run(
        "lineage",
        "--paragraph",
        f"{SAMPLES / 'A-77-380.txt'}#1:pp2",
        "--store",
        str(store),
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)["ancestors"]
    # Draft I pp2 ("Stressing … community of shared future …") descends from 75/240 pp10 and 73/27 pp10.
    assert [(a["symbol"], a["paragraph"]) for a in found[:2]] == [
        ("A/RES/75/240", "pp10"),
        ("A/RES/73/27", "pp10"),
    ]


def test_lineage_usage_errors(tmp_path: Path) -> None:
    assert run("lineage", "x y z").returncode == 2
    assert run("lineage", "phrase", "--paragraph", "a.txt#1:pp1", "--corpus", str(SAMPLES)).returncode == 2
    assert_one_line_error(run("lineage", "phrase", "--store", str(tmp_path / "none.db")), "none.db")
    assert_one_line_error(run("index", str(tmp_path / "missing")), "missing")


def test_phrases_of_a_file_and_of_a_folder() -> None:
    proc = run("phrases", str(SAMPLES / "A-RES-75-240.txt"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (doc,) = json.loads(proc.stdout)["documents"]
    hedges = [p["text"] for row in doc["paragraphs"] for p in row["phrases"] if p["kind"] == "hedge"]
    assert "upon request" in hedges and "as appropriate" in hedges
    proc = run("phrases", str(SAMPLES), "--format", "json", "--top", "20")
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 1
    texts = [p["text"] for p in data["phrases"]]
    assert any("information and communications technologies" in t for t in texts)
