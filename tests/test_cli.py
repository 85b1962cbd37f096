"""The command line as users and scripts meet it: exit codes, one-line errors, encodings, JSON, help."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, SEED

RAW = DATA / "structure" / "raw" / "A-RES-74-29.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args], input=stdin, capture_output=True, timeout=120
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes], path: str) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert path in lines[0]
    return lines[0]


def test_parse_json_follows_the_contract() -> None:
    proc = run("parse", str(RAW), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data) == ["schema_version", "documents"]
    assert data["schema_version"] == 1
    doc = data["documents"][0]
    assert list(doc)[:6] == ["symbol", "title", "date", "organ", "kind", "paragraphs"]
    assert (doc["symbol"], doc["date"], doc["kind"]) == ("A/RES/74/29", "2019-12-12", "resolution")
    first = doc["paragraphs"][0]
    assert list(first)[:5] == ["id", "kind", "number", "lead", "text"]
    assert (first["id"], first["kind"], first["number"], first["lead"]) == (
        "pp1",
        "preambular",
        1,
        "Recalling",
    )
    assert [p["id"] for p in doc["paragraphs"] if p["kind"] == "operative"] == ["op1", "op2", "op3"]
    # Same input, byte-identical output.
    assert run("parse", str(RAW), "--format", "json").stdout == proc.stdout


def test_parse_addresses_one_document_of_a_report() -> None:
    proc = run("parse", f"{SEED}#2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (doc,) = json.loads(proc.stdout)["documents"]
    assert doc["label"] == "Draft resolution II"


def test_parse_reads_stdin() -> None:
    proc = run("parse", "-", stdin=RAW.read_bytes())
    assert proc.returncode == 0
    assert b"A/RES/74/29" in proc.stdout


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_encodings_give_the_same_paragraphs(tmp_path: Path, encoding: str) -> None:
    text = (DATA / "structure" / "A-RES-74-29.txt").read_text(encoding="utf-8")
    if encoding == "cp1252":
        text = text.replace("\u2011", "-")  # the only character of the file cp1252 lacks, if any
    f = tmp_path / f"doc-{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    want = json.loads(run("parse", str(DATA / "structure" / "A-RES-74-29.txt"), "--format", "json").stdout)
    proc = run("parse", str(f), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert [p["text"] for p in got["documents"][0]["paragraphs"]] == [
        p["text"] for p in want["documents"][0]["paragraphs"]
    ]


def test_bad_inputs_get_one_line_naming_the_file_and_exit_2(tmp_path: Path) -> None:
    cases = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 20,
        "noformula.txt": b"Recalling its resolutions,\n1. Decides to act.\n",
        "latin.txt": "Il était une fois, sans formule.".encode("latin-1"),
    }
    for name, data in cases.items():
        f = tmp_path / name
        f.write_bytes(data)
        assert_one_line_error(run("parse", str(f)), name)
    assert_one_line_error(run("parse", str(tmp_path / "missing.txt")), "missing.txt")
    assert_one_line_error(run("parse", str(tmp_path)), str(tmp_path))
    assert_one_line_error(run("parse", f"{SEED}#7"), "A-77-380.txt")


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    line = assert_one_line_error(run("parse", str(big)), "big.txt")
    assert "MB" in line


def test_unknown_option_is_a_usage_error() -> None:
    proc = run("parse", str(RAW), "--format", "yaml")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_ctrl_c_exits_130() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "textdiff", "parse", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)  # let it start and block on standard input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err


def _commands() -> list[str]:
    from textdiff.cli import cli

    return sorted(cli.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command: str) -> None:
    proc = run(command, "--help")
    assert proc.returncode == 0
    assert b"Example" in proc.stdout
    assert f"textdiff {command}".encode() in proc.stdout


def test_lower_layers_do_not_import_spacy() -> None:
    code = "import sys, corpus, textdiff, textdiff.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy())
    assert out.stdout.strip() == "False", out.stderr
