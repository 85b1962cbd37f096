"""Fuzzing every loader (about 4,800 inputs): random bytes, byte mutations of the real fixtures and
mutations inside a .docx's parts never raise anything but a `TextdiffError` (which the CLI reports in one
line, exit 2)."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.errors import TextdiffError
from corpus.loaders import load_bytes
from tests.loaders.helpers import EXTS, fixture_path

SEED_NAME = "A-RES-74-29"
MAGIC = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"<?xml version='1.0'?><akomaNtoso>",
    b"<!DOCTYPE html><html>",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
TOKENS = [
    b"<",
    b">",
    b"</p>",
    b"<p>",
    b"&",
    b";",
    b"%%EOF",
    b"obj",
    b"endobj",
    b"stream",
    b"\x00",
    b"\xff",
    b"1. ",
    b"(a) ",
    b"The General Assembly,",
    b"<w:p>",
    b"<!ENTITY",
    b"\n\n",
]


def _load(data: bytes, ext: str) -> None:
    try:
        load_bytes(data, f"x.{ext}")
    except TextdiffError:
        pass


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ext=st.sampled_from(EXTS), head=st.sampled_from(MAGIC), body=st.binary(max_size=400))
def test_random_bytes(ext: str, head: bytes, body: bytes) -> None:
    _load(head + body, ext)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ext=st.sampled_from(EXTS), parts=st.lists(st.sampled_from(TOKENS) | st.binary(max_size=12), max_size=40)
)
def test_token_soup(ext: str, parts: list[bytes]) -> None:
    _load(b"".join(parts), ext)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        i = rng.randrange(len(b)) if b else 0
        if op < 0.4 and b:
            b[i] = rng.randrange(256)
        elif op < 0.55:
            b[i:i] = rng.choice(TOKENS)
        elif op < 0.75 and b:
            del b[i : i + rng.randint(1, 64)]
        elif op < 0.85:
            del b[i:]
        else:
            j = rng.randrange(len(b)) if b else 0
            b[i:i] = b[j : j + rng.randint(1, 200)]
    return bytes(b)


@pytest.mark.parametrize("ext", EXTS)
def test_byte_mutations_of_real_fixtures(ext: str) -> None:
    rng = random.Random(f"mutations-{ext}")
    data = fixture_path(SEED_NAME, ext).read_bytes()
    for _ in range(600):
        _load(_mutate(rng, data), ext)


def _repack(data: bytes, member: str, rng: random.Random) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, _mutate(rng, content) if info.filename == member else content)
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["A-RES-70-237", "A-RES-73-27"])
def test_mutations_inside_docx_parts(name: str) -> None:
    rng = random.Random(f"docx-{name}")
    data = fixture_path(name, "docx").read_bytes()
    for _ in range(150):
        member = rng.choice(["word/document.xml", "word/numbering.xml", "word/styles.xml"])
        _load(_repack(data, member, rng), "docx")
