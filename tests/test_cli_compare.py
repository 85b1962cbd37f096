"""compare, history, votes and report on the command line: the contracts scripts rely on."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.conftest import DATA, SEED
from tests.test_cli import assert_one_line_error, run

OLD = DATA / "structure" / "raw" / "A-RES-74-29.txt"
NEW = DATA / "structure" / "raw" / "A-RES-75-240.txt"


def test_compare_json_contract() -> None:
    proc = run("compare", str(OLD), str(NEW), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data)[:5] == ["schema_version", "old", "new", "alignment", "summary"]
    assert data["schema_version"] == 1
    assert data["old"]["symbol"] == "A/RES/74/29" and data["new"]["symbol"] == "A/RES/75/240"
    entry = data["alignment"][0]
    assert list(entry)[:8] == ["old", "new", "relation", "moved", "score", "diff", "changes", "votes"]
    assert set(data["summary"]) >= {"unchanged", "modified", "inserted", "deleted", "moved"}
    old_ids = {p["id"] for p in data["old"]["paragraphs"]}
    new_ids = {p["id"] for p in data["new"]["paragraphs"]}
    assert {e["old"] for e in data["alignment"]} - {None} == old_ids
    assert {e["new"] for e in data["alignment"]} - {None} == new_ids
    texts_old = {p["id"]: p["text"] for p in data["old"]["paragraphs"]}
    texts_new = {p["id"]: p["text"] for p in data["new"]["paragraphs"]}
    for e in data["alignment"]:
        if e["relation"] in ("split", "merged"):
            continue
        if e["old"]:
            assert "".join(t for op, t in e["diff"] if op != "insert") == texts_old[e["old"]]
        if e["new"]:
            assert "".join(t for op, t in e["diff"] if op != "delete") == texts_new[e["new"]]
        if e["relation"] == "inserted":
            assert e["old"] is None
        if e["relation"] == "deleted":
            assert e["new"] is None
    # Same input, byte-identical output.
    assert run("compare", str(OLD), str(NEW), "--format", "json").stdout == proc.stdout


def test_compare_exit_code() -> None:
    assert run("compare", str(OLD), str(NEW), "--exit-code", "--format", "text").returncode == 1
    assert run("compare", str(OLD), str(OLD), "--exit-code", "--format", "text").returncode == 0


def test_compare_formats_from_the_output_suffix(tmp_path: Path) -> None:
    for suffix, check in [
        (".html", lambda p: p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")),
        (".md", lambda p: "<ins>" in p.read_text(encoding="utf-8")),
        (".json", lambda p: json.loads(p.read_text(encoding="utf-8"))["schema_version"] == 1),
        (".docx", lambda p: "word/document.xml" in zipfile.ZipFile(p).namelist()),
    ]:
        out = tmp_path / f"diff{suffix}"
        proc = run("compare", str(OLD), str(NEW), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        assert check(out), suffix


def test_compare_with_votes_marks_contested_paragraphs(tmp_path: Path) -> None:
    out = tmp_path / "votes.json"
    proc = run("compare", str(NEW), f"{SEED}#1", "--votes", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    contested = {e["new"]: e["votes"] for e in data["alignment"] if e["votes"]}
    assert sorted(contested) == ["pp2", "pp4", "pp7"]
    assert [(v["yes"], v["no"], v["abstain"]) for v in contested["pp4"]] == [(102, 52, 10)]


def test_compare_bad_input_is_one_line() -> None:
    assert_one_line_error(run("compare", str(OLD), "missing.txt"), "missing.txt")
    assert_one_line_error(run("compare", str(SEED), str(NEW)), "A-77-380.txt")  # 3 documents: which one?


def test_history_json_contract() -> None:
    files = [
        DATA / "structure" / "raw" / n for n in ("A-RES-73-27.txt", "A-RES-74-29.txt", "A-RES-75-240.txt")
    ]
    proc = run("history", *map(str, files), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data) == ["schema_version", "versions", "paragraphs"]
    assert [v["symbol"] for v in data["versions"]] == ["A/RES/73/27", "A/RES/74/29", "A/RES/75/240"]
    assert [v["date"] for v in data["versions"]] == ["2018-12-05", "2019-12-12", "2020-12-31"]
    seg = data["paragraphs"][0]["segments"][0]
    assert list(seg) == ["text", "since"]


def test_votes_json_contract() -> None:
    proc = run("votes", str(SEED), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 1
    p = data["proposals"][0]
    assert (
        list(p)[:10]
        == [
            "symbol",
            "kind",
            "title",
            "submitted_by",
            "sponsors",
            "joined",
            "recommended_as",
            "actions",
            "notes",
            *list(p)[9:10],
        ][:10]
    )
    assert p["symbol"] == "A/C.1/77/L.23/Rev.1" and p["recommended_as"] == "Draft resolution I"
    whole = next(a for a in p["actions"] if a["target"] == "whole")
    assert (whole["outcome"], whole["method"], whole["yes"], whole["no"], whole["abstain"]) == (
        "adopted",
        "recorded vote",
        112,
        52,
        10,
    )
    decision = data["proposals"][2]
    assert decision["actions"][0]["method"] == "without a vote"
    assert "yes" not in decision["actions"][0]


def test_report_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run("report", str(SEED), "--corpus", str(DATA / "structure" / "raw"), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="proposal"') == 3
    assert 'data-contested="true"' in page and "103–53–8" in page
    assert "Changes against A/RES/75/240" in page
