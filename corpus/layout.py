"""Layout repair for text as users have it: page furniture and footnote blocks of PDF extractions, and the
markup of markdown-like conversions, are taken out of the line stream before paragraphs are recognised.

Steps: mark furniture lines (job numbers, print dates, barcodes, page numbers, running symbols) → group them
into page breaks → extend each break back to a footnote separator and forward over the next page's running
header → read footnote texts out of the breaks → return the body lines with their original line numbers.
Every line taken out is accounted for: as furniture, as a footnote, or as an unplaced line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Layout", "Line", "is_furniture", "norm_space", "strip_layout", "strip_markdown"]


@dataclass(frozen=True)
class Line:
    """One line of input with its 1-based line number in the file."""

    number: int
    text: str


@dataclass
class Layout:
    """The body lines left after layout repair, and what was taken out."""

    lines: list[Line]
    footnotes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, label, text)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)


_JOB = re.compile(r"^\d{2}-\d{5}\s*(\(E\))?$")
_PRINT_DATE = re.compile(r"^\d{6}$")
_BARCODE = re.compile(r"^\*\d{7,}\*$")
_PAGE = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")
_SYMBOL = re.compile(
    r"^(?:A|S|E|A/C\.\d|A/HRC|E/CN\.\d+)/(?:RES/)?(?:[A-Z]+[-.]?)?\d+(?:/[A-Za-z0-9.]+)*(?:\s*\*)?$"
)
_SEPARATOR = re.compile(r"^_{5,}\s*$")
_LABEL_ONLY = re.compile(r"^\d{1,3}$")
_LABELLED = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_FORMULA_START = re.compile(r"^The (General Assembly|Security Council|Economic and Social Council),")
_RECYCLE = re.compile(r"^Please recycle\s*$")
_ANCHORS = (_JOB, _PRINT_DATE, _BARCODE, _PAGE, _RECYCLE)
# All furniture shapes in one pattern: every line of a document is tested against it.
_ANCHOR = re.compile("|".join(f"(?:{p.pattern})" for p in _ANCHORS))

# Lines a page break may hold besides furniture, counted to tell a break from a page of body text.
_MAX_GAP = 12


def norm_space(s: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) into single spaces.

    >>> norm_space(" a\\u00a0 b\\n c ")
    'a b c'
    """
    return " ".join(s.split())


def _letters(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.casefold())


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture wherever it stands: job number, print date, barcode, page
    number, "Please recycle", a document symbol, a footnote separator or a lone footnote label.

    >>> [is_furniture(t) for t in ["22-25299 (E)", "211122", "*2225299*", "3/7", "A/77/388", "Nepal,"]]
    [True, True, True, True, True, False]
    """
    t = line.strip()
    return _is_anchor(t) or _is_symbol(t) or bool(_SEPARATOR.match(t) or _LABEL_ONLY.match(t))


def _is_anchor(s: str) -> bool:
    return _ANCHOR.match(s) is not None


def _is_symbol(s: str) -> bool:
    return bool(_SYMBOL.match(s))


def strip_layout(lines: list[Line]) -> Layout:
    """Remove page furniture, running headers and footnote blocks from extracted text.

    >>> title = "Developments in the field"
    >>> raw = ["A/RES/75/240", "", title, "The General Assembly,", "Noting that progress", "",
    ...        "21-00006 (E)", "", "050121", "", "*2100006*", "", title, "", "A/RES/75/240", "",
    ...        "has been made,"]
    >>> [x.text for x in strip_layout([Line(i + 1, s) for i, s in enumerate(raw)]).lines if x.text][3:]
    ['Noting that progress', 'has been made,']
    """
    texts = [ln.text.strip() for ln in lines]
    n = len(texts)
    symbol = next((t for t in texts if t), "")
    own_symbol = symbol if _is_symbol(symbol) else None
    anchors = [i for i, t in enumerate(texts) if _is_anchor(t)]
    # Running headers repeat the title printed in the first page's header, above the enacting formula.
    first_break = anchors[0] if anchors else 0
    formula = next((i for i, t in enumerate(texts[:first_break]) if _FORMULA_START.match(t)), first_break)
    first_page = _letters(" ".join(texts[:formula]))
    out = Layout(lines=[])
    removed = [False] * n
    foot_lines: list[str] = []

    for start, end in _clusters(anchors, texts):
        # Back over blanks and furniture, and to a footnote separator above the break.
        s = start
        while s > 0 and (not texts[s - 1] or _is_anchor(texts[s - 1]) or texts[s - 1] == own_symbol):
            s -= 1
        sep = _separator_before(texts, s, removed)
        if sep is not None:
            s = sep
        else:
            # Some pages print their footnotes with no separator line: labels and footnote texts just
            # above the furniture.
            top = _unseparated_footnotes(texts, s, removed)
            if top is not None:
                s = sep = top
        # Forward over blanks, the next page's symbol and running-header blocks.
        e = _extend_over_header(texts, end, first_page)
        for i in range(s, e + 1):
            removed[i] = True
            t = texts[i]
            if not t:
                continue
            if _is_anchor(t) or t == own_symbol or _SEPARATOR.match(t):
                out.dropped.append((lines[i].number, t, "page furniture"))
            elif sep is not None and (i <= end or _looks_footnote(t)):
                foot_lines.append(t)
            else:
                out.dropped.append((lines[i].number, t, "running header"))
        out.footnotes.extend((lines[s].number, lab, txt) for lab, txt in _read_footnotes(foot_lines))
        foot_lines = []

    # A footnote block at the very end (last page) or one not followed by furniture.
    for i, t in enumerate(texts):
        if removed[i] or not _SEPARATOR.match(t):
            continue
        j = i + 1
        block: list[str] = []
        while j < n and not removed[j]:
            block.append(texts[j])
            j += 1
        if j == n or all(_looks_footnote(b) for b in block if b):
            for k in range(i, j):
                removed[k] = True
            out.dropped.append((lines[i].number, t, "page furniture"))
            out.footnotes.extend(
                (lines[i].number, lab, txt) for lab, txt in _read_footnotes([b for b in block if b])
            )

    out.lines = [ln for i, ln in enumerate(lines) if not removed[i]]
    # Trailing footnote labels or texts may be left as loose lines after the closing line; they stay in the
    # stream and the structure parser reports them as unplaced.
    return out


def _clusters(anchors: list[int], texts: list[str]) -> list[tuple[int, int]]:
    """Group furniture lines that belong to one page break."""
    groups: list[tuple[int, int]] = []
    for i in anchors:
        if groups:
            s, e = groups[-1]
            gap = [t for t in texts[e + 1 : i] if t]
            # After a footnote separator, whatever sits between two furniture lines is footnote text.
            in_notes = _separator_just_before(texts, s)
            if len(gap) <= _MAX_GAP and (in_notes or all(_gap_line(t) for t in gap)):
                groups[-1] = (s, i)
                continue
        groups.append((i, i))
    return groups


def _separator_just_before(texts: list[str], s: int) -> bool:
    """True when a footnote separator stands just above line ``s`` (footnote labels and blanks between)."""
    j = s - 1
    while j >= 0 and s - j <= 30:
        t = texts[j]
        if _SEPARATOR.match(t):
            return True
        if t and not _LABEL_ONLY.match(t) and not _looks_footnote(t):
            return False
        j -= 1
    return False


def _gap_line(t: str) -> bool:
    """A line that may sit between two furniture lines of one break (footnote text, labels, header)."""
    return not t.endswith((",", ";")) or _looks_footnote(t)


def _looks_footnote(t: str) -> bool:
    return bool(
        _LABEL_ONLY.match(t)
        or _is_symbol(t.rstrip("."))
        or re.match(
            r"^(\d{1,3}\s+)?(See|Ibid|United Nations,|Official Records|Resolution|For an account|A/|S/|CD/|"
            r"[A-Z]{2,}/)",
            t,
        )
    )


def _unseparated_footnotes(texts: list[str], s: int, removed: list[bool]) -> int | None:
    j = s - 1
    while j >= 0 and not texts[j]:
        j -= 1
    if j < 0 or not _LABEL_ONLY.match(texts[j]):
        return None
    top = None
    labels = 0
    while j >= 0 and not removed[j]:
        t = texts[j]
        if not t:
            j -= 1
            continue
        if _LABEL_ONLY.match(t):
            labels += 1
            top = j
        elif _looks_footnote(t):
            top = j
        elif j > 0 and _looks_footnote(texts[j - 1]) and not _LABEL_ONLY.match(texts[j - 1]):
            top = j - 1
            j -= 1
        else:
            break
        j -= 1
    return top if labels else None


def _separator_before(texts: list[str], s: int, removed: list[bool]) -> int | None:
    """The footnote separator that opens the footnote block ending at line ``s``, if any."""
    j = s - 1
    seen = 0
    while j >= 0 and not removed[j]:
        if _SEPARATOR.match(texts[j]):
            return j
        if texts[j]:
            seen += 1
            # Footnote blocks are short; a long run of text above is the page body.
            if seen > 40:
                return None
        j -= 1
    return None


def _extend_over_header(texts: list[str], end: int, first_page: str) -> int:
    """Extend a break over the next page's header: its symbol line and up to three short title blocks."""
    n = len(texts)
    i = end + 1
    last = end
    blocks = 0
    while i < n:
        if not texts[i]:
            i += 1
            continue
        if _is_anchor(texts[i]) or _is_symbol(texts[i]) or _LABEL_ONLY.match(texts[i]):
            last = i
            i += 1
            continue
        # A block of short lines without final punctuation, followed by a blank line, is a running header
        # (the document title repeated at the top of each page).
        j = i
        while j < n and texts[j]:
            j += 1
        block = texts[i:j]
        if (
            blocks < 3
            and j < n
            and not (blocks and block == texts[i - 1 : i])
            and len(block) <= 3
            and all(len(t) <= 100 and not t.endswith((";", ":", ".")) for t in block)
            and not block[-1].endswith(",")
            and not re.match(r"^(\d{1,3}\.|\([a-z]{1,4}\))(\s|$)", block[0])
            and len(_letters(" ".join(block))) >= 12
            and (_letters(" ".join(block)) in first_page or _next_nonblank_is_symbol(texts, j))
        ):
            last = j - 1
            blocks += 1
            i = j
            continue
        break
    return last


def _next_nonblank_is_symbol(texts: list[str], j: int) -> bool:
    while j < len(texts) and not texts[j]:
        j += 1
    return j < len(texts) and _is_symbol(texts[j])


def _read_footnotes(block: list[str]) -> list[tuple[str, str]]:
    """Pair footnote texts with their labels; PDF extraction often prints the labels apart from the texts."""
    texts: list[tuple[str | None, str]] = []
    loose: list[str] = []
    for t in block:
        if _LABEL_ONLY.match(t):
            loose.append(t)
            continue
        m = _LABELLED.match(t)
        if m and not re.match(
            r"^\d{1,3}\s+(December|January|February|March|April|May|June|July|August|"
            r"September|October|November)\b",
            t,
        ):
            texts.append((m.group(1), m.group(2)))
        elif texts and texts[-1][1] and not texts[-1][1].endswith(".") and t[:1].islower():
            label, prev = texts[-1]
            texts[-1] = (label, prev + " " + t)
        else:
            texts.append((None, t))
    # Merge continuation lines: an unlabelled text after one that does not end a sentence.
    merged: list[tuple[str | None, str]] = []
    for label, t in texts:
        if merged and label is None and not merged[-1][1].rstrip().endswith((".", ")")):
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + t)
        else:
            merged.append((label, t))
    loose_iter = iter(sorted(loose, key=int))
    result = []
    for label, t in merged:
        if label is None:
            label = next(loose_iter, "?")
        result.append((label, norm_space(t)))
    return result


# Markdown-like conversions (the seed): italics around operative verbs, links, bold headings, superscripts.
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_LINK = re.compile(r"\[([^\]]*)\]\((?:#[^)]*|[^)\s]*)\)")
_EMPH = re.compile(r"(\*\*|\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def strip_markdown(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str, str]]]:
    """Remove markdown markup; footnote lines ("¹ A/77/275.") become footnotes, superscript markers become
    plain numbers set apart by spaces, as in PDF extractions (the structure parser takes them out).

    >>> ls, notes = strip_markdown([Line(1, "1. *Welcomes* the report,¹"), Line(2, "¹ [A/77/275](#).")])
    >>> ls[0].text, notes
    ('1. Welcomes the report, 1', [(2, '1', 'A/77/275.')])
    """
    out: list[Line] = []
    notes: list[tuple[int, str, str]] = []
    for ln in lines:
        t = _LINK.sub(r"\1", ln.text)
        t = _MD_ESCAPE.sub(r"\1", t)
        t = _EMPH.sub(r"\2", t)
        m = re.match(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(\S.*)$", t)
        if m:
            notes.append((ln.number, m.group(1).translate(_SUPERSCRIPTS), norm_space(m.group(2))))
            out.append(Line(ln.number, ""))
            continue
        t = _SUP_RUN.sub(lambda mm: " " + mm.group(0).translate(_SUPERSCRIPTS) + " ", t)
        t = re.sub(r"^#{1,6}\s+", "", t)
        # Emphasis that spans lines leaves its markers at a line's ends.
        t = re.sub(r"^(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)$", "", t)
        out.append(Line(ln.number, t.rstrip()))
    return out, notes
