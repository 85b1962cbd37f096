"""Paths, the cross-format signature and builders of small hostile inputs shared by the loader tests."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import corpus
from corpus.layout import norm_space
from tests.conftest import DATA

FORMATS_DIR = DATA / "formats"
STRUCTURE = DATA / "structure"
NAMES = ["A-RES-70-237", "A-RES-73-27", "A-RES-74-29", "A-RES-75-240", "S-2018-257"]
EXTS = ["txt", "docx", "pdf", "html", "xml"]


def fixture_path(name: str, ext: str) -> Path:
    return STRUCTURE / f"{name}.txt" if ext == "txt" else FORMATS_DIR / f"{name}.{ext}"


def signature(doc: corpus.Document) -> list[tuple]:
    """What must be equal across formats: ids, kinds, numbers, leads, texts (whitespace normalised),
    sub-paragraph ids and texts, side headings."""
    return [
        (
            p.id,
            p.kind,
            p.number,
            p.lead,
            norm_space(p.text),
            tuple((s.id, s.label, norm_space(s.text)) for s in p.subparagraphs),
            p.heading,
        )
        for p in doc.paragraphs
    ]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )


def paragraphs_xml(*texts: str) -> str:
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in texts)


def minimal_docx(document: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx of one document part (and any extra members), as small as Word accepts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def forge_sizes(data: bytes, member: str, file_size: int) -> bytes:
    """The zip with ``member``'s uncompressed size in the central directory replaced by ``file_size``."""
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        name = bytes(buf[pos + 46 : pos + 46 + name_len]).decode()
        if name == member:
            struct.pack_into("<I", buf, pos + 24, file_size)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


def set_encrypted_flag(data: bytes) -> bytes:
    """The zip with the "encrypted" flag set on every central directory entry."""
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    while pos >= 0:
        flags = struct.unpack_from("<H", buf, pos + 8)[0]
        struct.pack_into("<H", buf, pos + 8, flags | 0x1)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


RESOLUTION = (
    "The General Assembly,",
    "Recalling its resolution 1/1,",
    "1. Decides to remain seized of the matter.",
)
