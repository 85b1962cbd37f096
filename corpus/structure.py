"""Structure parser: finds the documents in a stream of body lines, their header metadata, and their
preambular and operative paragraphs, sub-paragraphs, footnote markers, side headings and closing line.

Steps: split the stream at enacting formulas ("The General Assembly,") and committee-report headings
("Draft resolution II") → read each document's header (symbol, dates, session, agenda item, title) →
walk the body lines, starting a paragraph at a printed number, a preambular lead after a clause end, or a
side heading → join each paragraph's lines, repair split words, take footnote markers out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus.errors import ParseError
from corpus.layout import Line, norm_space
from corpus.leads import find_lead, starts_preambular
from corpus.model import (
    OPERATIVE,
    PREAMBULAR,
    Document,
    Footnote,
    FootnoteRef,
    Paragraph,
    Subparagraph,
    Unplaced,
)
from corpus.words import LazyForms, repair_words

__all__ = ["find_documents", "iso_date", "ordinal_number"]

_ORGANS = (
    r"General Assembly|Security Council|Economic and Social Council|Human Rights Council|Trusteeship Council"
)
_FORMULA = re.compile(rf"^(The ({_ORGANS})),(?:\s+(\S.*))?$")
_LABEL = re.compile(r"^(Draft (resolution|decision))(?:\s+([IVXLC]+|[A-Z]))?\s*$", re.I)
# Report paragraphs that close the recommended texts ("12. The First Committee recommends ...").
_REPORT_LINE = re.compile(
    r"^(?:\d+\.\s+)?(?:The )?[A-Z][\w ]*Committee (?:further )?recommends\b|^[IVX]+\.\s+[A-Z]"
)
_CLOSING = re.compile(
    r"^(\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting|"
    r"Adopted (?:by the Security Council )?at its \d+\w* meeting|"
    r"\d+(?:st|nd|rd|th) meeting)\b.*$",
    re.I,
)
_MONTHS = ("January February March April May June July August September October November December").split()
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b")
_OP_NUMBER = re.compile(r"^(\d{1,3})\.(?:\s+(\S.*))?$")
_SUB_LABEL = re.compile(r"^\(([a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)\s+(\S.*)$|^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$")
_HEADER_LINE = re.compile(
    r"^(United Nations|General Assembly|Security Council|Distr\.:.*|Original:.*|\w+(?:-\w+)? session.*|"
    r"(?:Provisional )?[Aa]genda items?\b.*|Resolution adopted by.*|Decision adopted by.*|"
    r"on \d{1,2} \w+ \d{4}|\[(?:on|without) (?:the )?(?:report|reference).*|\(A/[^)]*\)\]|"
    r"\d{1,2}/\d+\.?(?:\s.*)?|\d{1,2} \w+ \d{4}|Report of the .* Committee|Rapporteur:.*|\*.*\*|"
    r"[A-Z]/[\w./-]+(?:\s*\*)?|.*: (?:revised )?draft (?:resolution|decision))$"
)
_RESOLUTION_NUMBER = re.compile(r"^(\d{1,2}/\d+|S-\d+/\d+)\.(?:\s+(\S.*))?$")
_ORDINALS_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINALS_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]
_CARD_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_MAX_BODY_UNPLACED = 200


def ordinal_number(word: str) -> int | None:
    """The number of an English ordinal from 1 to 99.

    >>> ordinal_number("Seventy-seventh"), ordinal_number("twelfth"), ordinal_number("sixtieth")
    (77, 12, 60)
    """
    w = word.lower().replace(" ", "-")
    if w in _ORDINALS_UNITS:
        return _ORDINALS_UNITS.index(w) or None
    if w in _ORDINALS_TEENS:
        return 10 + _ORDINALS_TEENS.index(w)
    for t in range(2, 10):
        base = _TENS[t]
        if w == base + "ieth":
            return t * 10
        if w.startswith(base + "y-"):
            unit = w[len(base) + 2 :]
            if unit in _ORDINALS_UNITS:
                return t * 10 + _ORDINALS_UNITS.index(unit)
    return None


def iso_date(text: str) -> str | None:
    """The first "D Month YYYY" date in ``text`` as ISO, or None.

    >>> iso_date("Resolution adopted by the General Assembly on 31 December 2020")
    '2020-12-31'
    """
    m = _DATE.search(text)
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{_MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"


@dataclass
class _Segment:
    """The lines of one document: header lines before the formula, body lines after it."""

    label: str | None
    header: list[Line]
    formula: Line
    body: list[Line] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.header[0].number if self.header and self.label else self.formula.number


def find_documents(
    lines: list[Line],
    path: str,
    footnotes: list[tuple[int, str, str]] | None = None,
    dropped: list[tuple[int, str, str]] | None = None,
) -> list[Document]:
    """Split body lines into documents and parse each one.

    Raises:
        ParseError: when the text holds no enacting formula ("The General Assembly,").
    """
    segments = _segments(lines)
    if not segments:
        first = next((ln for ln in lines if ln.text.strip()), None)
        if first is None:
            raise ParseError("is empty: there is no text to read. To fix: check the file", path)
        raise ParseError(
            'has no enacting formula ("The General Assembly," or "The Security Council,") after which '
            "paragraphs start. Cause: this does not look like a UN resolution or draft. "
            "To fix: give the text "
            "of a resolution, a draft or a committee report",
            path,
            first.number,
        )
    report = _report_header(lines)
    docs = []
    for i, seg in enumerate(segments, start=1):
        start = seg.formula.number
        end = segments[i].start if i < len(segments) else 1 << 60
        notes = [Footnote(lab, txt) for line, lab, txt in (footnotes or []) if start <= line < end]
        docs.append(_parse_segment(seg, path, i, notes, report))
    return docs


def _report_header(lines: list[Line]) -> _Header | None:
    """The header of a committee report (symbol, issue date, session, item), or None for other texts."""
    head = [ln for ln in lines[:80]]
    if not any(re.match(r"^Report of the .*Committee", ln.text.strip()) for ln in head):
        return None
    cut = next((i for i, ln in enumerate(head) if re.match(r"^Report of the ", ln.text.strip())), len(head))
    return _parse_header(head[:cut], None, "General Assembly")


def _segments(lines: list[Line]) -> list[_Segment]:
    segments: list[_Segment] = []
    pending_header: list[Line] = []
    label: str | None = None
    current: _Segment | None = None
    for ln in lines:
        t = ln.text.strip()
        lab = _LABEL.match(t)
        if lab:
            if current is not None:
                segments.append(current)
                current = None
            label = norm_space(t)
            label = label[0].upper() + label[1:]
            pending_header = [ln]
            continue
        if _FORMULA.match(t) and (current is None or _formula_starts_new(current)):
            if current is not None:
                segments.append(current)
            current = _Segment(label=label, header=pending_header, formula=ln)
            pending_header = []
            label = None
            continue
        if current is not None and _REPORT_LINE.match(t):
            segments.append(current)
            current = None
            pending_header = [ln]
            continue
        if current is not None:
            current.body.append(ln)
        else:
            pending_header.append(ln)
    if current is not None:
        segments.append(current)
    return segments


def _formula_starts_new(current: _Segment) -> bool:
    # A second formula after a closing line or after numbered paragraphs starts another document; one right
    # after the first (a quoted formula) does not.
    return any(_CLOSING.match(ln.text.strip()) for ln in current.body) or any(
        _OP_NUMBER.match(ln.text.strip()) for ln in current.body
    )


@dataclass
class _Header:
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    issued: str | None = None
    organ: str | None = None
    kind: str | None = None
    session: str | None = None
    agenda_item: str | None = None


def _parse_header(lines: list[Line], label: str | None, organ: str) -> _Header:
    h = _Header(organ=organ)
    texts = [ln.text.strip() for ln in lines]
    joined = norm_space(" ".join(texts))
    first = next((t for t in texts if t), "")
    if re.match(r"^[A-Z]/[\w./-]+$", first) and "/" in first:
        h.symbol = first
    m = re.search(
        r"(?:Resolution|Decision) adopted by the (?:" + _ORGANS + r")(?: at its \w+ meeting,)? on "
        r"(\d{1,2} \w+ \d{4})",
        joined,
    )
    if m:
        h.date = iso_date(m.group(1))
        h.kind = "resolution" if joined[m.start() :].startswith("Resolution") else "decision"
    m = re.search(r"Distr\.: ?\w+ (\d{1,2} \w+ \d{4})", joined)
    if m:
        h.issued = iso_date(m.group(1))
    m = re.search(r"\b([A-Z][a-z]+(?:-[a-z]+)?) (?:special )?session\b", joined)
    if m and ordinal_number(m.group(1)):
        h.session = str(ordinal_number(m.group(1)))
    m = re.search(r"\b[Aa]genda items? (\d+(?: ?\([a-z]+\))?(?:(?:, | and )\d+(?: ?\([a-z]+\))?)*)", joined)
    if m:
        h.agenda_item = m.group(1)
    if label:
        h.kind = "draft decision" if "decision" in label.lower() else "draft resolution"
    elif h.symbol and "/L." in h.symbol:
        h.kind = "draft decision" if re.search(r"draft decision", joined, re.I) else "draft resolution"
    elif h.symbol and "/RES/" in h.symbol:
        h.kind = h.kind or "resolution"
    h.title = _title(texts)
    return h


def _title(texts: list[str]) -> str | None:
    """The title: the lines after the last header line, up to the formula."""
    last_header = -1
    inline: str | None = None
    for i, t in enumerate(texts):
        if not t:
            continue
        m = _RESOLUTION_NUMBER.match(t)
        if m:
            last_header = i
            inline = m.group(2)
            continue
        if _LABEL.match(t) or _HEADER_LINE.match(t) or _REPORT_LINE.match(t) or t.endswith(":"):
            last_header = i
            inline = None
    rest = [t for t in texts[last_header + 1 :] if t]
    if inline:
        rest.insert(0, inline)
    if not rest:
        return None
    title = norm_space(" ".join(rest))
    return repair_words(title) if len(title) < 400 else None


def _parse_segment(
    seg: _Segment, path: str, position: int, notes: list[Footnote], report: _Header | None
) -> Document:
    fm = _FORMULA.match(seg.formula.text.strip())
    assert fm is not None
    organ = fm.group(2)
    header = _parse_header(seg.header, seg.label, organ)
    label = seg.label
    if report is not None:
        # A text recommended in a committee report is a draft; it carries the report's date, session and item.
        m = re.search(r"following draft (resolution|decision)", " ".join(ln.text for ln in seg.header[-12:]))
        if not label and m:
            label = f"Draft {m.group(1)}"
        header.kind = "draft decision" if (label and "decision" in label.lower()) else "draft resolution"
        header.symbol = None
        header.issued = report.issued
        header.session = header.session or report.session
        header.agenda_item = header.agenda_item or report.agenda_item
    body = list(seg.body)
    inline_text = fm.group(3)
    if inline_text:
        body.insert(0, Line(seg.formula.number, inline_text))
    builder = _Builder(path=path, decision=bool(inline_text))
    builder.walk(body)
    paragraphs = builder.finish()
    kind = header.kind or ("draft decision" if inline_text else "resolution")
    if kind == "decision":
        kind = "decision"
    date = header.date if kind in ("resolution", "decision") else (header.issued or header.date)
    return Document(
        symbol=header.symbol,
        title=header.title,
        date=date,
        organ=organ,
        kind=kind,
        paragraphs=tuple(paragraphs),
        session=header.session,
        agenda_item=header.agenda_item,
        formula=fm.group(1) + ",",
        footnotes=tuple(notes),
        closing=builder.closing,
        label=label,
        source=path,
        position=position,
        unplaced=tuple(builder.unplaced),
    )


@dataclass
class _Draft:
    """A paragraph being collected."""

    kind: str
    number: int
    label: str | None  # printed label for decisions' lettered items
    lines: list[Line]
    heading: str | None = None


class _Builder:
    """Walks body lines and collects paragraphs (a small state machine)."""

    def __init__(self, path: str, decision: bool) -> None:
        self.path = path
        self.decision = decision
        self.drafts: list[_Draft] = []
        self.unplaced: list[Unplaced] = []
        self.closing: str | None = None
        self.pending_heading: str | None = None
        self.next_op: int | None = None
        self.after_closing = False

    def walk(self, body: list[Line]) -> None:
        prev_end = ","  # the formula ends with a comma
        blank_before = True
        items = [ln for ln in body]
        for idx, ln in enumerate(items):
            t = ln.text.strip()
            if not t:
                blank_before = True
                continue
            if self.after_closing:
                self._unplace(ln, "after the closing line")
                continue
            if _CLOSING.match(t):
                self.closing = t
                self._closing_date(items[idx + 1 :])
                self.after_closing = True
                continue
            started = self._start(ln, t, prev_end, blank_before, items[idx + 1 :])
            if started == "heading":
                # A side heading stands between paragraphs: what ends before it still ends a clause.
                continue
            if started:
                pass
            elif self.drafts:
                self.drafts[-1].lines.append(ln)
            else:
                self._unplace(ln, "before the first paragraph")
            prev_end = _clause_end(t)
            blank_before = False

    def _closing_date(self, rest: list[Line]) -> None:
        for ln in rest:
            t = ln.text.strip()
            if not t:
                continue
            if iso_date(t) and len(t) < 25:
                self.closing = f"{self.closing} {t}"
                self.after_closing_date = ln.number
            return

    def _unplace(self, ln: Line, why: str) -> None:
        t = ln.text.strip()
        if getattr(self, "after_closing_date", None) == ln.number:
            return
        self.unplaced.append(Unplaced(ln.number, t, why))

    def _start(self, ln: Line, t: str, prev_end: str, blank_before: bool, rest: list[Line]) -> bool | str:
        """Start a new paragraph at this line if it opens one: True when it did, "heading" for a heading."""
        m = _OP_NUMBER.match(t)
        if m and self._is_next_op(int(m.group(1)), prev_end, blank_before):
            n = int(m.group(1))
            text = m.group(2) or ""
            self.drafts.append(
                _Draft(OPERATIVE, n, None, [Line(ln.number, text)] if text else [], self._take_heading())
            )
            self.next_op = n + 1
            return True
        clause_end = prev_end in ",;:" or (blank_before and prev_end in ".”’)")
        if self.decision and not self.drafts:
            # "The General Assembly, recalling …": the rest of the formula line opens the text.
            kind = OPERATIVE if re.match(r"^(decides|takes note|requests|adopts)\b", t, re.I) else PREAMBULAR
            self.drafts.append(_Draft(kind, 1, None, [ln]))
            return True
        if self.decision:
            sm = re.match(r"^\(([a-z])\)\s+(\S.*)$", t)
            if sm and prev_end in ":;." and self._decision_item(sm.group(1)):
                self.drafts.append(
                    _Draft(OPERATIVE, len(self.drafts), sm.group(1), [Line(ln.number, sm.group(2))])
                )
                return True
        if self.next_op is None and clause_end and starts_preambular(t):
            self.drafts.append(_Draft(PREAMBULAR, 0, None, [ln], self._take_heading()))
            return True
        if clause_end and prev_end in ";:.," and self._is_heading(t, rest):
            self.pending_heading = t if self.pending_heading is None else f"{self.pending_heading} {t}"
            return "heading"
        return False

    def _decision_item(self, letter: str) -> bool:
        ops = [d for d in self.drafts if d.label]
        expected = chr(ord(ops[-1].label) + 1) if ops and ops[-1].label else "a"
        return letter == expected

    def _is_next_op(self, n: int, prev_end: str, blank_before: bool) -> bool:
        if self.next_op is None:
            # The first operative paragraph is numbered 1 (an extract may start at 2 or 3, after a
            # clause end).
            return n == 1 or (n <= 3 and (not self.drafts or prev_end in ",;:.”"))
        return n == self.next_op and (blank_before or prev_end in ";:.,”’)")

    def _take_heading(self) -> str | None:
        h, self.pending_heading = self.pending_heading, None
        return h

    def _is_heading(self, t: str, rest: list[Line]) -> bool:
        """A side heading (Security Council texts): a short title line followed by a new paragraph."""
        if len(t) > 80 or t[-1] in ",;:." or ";" in t or not t[0].isupper() or len(t.split()) > 10:
            return False
        if self.drafts and not self.drafts[-1].lines:
            return False  # right after a bare "1." the line is that paragraph's text
        if starts_preambular(t) or _OP_NUMBER.match(t) or _SUB_LABEL.match(t):
            return False
        nxt = next((ln.text.strip() for ln in rest if ln.text.strip()), "")
        m = _OP_NUMBER.match(nxt)
        expected = self.next_op if self.next_op is not None else 1
        return bool(m and int(m.group(1)) == expected) or (self.next_op is None and starts_preambular(nxt))

    def finish(self) -> list[Paragraph]:
        if self.pending_heading:
            self.unplaced.append(Unplaced(0, self.pending_heading, "heading with no paragraph after it"))
        joined = [(d, _join_lines(d.lines)) for d in self.drafts]
        attested = LazyForms(text for _, text in joined)
        out: list[Paragraph] = []
        pp = 0
        note_counter = _NoteCounter()
        for d, source in joined:
            if d.kind == PREAMBULAR:
                pp += 1
                pid, number = f"pp{pp}", pp
            elif d.label:
                pid, number = f"op_{d.label}", d.number
            else:
                pid, number = f"op{d.number}", d.number
            text, refs = note_counter.take_markers(repair_words(source, attested))
            if not text:
                self.unplaced.append(
                    Unplaced(d.lines[0].number if d.lines else 0, source, f"{pid} has no text")
                )
            lead = find_lead(text)
            subs = _subparagraphs(pid, text, number if d.kind == OPERATIVE else 0)
            out.append(
                Paragraph(
                    id=pid,
                    kind=d.kind,
                    number=number,
                    lead=lead,
                    text=text,
                    subparagraphs=subs,
                    footnote_refs=refs,
                    heading=d.heading,
                    source_text=source,
                    line=d.lines[0].number if d.lines else 0,
                )
            )
        return out


def _clause_end(t: str) -> str:
    """The last character of a line, looking through a trailing footnote marker ("assessments, 2")."""
    m = re.search(r"[,;:.”’)](?:\s*\d{1,2})+$", t)
    return m.group(0)[0] if m else t[-1]


def _join_lines(lines: list[Line]) -> str:
    parts: list[str] = []
    for ln in lines:
        t = norm_space(ln.text)
        if not t:
            continue
        if parts and parts[-1].endswith("-") and t[:1].islower() and not parts[-1].endswith(" -"):
            # A hyphen at a line end that belongs to the word ("nuclear-\nweapon-free").
            parts[-1] = parts[-1] + t
        else:
            parts.append(t)
    return " ".join(parts)


_SUB_START = re.compile(
    r"(?:(?<=[:;])|(?<=; and)|(?<=; or)|(?<=, and)|^)\s+(\(([a-z]{1,3}|[ivxlc]{1,6})\))\s+(?=\S)"
)


_DECIMAL_START = re.compile(r"(?:(?<=[:.;])|^)\s+((\d{1,3})\.(\d{1,2})\.?)\s+(?=\S)")


def _subparagraphs(pid: str, text: str, number: int = 0) -> tuple[Subparagraph, ...]:
    """Items "(a)", "(b)" … (and "(i)", "(ii)" …) after a colon or semicolon, in sequence; in operative
    paragraph N, items "N.1.", "N.2." … (ids ``op1_1.1``).

    >>> text = "Welcomes the rules: 1.1. States should act. 1.2. States must."
    >>> [s.id for s in _subparagraphs("op1", text, 1)]
    ['op1_1.1', 'op1_1.2']
    """
    decimals = _decimal_items(pid, text, number)
    if decimals:
        return decimals
    if "(" not in text:
        return ()
    starts = list(_SUB_START.finditer(text))
    found = [
        (m.start(1), m.end(0), m.group(2), suffix)
        for m, suffix in zip(starts, item_suffixes([m.group(2) for m in starts]), strict=True)
        if suffix is not None
    ]
    subs = []
    for i, (_, body_start, lab, suffix) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        subs.append(Subparagraph(id=f"{pid}_{suffix}", label=f"({lab})", text=text[body_start:end].strip()))
    return tuple(subs)


def item_suffixes(labels: Sequence[str]) -> list[str | None]:
    """The id suffixes of a paragraph's lettered and roman items, from their labels in order ("a", "(i)");
    None for a label out of sequence (a cross-reference such as "(c)" cited in the text, not an item).

    Roman items under a lettered item are its own: "op6_a_i", "op6_b_i", so that each id is unique. "(i)"
    after "(h)" is the letter i, unless "(ii)" follows it.

    >>> item_suffixes(["a", "i", "ii", "b", "i", "c"])
    ['a', 'a_i', 'a_ii', 'b', 'b_i', 'c']
    >>> item_suffixes([*"abcdefgh", "i", "ii", "i", "j"])[7:]
    ['h', 'h_i', 'h_ii', 'i', 'j']
    >>> item_suffixes([*"abcdefgh", "(i)", "(j)"])[7:]
    ['h', 'i', 'j']
    >>> item_suffixes(["i", "ii", "c", "iii"])
    ['i', 'ii', None, 'iii']
    """
    keys = [label.strip().strip("()") for label in labels]
    out: list[str | None] = []
    letter = None
    expected_letter, expected_roman = "a", 1
    for k, key in enumerate(keys):
        as_letter = key == expected_letter
        as_roman = _roman(key) == expected_roman
        if as_letter and as_roman:
            as_letter = _roman(keys[k + 1] if k + 1 < len(keys) else "") != expected_roman + 1
        if as_letter:
            letter, expected_letter, expected_roman = key, chr(ord(key) + 1), 1
            out.append(key)
        elif as_roman:
            expected_roman += 1
            out.append(f"{letter}_{key}" if letter else key)
        else:
            out.append(None)
    return out


def _decimal_items(pid: str, text: str, number: int) -> tuple[Subparagraph, ...]:
    if not number or f"{number}.1" not in text:
        return ()
    found: list[tuple[int, int, str, str]] = []
    expected = 1
    for m in _DECIMAL_START.finditer(text):
        if int(m.group(2)) == number and int(m.group(3)) == expected:
            found.append((m.start(1), m.end(0), f"{number}.{expected}", m.group(1)))
            expected += 1
    subs = []
    for i, (_, body_start, label, printed) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        subs.append(Subparagraph(id=f"{pid}_{label}", label=printed, text=text[body_start:end].strip()))
    return tuple(subs)


def _roman(s: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    if not s or any(c not in values for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = values[c]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


# Footnote markers: a small number standing alone after a word or clause mark, or glued to a clause mark,
# in sequence through the document ("in its 2015 report, 1 identified", "resolutions, 5 urges",
# "Development; 11", "Instrument),2 Recalling", "the 2010, 1 2013 2 and 2015 3 reports").
_SMALL_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_GLUED_AFTER = frozenset(",;:”’)")
_NOT_BEFORE_SPACED = frozenset("/.(-")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _marker_candidates(text: str) -> list[tuple[int, int, int]]:
    """Small numbers that stand where a footnote marker can: (start, end, number), the start including the
    space before a spaced marker. One cheap scan for 1–2-digit numbers, then the four shapes a marker takes:
    after a word or clause mark and a space; after a year and a space; glued to a clause mark; glued to a
    lower-case word ("Action1")."""
    out = []
    n = len(text)
    for m in _SMALL_NUMBER.finditer(text):
        s, e = m.start(), m.end()
        ends_word = e == n or text[e] == " "
        if s >= 2 and text[s - 1] == " ":
            c = text[s - 2]
            if not c.isspace() and not c.isdigit() and c not in _NOT_BEFORE_SPACED and ends_word:
                out.append((s - 1, e, int(m.group())))
            elif (
                s >= 5
                and text[s - 5 : s - 1].isdigit()
                and (
                    e == n
                    or text[e] in ",;."
                    or (e + 1 < n and text[e] == " " and (text[e + 1] in _LOWER or text[e + 1] in ",;."))
                )
            ):
                out.append((s - 1, e, int(m.group())))
        elif (
            s >= 1
            and ends_word
            and (text[s - 1] in _GLUED_AFTER or (s >= 3 and all(ch in _LOWER for ch in text[s - 3 : s])))
        ):
            out.append((s, e, int(m.group())))
    return out


_NUMBER_WORDS = re.compile(
    r"^(?:paragraphs?|paras?\.|items?|resolutions?|articles?|Articles?|from|to|and|or|of|annex|chapter|section|"
    r"sections?|rule|rules|principle|principles|Goal|Goals|goal|target|targets|vol\.|No\.|page|pages|part|"
    r"decision|phase|Protocol|Step|Action|Actions|Article|Chapter|Part|Annex|level|Level|Group|group|"
    r"Committee|Commission|session|meeting|Conference|Recommendation|recommendation|tranche|cluster|"
    r"Principle|Rule|Section|element|elements|Scenario|option|Option|Module|module|measure|measures|"
    r"stage|Stage|figure|table|Table|Figure|box|Box|than|by|under|over|about|some|least|nearly|almost|"
    r"approximately|only|first|last|within|every|per|around|all|on|at|in|the|its|their|these|those|a|an|for|"
    r"with|into|another|further|additional|other|S-|\u2013)$"
)
_AFTER_NUMBER = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"per|percent|%|years?|months?|days?|weeks?|hours?|meetings?|States|members|persons|people|times|"
    r"minutes|seats|votes|[A-Z]{2,}\b|[a-z]?[-–/.]\d)"
)


_YEAR_BEFORE = re.compile(r"\b(?:19|20)\d\d,? ?$")
_LIST_NUMBER = re.compile(r"(?:^|\s)\d{1,3},?$")


class _NoteCounter:
    """Takes footnote markers out of paragraph texts, keeping them in document order."""

    def __init__(self) -> None:
        self.expected = 1
        self.seen: set[int] = set()

    def take_markers(self, text: str) -> tuple[str, tuple[FootnoteRef, ...]]:
        refs: list[FootnoteRef] = []
        out: list[str] = []
        pos = 0
        removed = 0
        for start, end, n in _marker_candidates(text):
            # A footnote cited again keeps its number ("the 2010, 1 2013 2 and 2015 3 reports" twice).
            again = n in self.seen and _YEAR_BEFORE.search(text, 0, start) is not None
            if not (self.expected <= n <= self.expected + 2 or again):
                continue
            # Only the neighbourhood matters; slicing the whole text for each match would be quadratic.
            before = text[max(0, start - 60) : start]
            after = text[end : end + 40].lstrip()
            words_before = before.split()
            word_before = words_before[-1] if words_before else ""
            if word_before and _NUMBER_WORDS.search(word_before) and not before.endswith((",", ";")):
                continue
            if _AFTER_NUMBER.match(after):
                continue
            # "Goals 1, 2 and 3": a list of numbers, not markers.
            if _LIST_NUMBER.search(before.rstrip(",; ")):
                continue
            out.append(text[pos:start])
            pos = end
            refs.append(FootnoteRef(label=str(n), offset=start - removed))
            removed += end - start
            self.seen.add(n)
            self.expected = max(self.expected, n + 1)
        out.append(text[pos:])
        return "".join(out), tuple(refs)
