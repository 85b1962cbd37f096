"""The registry: formats recognised by content and extension, and the command line's one-line errors (exit 2,
no traceback) for hostile and broken files."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from corpus.loaders import _LOADERS, sniff
from tests.loaders.helpers import FORMATS_DIR, RESOLUTION, document_xml, minimal_docx, paragraphs_xml


@pytest.mark.parametrize(
    ("data", "suffix", "kind"),
    [
        (b"%PDF-1.4", ".docx", ".pdf"),
        (b"PK\x03\x04" + b"x" * 40 + b"word/document.xml", ".pdf", ".docx"),
        (b"PK\x03\x04content.xml", ".docx", ".zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".docx", ".doc"),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><akomaNtoso xmlns="x"/>', ".txt", ".xml"),
        (b"<?xml version='1.0'?><an:akomaNtoso xmlns:an='x'/>", "", ".xml"),
        ('<?xml version="1.0"?><akomaNtoso/>'.encode("utf-16"), ".txt", ".xml"),
        (b"  <!DOCTYPE html>\n<html>", ".txt", ".html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', ".xml", ".html"),
        (b"<HTML><BODY>", "", ".html"),
        (b"<p>The General Assembly,</p>", ".htm", ".htm"),
        (b"<p>The General Assembly,</p>", ".txt", ".txt"),
        (b"The General Assembly,", ".md", ".md"),
        (b"The General Assembly,", ".rtf", ".txt"),
    ],
)
def test_sniff(data: bytes, suffix: str, kind: str) -> None:
    assert sniff(data, suffix) == kind


def test_every_format_is_registered() -> None:
    assert {".txt", ".docx", ".pdf", ".html", ".htm", ".xhtml", ".xml", ".akn"} <= set(_LOADERS)


def _run(path: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "textdiff", "parse", str(path)], capture_output=True, timeout=120
    )


def _bomb() -> bytes:
    return minimal_docx(document_xml(paragraphs_xml(*RESOLUTION)), {"word/media/x.bin": bytes(40 << 20)})


def _not_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "x")
    return out.getvalue()[:60]


HOSTILE = {
    "bomb.docx": (_bomb, "would expand to"),
    "cut.docx": (_not_zip, "is not a valid .docx"),
    "laughs.xml": (
        lambda: b'<!DOCTYPE a [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><akomaNtoso>&b;</akomaNtoso>',
        "declares XML entities",
    ),
    "cut.pdf": (lambda: (FORMATS_DIR / "A-RES-74-29.pdf").read_bytes()[:3000], "is truncated"),
    "scripts.html": (
        lambda: b"<script>The General Assembly,</script><p>1. Decides.</p>",
        "no enacting formula",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_cli_reports_hostile_input_in_one_line(name: str, tmp_path: Path) -> None:
    make, expected = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    proc = _run(path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert str(path) in lines[0] and expected in lines[0]


@pytest.mark.parametrize("ext", ["docx", "pdf", "html", "xml"])
def test_cli_parses_every_format(ext: str) -> None:
    proc = _run(FORMATS_DIR / f"A-RES-74-29.{ext}")
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"op3" in proc.stdout.replace(b"OP3", b"op3")
